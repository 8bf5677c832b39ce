"""Choosing x and y (and a series) from a :class:`Table`, as the float arrays the fitting code needs."""

import numpy as np
import pandas as pd

from .limits import MIN_ROWS
from .table import XY, Table
from .words import DataProblem, and_list, count

PLACEHOLDER_SPREADS = 20  # a date this many interquartile ranges (plus a year) beyond the middle half is a placeholder


def default_columns(table: Table) -> tuple[str, str]:
    """The first usable pair: x is the first date column, else the first numeric column;
    y is the first numeric column that is not x and whose values change (a column with one
    value on every row would draw a flat line), else the first numeric column that is not x.

    Raises
    ------
    DataProblem
        If the table has no usable pair.
    """
    x_options = list(table.date_columns) + list(table.numeric_columns)
    if not x_options:
        raise DataProblem(
            "This file has no column of numbers or dates to use. Upload a file with at least "
            "two columns of numbers, or one of dates and one of numbers."
        )
    x = x_options[0]
    others = [c for c in table.numeric_columns if c != x]
    if not others:
        raise DataProblem(
            "This file has no second column of numbers to use for y. Upload a file with at least "
            "two columns of numbers, or one of dates and one of numbers."
        )
    y = next((c for c in others if _varies(table.frame[c])), others[0])
    return x, y


def default_series(table: Table) -> tuple[str, str] | None:
    """The series to start with: the largest one of a file surely in long format, else None (every row)."""
    if table.split is None:
        return None
    return table.split, table.series[table.split][0]


def _varies(column):
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    values = values[np.isfinite(values)]
    return values.size > 1 and values.min() < values.max()


def extract_xy(table: Table, x_name: str, y_name: str, series: tuple[str, str] | None = None) -> XY:
    """The chosen columns as float arrays, leaving out rows where either is unusable.

    Rows keep the file's order. For a date column x is days (fractions allowed)
    since the earliest date among the rows used; a date far outside all the others
    (a placeholder such as 9999-12-31) is left out. With ``series`` = (column, category),
    only the rows of that category are used.

    Raises
    ------
    DataProblem
        If the columns are the same or cannot be used, the series is not in the table,
        fewer than ``MIN_ROWS`` rows remain, x does not vary, or the values are too extreme
        to compute with.
    """
    _check_choice(table, x_name, y_name)
    in_series = _series_rows(table, series)
    x_is_date = x_name in table.date_columns
    x_values, x_reason = _column_reasons(table, x_name, x_is_date)
    y_values, y_reason = _column_reasons(table, y_name, False)
    reasons = np.minimum(x_reason, y_reason)
    if x_is_date:
        reasons[(reasons == _FINE) & _placeholder_dates(x_values, (reasons == _FINE) & in_series)] = _PLACEHOLDER
    reasons[~in_series] = _OTHER_SERIES
    keep = reasons == _FINE
    counts = np.bincount(reasons, minlength=_OTHER_SERIES + 1)
    dropped = {reason: int(counts[code]) for code, reason in enumerate(_REASONS) if counts[code]}
    x, origin = _x_values(x_values[keep], x_is_date)
    y = np.ascontiguousarray(y_values[keep], dtype=np.float64)
    _check_rows(x, dropped)
    _check_range(x, "x")
    _check_range(y, "y")
    return XY(
        x=x,
        y=y,
        x_name=x_name,
        y_name=y_name,
        x_is_date=x_is_date,
        x_origin=origin,
        dropped=dropped,
        n_rows=int(np.count_nonzero(in_series)),
        series=series,
    )


# a row left out counts under the first reason that applies
_REASONS = ("missing", "not a date", "not a number", "infinite", "placeholder date")
_PLACEHOLDER = _REASONS.index("placeholder date")
_FINE = len(_REASONS)
_OTHER_SERIES = _FINE + 1  # rows of other series are not used, and not counted as left out


def _series_rows(table, series):
    if series is None:
        return np.ones(table.n_rows, dtype=bool)
    column, category = series
    if category not in table.series.get(column, ()):
        raise DataProblem("The chosen series is not in this file (was another file uploaded?). Pick a series again.")
    return (pd.Series(table.frame[column], dtype="str").str.strip() == category).to_numpy(dtype=bool, na_value=False)


def _placeholder_dates(values, usable):
    """Rows whose date lies far outside the middle half of the usable dates (like 9999-12-31)."""
    far = np.zeros(values.size, dtype=bool)
    if np.count_nonzero(usable) < MIN_ROWS:
        return far
    days = values.astype("datetime64[us]").astype(np.int64) / 86_400e6
    low, high = np.percentile(days[usable], [25, 75])
    margin = PLACEHOLDER_SPREADS * (high - low) + 366
    far[usable] = (days[usable] < low - margin) | (days[usable] > high + margin)
    return far


def _check_choice(table, x_name, y_name):
    columns = set(table.frame.columns)
    if x_name not in columns or y_name not in columns:
        raise DataProblem(
            "A chosen column is not in this file (was another file uploaded?). "
            "Pick x and y again from the listed columns."
        )
    if x_name == y_name:
        raise DataProblem("x and y are the same column. Pick two different columns.")
    if x_name not in table.numeric_columns and x_name not in table.date_columns:
        raise DataProblem(
            "The column chosen for x does not hold usable numbers or dates. Pick a column of numbers or dates for x."
        )
    if y_name in table.date_columns:
        raise DataProblem(
            "The column chosen for y holds dates, but y must be numbers. "
            "Pick a column of numbers for y; dates can only be used for x."
        )
    if y_name not in table.numeric_columns:
        raise DataProblem("The column chosen for y does not hold usable numbers. Pick a column of numbers for y.")


def _column_reasons(table, name, is_date):
    """The column's values and, per row, the index in ``_REASONS`` of why it is unusable (``_FINE`` if not)."""
    column = table.frame[name]
    unreadable = table.unreadable.get(name)
    if unreadable is None:
        unreadable = np.zeros(len(column), dtype=bool)
    reason = np.full(len(column), _FINE, dtype=np.int8)
    if is_date:
        values = column.to_numpy()
        empty = np.isnat(values)
        reason[empty] = _REASONS.index("missing")
        reason[empty & unreadable] = _REASONS.index("not a date")
        return values, reason
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    reason[np.isinf(values)] = _REASONS.index("infinite")
    empty = np.isnan(values)
    reason[empty] = _REASONS.index("missing")
    reason[empty & unreadable] = _REASONS.index("not a number")
    return values, reason


def _x_values(values, is_date):
    if not is_date:
        return np.ascontiguousarray(values, dtype=np.float64), None
    if values.size == 0:
        return np.empty(0), None
    origin = values.min()
    days = (values - origin) / np.timedelta64(1, "D")
    return np.ascontiguousarray(days, dtype=np.float64), pd.Timestamp(origin)


def _check_rows(x, dropped):
    if x.size < MIN_ROWS:
        left_out = sum(dropped.values())
        detail = f" ({count(left_out, 'row')} had to be left out)" if left_out else ""
        raise DataProblem(
            f"Only {count(x.size, 'row')} {'has' if x.size == 1 else 'have'} usable values in both chosen "
            f"columns{detail}; at least {MIN_ROWS} are needed. Pick other columns, or fill in the missing "
            "values and upload the file again."
        )
    if x.min() == x.max():
        raise DataProblem(
            "Every usable row has the same x value, so there is no curve to fit. "
            "Pick a column for x whose values change from row to row."
        )


def _check_range(values, axis):
    with np.errstate(over="ignore", invalid="ignore"):
        ok = np.isfinite(values.max() - values.min()) and np.isfinite(values.mean()) and np.isfinite(values.std())
    if not ok:
        raise DataProblem(
            f"The numbers in the {axis} column are too extreme to compute with (their spread overflows "
            "the largest number a computer can hold). Remove the extreme values, or rescale the column "
            "(for example, write it in millions), and upload the file again."
        )


def dropped_sentence(xy: XY) -> str | None:
    """A plain sentence on the rows left out, or None when none were.

    Example: "12 rows with missing values and 3 rows with text where a number was
    expected were left out."
    """
    parts = []
    for reason in _REASONS:
        n = xy.dropped.get(reason, 0)
        if n:
            parts.append(_DROPPED_WORDS[reason][n == 1].format(count=f"{n:,}"))
    if not parts:
        return None
    verb = "was" if len(parts) == 1 and sum(xy.dropped.values()) == 1 else "were"
    return f"{and_list(parts)} {verb} left out."


_DROPPED_WORDS = {
    "missing": ("{count} rows with missing values", "1 row with a missing value"),
    "not a number": (
        "{count} rows with text where a number was expected",
        "1 row with text where a number was expected",
    ),
    "not a date": ("{count} rows with text where a date was expected", "1 row with text where a date was expected"),
    "infinite": ("{count} rows with infinite values", "1 row with an infinite value"),
    "placeholder date": (
        "{count} rows with a date far from all the others (a placeholder like 9999-12-31)",
        "1 row with a date far from all the others (a placeholder like 9999-12-31)",
    ),
}
