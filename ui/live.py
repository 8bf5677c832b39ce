"""The live λ control: charts and texts that follow the reader's hand while they drag.

Pages call ``lam_control()`` once, near the top, then ``chart(...)`` and ``text(...)``
wherever those belong. Steps are the positions of ``core.models.grid.SLIDER_LAMS``: a
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

from core.models.grid import SLIDER_LAMS
from core.show.plain_numbers import format_lam, lam_label

from .state import set_view, slider_index

_APP_ROOT = Path(__file__).resolve().parent.parent
_COMPONENT_DIR = _APP_ROOT / "components" / "stepper"
#: Served by Streamlit's static file serving (``server.enableStaticServing``) as ``app/static/plotly.min.js``.
PLOTLY_JS = _APP_ROOT / "static" / "plotly.min.js"
CONTROL_KEY = "lam_control"
LAM_LABEL = "Penalty strength λ"
LAM_HELP = "How much the model is charged for large weights: 0 means no penalty, and it grows to the right."
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


def control(key, group, label, labels, index, on_release, help=""):
    """A live control for the steps ``labels``; ``on_release()`` reads ``released_step(key)``.

    Charts and texts of the same ``group`` follow it while the reader drags.
    """
    install_plotly_js()
    _stepper(
        key=key,
        data={"kind": "control", "group": group, "label": label, "help": help, "labels": list(labels), "index": index},
        on_release_change=on_release,
        height="content",
    )


def released_step(key, n_steps):
    """The step at which the reader let go of control ``key`` (in a callback), or None if it is not a valid step."""
    step = st.session_state[key].get("release")
    return step if isinstance(step, int) and 0 <= step < n_steps else None


def _lam_released():
    step = released_step(CONTROL_KEY, SLIDER_LAMS.size)
    if step is not None:
        set_view(lam=float(SLIDER_LAMS[step]))


#: The λ control's name on a story page, where its steps are named in words (``lam_label``).
STORY_LAM_LABEL = "Penalty λ"


def lam_control(in_words=False):
    """Draw the λ control of the shared view; return its step (position in ``SLIDER_LAMS``).

    ``in_words`` names each step as a story page does: 'no penalty (0)', 'a medium penalty (0.00032)'.
    """
    step = slider_index()
    control(
        CONTROL_KEY,
        GROUP,
        STORY_LAM_LABEL if in_words else LAM_LABEL,
        [(lam_label if in_words else format_lam)(lam) for lam in SLIDER_LAMS],
        step,
        _lam_released,
        help=LAM_HELP,
    )
    return step


def _check_steps(stepped, group):
    if group == GROUP and stepped.n_steps != SLIDER_LAMS.size:
        raise ValueError(f"{stepped.n_steps} steps, but the λ control has {SLIDER_LAMS.size}")


def chart(figure, key, group=GROUP, index=None):
    """A chart that follows the live control of ``group`` (by default the shared λ control).

    ``figure`` is a ``core.show.live.SteppedFigure``. The chart takes its step from the control on the
    page, so its data do not change when λ does: after a release, Streamlit resends nothing for it
    (messages it has sent before are cached by the browser). Give ``index`` only where no control
    of the group is drawn on the page (a preview): the chart then shows that step.
    """
    _check_steps(figure, group)
    data = {"kind": "chart", "group": group, **figure.to_browser()}
    if index is not None:
        data["index"] = index
    _stepper(key=f"live_chart_{key}", data=data, height="content")


def _missing_index(group):
    raise ValueError(f"the current step of group {group!r} must be given")


def text(stepped_text, key, group=GROUP, index=None):
    """A plain text that follows a live control: ``stepped_text`` is a ``core.show.live.SteppedText``.

    The browser sets it as text, never as HTML or Markdown, so it may carry names from a reader's file.
    """
    _check_steps(stepped_text, group)
    if index is None:
        index = slider_index() if group == GROUP else _missing_index(group)
    _stepper(
        key=f"live_text_{key}",
        data={"kind": "text", "group": group, "index": index, **stepped_text.to_browser()},
        height="content",
    )
