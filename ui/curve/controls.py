"""The one-curve story's widgets: λ and degree, the data picker, the guess-first challenge, misses, verdict, sweet spot,
and the downloads of the reader's fit."""

import functools

import streamlit as st

from core.curve import export, words
from core.curve.data import N_RANGE, NOISE_RANGE, SHAPES, noise_in_units
from core.models.grid import SLIDER_LAMS
from core.show.plain_numbers import format_lam
from core.viewstate import DEGREE_RANGE, NOISE_STEP, snap_lam

from .. import live
from ..state import bound, set_view, view
from . import steps
from .fits import current_dataset, current_fit, dataset_titles

DEGREE_LABEL = "Curve flexibility (degree)"
SWEET_SPOT_LABEL = "Move λ to the sweet spot"
DEGREE_HELP = "How many bends the curve may make: 1 is a straight line, and each step up allows one more bend."


def degree_slider(container=st):
    container.slider(
        DEGREE_LABEL,
        *DEGREE_RANGE,
        **bound("degree"),
        help=DEGREE_HELP,
    )


def fit_controls(pick_data=True, rerun_page=True, degree=True):
    """The controls the curve's pages share (dataset in the sidebar, λ and degree side by side); returns the fit.

    ``rerun_page``: see ``ui.live.lam_control`` (False on pages whose only λ-dependent output is live).
    ``degree=False`` leaves the degree slider for the page to place (``degree_slider``), λ then takes the whole
    width.
    """
    if pick_data:
        data_controls()
    if not degree:
        live.lam_control(rerun_page=rerun_page)
        return current_fit()
    left, right = st.columns(2)
    with left:
        live.lam_control(rerun_page=rerun_page)
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
    bar.selectbox("Dataset", options=list(titles), format_func=titles.get, **bound("data"))
    if view()["data"] in SHAPES:
        bar.slider(
            "Training points",
            *N_RANGE,
            **bound("n"),
            help="How many points the model learns from. With few points, luck plays a bigger part.",
        )
        bar.slider(
            "Noise",
            *NOISE_RANGE,
            step=NOISE_STEP,
            **bound("noise"),
            help="How scattered the points are around the true pattern: 0 is not at all, 1 is a lot.",
        )
        bar.button(
            "New sample",
            on_click=_new_sample,
            help="A different draw of the same kind of data: same pattern, same scatter.",
        )
        dataset = current_dataset()[1]
        bar.caption(words.noise_caption(dataset.y_unit, noise_in_units(dataset)))
    else:
        bar.caption(current_dataset()[1].story)


def guess_first(fit, toggle=True):
    """The "guess first" challenge: returns True once the answer may be shown (or the reader skips it).

    With ``toggle=False`` the challenge is always on: the answer waits until the reader has guessed.
    """
    state = st.session_state
    if toggle and not st.toggle("Guess first: hide the answer until I have guessed", key="guess_mode"):
        return True
    answer_key = (current_dataset()[0], fit.path.degree)
    if state.get("guess_revealed") != answer_key:
        st.markdown(words.GUESS_PROMPT)
        st.select_slider(
            "Your guess for the sweet spot λ",
            options=SLIDER_LAMS.tolist(),
            value=float(SLIDER_LAMS[21]),
            format_func=format_lam,
            key="guess_lam",
        )
        st.button("Reveal the answer", on_click=_reveal, args=(answer_key,))
        return False
    st.info(words.guess_verdict(fit.path, state.guess_value))
    return True


def _reveal(answer_key):
    st.session_state.guess_revealed = answer_key
    st.session_state.guess_value = st.session_state.guess_lam


def _go_to_sweet_spot(lam):
    set_view(lam=snap_lam(lam))


def sweet_spot_button(fit, container=st):
    """Moves λ to the slider value nearest the cross-validated best."""
    best = float(fit.path.lams[fit.path.best_index])
    container.button(
        SWEET_SPOT_LABEL,
        on_click=_go_to_sweet_spot,
        args=(best,),
        help="Sets λ to the sweet spot: the penalty with the lowest miss when checked on points the model did not "
        "learn from (the star on The sweet spot).",
    )


def show_misses(fit):
    """Typical misses on training and on new data, in the data's units; they follow λ while the reader drags."""
    train, new = steps.misses(fit)
    left, right = st.columns(2)
    with left:
        live.text(train, key="miss_train")
    with right:
        live.text(new, key="miss_new")


def show_verdict(fit):
    """The verdict for the view's λ; it follows λ while the reader drags."""
    live.text(steps.verdicts(fit), key="verdict")


def download_buttons(fit):
    """The reader's fit to take away: every row with its prediction (CSV), and a summary (Markdown)."""
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
