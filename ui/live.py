"""The live λ control: charts and texts that follow the reader's hand while they drag.

Pages call ``lam_control()`` once, near the top, then ``chart(...)`` and ``text(...)``
wherever those belong. Steps are the positions of ``core.path.SLIDER_LAMS``: a
``SteppedFigure`` or ``SteppedText`` must have one step per slider value.
"""

import streamlit as st

from core.path import SLIDER_LAMS

from .controls import lam_slider
from .state import slider_index


def lam_control():
    """Draw the λ control; return the step (position in ``SLIDER_LAMS``) of the view's λ."""
    lam_slider()
    return slider_index()


def _check_steps(stepped, what):
    if stepped.n_steps != SLIDER_LAMS.size:
        raise ValueError(f"{what} has {stepped.n_steps} steps; the λ control has {SLIDER_LAMS.size}")


def chart(figure, key):
    """A chart that follows the λ control: ``figure`` is a ``core.live.SteppedFigure``."""
    _check_steps(figure, "the chart")
    st.plotly_chart(figure.figure_at(slider_index()), width="stretch", key=key)


def text(stepped_text, key):
    """A plain text that follows the λ control: ``stepped_text`` is a ``core.live.SteppedText``."""
    step = slider_index()
    message = stepped_text.texts[step]
    tone = None if stepped_text.tones is None else stepped_text.tones[step]
    {"good": st.success, "warn": st.warning, "info": st.info, None: st.text}[tone](message)
