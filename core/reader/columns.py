"""Typing every column of a parsed frame as numbers, dates or text, and the notes on how."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import dates_in_block
from .limits import MIN_ROWS
from .numbers import NUMERIC_SHARE, as_series, durations, numbers_in_block
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
        columns[i] = _Column(names[i], "text", raw.iloc[:, i].astype(str).array, None, False)
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
                else _Column(names[i], "text", original[j], None, False)
            )
    return columns, _column_notes(columns)


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
    """{text column: its categories, largest first} for columns that split the file into series.

    A column qualifies when nearly every row is filled, it has 2 to ``MAX_SERIES`` distinct
    values, its largest category has at least ``MIN_ROWS`` rows, and it is what makes the
    rows distinct: some date or number column (a possible x) repeats its values across the
    categories (symbol, date, price: each date once per symbol). A weekday beside unique
    dates is a label, not a series.
    """
    xs = [c for c in columns if c.kind in ("date", "number") and c.usable][:_SERIES_X_CANDIDATES]
    found = {}
    for c in columns:
        if c.kind != "text":
            continue
        text = pd.Series(c.values, dtype="str").str.strip()
        filled = text.fillna("") != ""
        if filled.sum() < 0.9 * n_rows:
            continue
        sizes = text[filled].value_counts(sort=False)
        if not (2 <= len(sizes) <= MAX_SERIES and sizes.max() >= MIN_ROWS):
            continue
        if any(_splits_repeats(text[filled], pd.Series(x.values)[filled]) for x in xs):
            order = sorted(range(len(sizes)), key=lambda k: -sizes.iloc[k])  # stable: ties keep file order
            found[c.name] = [str(sizes.index[k]) for k in order]
    return found


def _splits_repeats(categories, x):
    """Whether ``x`` repeats often (at least 30% of rows) but hardly ever within one category (at most 10%)."""
    n = len(x)
    x_codes = pd.factorize(x)[0].astype(np.int64)
    category_codes = pd.factorize(categories)[0].astype(np.int64)
    repeats = n - np.unique(x_codes).size
    within = n - np.unique(category_codes * (int(x_codes.max(initial=0)) + 2) + x_codes).size
    return repeats >= 0.3 * n and within <= 0.1 * n


def series_notes(series):
    if not series:
        return []
    name, categories = next(iter(series.items()))
    return [
        f'The column "{name}" holds {len(categories)} separate series, so one series is shown at a time '
        "(the largest to start with); pick another series, or all of them together, below the column choices."
    ]


def build_table(columns, notes, n_rows, sheets=(), sheet=None):
    frame = pd.DataFrame({c.name: c.values for c in columns}, index=pd.RangeIndex(n_rows))
    series = series_columns(columns, n_rows)
    return Table(
        frame=frame,
        numeric_columns=[c.name for c in columns if c.kind == "number" and c.usable],
        date_columns=[c.name for c in columns if c.kind == "date" and c.usable],
        notes=notes + series_notes(series),
        n_rows=n_rows,
        unreadable={c.name: c.unreadable for c in columns if c.unreadable is not None},
        series=series,
        sheets=tuple(sheets),
        sheet=sheet,
    )
