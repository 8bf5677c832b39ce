"""The Sorting-feedback page's models, fitted for every slider λ once per process and shared by every reader."""

import streamlit as st

from core.feedback import fit, words
from core.models.grid import SLIDER_LAMS

from ..cache import CACHE_TTL


@st.cache_resource(max_entries=1, ttl=CACHE_TTL, show_spinner=words.WAIT_WORDS)
def word_model():
    """The comments' word model with every slider λ fitted."""
    return fit.word_model(lams=SLIDER_LAMS)


@st.cache_resource(max_entries=1, ttl=CACHE_TTL, show_spinner=words.WAIT_BOUNDARY)
def boundary_model():
    """The two-signal customers' decision boundary with every slider λ fitted."""
    return fit.boundary_model(SLIDER_LAMS)
