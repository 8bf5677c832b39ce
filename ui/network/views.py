"""The "In a neural network" page's figures and texts for every λ step: built once per process, shared by every
reader (a resource cache of one entry, never changed after it is built, never evicted by the readers' data)."""

import streamlit as st

from core.models.grid import SLIDER_LAMS
from core.network import charts, data, fit, words
from core.show import live

from ..cache import CACHE_TTL


def _each_step(build):
    return [build(step) for step in range(SLIDER_LAMS.size)]


@st.cache_resource(max_entries=1, ttl=CACHE_TTL, show_spinner=words.WAIT_PICTURES)
def views(_path):
    """Every stepped figure and text of the page (``_path`` is ``models.network_path()``: one per process, not hashed)."""
    path = _path
    problem = data.problem()
    probability = fit.grid_probability(path, problem)
    steps = list(range(SLIDER_LAMS.size))
    return {
        "verdict": live.stepped_text(
            _each_step(lambda k: words.verdict_text(path, k)), _each_step(lambda k: words.verdict_tone(path, k))
        ),
        "answer_free": charts.answer_figure.steps(steps, path, problem, probability, compared=False),
        "answer": charts.answer_figure.steps(steps, path, problem, probability),
        "answer_text": live.stepped_text(_each_step(lambda k: words.answer_text(path, probability, k))),
        "loss": charts.loss_figure.steps(steps, path),
        "loss_text": live.stepped_text(_each_step(lambda k: words.loss_text(path, k))),
        "size": charts.size_figure.steps(steps, path),
        "size_text": live.stepped_text(_each_step(lambda k: words.size_text(path, k))),
        "lam": charts.lam_figure.steps(steps, path),
    }
