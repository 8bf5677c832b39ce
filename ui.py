"""Streamlit glue shared by the pages: the shared view and its URL, cached fits, common widgets.

The view (dataset, λ, degree, …) lives in one plain session-state key, so it
survives page changes; widgets are seeded from it and write back to it. Every
page rewrites the URL from it, so any link reproduces what the reader sees.
"""
import functools
import gc
import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from streamlit.runtime.pages_manager import PagesManager

import core
from core import charts, explain, export, reader, studies
from core.datasets import DATASET_TITLES, N_RANGE, NOISE_RANGE, SHAPES, Dataset, from_columns, load_dataset
from core.lasso import lasso_weights
from core.path import SLIDER_LAMS, RidgePath, ridge_path
from core.viewstate import (
    DEFAULT_VIEW, DEGREE_RANGE, NOISE_STEP, UPLOAD, parse_view, snap_lam, view_to_params,
)

core.limit_blas_threads()

LAM_LABEL = "Penalty strength λ"
DEGREE_LABEL = "Curve flexibility (polynomial degree)"
LAM_HELP = (
    "How much the model is charged for large weights. 0 means no penalty at all; "
    "each step to the right multiplies the penalty by about 1.8."
)
DEGREE_HELP = "The highest power of x the curve may use. Higher means a more flexible curve."


CACHE_TTL = 3600  # seconds; caches are shared by every session, and uploads must not linger
LASSO_LAMS = SLIDER_LAMS[SLIDER_LAMS >= 1e-6]


def view():
    """The reader's view, shared by all pages; a session's first run reads it from the URL."""
    state = st.session_state
    if "view" not in state:
        state.view, state.url_notes = parse_view(st.query_params.to_dict())
        if state.view["data"] == UPLOAD and uploaded() is None:
            state.view["data"] = DEFAULT_VIEW["data"]
            state.url_notes.append(
                "This link was made with an uploaded file, and a link cannot carry the file itself. "
                "Upload it again on the Your data page; meanwhile the sample data are shown."
            )
    return state.view


def _widget_key(name):
    return f"widget_{name}"


def set_view(**changes):
    """Change the view (from a button callback); widgets follow on the next run."""
    view().update(changes)


def _take_from_widget(name):
    view()[name] = st.session_state[_widget_key(name)]


def _bound(name):
    """Keyword arguments binding a widget to the view's ``name``.

    The widget is set from the view on every run and writes back when the reader
    moves it: widget state alone does not survive a change of page.
    """
    key = _widget_key(name)
    st.session_state[key] = view()[name]
    return dict(key=key, on_change=_take_from_widget, args=(name,))


def start_page():
    """Show what the link could not restore, once; return the view."""
    if PagesManager.uses_pages_directory:
        # Streamlit's first run on a fresh server, when it is for a page other than "/", runs the
        # page file on its own with a navigation built from the pages/ folder (a relic of the
        # old multipage apps), skipping app.py. Turn that off and run again through app.py.
        PagesManager.uses_pages_directory = False
        st.rerun()
    current = view()
    _follow_new_link()
    for note in st.session_state.pop("url_notes", []):
        st.info(note)
    return current


def _follow_new_link():
    """A link followed inside the session (a tour step, an edited URL) changes the view.

    The URL normally holds what ``finish_page`` wrote; page navigation empties it.
    Anything else came from the reader: its parameters win, the rest of the view stays.
    """
    params = st.query_params.to_dict()
    written = st.session_state.get("url_written")
    if written is None or not params or params == written:
        return
    new_view, notes = parse_view(params, base=view())
    if new_view["data"] == UPLOAD and uploaded() is None:
        new_view["data"] = view()["data"]
    view().update(new_view)
    st.session_state.url_notes = st.session_state.get("url_notes", []) + notes


def finish_page():
    """Write the view into the URL (only when it changed)."""
    params = view_to_params(view())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state.url_written = params
    _freeze_loaded_objects()


@functools.cache  # once per server process
def _freeze_loaded_objects():
    """Exempt everything loaded by the first page run (libraries, modules) from garbage collection.

    Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``).
    Over the ~170,000 objects of the loaded libraries it took 130 ms here, longer than a λ
    step's script, and it holds the interpreter lock, so every reader's reply waits. Frozen
    objects are still freed by reference counting; objects made later are collected as before.
    """
    gc.collect()
    gc.freeze()


def lam_slider(container=st):
    container.select_slider(
        LAM_LABEL, options=SLIDER_LAMS.tolist(), format_func=explain.format_lam,
        **_bound("lam"), help=LAM_HELP,
    )


def degree_slider(container=st):
    container.slider(
        DEGREE_LABEL, *DEGREE_RANGE, **_bound("degree"), help=DEGREE_HELP,
    )


def fit_controls(pick_data=True):
    """The controls every explorer page shares (dataset in the sidebar, λ and degree side by side); returns the fit."""
    if pick_data:
        data_controls()
    left, right = st.columns(2)
    with left:
        lam_slider()
    with right:
        degree_slider()
    return current_fit()


def _new_sample():
    set_view(seed=view()["seed"] + 1)


def data_controls():
    """Dataset picker, and for synthetic data the sample size, noise and a new sample, in the sidebar."""
    bar = st.sidebar
    bar.header("Data")
    titles = dataset_titles()
    bar.selectbox("Dataset", options=list(titles), format_func=titles.get, **_bound("data"))
    if view()["data"] in SHAPES:
        bar.slider("Training points", *N_RANGE, **_bound("n"))
        bar.slider(
            "Noise", *NOISE_RANGE, step=NOISE_STEP, **_bound("noise"),
            help=f"How far points scatter around the true curve (standard deviation; the default is {DEFAULT_VIEW['noise']}).",
        )
        bar.button("New sample", on_click=_new_sample, help="Draw fresh points from the same curve.")
        bar.caption(f"Sample number {view()['seed']}. Held-out points: a fresh sample of 200 from the same curve.")
    else:
        bar.caption(current_dataset()[1].story)


@dataclass(frozen=True)
class Fit:
    """One dataset and degree fitted for every λ, and the λ the reader chose."""

    dataset: Dataset
    path: RidgePath
    curve_x: np.ndarray
    curves: np.ndarray
    index: int

    @property
    def lam(self):
        return float(self.path.lams[self.index])

    @property
    def curve_y(self):
        return self.curves[self.index]

    @property
    def n(self):
        return self.dataset.x_train.size

    @property
    def verdict(self):
        return explain.verdict(self.path, self.index)


def uploaded():
    """The reader's own file in this session (a dict: name, table, xy, split, dataset, key), or None."""
    return st.session_state.get("uploaded")


def dataset_titles():
    """Every dataset the reader can pick; their own file joins the list once uploaded."""
    titles = dict(DATASET_TITLES)
    if uploaded() is not None:
        titles[UPLOAD] = f"Your data: {uploaded()['name']}"
    return titles


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=False)
def _builtin_dataset(data, n, noise, seed):
    return load_dataset(data, n, noise, seed)


def current_dataset():
    """(cache key, Dataset) of the view: the key names the data exactly and cheaply."""
    v = view()
    if v["data"] == UPLOAD:
        return (UPLOAD, uploaded()["key"]), uploaded()["dataset"]
    key = (v["data"], v["n"], v["noise"], v["seed"]) if v["data"] in SHAPES else (v["data"], None, None, None)
    return key, _builtin_dataset(*key)


@st.cache_data(max_entries=32, ttl=CACHE_TTL, show_spinner="Fitting the curve for every λ…")
def _fit_all(key, degree, _dataset):
    path = ridge_path(_dataset.x_train, _dataset.y_train, degree, x_test=_dataset.x_test, y_test=_dataset.y_test)
    curve_x = charts.curve_grid(_dataset)
    return path, curve_x, path.predict(curve_x)


def current_fit():
    """The fit for the current view; only a new dataset or degree computes anything."""
    key, dataset = current_dataset()
    path, curve_x, curves = _fit_all(key, view()["degree"], dataset)
    return Fit(dataset, path, curve_x, curves, path.index_of(view()["lam"]))


def fit_for(data, degree, lam):
    """A built-in dataset's fit at its defaults, whatever the view shows (for side-by-side demos)."""
    key = (data, DEFAULT_VIEW["n"], DEFAULT_VIEW["noise"], DEFAULT_VIEW["seed"]) if data in SHAPES else (data, None, None, None)
    dataset = _builtin_dataset(*key)
    path, curve_x, curves = _fit_all(key, degree, dataset)
    return Fit(dataset, path, curve_x, curves, path.index_of(lam))


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner="Comparing with the lasso…")
def _lasso(key, degree, _dataset, _path):
    return lasso_weights(_path, _dataset.x_train, _dataset.y_train, LASSO_LAMS)


def lasso_for(fit):
    """L1 weights on the fit's features for ``LASSO_LAMS``."""
    return _lasso(current_dataset()[0], fit.path.degree, fit.dataset, fit.path)


def guess_first(fit):
    """The "guess first" challenge: returns True once the answer may be shown (or the reader skips it)."""
    state = st.session_state
    if not st.toggle("Guess first: hide the answer until I have guessed", key="guess_mode"):
        return True
    answer_key = (current_dataset()[0], fit.path.degree)
    if state.get("guess_revealed") != answer_key:
        st.markdown(
            "Where do you think the error on new data is lowest? Set your guess, then reveal the answer. "
            "(Hint: the Playground and the Weights page can help.)"
        )
        st.select_slider("Your guess for the best λ", options=SLIDER_LAMS.tolist(), value=float(SLIDER_LAMS[21]),
                         format_func=explain.format_lam, key="guess_lam")
        st.button("Reveal the answer", on_click=_reveal, args=(answer_key,))
        return False
    st.info(explain.guess_verdict(fit.path, state.guess_value))
    return True


def _reveal(answer_key):
    st.session_state.guess_revealed = answer_key
    st.session_state.guess_value = st.session_state.guess_lam


def chart_summary(text):
    """The one sentence that says what the chart above shows right now (for screen readers and skimmers)."""
    st.caption(text)


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner="Trying every degree…")
def _degree_sweep(key, _dataset):
    return studies.degree_sweep(_dataset)


def degree_sweep():
    """Errors for every degree and λ of the current dataset (computed once per dataset)."""
    return _degree_sweep(*current_dataset())


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner="Refitting on resampled data…")
def _resampled_curves(key, degree, _dataset, _curve_x):
    return studies.resampled_curves(_dataset, degree, _curve_x, SLIDER_LAMS)


def resampled_curves(fit):
    """Fits to 20 resampled training sets, for every slider λ: shape (λ, resample, x)."""
    key, _ = current_dataset()
    return _resampled_curves(key, fit.path.degree, fit.dataset, fit.curve_x)


# A resource cache: the figure is shared, not copied (unpickling a copy would cost as much as building it).
# Nothing changes it after it is built: st.plotly_chart only reads it.
@st.cache_resource(max_entries=16, ttl=CACHE_TTL, show_spinner=False)
def _preview_figure(key, degree, _fit):
    path = _fit.path
    rows = [path.index_of(lam) for lam in SLIDER_LAMS]
    start = slider_index(snap_lam(path.lams[path.best_index]))
    return charts.scrubber_figure(_fit.dataset, _fit.curve_x, _fit.curves[rows], SLIDER_LAMS, start)


def preview_figure(fit):
    """The fit with its own λ slider for every slider λ, starting at the sweet spot; it does not follow the view's λ."""
    return _preview_figure(current_dataset()[0], fit.path.degree, fit)


def unit_text(dataset):
    """The dataset's unit, safe where Streamlit renders Markdown (it may come from a stranger's file)."""
    return explain.markdown_safe(dataset.y_unit)


# --- The reader's own file ---

def _store_upload(name, digest, table, xy, split):
    dataset = from_columns(
        xy.x, xy.y, title=f"Your data: {name}", x_label=xy.x_name, y_label=xy.y_name, split=split,
        x_origin=None if xy.x_origin is None else np.datetime64(xy.x_origin.to_datetime64(), "ms"),
    )
    st.session_state.uploaded = dict(
        name=name, digest=digest, table=table, xy=xy, split=split, dataset=dataset,
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
        state.upload_problem = str(problem) + (
            " Your previous data are still here." if uploaded() is not None else ""
        )
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
    left.selectbox("Column for x (what you know)", options=table.date_columns + table.numeric_columns,
                   key="widget_upload_x", on_change=_choose_columns)
    right.selectbox("Column for y (what you want to predict)", options=table.numeric_columns,
                    key="widget_upload_y", on_change=_choose_columns)
    problem = state.pop("column_problem", None)
    if problem:
        st.error(problem + " The previous columns are kept.")
    if xy.x_is_date:
        state.widget_split = current["split"]
        st.radio(
            "Which rows are held out as new data?", options=["forecast", "random"], key="widget_split",
            on_change=_choose_split, horizontal=True,
            format_func={"forecast": "The latest 20% (a forecast)", "random": "A random 30%"}.get,
        )


def download_buttons(fit):
    left, right = st.columns(2)
    left.download_button(
        "Download predictions (CSV)", data=functools.partial(export.predictions_csv, fit.dataset, fit.path, fit.index),
        file_name="l2lab-predictions.csv", mime="text/csv", on_click="ignore",
    )
    right.download_button(
        "Download a summary (Markdown)", data=functools.partial(export.summary_markdown, fit.dataset, fit.path, fit.index),
        file_name="l2lab-summary.md", mime="text/markdown", on_click="ignore",
    )


def slider_index(lam=None):
    """Position of ``lam`` (a slider value; by default the view's λ) among the slider's values."""
    return int(np.flatnonzero(SLIDER_LAMS == (view()["lam"] if lam is None else lam))[0])


def _go_to_sweet_spot(lam):
    set_view(lam=snap_lam(lam))


def sweet_spot_button(fit, container=st):
    """Moves λ to the slider value nearest the cross-validated best."""
    best = float(fit.path.lams[fit.path.best_index])
    container.button(
        "Find the sweet spot for me", on_click=_go_to_sweet_spot, args=(best,),
        help="Moves λ to the value that cross-validation says predicts new data best.",
    )


def show_misses(fit):
    """Typical misses on training and on new data, in the data's units."""
    unit = unit_text(fit.dataset)
    left, right = st.columns(2)
    left.metric("Typical miss on training data", explain.format_miss(fit.path.train_rmse[fit.index], unit))
    right.metric("Typical miss on new data", explain.format_miss(fit.path.test_rmse[fit.index], unit))


def show_verdict(fit):
    verdict = fit.verdict
    box = st.success if verdict is explain.ABOUT_RIGHT else st.warning
    box(f"**Verdict: {verdict.label}.** {verdict.advice}")


def _reset():
    set_view(**DEFAULT_VIEW)
    st.session_state.show_link = False


def _toggle_link():
    st.session_state.show_link = not st.session_state.get("show_link", False)


def view_actions():
    """Reset and copy-a-link buttons."""
    left, right, _ = st.columns([1, 2, 3])
    left.button("Reset", on_click=_reset, help="Back to the starting settings.")
    right.button("Copy link to this view", on_click=_toggle_link)
    if st.session_state.get("show_link"):
        link = f"{st.context.url or ''}?{urlencode(view_to_params(view()))}"
        st.code(link, language=None)
        st.caption("Copy the link with the icon at the right of the box; it opens exactly this view.")
