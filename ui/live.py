"""The live λ control: charts and texts that follow the reader's hand while they drag.

Pages call ``lam_control()`` once, near the top, then ``chart(...)`` and ``text(...)``
wherever those belong. Steps are the positions of ``core.path.SLIDER_LAMS``: a
``SteppedFigure`` or ``SteppedText`` must have one step per slider value.

All of them are one browser component (``components/stepper/``): it holds every step,
redraws while the reader drags with no message to the server, and reports the step
once on release; the server then stores the λ in the view and reruns the page, so
everything else (expanders, code, downloads, the URL) follows.
"""

import functools
import shutil
from pathlib import Path

import plotly
import streamlit as st

from core import explain
from core.path import SLIDER_LAMS

from .state import set_view, slider_index

_APP_ROOT = Path(__file__).resolve().parent.parent
_COMPONENT_DIR = _APP_ROOT / "components" / "stepper"
#: Served by Streamlit's static file serving (``server.enableStaticServing``) as ``app/static/plotly.min.js``.
PLOTLY_JS = _APP_ROOT / "static" / "plotly.min.js"
CONTROL_KEY = "lam_control"
LAM_LABEL = "Penalty strength λ"
LAM_HELP = "How much the model is charged for large weights. 0 means no penalty; each step to the right multiplies it by about 1.8."
GROUP = "lam"


@functools.cache  # once per process
def install_plotly_js():
    """Put the installed plotly package's plotly.js where the app serves static files (no internet needed)."""
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not PLOTLY_JS.exists() or PLOTLY_JS.stat().st_size != source.stat().st_size:
        PLOTLY_JS.parent.mkdir(exist_ok=True)
        temporary = PLOTLY_JS.with_suffix(".tmp")
        shutil.copyfile(source, temporary)
        temporary.replace(PLOTLY_JS)  # atomic: a browser never gets half a file


_stepper = st.components.v2.component(
    "l2lab.stepper",
    js=(_COMPONENT_DIR / "stepper.js").read_text(encoding="utf-8"),
    css=(_COMPONENT_DIR / "stepper.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # Plotly's own global styles must reach the charts
)


def _released():
    step = st.session_state[CONTROL_KEY].get("release")
    if isinstance(step, int) and 0 <= step < SLIDER_LAMS.size:
        set_view(lam=float(SLIDER_LAMS[step]))


def lam_control():
    """Draw the λ control; return the step (position in ``SLIDER_LAMS``) of the view's λ."""
    install_plotly_js()
    step = slider_index()
    _stepper(
        key=CONTROL_KEY,
        data={
            "kind": "control",
            "group": GROUP,
            "label": LAM_LABEL,
            "help": LAM_HELP,
            "labels": [explain.format_lam(lam) for lam in SLIDER_LAMS],
            "index": step,
        },
        on_release_change=_released,
        height="content",
    )
    return step


def _check_steps(stepped, what):
    if stepped.n_steps != SLIDER_LAMS.size:
        raise ValueError(f"{what} has {stepped.n_steps} steps; the λ control has {SLIDER_LAMS.size}")


def chart(figure, key):
    """A chart that follows the λ control: ``figure`` is a ``core.live.SteppedFigure``."""
    _check_steps(figure, "the chart")
    _stepper(
        key=f"live_chart_{key}",
        data={"kind": "chart", "group": GROUP, "index": slider_index(), **figure.to_browser()},
        height="content",
    )


def text(stepped_text, key):
    """A plain text that follows the λ control: ``stepped_text`` is a ``core.live.SteppedText``.

    The browser sets it as text, never as HTML or Markdown, so it may carry names from a reader's file.
    """
    _check_steps(stepped_text, "the text")
    _stepper(
        key=f"live_text_{key}",
        data={"kind": "text", "group": GROUP, "index": slider_index(), **stepped_text.to_browser()},
        height="content",
    )
