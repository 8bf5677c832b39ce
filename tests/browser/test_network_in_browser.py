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

CHARTS = 4

#: The two pictures of the first chart: each contour trace's chances, and the two panels' titles.
_PICTURES = """() => {
    const plot = document.querySelectorAll('.stepper-chart')[0];
    return {
        chances: plot._fullData.filter(t => t.type === 'contour').map(t => Array.from(t.z)),
        titles: plot.layout.annotations.slice(0, 2).map(a => a.text),
    };
}"""


def _state(page):
    return {"steps": live_steps(page), "charts": live_snapshot(page), "control": int(lam_range(page).input_value())}


def test_first_view_shows_no_penalty_beside_the_sweet_spot(page):
    open_live(page, "/network", CHARTS)  # no link: λ = 0, the app's default
    expect(lam_range(page)).to_have_attribute("aria-valuetext", valuetext(0))
    pictures = page.evaluate(_PICTURES)
    free, compared = pictures["chances"]
    assert len(free) == len(compared) > 1000
    assert max(abs(a - b) for a, b in zip(free, compared, strict=True)) > 0.5, "the two pictures differ"
    assert pictures["titles"][0] == "With no penalty"
    assert pictures["titles"][1].startswith("The sweet spot: λ = 0.01")
    expect(page.locator(".stepper-text").first).to_contain_text("Verdict with no penalty: memorizing")


def test_lam_steps_redraw_every_chart_with_no_server_message(page):
    sent = record_sent_frames(page)
    open_live(page, "/network?lam=0.0001", CHARTS)
    control = lam_range(page)
    before = live_snapshot(page)
    during = len(sent)

    seen = drag(page, control, [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8], on_move=_state)

    assert len(sent) == during, "no message to the server while the reader drags"
    for state in seen:  # every chart and text shows the step under the reader's hand
        assert state["steps"] == [state["control"]] * len(state["steps"])
    for chart in range(CHARTS):
        drawn = {state["charts"][chart] for state in seen} | {before[chart]}
        assert len(drawn) >= 5, f"chart {chart} changed only {len(drawn) - 1} times during the drag"
    step = seen[-1]["control"]
    release(page)
    assert len(sent) - during == 1, "one message on release"
    expect(page).to_have_url(re.compile(rf"[?&]lam={re.escape(url_lam(step))}&"))
    assert set(live_steps(page)) == {step}
