"""Reading a reader's own spreadsheet into one x column and one y column.

People upload whatever their spreadsheet wrote: CSV with commas or semicolons, decimal
commas, thousands separators, currency and percent signs, accounting brackets, UTF-16 from
Excel, Windows-1252 or Windows-1250 from older programs, rows padded with empty cells, title
lines above the column names, total rows, dates in every local style, and Excel or
OpenDocument workbooks. :func:`read_table` turns the uploaded bytes into a :class:`Table`
(numbers, dates and text, plus plain notes on how the file was read); :func:`extract_xy`
turns two chosen columns (and optionally one series of a long-format file) into the float
arrays the fitting code needs, counting the rows it had to leave out and why.
``read_table(..., comments=True)`` reads a file of comments (a review export: text, a star rating or
a label, anything else) for the Sorting-feedback page: the same limits, decoding and parsing, but no
row is taken for a total line ("Total waste of money" is a comment), no series are looked for, and no
two columns of numbers are required.

Only pandas, openpyxl and odfpy parse the contents: nothing is evaluated or unpickled, and
limits on lines, columns and cells are checked on the raw bytes first. Every problem a reader
can fix raises :class:`DataProblem`, whose message says what is wrong and what to do without
repeating the file's own text, so it can be shown as it is. Notes do name columns (the
reader's own words): show them as plain text, not as markdown.

The modules, in the order a file meets them: ``limits`` (sizes checked on the raw bytes),
``decoding`` (file kind and text encoding; ``legacy`` picks an 8-bit code page), ``workbook``
(sheets of .xlsx and .ods), ``separators`` (separator, empty cells padding the rows, title
lines and the header row), ``decimal_mark``, ``body`` (rows below the header, total rows),
``names`` (column names), ``numbers``, ``dates``, ``columns`` (typing each column, missing
text, series), ``table`` (the result), ``choose`` (x, y and a series), ``words`` (problems
and plain English).
"""

import numpy as np
import pandas as pd

from .body import drop_empty_rows, drop_empty_unnamed, drop_total_rows, parse_body
from .choose import default_columns, default_series, dropped_sentence, extract_xy
from .columns import build_table, convert_columns, format_notes
from .dates import DATE_FORMATS, DATE_SHARE
from .decimal_mark import decimal_mark
from .decoding import check_not_empty, check_text, decode, file_kind, unify_line_ends
from .limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_LINE_BYTES,
    MAX_ODS_CELLS,
    MAX_UPLOAD_BYTES,
    MAX_WORKBOOK_CELLS,
    MAX_WORKBOOK_XML_BYTES,
    MIN_ROWS,
    check_size,
    check_text_shape,
)
from .names import MAX_NAME_CHARS, column_names
from .numbers import MISSING_WORDS, NUMERIC_SHARE, numbers_from_text
from .separators import (
    SEPARATORS,
    count_title_rows,
    drop_trailing_empty_cells,
    excel_separator_line,
    sample_rows,
    sniff_separator,
    split_header,
)
from .table import XY, Table, check_row_count, check_usable
from .words import DataProblem, two_columns


def read_table(data: bytes, name: str = "", sheet: str | None = None, *, comments: bool = False) -> Table:
    """Read an uploaded text file (.csv/.tsv/.txt) or workbook (.xlsx/.ods) into a :class:`Table`.

    Parameters
    ----------
    data : bytes
        The file's contents.
    name : str, optional
        The file's name; not used to decide anything (the contents decide), kept for callers.
    sheet : str, optional
        For a workbook, the sheet to read; by default the first sheet that holds anything.
    comments : bool, optional
        Read a file of comments: keep every row (no total lines), look for no series, and do not
        require two columns of numbers (see the module's docstring).

    Raises
    ------
    DataProblem
        If the file is too large, empty, not text or a workbook, beyond the limits on lines,
        columns or cells, has one column, fewer than ``MIN_ROWS`` rows, or no two columns
        that can be plotted against each other.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be the file's bytes, got {type(data).__name__}.")
    check_size(len(data))
    data = bytes(data)
    check_not_empty(data)
    kind = file_kind(data)
    if kind == "xls":
        raise DataProblem(
            "This is an old-style Excel spreadsheet workbook (.xls), which cannot be read here. "
            "Open it in your spreadsheet program, save it as .xlsx or CSV, and upload that file."
        )
    if kind == "zip":
        return _read_workbook(data, sheet, comments)
    return _read_text(data, comments)


def _read_text(data, comments=False):
    check_text_shape(data)
    text, notes = decode(data)
    check_text(text)
    text = unify_line_ends(text)
    text, separator = excel_separator_line(text)
    separator = separator or sniff_separator(text, comments)
    text = drop_trailing_empty_cells(text, separator)
    rows = sample_rows(text, separator)
    titles = count_title_rows(rows)
    decimal, comma_numbers, decimal_notes = decimal_mark(rows[titles + 1 :], separator)
    header, header_text, body = split_header(text, separator, titles)
    has_header = not _all_numbers(header, decimal)
    if not has_header:
        header_text, body, header = None, header_text + "\n" + body, [""] * len(header)
    raw, row_notes = parse_body(body, separator, decimal, len(header), header_text)
    return _finish(
        raw,
        header,
        has_header,
        decimal,
        notes=notes + _title_notes(titles),
        later_notes=decimal_notes,
        row_notes=row_notes,
        separator=separator,
        comma_numbers=comma_numbers,
        comments=comments,
    )


def _read_workbook(data, sheet, comments=False):
    from .workbook import read_sheet  # openpyxl and odfpy load only when a workbook arrives

    rows, sheets, chosen = read_sheet(data, sheet)
    if not rows:
        raise DataProblem(
            "This sheet of the workbook is empty. Pick another sheet, or save the sheet that holds your "
            "data as CSV and upload that file."
        )
    titles = count_title_rows(rows[:100])
    header, body_rows = rows[titles], rows[titles + 1 :]
    width = max(len(header), max((len(row) for row in body_rows), default=0))
    if width < 2:
        raise DataProblem(
            f"Only one column was found on this sheet. Two columns are needed ({two_columns(comments)}); "
            "pick another sheet, or add the second column and upload the file again."
        )
    header = header + [""] * (width - len(header))
    has_header = not _all_numbers(header, ".")
    if not has_header:
        body_rows, header = rows[titles:], [""] * width
    raw = pd.DataFrame([row + [""] * (width - len(row)) for row in body_rows], columns=range(width), dtype=object)
    notes = (
        [f'The workbook has {len(sheets)} sheets; this is "{chosen}" (another can be picked below).']
        if len(sheets) > 1
        else []
    )
    return _finish(
        raw,
        header,
        has_header,
        ".",
        notes=notes + _title_notes(titles),
        sheets=sheets,
        sheet=chosen,
        comments=comments,
    )


def _finish(
    raw,
    header,
    has_header,
    decimal,
    notes,
    later_notes=(),
    row_notes=(),
    separator=None,
    comma_numbers=False,
    sheets=(),
    sheet=None,
    comments=False,
):
    """From the parsed rows to a checked :class:`Table`: the steps text files and workbooks share."""
    header = list(header) + [""] * (raw.shape[1] - len(header))  # a row wider than the header, read as it is
    raw, header = drop_empty_unnamed(raw, header)
    raw = drop_empty_rows(raw)
    raw, total_notes = drop_total_rows(raw) if not comments else (raw, [])
    check_row_count(len(raw))
    names, name_notes = column_names(header, has_header)
    columns, column_notes = convert_columns(raw, names, decimal)
    table = build_table(
        columns,
        notes
        + format_notes(separator, decimal, comma_numbers, columns)
        + list(later_notes)
        + name_notes
        + list(row_notes)
        + total_notes
        + column_notes,
        len(raw),
        sheets=sheets,
        sheet=sheet,
        find_series=not comments,
    )
    if not comments:
        check_usable(table)
    return table


def _title_notes(titles):
    if not titles:
        return []
    lines = "line" if titles == 1 else f"{titles} lines"
    return [
        f"The first {lines} above the column names looked like a title and {'was' if titles == 1 else 'were'} left out."
    ]


def _all_numbers(cells, decimal):
    """True when every cell of a header row is a number: then the file has no header."""
    values, missing = numbers_from_text(pd.Series(cells, dtype=object), decimal)[:2]
    return not missing.any() and bool(np.isfinite(values).all())
