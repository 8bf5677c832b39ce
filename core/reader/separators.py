"""Finding how a text file separates its values, and where its column names are."""

import csv
import io
import re
from itertools import islice

from .words import DataProblem, two_columns

SEPARATORS = ("\t", ";", "|", ",")  # on a tie, the one less likely to appear inside a value wins
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe (|)"}
MAX_TITLE_ROWS = 10

_SNIFF_CHARS = 1 << 20
_SNIFF_ROWS = 100
_NUMBER = re.compile(r"[+-]?[\d.,\s]*\d[\d.,\s]*%?")


def excel_separator_line(text):
    """Excel may start a file with a line like "sep=;": drop it and return the separator it names."""
    match = re.match(r"\s*sep=([,;\t|])[ \t]*\r?\n", text)
    if match is None:
        return text, None
    return text[match.end() :], match.group(1)


def drop_trailing_empty_cells(text, separator):
    """``text`` without the empty cells rows end with beyond the table's last column.

    Excel pads rows out to the last column that was ever formatted (thousands of empty cells a
    row). Each line keeps its trailing separators only as far as the furthest-reaching line's
    values (counted in separators, so a quoted separator only keeps an empty cell more); lines
    inside a quoted cell that spans lines are left as they are.
    """
    if not (separator + "\n" in text or separator + "\r\n" in text or text.rstrip("\r\n").endswith(separator)):
        return text
    lines = text.split("\n")
    strip = separator + " \t\r"
    reach, ends = 0, []
    for line in lines:
        end = len(line.rstrip(strip))
        ends.append(end)
        if line.count('"') % 2 == 0:
            reach = max(reach, line.count(separator, 0, end))
    for i, line in enumerate(lines):
        end = ends[i]
        if end == len(line.rstrip("\r")) or line.count('"') % 2:
            continue
        keep = min(line.count(separator, end), reach - line.count(separator, 0, end))
        lines[i] = line[:end] + separator * max(keep, 0) + ("\r" if line.endswith("\r") else "")
    return "\n".join(lines)


def sample_rows(text, separator):
    """The first rows of ``text`` split on ``separator``, blank rows left out."""
    sample = text[:_SNIFF_CHARS]
    truncated = len(text) > len(sample)
    if truncated and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    rows = []
    try:
        for row in islice(csv.reader(io.StringIO(sample), delimiter=separator), _SNIFF_ROWS + 1):
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error:  # e.g. a cell longer than the csv module's limit: judge by the rows before it
        truncated = True
    if truncated and len(rows) <= _SNIFF_ROWS:
        rows = rows[:-1] or rows
    return rows[:_SNIFF_ROWS]


def sniff_separator(text, comments=False):
    """The separator that splits the rows below any title lines most consistently into the header's columns.

    ``comments`` says the file should hold comments (the message then names their columns, not x and y).
    """
    best, best_score = None, None
    for rank, separator in enumerate(SEPARATORS):
        rows = sample_rows(text, separator)
        titles = count_title_rows(rows)
        rows = rows[titles:]
        if not rows or len(rows[0]) < 2:
            continue
        score = (*_consistency(rows), -titles, len(rows[0]), -rank)
        if best_score is None or score > best_score:
            best, best_score = separator, score
    if best is None:
        raise DataProblem(
            f"Only one column was found. The file needs at least two columns ({two_columns(comments)}), "
            "separated by commas, semicolons, tabs or | on every line. Check that it was saved as CSV."
        )
    return best


def _consistency(rows):
    """Shares of data rows that fit the header's width (shorter or empty extras allowed), and that match it."""
    width, data = len(rows[0]), rows[1:]
    if not data:
        return 1.0, 1.0
    fits = sum(len(row) <= width or not any(cell.strip() for cell in row[width:]) for row in data)
    exact = sum(len(row) == width for row in data)
    return fits / len(data), exact / len(data)


def count_title_rows(rows):
    """How many leading rows are title lines above the column names (0 when there are none).

    A title line fills at most half as many cells as the rows below it (a report's name and
    its period above four columns); the row below the title lines must hold some text, as
    column names do.
    """
    filled = [sum(bool(str(cell).strip()) for cell in row) for row in rows]
    for start in range(min(MAX_TITLE_ROWS, len(rows) - 1) + 1):
        below = sorted(filled[start + 1 : start + 21])
        typical = below[len(below) // 2] if below else 0
        if typical < 2 or 2 * filled[start] > typical:
            if start and all(_NUMBER.fullmatch(str(cell).strip() or "0") for cell in rows[start]):
                return 0  # the "header" below would be data: these were not titles
            return start
    return 0


def split_header(text, separator, skip=0):
    """The cells of the first non-blank record after ``skip`` non-blank ones, its text, and the text after it.

    The csv module reads the records, so quoted line breaks inside names are respected.
    """
    text = re.sub(r"\A(?:[ \t]*\r?\n)+", "", text)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    start, skipped = 0, 0
    try:
        header = next(reader)
        while skipped < skip or not any(cell.strip() for cell in header):
            skipped += any(cell.strip() for cell in header)
            start = _line_end(text, reader.line_num)
            header = next(reader)
    except csv.Error:
        raise_unclosed_quote()
    except StopIteration:
        return [], text, ""
    end = _line_end(text, reader.line_num)
    if end >= len(text):
        return header, text[start:], ""
    return header, text[start : end - 1], text[end:]


def _line_end(text, line_num):
    """The position just after the ``line_num``-th line break (len(text) + 1 when there are fewer)."""
    end = -1
    for _ in range(line_num):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text) + 1
    return end + 1


def raise_unclosed_quote():
    raise DataProblem(
        'The file could not be split into rows and columns, probably because a quote mark (") '
        "is opened and never closed. Check the file in a text editor or export it again as CSV, "
        "then upload it again."
    )
