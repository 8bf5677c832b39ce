"""Limits on what an upload may hold, checked on the raw bytes before anything is parsed.

A file with a line of millions of characters, or millions of columns, would make the
parser build a header of millions of names and hold the server for minutes; these checks
scan the bytes with numpy in a fraction of a second and refuse such files in plain words.
"""

import numpy as np

from .words import DataProblem

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # matches server.maxUploadSize = 50 in .streamlit/config.toml
MIN_ROWS = 5
MAX_LINE_BYTES = 2 * 1024 * 1024  # far above any table's row (5,000 columns of 20 characters is 100 kB)
MAX_COLUMNS = 10_000
MAX_CELLS = 20_000_000  # rows × columns of a text file
# Workbooks are parsed cell by cell in Python, far slower than text: measured here (a shared 2-core
# machine) about 50 µs a cell for .xlsx (openpyxl) and 250 µs for .ods (odfpy, which also holds the
# whole document in memory), holding the interpreter lock all the while, so every other reader waits.
# The limits keep the worst file to about 4-5 seconds (200,000 .xlsx cells measured at 4.0 s); the
# message points bigger data to CSV, which has room for far more.
MAX_WORKBOOK_CELLS = 200_000
MAX_ODS_CELLS = 20_000
MAX_WORKBOOK_XML_BYTES = 30 * 1024 * 1024  # a workbook's parts once unzipped

_SCAN_CHUNK = 1 << 22
_HEAD_LINES = 100
_SEPARATOR_BYTES = (b",", b";", b"\t", b"|")


def check_size(n_bytes):
    """Refuse a file of more than ``MAX_UPLOAD_BYTES``."""
    if n_bytes > MAX_UPLOAD_BYTES:
        raise DataProblem(
            f"The file is {n_bytes / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB. "
            "Upload a smaller file, for example with only the two columns you need or fewer rows."
        )


def check_text_shape(data):
    """Refuse text whose lines, columns or cells are beyond what a table can hold, before decoding it."""
    end = 10 if b"\n" in data else 13  # CR-only line ends, as Excel for Mac writes them
    longest, n_lines = _longest_line(data, end)
    if longest > MAX_LINE_BYTES:
        raise DataProblem(
            f"One line of this file is {longest / 2**20:,.1f} MB long, so it cannot be a row of a table "
            f"(the limit is {MAX_LINE_BYTES // 2**20} MB a line; rows of a table are usually a few hundred "
            "characters). Check that the file was saved as CSV, with one row on each line, and upload it again."
        )
    widths = [_filled_width(line) for line in _head_lines(data, end)]
    if max(widths, default=1) > MAX_COLUMNS:
        raise DataProblem(
            f"A line of this file has about {max(widths):,} columns; at most {MAX_COLUMNS:,} can be read. "
            "Upload a file with only the columns you need."
        )
    typical = sorted(widths)[len(widths) // 2] if widths else 1
    check_cells(n_lines * typical, MAX_CELLS)


def _filled_width(line):
    """About how many columns a line fills: empty cells at its end (Excel pads rows with them) do not count."""
    line = line.rstrip(b"".join(_SEPARATOR_BYTES) + b" \r")
    return max(line.count(mark) for mark in _SEPARATOR_BYTES) + 1


def check_cells(n_cells, limit, workbook=False):
    """Refuse a table of more than ``limit`` cells (rows × columns)."""
    if n_cells > limit:
        hint = " A CSV file has room for far more: save the sheet as CSV and upload that." if workbook else ""
        raise DataProblem(
            f"This file holds about {n_cells:,} cells (rows × columns); at most {limit:,} can be read. "
            f"Upload fewer rows, or only the columns you need.{hint}"
        )


def _longest_line(data, end):
    """The length in bytes of the longest line, and the number of lines, scanned in chunks."""
    codes = np.frombuffer(data, dtype=np.uint8)
    longest, n_lines, last = 0, 0, -1
    for start in range(0, codes.size, _SCAN_CHUNK):
        ends = np.flatnonzero(codes[start : start + _SCAN_CHUNK] == end)
        if ends.size:
            ends += start
            longest = max(longest, int(ends[0] - last - 1), int(np.diff(ends).max(initial=0)) - 1)
            last, n_lines = int(ends[-1]), n_lines + ends.size
    return max(longest, codes.size - last - 1), n_lines + (last < codes.size - 1)


def _head_lines(data, end):
    """The first non-blank lines (a short scan: every line here is at most ``MAX_LINE_BYTES``)."""
    lines = data[: _HEAD_LINES * 4096].split(bytes([end]))[:_HEAD_LINES]
    return [line for line in lines if line.strip(b" \t\r\n\x00")]
