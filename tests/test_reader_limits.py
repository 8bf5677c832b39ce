"""Files built to tie up the server are refused from their raw bytes, quickly and in little memory.

Memory is measured with tracemalloc (numpy reports its buffers to it). One wall-clock limit stays
in this CI-deciding file because it is the point of the check: the 40 MB one-line file must be
refused in under 2 s; it takes about 0.02 s here, a hundredfold margin for a busy machine.
"""

import io
import re
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from core.reader import MAX_CELLS, MAX_COLUMNS, MAX_LINE_BYTES, DataProblem, read_table


def refused(data):
    """Read ``data`` expecting a refusal; return the message, the seconds taken and the peak extra memory (MB)."""
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(DataProblem) as excinfo:
        read_table(data, "upload.csv")
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return str(excinfo.value), seconds, peak


def test_a_40_mb_file_with_no_line_break_is_refused_fast_in_little_memory():
    data = b"1234567,"[:7] * (40 * 2**20 // 7)
    message, seconds, peak = refused(data)
    assert message.startswith("One line of this file is 40.0 MB long")
    assert seconds < 2.0, seconds
    assert peak < 300, peak


def test_a_line_just_under_the_limit_is_not_refused_for_its_length():
    line = b"x," + b"a" * (MAX_LINE_BYTES - 10)
    message, _, _ = refused(line + b"\n1,2\n")
    assert "line" not in message.split(".")[0], message


def test_too_many_columns_are_refused_before_parsing():
    data = b",".join(b"c%d" % i for i in range(MAX_COLUMNS + 5)) + b"\n" + b"1," * (MAX_COLUMNS + 4) + b"1\n"
    message, _, _ = refused(data)
    assert message.startswith(f"A line of this file has about {MAX_COLUMNS + 5:,} columns; at most {MAX_COLUMNS:,}")


def test_too_many_cells_are_refused_before_parsing():
    width = 500
    rows = MAX_CELLS // width + 10
    row = b",".join(b"1" for _ in range(width)) + b"\n"
    data = row * rows
    assert len(data) < 50 * 2**20
    message, _, peak = refused(data)
    assert f"at most {MAX_CELLS:,} can be read" in message
    assert peak < 300, peak


def test_cr_only_line_ends_count_as_lines():
    data = b"x,y\r" + b"1,2\r" * 10
    assert read_table(data).n_rows == 10


# ----------------------------------------------------------------------------- empty cells at the ends of rows


def padded_export(n_rows=2_000, padding=16_382, pad_header=True, sep=","):
    """Excel's CSV of a sheet formatted out to column XFD: every row padded with empty cells to 16,384 columns."""
    pad = sep * padding
    lines = [f"x{sep}y" + (pad if pad_header else "")]
    lines += [f"{i}{sep}{i * i % 97}" + pad for i in range(n_rows)]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.parametrize("pad_header", [True, False], ids=["header-padded", "rows-padded"])
def test_thousands_of_empty_cells_at_the_end_of_every_row_are_dropped_before_the_limits(pad_header):
    data = padded_export(pad_header=pad_header)
    assert data.count(b"\n") == 2_001 and data.split(b"\n")[1].count(b",") == 16_383
    tracemalloc.start()
    table = read_table(data)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert list(table.frame.columns) == ["x", "y"] and table.n_rows == 2_000
    assert table.frame["y"].tolist() == [float(i * i % 97) for i in range(2_000)]
    assert peak < 400, peak  # the 31 MB file is never parsed into 2,000 × 16,384 cells


def test_a_row_whose_values_reach_further_keeps_them():
    lines = ["x;y;;;"] + [f"{i};{i * 2};;;" for i in range(8)] + ["8;16;;late;"]
    table = read_table(("\n".join(lines) + "\n").encode())
    assert list(table.frame.columns) == ["x", "y", "Column 3"]  # the empty unnamed column between is left out
    assert table.frame["Column 3"].tolist()[-1] == "late"
    assert table.frame["y"].tolist() == [float(i * 2) for i in range(9)]


def test_real_columns_beyond_the_limit_are_still_refused_when_rows_are_padded():
    width = MAX_COLUMNS + 5
    header = ",".join(f"c{i}" for i in range(width)) + "," * 5_000
    row = ",".join("1" for _ in range(width)) + "," * 5_000
    message, _, _ = refused(((header + "\n" + row + "\n") * 3).encode())
    assert f"at most {MAX_COLUMNS:,}" in message


def test_a_workbook_whose_dimension_counts_formatted_empty_columns_is_read():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["x", "y"])
    for i in range(2_000):
        sheet.append([i, i * i % 97])
    out = io.BytesIO()
    book.save(out)
    source, patched = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD2001"', content)
                assert n == 1
            target.writestr(item, content)
    table = read_table(patched.getvalue(), "padded.xlsx")
    assert list(table.frame.columns) == ["x", "y"] and table.n_rows == 2_000
