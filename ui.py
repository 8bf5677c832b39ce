"""Streamlit glue shared by the pages: the shared view and its URL, cached fits, common widgets.

The view (dataset, λ, degree, …) lives in one plain session-state key, so it
survives page changes; widgets are seeded from it and write back to it. Every
page rewrites the URL from it, so any link reproduces what the reader sees.
"""
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from streamlit.runtime.pages_manager import PagesManager

import core
from core import charts, explain, studies
from core.datasets import DATASET_TITLES, N_RANGE, NOISE_RANGE, SHAPES, Dataset, load_dataset
from core.path import SLIDER_LAMS, RidgePath, ridge_path
from core.viewstate import DEFAULT_VIEW, DEGREE_RANGE, NOISE_STEP, parse_view, snap_lam, view_to_params

core.limit_blas_threads()

LAM_LABEL = "Penalty strength λ"
DEGREE_LABEL = "Curve flexibility (polynomial degree)"
LAM_HELP = (
    "How much the model is charged for large weights. 0 means no penalty at all; "
    "each step to the right multiplies the penalty by about 1.8."
)
DEGREE_HELP = "The highest power of x the curve may use. Higher means a more flexible curve."


def view():
    """The reader's view, shared by all pages; a session's first run reads it from the URL."""
    state = st.session_state
    if "view" not in state:
        state.view, state.url_notes = parse_view(st.query_params.to_dict())
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
    for note in st.session_state.pop("url_notes", []):
        st.info(note)
    return current


def finish_page():
    """Write the view into the URL (only when it changed)."""
    params = view_to_params(view())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def lam_slider(container=st):
    container.select_slider(
        LAM_LABEL, options=SLIDER_LAMS.tolist(), format_func=explain.format_lam,
        **_bound("lam"), help=LAM_HELP,
    )


def degree_slider(container=st):
    container.slider(
        DEGREE_LABEL, *DEGREE_RANGE, **_bound("degree"), help=DEGREE_HELP,
    )


def _new_sample():
    set_view(seed=view()["seed"] + 1)


def data_controls():
    """Dataset picker, and for synthetic data the sample size, noise and a new sample, in the sidebar."""
    bar = st.sidebar
    bar.header("Data")
    bar.selectbox(
        "Dataset", options=list(DATASET_TITLES), format_func=DATASET_TITLES.get, **_bound("data"),
    )
    if view()["data"] in SHAPES:
        bar.slider("Training points", *N_RANGE, **_bound("n"))
        bar.slider(
            "Noise", *NOISE_RANGE, step=NOISE_STEP, **_bound("noise"),
            help=f"How far points scatter around the true curve (standard deviation; the default is {DEFAULT_VIEW['noise']}).",
        )
        bar.button("New sample", on_click=_new_sample, help="Draw fresh points from the same curve.")
        bar.caption(f"Sample number {view()['seed']}. Held-out points: a fresh sample of 200 from the same curve.")
    else:
        bar.caption("30% of the rows, picked at random once, are held out as 'new data'.")


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


def _sample():
    """The view's dataset choice; sample settings count only for synthetic data."""
    v = view()
    if v["data"] in SHAPES:
        return v["data"], v["n"], v["noise"], v["seed"]
    return v["data"], None, None, None


@st.cache_data(max_entries=32, show_spinner=False)
def _fit_all(data, n, noise, seed, degree):
    dataset = load_dataset(data, n, noise, seed)
    path = ridge_path(dataset.x_train, dataset.y_train, degree, x_test=dataset.x_test, y_test=dataset.y_test)
    curve_x = charts.curve_grid(dataset)
    return dataset, path, curve_x, path.predict(curve_x)


def current_fit():
    """The fit for the current view; only a new dataset or degree computes anything."""
    dataset, path, curve_x, curves = _fit_all(*_sample(), view()["degree"])
    return Fit(dataset, path, curve_x, curves, path.index_of(view()["lam"]))


@st.cache_data(max_entries=16, show_spinner=False)
def _degree_sweep(data, n, noise, seed):
    return studies.degree_sweep(load_dataset(data, n, noise, seed))


def degree_sweep():
    """Errors for every degree and λ of the current dataset (computed once per dataset)."""
    return _degree_sweep(*_sample())


@st.cache_data(max_entries=16, show_spinner=False)
def _resampled_curves(data, n, noise, seed, degree):
    dataset, _, curve_x, _ = _fit_all(data, n, noise, seed, degree)
    return studies.resampled_curves(dataset, degree, curve_x, SLIDER_LAMS)


def resampled_curves():
    """Fits to 20 resampled training sets, for every slider λ: shape (λ, resample, x)."""
    return _resampled_curves(*_sample(), view()["degree"])


def slider_index():
    """Position of the current λ among the slider's values."""
    return int(np.flatnonzero(SLIDER_LAMS == view()["lam"])[0])


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
    unit = fit.dataset.y_unit
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
