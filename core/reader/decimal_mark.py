"""Deciding whether a file writes numbers with a decimal comma or a decimal point."""

import re

from .numbers import CURRENCY_WORD

_EVIDENCE_CELLS = 20_000
_EVIDENCE = {
    ",": re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+,\d+|\d*,\d{1,2}|\d*,\d{4,}|0,\d+|\d{1,3}(?:\.\d{3}){2,})"),
    ".": re.compile(
        r"[+-]?(?:\d{1,3}(?:,\d{3})+\.\d+|\d*\.\d{1,2}|\d*\.\d{4,}|0\.\d+|\d{1,3}(?:,\d{3}){2,}"
        r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?)"  # Indian grouping: 1,23,456.78
    ),
}
_AMBIGUOUS = {",": re.compile(r"[+-]?[1-9]\d{0,2},\d{3}"), ".": re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")}
_NOT_IN_EVIDENCE = re.compile(rf"{CURRENCY_WORD}|[\s$€£¥₹₩₽₺₪¢%()]")


def decimal_mark(data_rows, separator):
    """Decide whether numbers use a decimal comma or point, from the first rows' cells.

    Unambiguous cells ("1,5", "1.200,50", "0.25") decide; when only ambiguous ones
    like "1,200" appear, semicolon files are read with decimal commas, others with points.
    Returns the mark, whether cells with a decimal comma were seen, and notes.
    """
    cells = [cell for row in data_rows for cell in row][:_EVIDENCE_CELLS]
    cells = [_NOT_IN_EVIDENCE.sub("", cell) for cell in cells]
    votes = {mark: sum(bool(pattern.fullmatch(cell)) for cell in cells) for mark, pattern in _EVIDENCE.items()}
    if votes[","] != votes["."]:
        decimal = "," if votes[","] > votes["."] else "."
        return decimal, decimal == "," and votes[","] > 0, []
    decimal = "," if separator == ";" else "."
    notes = []
    ambiguous = any(_AMBIGUOUS[decimal].fullmatch(cell) for cell in cells)
    if ambiguous:
        if decimal == ",":
            notes.append(
                "Numbers like 1,200 could mean 1.2 or 1200; they were read as 1.2 (decimal comma), "
                "as is usual in semicolon-separated files."
            )
        else:
            notes.append("Numbers like 1.200 could mean 1.2 or 1200; they were read as 1.2 (decimal point).")
    return decimal, decimal == "," and ambiguous, notes
