"""What reading a file gives: a :class:`Table`, and :class:`XY` for two chosen columns."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .limits import MIN_ROWS
from .words import DataProblem, count


@dataclass(frozen=True)
class Table:
    """A parsed upload.

    Attributes
    ----------
    frame : pandas.DataFrame
        Numeric columns as float64, date columns as datetime64, other columns left as text.
    numeric_columns : list of str
        Columns usable as x or y (at least 2 finite values).
    date_columns : list of str
        Columns usable as x only (at least 2 dates).
    notes : list of str
        Plain sentences about how the file was read. They may name columns: show as plain text.
    n_rows : int
        Rows of data in the file (blank lines, skipped malformed rows and total rows not counted).
    unreadable : dict of str to numpy.ndarray
        For numeric and date columns that had them, a boolean mask of the cells that held
        something that could not be read as a number or date (they are NaN/NaT in ``frame``);
        other NaN cells were empty. Lets :func:`extract_xy` tell "missing" from "not a number".
    series : dict of str to list of str
        Text columns whose categories may each be a series of its own (a file in "long format":
        symbol, date, price), best first. Maps the column to its categories, largest first.
    split : str or None
        The column of ``series`` the file is surely split by (draw one series at a time), or None
        when no column surely does (every row is drawn together; the series can still be picked).
    sheets : tuple of str
        For a workbook, the names of its sheets; empty for a text file.
    sheet : str or None
        For a workbook, the sheet that was read.
    """

    frame: pd.DataFrame
    numeric_columns: list[str]
    date_columns: list[str]
    notes: list[str]
    n_rows: int
    unreadable: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    series: dict[str, list[str]] = field(default_factory=dict)
    split: str | None = None
    sheets: tuple[str, ...] = ()
    sheet: str | None = None


@dataclass(frozen=True)
class XY:
    """Two chosen columns as float arrays, rows with unusable values left out (file order kept).

    For a date column, x is the number of days since ``x_origin``, the earliest date used.
    ``dropped`` maps a reason ("missing", "not a number", "not a date", "infinite",
    "placeholder date") to the number of rows left out for it; each left-out row is counted
    once. ``series`` is the (column, category) whose rows were used, or None for all rows;
    ``n_rows`` counts the rows of that series (of the whole file when None).
    """

    x: np.ndarray
    y: np.ndarray
    x_name: str
    y_name: str
    x_is_date: bool
    x_origin: pd.Timestamp | None
    dropped: dict[str, int]
    n_rows: int
    series: tuple[str, str] | None = None


def check_row_count(n_rows):
    if n_rows == 0:
        raise DataProblem(
            "The file has column names but no rows of data below them. "
            f"Upload a file with at least {MIN_ROWS} rows of data under the names."
        )
    if n_rows < MIN_ROWS:
        raise DataProblem(
            f"The file has only {count(n_rows, 'row')} of data; at least {MIN_ROWS} are needed "
            "to fit a curve and check it. Upload a file with more rows."
        )


def check_usable(table):
    """Refuse a table with no two columns that can be plotted against each other."""
    if not table.numeric_columns:
        raise DataProblem(
            "No column in this file has at least two numbers that can be used (empty cells, text and "
            "infinite values do not count). The y column needs numbers, and x needs numbers or dates. "
            "Check that the file holds your measurements and upload it again."
        )
    if len(table.numeric_columns) < 2 and not table.date_columns:
        raise DataProblem(
            "Only one column holds usable numbers, and no column holds dates. Two columns are needed: "
            "x (numbers or dates) and y (numbers). Check that dates and numbers are written the usual way "
            "(like 2024-01-31 and 1234.5), or add the second column, and upload the file again."
        )
