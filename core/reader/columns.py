"""Typing every column of a parsed frame as numbers, dates or text, and the notes on how."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import dates_in_block
from .limits import MIN_ROWS
from .numbers import NUMERIC_SHARE, TEXT_MISSING_WORDS, as_series, durations, numbers_in_block
from .separators import SEPARATOR_NAMES
from .table import Table
from .words import name_list

MAX_SERIES = 20  # a text column with more categories than this is labels, not series
_SERIES_X_CANDIDATES = 5


@dataclass
class _Column:
    name: str
    kind: str  # "number", "date" or "text"
    values: object
    unreadable: np.ndarray | None
    usable: bool
    flags: frozenset = frozenset()  # how it was read: "percent", "currency", "thousands", "day first", ...


def convert_columns(raw, names, decimal):
    """Type every column; return the columns and notes on what was converted.

    Columns are handled in batches (all those the parser read as numbers at once,
    all text cells at once), so thousands of columns cost about as much as one long one.
    """
    columns = [None] * len(names)
    kinds = [dtype.kind for dtype in raw.dtypes]
    read_as_numbers = [i for i, kind in enumerate(kinds) if kind in "fiu"]
    block = np.ascontiguousarray(raw.iloc[:, read_as_numbers].to_numpy(dtype=np.float64).T)
    for i, values in zip(read_as_numbers, block):
        columns[i] = _Column(names[i], "number", values, None, _enough(values))
    for i in (i for i, kind in enumerate(kinds) if kind == "b"):
        columns[i] = _Column(names[i], "text", raw.iloc[:, i].astype(str).to_numpy(dtype=object), None, False)
    texts = [i for i, kind in enumerate(kinds) if kind not in "fiub"]
    if texts:
        original = raw.iloc[:, texts].to_numpy(dtype=object).T
        cells = _text_block(original)
        values, missing, flags = numbers_in_block(cells, decimal)
        not_numbers = []
        for j, i in enumerate(texts):
            columns[i] = _number_column(names[i], values[j], missing[j], {f: m[j] for f, m in flags.items()})
            if columns[i] is None:
                columns[i] = _duration_column(names[i], cells[j], missing[j])
            if columns[i] is None:
                not_numbers.append(j)
        found = dates_in_block(cells[not_numbers], missing[not_numbers])
        for j, (dates, flags) in zip(not_numbers, found):
            i = texts[j]
            columns[i] = (
                _date_column(names[i], dates, missing[j], flags)
                if dates is not None
                else _Column(names[i], "text", _text_values(original[j], cells[j]), None, False)
            )
    return columns, _column_notes(columns)


def _text_values(original, stripped):
    """A text column's cells, with None where a cell is empty or says "no value" (never a category "")."""
    values = original.copy()
    values[pd.Series(stripped, dtype="str").str.lower().isin(TEXT_MISSING_WORDS).to_numpy(dtype=bool)] = None
    return values


def _enough(values):
    """At least two finite numbers (or dates) to work with."""
    return int(np.count_nonzero(np.isfinite(values))) >= 2


def _text_block(original):
    """A (columns, rows) array of cells as stripped strings ("" for none)."""
    cells = original.copy()
    cells[pd.isna(cells)] = ""
    return as_series(cells).str.strip().to_numpy(dtype=object).reshape(cells.shape)


def _number_column(name, values, missing, flags):
    """A number column when enough filled cells are numbers, else None."""
    unreadable = ~missing & np.isnan(values)
    filled = int(np.count_nonzero(~missing))
    if not filled or filled - np.count_nonzero(unreadable) < NUMERIC_SHARE * filled:
        return None
    used = {flag for flag, mask in flags.items() if mask.any()}
    return _Column(name, "number", values, unreadable if unreadable.any() else None, _enough(values), frozenset(used))


def _duration_column(name, cells, missing):
    """A number column of hours or minutes when the cells are durations or clock times, else None."""
    read = durations(cells, missing)
    if read is None:
        return None
    values, in_minutes, unreadable = read
    flag = "minutes" if in_minutes else "hours"
    return _Column(name, "number", values, unreadable if unreadable.any() else None, _enough(values), frozenset({flag}))


def _date_column(name, dates, missing, flags):
    unreadable = ~missing & np.isnat(dates)
    usable = int(np.count_nonzero(~np.isnat(dates))) >= 2
    return _Column(name, "date", dates, unreadable if unreadable.any() else None, usable, flags)


_COLUMN_NOTES = {
    "percent": "Percent signs were dropped in {names}: 15% is read as 15, not 0.15.",
    "currency": "Currency signs were dropped in {names}.",
    "accounting": "Amounts in brackets in {names} were read as negative: (75.78) is -75.78.",
    "minutes": "Durations in {names} were read as minutes: 00:25:30 is 25.5 minutes.",
    "hours": "Times in {names} were read as hours: 08:30 is 8.5 hours.",
    "day first": "Dates in {names} were read day first (31/01/2024 is 31 January 2024).",
    "both ways": "Dates in {names} could be read day first or month first; they were read month first "
    "(01/02/2024 is January 2, 2024). If they are day first, write them as 2024-02-01 "
    "and upload again.",
}


def _column_notes(columns):
    """One note per way of reading that some columns needed, naming those columns."""
    notes = []
    for flag, sentence in _COLUMN_NOTES.items():
        names = [c.name for c in columns if flag in c.flags and c.kind in ("number", "date")]
        if names:
            notes.append(sentence.format(names=name_list(names)))
    return notes


def format_notes(separator, decimal, comma_numbers, columns):
    """How values were separated (for a text file; ``separator`` None for a workbook) and how numbers were written."""
    numbers = [c for c in columns if c.kind == "number"]
    decimal_comma = decimal == "," and (comma_numbers or any("decimal comma" in c.flags for c in numbers))
    notes = []
    if separator is not None:
        notes.append(
            f"Read as {SEPARATOR_NAMES[separator]}-separated{' with decimal commas' if decimal_comma else ''}."
        )
    if any("thousands" in c.flags for c in numbers):
        spaced_only = all("spaced thousands" in c.flags for c in numbers if "thousands" in c.flags)
        example = "1 200" if spaced_only else "1,200" if decimal == "." else "1.200"
        notes.append(f"Thousands separators were removed ({example} is read as 1200).")
    return notes


def series_columns(columns, n_rows):
    """Text columns that split the file into series: ({column: categories, largest first}, the column to split by).

    A file is in long format when a text column (the key) names which series each row
    belongs to: symbol, date, price; region, month, revenue. Then some possible x (a date or
    number column with at least ``MIN_ROWS`` distinct values) repeats once per key: most x
    values appear under several keys, and each (x, key) pair appears once. A key column is
    nearly always filled and has 2 to ``MAX_SERIES`` categories.

    The column to split by (the file is drawn one series at a time) is one where every key has
    ``MIN_ROWS`` rows, the (x, key) pairs are unique and most rows' x appears under at least
    half the keys. A column that only partly fits (some pairs repeat, as when a second key
    splits the rows further, or the keys share fewer x values) is offered, with every row
    drawn to start with. Descriptions, payees and notes are neither: their values do not
    share x values (a merchant's dates are not the other merchants' dates), or most of them
    have too few rows.
    """
    xs = [c for c in columns if c.kind in ("date", "number") and c.usable][:_SERIES_X_CANDIDATES]
    found = []
    for c in columns:
        if c.kind != "text":
            continue
        text = pd.Series(c.values, dtype="str").str.strip()
        filled = (text.fillna("") != "").to_numpy(dtype=bool)
        if np.count_nonzero(filled) < 0.9 * n_rows:
            continue
        sizes = text[filled].value_counts(sort=False)
        if not 2 <= len(sizes) <= MAX_SERIES or np.count_nonzero(sizes.to_numpy() >= MIN_ROWS) < 2:
            continue
        fits = [_long_format(text.to_numpy(dtype=object), x.values, filled, len(sizes)) for x in xs]
        sure = sizes.min() >= MIN_ROWS and any(dup <= _SURE_REPEATED and shared >= _SURE_SHARED for dup, shared in fits)
        offered = any(dup <= _OFFER_REPEATED and shared >= _OFFER_SHARED for dup, shared in fits)
        if sure or offered:
            order = sorted(range(len(sizes)), key=lambda k: -sizes.iloc[k])  # stable: ties keep file order
            best = max(shared - dup for dup, shared in fits)
            found.append((not sure, -best, c.name, [str(sizes.index[k]) for k in order]))
    found.sort(key=lambda item: item[:2])
    series = {name: categories for _, _, name, categories in found}
    split = found[0][2] if found and not found[0][0] else None
    return series, split


# split for sure: at most 5% of rows repeat an (x, key) pair and 80% have an x shared by half the keys
_SURE_REPEATED, _SURE_SHARED = 0.05, 0.8
_OFFER_REPEATED, _OFFER_SHARED = 0.7, 0.5  # offered, every row drawn: pairs may repeat (a second key)


def _long_format(keys, x, filled, n_keys):
    """For rows where key and x are filled: the share that repeat an (x, key) pair, and the share whose x
    appears under at least half the keys (and at least two)."""
    x = pd.Series(x)
    usable = filled & x.notna().to_numpy(dtype=bool)
    n = int(np.count_nonzero(usable))
    if n == 0:
        return 1.0, 0.0
    x_codes = pd.factorize(x[usable])[0].astype(np.int64)
    if x_codes.max(initial=-1) + 1 < MIN_ROWS:
        return 1.0, 0.0  # too few distinct values to be the x of a curve
    key_codes = pd.factorize(pd.Series(keys[usable]))[0].astype(np.int64)
    pairs = np.unique(x_codes * n_keys + key_codes)
    repeated = 1 - pairs.size / n
    keys_per_x = np.bincount(pairs // n_keys)
    shared = np.count_nonzero(keys_per_x[x_codes] >= max(2, -(-n_keys // 2))) / n
    return repeated, shared


def series_notes(series, split):
    if not series:
        return []
    name, categories = next(iter(series.items()))
    if split is None:
        return [
            f'The column "{name}" may hold {len(categories)} separate series; every row is drawn together. '
            "To draw one series on its own, pick it below the column choices."
        ]
    return [
        f'The column "{name}" holds {len(categories)} separate series, so one series is shown at a time '
        "(the largest to start with); pick another series, or all of them together, below the column choices."
    ]


def build_table(columns, notes, n_rows, sheets=(), sheet=None, find_series=True):
    frame = pd.DataFrame({c.name: c.values for c in columns}, index=pd.RangeIndex(n_rows))
    series, split = series_columns(columns, n_rows) if find_series else ({}, None)
    return Table(
        frame=frame,
        numeric_columns=[c.name for c in columns if c.kind == "number" and c.usable],
        date_columns=[c.name for c in columns if c.kind == "date" and c.usable],
        notes=notes + series_notes(series, split),
        n_rows=n_rows,
        unreadable={c.name: c.unreadable for c in columns if c.unreadable is not None},
        series=series,
        split=split,
        sheets=tuple(sheets),
        sheet=sheet,
    )
