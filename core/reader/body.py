"""Parsing the rows below the column names into a frame of text (and clean numbers), and tidying it."""

import csv
import io
import re

import numpy as np
import pandas as pd

from .separators import raise_unclosed_quote
from .words import count

_TOTAL = re.compile(r"(?i)\s*(?:grand\s+|sub-?\s*)?totals?\b.*|\s*(?:sum|summe|gesamt|insgesamt|totale?)\s*:?\s*")


def parse_body(body, separator, decimal, width, header_text):
    """The data rows as a frame of ``width`` columns; notes on rows that had to be skipped.

    The fast C parser reads clean numeric columns straight to numbers and leaves
    everything else as text (no NA guessing: ``na_filter=False``). Rows with more
    values than the header send the file to the slower Python parser, which drops
    empty extra values and skips rows whose extras hold something.
    """
    if not body.strip():
        return pd.DataFrame(index=pd.RangeIndex(0), columns=range(width), dtype=object), []
    options = dict(
        sep=separator,
        header=None,
        index_col=None,
        na_filter=False,
        keep_default_na=False,
        skip_blank_lines=True,
        decimal=decimal,
    )
    try:
        frame = pd.read_csv(io.StringIO(body), engine="c", low_memory=False, **options)
    except pd.errors.ParserError as error:
        if "EOF inside string" in str(error):
            raise_unclosed_quote()
        frame = None
    if frame is not None and frame.shape[1] > width:
        extra = frame.iloc[:, width:]
        if all(_blank(extra[c]).all() for c in extra.columns):
            frame = frame.iloc[:, :width]
        else:
            frame = None
    if frame is None:
        return _parse_ragged(body, options, width, header_text)
    return _pad(frame, width), []


def _parse_ragged(body, options, width, header_text):
    """Python-parser fallback; the header line (if any) goes first so that it sets the width."""
    skipped = []

    def trim(row):
        if any(str(cell).strip() for cell in row[width:]):
            skipped.append(1)
            return None
        return row[:width]

    source = body if header_text is None else header_text + "\n" + body
    try:
        frame = pd.read_csv(io.StringIO(source), engine="python", dtype=str, on_bad_lines=trim, **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error):
        raise_unclosed_quote()
    if header_text is not None:
        frame = frame.iloc[1:].reset_index(drop=True)
    notes = []
    if skipped:
        notes.append(
            f"{count(len(skipped), 'row').capitalize()} had more values than there are column names "
            f"and {'was' if len(skipped) == 1 else 'were'} left out; a number or text with an unquoted "
            "separator inside (like 1,200 in a comma-separated file) often causes this."
        )
    return _pad(frame, width), notes


def _pad(frame, width):
    frame = frame.copy() if frame.shape[1] < width else frame
    for position in range(frame.shape[1], width):
        frame[position] = ""
    return frame


def _blank(column):
    """Boolean Series: cells that are empty or whitespace (numbers never are)."""
    if column.dtype.kind in "fiub":
        return pd.Series(False, index=column.index)
    text = column.astype(str) if column.dtype == object else column
    return (text.isna() | (text.str.strip() == "")).fillna(True).astype(bool)


def drop_empty_unnamed(raw, header):
    """Drop columns with no name and no values (left by separators at the ends of lines)."""
    raw.columns = pd.RangeIndex(raw.shape[1])
    keep = [i for i in range(raw.shape[1]) if header[i].strip() or not _blank(raw[i]).all()]
    if len(keep) == raw.shape[1]:
        return raw, header
    raw = raw[keep]
    raw.columns = pd.RangeIndex(len(keep))
    return raw, [header[i] for i in keep]


def drop_empty_rows(raw):
    """Leave out rows whose every cell is empty (lines of bare separators)."""
    if any(raw[c].dtype.kind in "fiub" for c in raw.columns) or raw.shape[1] == 0:
        return raw
    empty = np.ones(len(raw), dtype=bool)
    for c in raw.columns:
        empty &= _blank(raw[c]).to_numpy()
        if not empty.any():
            return raw
    return raw[~empty].reset_index(drop=True)


def drop_total_rows(raw):
    """Leave out rows labelled as totals or subtotals ("Total", "Subtotal", "Grand total", "Sum").

    Only text cells are looked at, and only when such rows are fewer than half the rows
    (a column of "Total" on every row is a category, not a total line). Returns the
    frame and a note on the rows left out (none when there were none).
    """
    total = np.zeros(len(raw), dtype=bool)
    for position in raw.columns:
        column = raw[position]
        if column.dtype.kind not in "fiub":
            codes, distinct = pd.factorize(column.astype(str))  # each distinct cell is matched once
            matched = pd.Series(distinct, dtype="str").str.fullmatch(_TOTAL).to_numpy(dtype=bool, na_value=False)
            total |= np.append(matched, False)[codes]  # code -1 (an empty cell) picks the False at the end
    n_total = int(np.count_nonzero(total))
    if not n_total or n_total >= len(raw) / 2:
        return raw, []
    note = (
        f"{count(n_total, 'row').capitalize()} labelled as a total or subtotal {'was' if n_total == 1 else 'were'} "
        "left out, so sums are not drawn as data points."
    )
    return raw[~total].reset_index(drop=True), [note]
