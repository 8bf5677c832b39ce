"""Driving the live λ control (components/stepper) and reading the charts and texts that follow it.

The control is an ``input.stepper-range`` (a range input); each chart that follows it is a
``div.stepper-chart`` (itself the Plotly plot) and each text a ``div.stepper-text``, both
with ``data-step``: the step they show. Used by the browser tests and bench/browser_latency.py.
"""

import time
from urllib.parse import parse_qs, urlparse

from core.models.grid import SLIDER_LAMS
from core.viewstate import DEFAULT_VIEW, view_to_params
from ui import registry
from ui.live import step_labels

from .driver import act_and_wait_for_rerun, open_app, wait_for_app

LAM_NAME = "Penalty strength λ"

#: One string per live chart: what it draws (every trace's x and y, shapes, annotations' text), and its step.
LIVE_SNAPSHOT = """() => [...document.querySelectorAll('.stepper-chart')].map(plot => JSON.stringify([
    (plot._fullData || []).map(trace => [Array.from(trace.x || []).slice(0, 400), Array.from(trace.y || []).slice(0, 400)]),
    ((plot._fullLayout || {}).shapes || []).map(shape => [shape.x0, shape.x1, shape.y0, shape.y1]),
    ((plot._fullLayout || {}).annotations || []).map(note => note.text),
]))"""

_STEPS = """() => [...document.querySelectorAll('.stepper-chart, .stepper-text')].map(
    element => element.dataset.step === undefined ? null : Number(element.dataset.step))"""

_LIVE_PAINTED = """(count) => {
    const charts = [...document.querySelectorAll('.stepper-chart')];
    return charts.length === count && charts.every(plot =>
        plot.dataset.step !== undefined && plot._fullData && plot.querySelector('.main-svg'));
}"""

_ALL_AT = """(step) => {
    const live = [...document.querySelectorAll('.stepper-chart, .stepper-text')];
    return live.length > 0 && live.every(element => element.dataset.step === String(step));
}"""


def lam_range(page, name=LAM_NAME):
    """The λ control (a range input) whose accessible name is exactly ``name``."""
    return page.get_by_role("slider", name=name, exact=True)


def open_live(page, path, charts):
    """Open ``path`` and wait until its ``charts`` live charts are painted."""
    open_app(page, path)
    wait_for_live_charts(page, charts)


def wait_for_live_charts(page, count):
    """Until exactly ``count`` live charts are drawn and painted, and the app is idle."""
    page.wait_for_function(_LIVE_PAINTED, arg=count, polling=50)
    wait_for_app(page)


def live_snapshot(page):
    return page.evaluate(LIVE_SNAPSHOT)


def live_steps(page):
    """The step each live chart and text shows (charts first, in page order, then texts)."""
    return page.evaluate(_STEPS)


def wait_for_step(page, step):
    """Until every live chart and text shows ``step``."""
    page.wait_for_function(_ALL_AT, arg=step, polling="raf")


def control_step(control):
    return int(control.input_value())


def press_and_wait_for_rerun(page, control, key):
    """Press ``key`` on the control; wait for the rerun that reports the step to the server (after a short pause)."""
    control.focus()
    act_and_wait_for_rerun(page, lambda: control.press(key))


def drag(page, control, fractions, on_move=None):
    """Mouse down on the control at ``fractions[0]`` of its width, move through the others, then up.

    ``on_move(page)`` runs after each move once the page has drawn a frame; returns its results
    (taken before the mouse is released).
    """
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    y = box["y"] + box["height"] / 2

    def x(fraction):
        return box["x"] + 8 + (box["width"] - 16) * fraction

    seen = []
    page.mouse.move(x(fractions[0]), y)
    page.mouse.down()
    for fraction in fractions:
        page.mouse.move(x(fraction), y)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        if on_move is not None:
            seen.append(on_move(page))
    return seen


def release(page):
    """Mouse up; wait for the rerun that reports the step to the server."""
    act_and_wait_for_rerun(page, page.mouse.up)


def lam_at(step):
    return float(SLIDER_LAMS[step])


def step_of(lam):
    """The step of the shared λ control nearest to ``lam``."""
    return int(abs(SLIDER_LAMS - lam).argmin())


def valuetext(step, path, name=LAM_NAME):
    """The control's aria-valuetext at ``step`` of the shared λ on the page at ``path`` (its track names λ)."""
    story = registry.BY_PATH[urlparse(path).path].section == registry.STORY
    return f"{name}: {step_labels(story)[step]}"


def url_lam(step):
    """The ``lam=`` the URL carries for ``step`` of the shared λ."""
    return view_to_params(DEFAULT_VIEW | {"lam": lam_at(step)})["lam"]


def query(page):
    return {key: values[0] for key, values in parse_qs(urlparse(page.url).query).items()}


def record_sent_frames(page):
    """A list that receives the time of every websocket frame the page sends from now on (call before ``goto``)."""
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(time.monotonic())))
    return sent


def wait_for_live_change(page, before):
    """Until some live chart draws something other than ``before`` (a ``live_snapshot``), then until the app is idle."""
    page.wait_for_function(f"(before) => ({LIVE_SNAPSHOT})().join('|') !== before.join('|')", arg=before, polling="raf")
    wait_for_app(page)
