"""Reading one sheet of an Excel (.xlsx) or OpenDocument (.ods) workbook as rows of text cells.

Only stored values are read: formulas are not evaluated (a formula cell gives the value the
spreadsheet program saved with it), macros and external links are ignored. Before anything
is parsed, the zip directory's uncompressed sizes are checked (a zip bomb declares them, and
Python's zip reader never returns more than declared), and the cells are counted as they stream.
"""

import datetime
import io
import zipfile
from itertools import islice
from xml.etree.ElementTree import iterparse

import openpyxl
import pandas as pd

from .limits import MAX_ODS_CELLS, MAX_WORKBOOK_CELLS, MAX_WORKBOOK_XML_BYTES, check_cells
from .words import DataProblem

_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_LOOK_ROWS = 50


def read_sheet(data, sheet=None):
    """The rows of one sheet as lists of str ("" for an empty cell), every sheet's name, and the sheet read.

    Parameters
    ----------
    data : bytes
        A zip file: an .xlsx or .ods workbook.
    sheet : str, optional
        The sheet to read; by default the first sheet that holds anything.

    Raises
    ------
    DataProblem
        If the zip is damaged or not a workbook, too large once unzipped, holds too many
        cells, or ``sheet`` is not one of its sheets.
    """
    try:
        return _read_sheet(data, sheet)
    except DataProblem:
        raise
    except Exception:  # zipfile, the XML parsers, openpyxl and odfpy raise many kinds of errors on damaged files
        _raise_damaged()


def _read_sheet(data, sheet):
    archive = zipfile.ZipFile(io.BytesIO(data))
    with archive:
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_WORKBOOK_XML_BYTES:
            raise DataProblem(
                f"This workbook unpacks to {unzipped / 2**20:,.0f} MB; at most {MAX_WORKBOOK_XML_BYTES // 2**20} MB "
                "can be read. Save only the sheet you need, or save it as CSV, and upload that file."
            )
        if "xl/workbook.xml" in names:
            return _read_xlsx(data, sheet)
        if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
            _check_ods_cells(archive)
            return _read_ods(data, sheet)
    raise DataProblem(
        "This is a zip archive, not a spreadsheet workbook or a CSV text file. If it holds your data, "
        "open it in your spreadsheet program, save it as .xlsx or CSV, and upload that file."
    )


def _raise_damaged():
    raise DataProblem(
        "This spreadsheet workbook could not be opened; it may be damaged or protected with a password. "
        "Open it in your spreadsheet program, save it again as .xlsx or CSV, and upload that file."
    )


def _pick_sheet(sheets, sheet, filled):
    """``sheet`` if given, else the first sheet ``filled(name)`` says holds anything (else the first)."""
    if sheet is not None:
        if sheet not in sheets:
            raise DataProblem("The chosen sheet is not in this workbook (was another file uploaded?). Pick it again.")
        return sheet
    return next((name for name in sheets if filled(name)), sheets[0])


def _read_xlsx(data, sheet):
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        sheets = list(book.sheetnames)
        if not sheets:
            _raise_damaged()
        chosen = _pick_sheet(sheets, sheet, lambda name: _has_values(book[name]))
        worksheet = book[chosen]
        rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
        if rows * min(columns, 2) > MAX_WORKBOOK_CELLS:  # too many rows for even two columns
            check_cells(rows * columns, MAX_WORKBOOK_CELLS, workbook=True)
        if rows * columns > MAX_WORKBOOK_CELLS:
            # The stored used range reaches the last formatted cell (one cell formatted at column XFD makes
            # it 16,384 columns wide): forget it and count the cells the rows really hold as they stream.
            worksheet.reset_dimensions()
        rows, n_cells = [], 0
        for row in worksheet.iter_rows(values_only=True):
            n_cells += len(row)
            check_cells(n_cells, MAX_WORKBOOK_CELLS, workbook=True)
            rows.append([_text(value) for value in row])
    finally:
        book.close()
    return _trimmed(rows), sheets, chosen


def _has_values(worksheet):
    """Whether the first rows of a sheet hold any value."""
    rows = islice(worksheet.iter_rows(values_only=True), _LOOK_ROWS)
    return any(value is not None for row in rows for value in row)


def _check_ods_cells(archive):
    """Count an OpenDocument sheet's cells, repeats included, before the whole document is loaded.

    A few bytes of XML can repeat one filled cell across millions of rows and columns; the
    bound is (rows up to the last filled one) × (widest row up to its last filled cell).
    """
    rows = width = pending_rows = 0
    row_width = row_filled_width = 0
    with archive.open("content.xml") as content:
        for event, element in iterparse(content, events=("start", "end")):
            if element.tag == f"{_TABLE}table-row":
                if event == "start":
                    row_width = row_filled_width = 0
                    continue
                repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                if row_filled_width:
                    rows += pending_rows + repeat
                    pending_rows = 0
                    width = max(width, row_filled_width)
                else:
                    pending_rows += repeat
                element.clear()
            elif event == "end" and element.tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                row_width += int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                if element.get(f"{_OFFICE}value-type") or len(element):
                    row_filled_width = row_width
                element.clear()
            elif event == "end" and element.tag == f"{_TABLE}table":
                pending_rows = 0
                element.clear()
            check_cells(rows * width, MAX_ODS_CELLS, workbook=True)


def _read_ods(data, sheet):
    book = pd.ExcelFile(io.BytesIO(data), engine="odf")
    sheets = list(book.sheet_names)
    frames = {}

    def filled(name):
        frames[name] = pd.read_excel(book, sheet_name=name, header=None, dtype=object)
        return not frames[name].empty

    chosen = _pick_sheet(sheets, sheet, filled)
    frame = frames.get(chosen)
    if frame is None:
        frame = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    rows = [[_text(value) for value in row] for row in frame.itertuples(index=False)]
    return _trimmed(rows), sheets, chosen


def _text(value):
    """A cell's stored value as the text the table reader expects (numbers exactly, dates as ISO)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.timedelta):
        seconds = value.total_seconds()
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        return f"{sign}{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{seconds % 60:06.3f}".rstrip("0").rstrip(
            "."
        )
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat()
    return str(value)


def _trimmed(rows):
    """Rows without the empty cells after each row's last value, and without empty rows at the end."""
    trimmed = []
    for row in rows:
        end = len(row)
        while end and not row[end - 1].strip():
            end -= 1
        trimmed.append(row[:end])
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed
