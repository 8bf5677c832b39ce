"""The "In a neural network" page in a real browser: the first view's contrast, and λ steps played in the browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.stepper import (
    drag,
    lam_range,
    live_snapshot,
    live_steps,
    open_live,
    record_sent_frames,
    release,
    url_lam,
    valuetext,
)

pytestmark = pytest.mark.browser

CHARTS = 5

#: The customers' two pictures (the first two charts): each one's chances and title.
_PICTURES = """() => [...document.querySelectorAll('.stepper-chart')].slice(0, 2).map(plot => ({
    chances: Array.from(plot._fullData.find(t => t.type === 'contour').z),
    title: plot.layout.title.text,
}))"""


#: What each live chart draws now: the shared snapshot (traces' x and y, shapes, notes) plus every trace's z and
#: the title, which the customers' pictures change from step to step.
_SNAPSHOT = """() => [...document.querySelectorAll('.stepper-chart')].map(plot => JSON.stringify([
    (plot._fullData || []).map(trace => trace.z ? Array.from(trace.z).slice(0, 2000) : null),
    ((plot._fullLayout || {}).title || {}).text,
]))"""


def _snapshot(page):
    return [shared + drawn for shared, drawn in zip(live_snapshot(page), page.evaluate(_SNAPSHOT), strict=True)]


def _state(page):
    return {"steps": live_steps(page), "charts": _snapshot(page), "control": int(lam_range(page).input_value())}


def test_first_view_shows_no_penalty_beside_the_sweet_spot(page):
    open_live(page, "/network", CHARTS)  # no link: λ = 0, the app's default
    expect(lam_range(page)).to_have_attribute("aria-valuetext", valuetext(0, "/network"))
    free, compared = page.evaluate(_PICTURES)
    assert len(free["chances"]) == len(compared["chances"]) > 1000
    difference = max(abs(a - b) for a, b in zip(free["chances"], compared["chances"], strict=True))
    assert difference > 0.5, "the two pictures differ"
    assert free["title"] == "With no penalty"
    assert compared["title"].startswith("The sweet spot: λ = 0.01")
    expect(page.locator(".stepper-text").first).to_contain_text("Verdict with no penalty: memorizing")


def test_lam_steps_redraw_every_chart_with_no_server_message(page):
    sent = record_sent_frames(page)
    open_live(page, "/network?lam=0.0001", CHARTS)
    control = lam_range(page)
    before = _snapshot(page)
    during = len(sent)

    seen = drag(page, control, [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8], on_move=_state)

    assert len(sent) == during, "no message to the server while the reader drags"
    for state in seen:  # every chart and text shows the step under the reader's hand
        assert state["steps"] == [state["control"]] * len(state["steps"])
    assert len({state["charts"][0] for state in seen} | {before[0]}) == 1, "no penalty: the same at every step"
    for chart in range(1, CHARTS):
        drawn = {state["charts"][chart] for state in seen} | {before[chart]}
        assert len(drawn) >= 5, f"chart {chart} changed only {len(drawn) - 1} times during the drag"
    step = seen[-1]["control"]
    release(page)
    assert len(sent) - during == 1, "one message on release"
    expect(page).to_have_url(re.compile(rf"[?&]lam={re.escape(url_lam(step))}&"))
    assert set(live_steps(page)) == {step}
