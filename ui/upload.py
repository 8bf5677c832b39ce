"""The reader's own file: reading an upload, choosing its sheet, columns and series (shared by every story).

An upload travels as one :class:`Upload` in ``st.session_state.uploaded``. Every choice the
reader makes (sheet, x, y, series, held-out rows) builds a new one from the old; a choice
that cannot be used shows why and keeps the previous one.
"""

import dataclasses
import hashlib
from pathlib import PurePath

import numpy as np
import streamlit as st

from core import reader
from core.curve.data import Dataset, from_columns
from core.reader import words as reader_words
from core.viewstate import UPLOAD

from .state import uploaded, view

# Checked here rather than with st.file_uploader(type=...): for any other file Streamlit's browser
# code shows its own words ("text/html files are not allowed") and its server raises an exception.
FILE_TYPES = ("csv", "tsv", "txt", "xlsx", "xlsm", "ods", "xls", "numbers")  # xls and numbers get a plain message
ALL_SERIES = ""  # the series picker's option for "every series together" (a category is never empty)


@dataclasses.dataclass(frozen=True)
class Upload:
    """The reader's file as read, and what they chose from it.

    ``data`` keeps the file's bytes only for a workbook of several sheets (to read another
    sheet); ``key`` names the dataset exactly for the caches.
    """

    name: str
    digest: str
    data: bytes | None
    table: reader.Table
    xy: reader.XY
    split: str
    dataset: Dataset

    @property
    def key(self):
        return (self.digest, self.table.sheet, self.xy.x_name, self.xy.y_name, self.xy.series, self.split)


def _store(name, digest, data, table, xy, split):
    """Make (name, table, xy, split) the session's upload and the view's dataset."""
    series = f" ({xy.series[1]})" if xy.series else ""
    dataset = from_columns(
        xy.x,
        xy.y,
        title=f"Your data: {name}{series}",
        x_label=xy.x_name,
        y_label=xy.y_name,
        split=split,
        x_origin=None if xy.x_origin is None else np.datetime64(xy.x_origin.to_datetime64(), "ms"),
    )
    st.session_state.uploaded = Upload(name, digest, data, table, xy, split, dataset)
    view()["data"] = UPLOAD


def _first_choice(table):
    """x, y and series to start with: the default columns and, in a file surely in long format, its largest
    series (when a column only may hold series, every row)."""
    return reader.extract_xy(table, *reader.default_columns(table), series=reader.default_series(table))


def _default_split(xy):
    return "forecast" if xy.x_is_date else "random"


def _check_file_type(file):
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    if extension not in FILE_TYPES:
        raise reader.DataProblem(reader_words.WRONG_FILE_TYPE)
    if file.size > reader.MAX_UPLOAD_BYTES:
        raise reader.DataProblem(reader_words.too_big(file.size, reader.MAX_UPLOAD_BYTES))


def receive_upload(file):
    """Read a newly uploaded file; on a problem show it and keep the previous data.

    Returns True when the file was read and is now the view's dataset.
    """
    state = st.session_state
    if file is None:
        return False
    if state.get("upload_seen") == file.file_id:
        if state.get("upload_problem"):
            st.error(state.upload_problem)
        return False
    state.upload_seen, state.upload_problem = file.file_id, None
    try:
        _check_file_type(file)
        with st.spinner(reader_words.reading(file.size)):
            data = file.getvalue()
            table = reader.read_table(data, file.name)
            xy = _first_choice(table)
    except reader.DataProblem as problem:
        state.upload_problem = str(problem) + (reader_words.PREVIOUS_DATA_KEPT if uploaded() is not None else "")
        st.error(state.upload_problem)
        return False
    digest = hashlib.sha256(data).hexdigest()[:16]
    _store(file.name, digest, data if len(table.sheets) > 1 else None, table, xy, _default_split(xy))
    return True


def _choose(change):
    """Apply the reader's change of sheet, column or series; on a problem keep the previous choice."""
    state, current = st.session_state, uploaded()
    try:
        table, xy = change(current)
    except reader.DataProblem as problem:
        state.choice_problem = str(problem)
        return
    split = current.split if xy.x_is_date == current.xy.x_is_date else _default_split(xy)
    _store(current.name, current.digest, current.data, table, xy, split)


def _choose_sheet():
    sheet = st.session_state.widget_upload_sheet

    def change(current):
        table = reader.read_table(current.data, current.name, sheet=sheet)
        return table, _first_choice(table)

    _choose(change)


def _choose_x():
    x_name = st.session_state.widget_upload_x

    def change(current):
        y_name = current.xy.x_name if x_name == current.xy.y_name else current.xy.y_name  # x taken from y: swap
        return current.table, reader.extract_xy(current.table, x_name, y_name, series=current.xy.series)

    _choose(change)


def _choose_y():
    y_name = st.session_state.widget_upload_y

    def change(current):
        x_name = current.xy.y_name if y_name == current.xy.x_name else current.xy.x_name  # y taken from x: swap
        return current.table, reader.extract_xy(current.table, x_name, y_name, series=current.xy.series)

    _choose(change)


def _choose_series():
    category = st.session_state.widget_upload_series

    def change(current):
        column = next(iter(current.table.series))
        series = None if category == ALL_SERIES else (column, category)
        return current.table, reader.extract_xy(current.table, current.xy.x_name, current.xy.y_name, series=series)

    _choose(change)


def _choose_split():
    current = uploaded()
    _store(current.name, current.digest, current.data, current.table, current.xy, st.session_state.widget_split)


def column_controls():
    """Sheet, x and y pickers, a series picker for a long-format file, and for dates the held-out rows."""
    current = uploaded()
    table, xy = current.table, current.xy
    state = st.session_state
    if len(table.sheets) > 1:
        state.widget_upload_sheet = table.sheet
        st.selectbox("Sheet of the workbook", options=table.sheets, key="widget_upload_sheet", on_change=_choose_sheet)
    left, right = st.columns(2)
    state.widget_upload_x, state.widget_upload_y = xy.x_name, xy.y_name
    left.selectbox(
        "Column for x (what you know)",
        options=table.date_columns + table.numeric_columns,
        key="widget_upload_x",
        on_change=_choose_x,
    )
    right.selectbox(
        "Column for y (what you want to predict)",
        options=table.numeric_columns,
        key="widget_upload_y",
        on_change=_choose_y,
    )
    if table.series:
        categories = next(iter(table.series.values()))
        state.widget_upload_series = xy.series[1] if xy.series else ALL_SERIES
        st.selectbox(
            "Series to show (your file holds several)"
            if table.split
            else "Series to show (your file may hold several)",
            options=[*categories, ALL_SERIES],
            format_func=lambda category: category or "All series together, as one cloud",
            key="widget_upload_series",
            on_change=_choose_series,
        )
    problem = state.pop("choice_problem", None)
    if problem:
        st.error(problem + reader_words.PREVIOUS_CHOICE_KEPT)
    if xy.x_is_date:
        state.widget_split = current.split
        st.radio(
            "Which rows are held out as new data?",
            options=["forecast", "random"],
            key="widget_split",
            on_change=_choose_split,
            horizontal=True,
            format_func={"forecast": "The latest 20% (a forecast)", "random": "A random 30%"}.get,
        )
