"""The Sorting-feedback page's figures and texts for every λ step.

Like the models (``models``), the stepped figures are the same for every reader: built once per
process and shared (resource caches of one entry each, never changed after they are built, and
never evicted by the readers' data). A typed comment is the reader's own: its figure and text are
built per session and kept in that session's state only, never in a shared cache.
"""

import streamlit as st

from core.feedback import charts as feedback_charts
from core.feedback import comment_words, method_words
from core.feedback import fit as feedback_fit
from core.feedback import words as feedback_words
from core.models.grid import SLIDER_LAMS
from core.show import live

from ..cache import CACHE_TTL
from .models import boundary_model, word_model

_COMMENT_STATE = "feedback_comment_views"


def _each_step(build):
    return [build(step) for step in range(SLIDER_LAMS.size)]


def words_spot():
    """The word model's sweet spot and its band."""
    return feedback_fit.sweet_spot(word_model().path)


@st.cache_resource(max_entries=1, ttl=CACHE_TTL, show_spinner=False)
def phrase_words_note():
    return method_words.phrase_words_note(word_model())


@st.cache_resource(max_entries=1, ttl=CACHE_TTL, show_spinner=False)
def word_views():
    """Stepped figures and texts of the word model: weights, scores, verdict."""
    model = word_model()
    spot = words_spot()
    right = feedback_words.new_comment_probabilities(model)
    return {
        "verdict": live.stepped_text(
            _each_step(lambda k: feedback_words.verdict_text(spot, k)),
            _each_step(lambda k: spot.verdict(k).tone),
        ),
        "weights": live.stepped(lambda k: feedback_charts.word_weights_figure(model, k), SLIDER_LAMS.size),
        "weights_text": live.stepped_text(_each_step(lambda k: feedback_words.words_text(model, k))),
        "scores": live.stepped(lambda k: feedback_charts.scores_figure(model.path, k, spot), SLIDER_LAMS.size),
        "scores_text": live.stepped_text(_each_step(lambda k: feedback_words.scores_text(model, k, right))),
        "mistakes_text": live.stepped_text(_each_step(lambda k: feedback_words.mistakes_text(model, k, right))),
        "carrying_text": live.stepped_text(_each_step(lambda k: feedback_words.carrying_text(model, k))),
    }


@st.cache_resource(max_entries=1, ttl=CACHE_TTL, show_spinner=False)
def boundary_views():
    """Stepped figure and text of the two-signal boundary, and its verdict."""
    model = boundary_model()
    spot = feedback_fit.sweet_spot(model.path)
    return {
        "boundary": live.stepped(lambda k: feedback_charts.boundary_figure(model, k), SLIDER_LAMS.size),
        "boundary_text": live.stepped_text(
            _each_step(lambda k: feedback_words.boundary_text_with_verdict(model, spot, k))
        ),
    }


def comment_views(text):
    """The reading, stepped figure and stepped text of a typed comment; kept for this session only."""
    state = st.session_state
    kept = state.get(_COMMENT_STATE)
    if kept is not None and kept[0] == text:
        return kept[1]
    model = word_model()
    reading = feedback_fit.read_comment(model, text)
    views = {
        "reading": reading,
        "figure": live.stepped(lambda k: feedback_charts.comment_figure(model, reading, k), SLIDER_LAMS.size)
        if reading.known.size
        else None,
        "text": live.stepped_text(_each_step(lambda k: comment_words.comment_text(model, reading, k))),
    }
    state[_COMMENT_STATE] = (text, views)
    return views
