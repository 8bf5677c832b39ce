"""Files built to tie up the server are refused from their raw bytes, quickly and in little memory.

Memory is measured with tracemalloc (numpy reports its buffers to it). One wall-clock limit stays
in this CI-deciding file because it is the point of the check: the 40 MB one-line file must be
refused in under 2 s; it takes about 0.02 s here, a hundredfold margin for a busy machine.
"""

import time
import tracemalloc

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
