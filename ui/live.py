"""The live λ control: charts and texts that follow the reader's hand while they drag.

Pages call ``lam_control()`` once, near the top, then ``chart(...)`` and ``text(...)``
wherever those belong. Steps are the positions of ``core.models.grid.SLIDER_LAMS``: a
``SteppedFigure`` or ``SteppedText`` must have one step per slider value.

All of them are one browser component (``components/stepper/``): it holds every step,
redraws while the reader drags with no message to the server, and reports the step
once on release; the server then stores the λ in the view and writes it into the URL.
On a page whose only λ-dependent output is live, that is all a release reruns (see
``lam_control``); elsewhere the page reruns, so everything else (expanders, code,
downloads) follows.
"""

import functools
import hashlib
import re
import shutil
from pathlib import Path

import plotly
import streamlit as st

from core.models.grid import SLIDER_LAMS
from core.show.plain_numbers import lam_in_words, lam_words, plain_number

from .state import finish_page, on_story_track, set_view, slider_index

_APP_ROOT = Path(__file__).resolve().parent.parent
_COMPONENT_DIR = _APP_ROOT / "components" / "stepper"
#: Served by Streamlit's static file serving (``server.enableStaticServing``) as ``app/static/plotly.min.js``.
PLOTLY_JS = _APP_ROOT / "static" / "plotly.min.js"
#: plotly.js's cartesian bundle (npm ``plotly.js-cartesian-dist-min``, MIT licence beside it): the trace types
#: most charts draw, a third of the size, so a fresh browser draws its first chart sooner. Used only while its
#: version is the installed plotly package's (``PLOTLY_CARTESIAN_SOURCE`` says how to refresh it).
PLOTLY_CARTESIAN_SOURCE = _COMPONENT_DIR / "vendor" / "plotly-cartesian.min.js"
PLOTLY_CARTESIAN_JS = _APP_ROOT / "static" / "plotly-cartesian.min.js"
#: The stepper's code, served as ``app/static/stepper.js`` (the component itself is a small loader).
STEPPER_SOURCE = _COMPONENT_DIR / "stepper.js"
STEPPER_JS = _APP_ROOT / "static" / "stepper.js"
CONTROL_KEY = "lam_control"
LAM_LABEL = "Penalty strength λ"
LAM_HELP = "How much the model is charged for large weights: 0 means no penalty, and it grows to the right."
GROUP = "lam"


def plotly_js_version(path):
    """The plotly.js version a bundle names in its first lines ("v4.1.1" → "4.1.1"), or None."""
    with open(path, encoding="utf-8", errors="replace") as file:
        found = re.search(r"plotly\.js[^\n]* v(\d+\.\d+\.\d+)", file.read(400))
    return found.group(1) if found else None


def _install(source, target, always=False):
    if always or not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(exist_ok=True)
        temporary = target.with_suffix(".tmp")
        shutil.copyfile(source, temporary)
        temporary.replace(target)  # atomic: a browser never gets half a file


def stepper_loader():
    """The component's code: a loader that imports stepper.js from the static files (see loader.js), by its digest."""
    digest = hashlib.sha256(STEPPER_SOURCE.read_bytes()).hexdigest()[:16]
    loader = (_COMPONENT_DIR / "loader.js").read_text(encoding="utf-8")
    return loader.replace("__STEPPER_URL__", f"app/static/{STEPPER_JS.name}?v={digest}")


@functools.cache  # once per process
def install_plotly_js():
    """Put the stepper and plotly.js where the app serves static files (no internet needed).

    Returns True if plotly.js's cartesian bundle is there too.

    The whole library is the installed plotly package's; the cartesian bundle is served only while it is the
    same version (else every chart loads the whole library).
    """
    _install(STEPPER_SOURCE, STEPPER_JS, always=True)
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    _install(source, PLOTLY_JS)
    if plotly_js_version(PLOTLY_CARTESIAN_SOURCE) != plotly_js_version(source):
        PLOTLY_CARTESIAN_JS.unlink(missing_ok=True)
        return False
    _install(PLOTLY_CARTESIAN_SOURCE, PLOTLY_CARTESIAN_JS)
    return True


_stepper = st.components.v2.component(
    "l2lab.stepper",
    js=stepper_loader(),
    css=(_COMPONENT_DIR / "stepper.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # Plotly's own global styles must reach the charts
)


def control(key, group, label, labels, index, on_release, help="", help_shown=True):
    """A live control for the steps ``labels``; ``on_release()`` reads ``released_step(key)``.

    Charts and texts of the same ``group`` follow it while the reader drags. ``help`` is written under it
    (``help_shown``) or only given to screen readers and as the control's tooltip.
    """
    install_plotly_js()
    data = {"kind": "control", "group": group, "label": label, "help": help, "labels": list(labels), "index": index}
    if not help_shown:
        data["helpShown"] = False
    _stepper(
        key=key,
        data=data,
        on_release_change=on_release,
        height="content",
    )


def released_step(key, n_steps):
    """The step at which the reader let go of control ``key`` (in a callback), or None if it is not a valid step.

    The message comes from the browser and may be stale or wrong: a release for a control the page does
    not show (its state is then missing), a step off the grid, or not a whole number. All give None, and
    the release is ignored.
    """
    state = st.session_state.get(key)
    step = state.get("release") if hasattr(state, "get") else None
    valid = isinstance(step, int) and not isinstance(step, bool) and 0 <= step < n_steps
    return step if valid else None


_RELEASED = "lam_released"


def _lam_released():
    step = released_step(CONTROL_KEY, SLIDER_LAMS.size)
    if step is not None:
        set_view(lam=float(SLIDER_LAMS[step]))
        st.session_state[_RELEASED] = True


def step_labels(story):
    """What the control says at each step: the penalty in words, with its number (small on the story track)."""
    if story:
        return [lam_in_words(lam) for lam in SLIDER_LAMS]
    return [f"{lam_words(lam)} (λ = {plain_number(lam, digits=2)})" for lam in SLIDER_LAMS]


def lam_control(rerun_page=True, explain=False):
    """Draw the λ control of the shared view; return its step (position in ``SLIDER_LAMS``).

    ``explain`` writes what λ is (``LAM_HELP``) under the control: on the first one a reader meets (Home).
    Elsewhere it is the control's tooltip and its description for screen readers, not repeated on the page.

    ``rerun_page=False`` is for a page whose only output that depends on λ is its live charts and texts
    (``chart``, ``text``): a release then reruns the control alone (a fragment) and writes the new λ into
    the URL. The live elements show the new step already, and nothing else on the page is built or sent
    again. With the default, a release reruns the whole page, for pages that draw something else from λ
    on the server (code, numbers in an expander, downloads). tests/browser/test_light_release.py checks
    that a page marked light draws nothing else from λ.
    """
    if rerun_page:
        _draw_lam_control(explain)
        st.session_state.pop(_RELEASED, None)
    else:
        _lam_fragment(explain)
    return slider_index()


def _draw_lam_control(explain):
    control(
        CONTROL_KEY,
        GROUP,
        LAM_LABEL,
        step_labels(on_story_track()),
        slider_index(),
        _lam_released,
        help=LAM_HELP,
        help_shown=explain,
    )


@st.fragment
def _lam_fragment(explain=False):
    _draw_lam_control(explain)
    if st.session_state.pop(_RELEASED, False):
        finish_page()  # the URL follows λ (in a whole-page run the page writes it again at its end)


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
    data = {"kind": "chart", "group": group, "cartesian": install_plotly_js(), **figure.to_browser()}
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
