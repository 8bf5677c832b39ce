"""The one-curve story's cached fits and studies of the view's data: only a new dataset or degree computes anything.

Caches are shared by every session: each has ``max_entries`` and a ``ttl``; keys name the
data exactly (an upload by its content's digest), so one reader's data never reach another.
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.curve import charts, words
from core.curve import fit as curve_fit
from core.curve.data import DATASET_TITLES, SHAPES, Dataset, load_dataset
from core.curve.fit import LASSO_LAMS
from core.models.grid import SLIDER_LAMS
from core.models.lasso import lasso_weights
from core.models.path import ridge_path
from core.models.path_base import RidgePath
from core.show.compare import compared_with
from core.show.plain_numbers import CURRENCY_SIGNS, markdown_safe
from core.verdict import verdict
from core.viewstate import DEFAULT_VIEW, UPLOAD

from ..cache import CACHE_TTL
from ..state import uploaded, view


@dataclass(frozen=True)
class Fit:
    """One dataset and degree fitted for every λ, and the λ the reader chose."""

    key: tuple  # names the dataset exactly, for caches
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
        return verdict(self.path, self.index)


def dataset_titles():
    """Every dataset the reader can pick; their own file joins the list once uploaded."""
    titles = dict(DATASET_TITLES)
    if uploaded() is not None:
        titles[UPLOAD] = f"Your data: {uploaded().name}"
    return titles


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=False)
def _builtin_dataset(data, n, noise, seed):
    return load_dataset(data, n, noise, seed)


def current_dataset():
    """(cache key, Dataset) of the view: the key names the data exactly and cheaply."""
    v = view()
    if v["data"] == UPLOAD:
        return (UPLOAD, uploaded().key), uploaded().dataset
    key = (v["data"], v["n"], v["noise"], v["seed"]) if v["data"] in SHAPES else (v["data"], None, None, None)
    return key, _builtin_dataset(*key)


@st.cache_data(max_entries=32, ttl=CACHE_TTL, show_spinner=words.WAIT_FIT)
def _fit_all(key, degree, _dataset):
    path = ridge_path(_dataset.x_train, _dataset.y_train, degree, x_test=_dataset.x_test, y_test=_dataset.y_test)
    curve_x = charts.curve_grid(_dataset)
    return path, curve_x, path.predict(curve_x)


def current_fit():
    """The fit for the current view; only a new dataset or degree computes anything."""
    key, dataset = current_dataset()
    path, curve_x, curves = _fit_all(key, view()["degree"], dataset)
    return Fit(key, dataset, path, curve_x, curves, path.index_of(view()["lam"]))


def fit_for(data, degree, lam):
    """A built-in dataset's fit at its defaults, whatever the view shows (for side-by-side demos)."""
    key = (
        (data, DEFAULT_VIEW["n"], DEFAULT_VIEW["noise"], DEFAULT_VIEW["seed"])
        if data in SHAPES
        else (data, None, None, None)
    )
    dataset = _builtin_dataset(*key)
    path, curve_x, curves = _fit_all(key, degree, dataset)
    return Fit(key, dataset, path, curve_x, curves, path.index_of(lam))


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=words.WAIT_LASSO)
def _lasso(key, degree, _dataset, _path):
    return lasso_weights(_path, _dataset.x_train, _dataset.y_train, LASSO_LAMS)


def lasso_for(fit):
    """L1 weights on the fit's features for ``LASSO_LAMS``."""
    return _lasso(current_dataset()[0], fit.path.degree, fit.dataset, fit.path)


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=words.WAIT_DEGREES)
def _degree_sweep(key, _dataset):
    return curve_fit.degree_sweep(_dataset)


def degree_sweep():
    """Errors for every degree and λ of the current dataset (computed once per dataset)."""
    return _degree_sweep(*current_dataset())


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=words.WAIT_RESAMPLES)
def _resampled_curves(key, degree, _dataset, _curve_x):
    return curve_fit.resampled_curves(_dataset, degree, _curve_x, SLIDER_LAMS)


def resampled_curves(fit):
    """Fits to 20 resampled training sets, for every slider λ: shape (λ, resample, x)."""
    key, _ = current_dataset()
    return _resampled_curves(key, fit.path.degree, fit.dataset, fit.curve_x)


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=words.WAIT_RESAMPLES)
def _resampled_at(key, degree, lam, _dataset, _curve_x):
    return curve_fit.resampled_curves(_dataset, degree, _curve_x, [lam])[0]


def resampled_compared(fit):
    """What the resampled fits are compared with while the reader's λ is 0 (``core.show.compare``), and its fits.

    Returns (Compared, curves of shape (resample, x)): the same samples as ``resampled_curves``, fitted with the
    sweet spot's λ (or the comparison the rule picks when the sweet spot is λ = 0).
    """
    path = fit.path
    compared = compared_with(path.lams, 0, path.best_index, path.good_range[1])
    lam = float(path.lams[compared.row])
    return compared, _resampled_at(fit.key, path.degree, lam, fit.dataset, fit.curve_x)


def unit_text(dataset):
    """The dataset's unit, safe where Streamlit renders Markdown (it may come from a stranger's file)."""
    return markdown_safe(dataset.y_unit)


def for_markdown(text, dataset):
    """A sentence written with the dataset's raw unit, made safe where Streamlit renders Markdown.

    Money keeps its sign first (a "$" escaped, or Markdown would read a formula); any other unit, which may come
    from a stranger's file, is made literal wherever it appears.
    """
    unit = dataset.y_unit
    if unit in CURRENCY_SIGNS:
        return text.replace("$", "\\$")
    return text.replace(unit, markdown_safe(unit)) if unit else text


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=False)
def _history(key, degree, _dataset):
    return curve_fit.history(_dataset, degree)


def history_for(fit):
    """How the miss on new data shrinks with more days of the same made-up data (None for real data)."""
    return _history(fit.key, fit.path.degree, fit.dataset)


def cafe_fit():
    """The café as the story tells it: the view's own fit when it shows the café, else the café's first view."""
    fit = current_fit()
    return (
        fit if fit.dataset.key == DEFAULT_VIEW["data"] else fit_for(DEFAULT_VIEW["data"], DEFAULT_VIEW["degree"], 0.0)
    )
