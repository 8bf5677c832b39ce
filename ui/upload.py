"""The reader's own file: reading an upload, choosing its columns, downloads."""

import functools
import hashlib

import numpy as np
import streamlit as st

from core import export, reader
from core.datasets import from_columns
from core.viewstate import UPLOAD

from .state import uploaded, view


def _store_upload(name, digest, table, xy, split):
    dataset = from_columns(
        xy.x,
        xy.y,
        title=f"Your data: {name}",
        x_label=xy.x_name,
        y_label=xy.y_name,
        split=split,
        x_origin=None if xy.x_origin is None else np.datetime64(xy.x_origin.to_datetime64(), "ms"),
    )
    st.session_state.uploaded = dict(
        name=name,
        digest=digest,
        table=table,
        xy=xy,
        split=split,
        dataset=dataset,
        key=(digest, xy.x_name, xy.y_name, split),
    )


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
        if file.size > reader.MAX_UPLOAD_BYTES:
            raise reader.DataProblem(
                f"This file is {file.size / 2**20:,.0f} MB; the limit is {reader.MAX_UPLOAD_BYTES // 2**20} MB. "
                "Upload a smaller extract, for example only the two columns you need."
            )
        with st.spinner(f"Reading {file.size / 2**20:,.1f} MB…"):
            data = file.getvalue()
            table = reader.read_table(data, file.name)
            xy = reader.extract_xy(table, *reader.default_columns(table))
    except reader.DataProblem as problem:
        state.upload_problem = str(problem) + (" Your previous data are still here." if uploaded() is not None else "")
        st.error(state.upload_problem)
        return False
    split = "forecast" if xy.x_is_date else "random"
    _store_upload(file.name, hashlib.sha256(data).hexdigest()[:16], table, xy, split)
    view()["data"] = UPLOAD
    return True


def _choose_columns():
    state, current = st.session_state, uploaded()
    x_name, y_name = state.widget_upload_x, state.widget_upload_y
    try:
        xy = reader.extract_xy(current["table"], x_name, y_name)
    except reader.DataProblem as problem:
        state.column_problem = str(problem)
        return
    split = current["split"] if xy.x_is_date == current["xy"].x_is_date else ("forecast" if xy.x_is_date else "random")
    _store_upload(current["name"], current["digest"], current["table"], xy, split)
    view()["data"] = UPLOAD


def _choose_split():
    current = uploaded()
    _store_upload(current["name"], current["digest"], current["table"], current["xy"], st.session_state.widget_split)


def column_controls():
    """x and y pickers for the uploaded table, and for dates the choice of held-out rows."""
    current = uploaded()
    table, xy = current["table"], current["xy"]
    state = st.session_state
    left, right = st.columns(2)
    state.widget_upload_x, state.widget_upload_y = xy.x_name, xy.y_name
    left.selectbox(
        "Column for x (what you know)",
        options=table.date_columns + table.numeric_columns,
        key="widget_upload_x",
        on_change=_choose_columns,
    )
    right.selectbox(
        "Column for y (what you want to predict)",
        options=table.numeric_columns,
        key="widget_upload_y",
        on_change=_choose_columns,
    )
    problem = state.pop("column_problem", None)
    if problem:
        st.error(problem + " The previous columns are kept.")
    if xy.x_is_date:
        state.widget_split = current["split"]
        st.radio(
            "Which rows are held out as new data?",
            options=["forecast", "random"],
            key="widget_split",
            on_change=_choose_split,
            horizontal=True,
            format_func={"forecast": "The latest 20% (a forecast)", "random": "A random 30%"}.get,
        )


def download_buttons(fit):
    left, right = st.columns(2)
    left.download_button(
        "Download predictions (CSV)",
        data=functools.partial(export.predictions_csv, fit.dataset, fit.path, fit.index),
        file_name="l2lab-predictions.csv",
        mime="text/csv",
        on_click="ignore",
    )
    right.download_button(
        "Download a summary (Markdown)",
        data=functools.partial(export.summary_markdown, fit.dataset, fit.path, fit.index),
        file_name="l2lab-summary.md",
        mime="text/markdown",
        on_click="ignore",
    )
