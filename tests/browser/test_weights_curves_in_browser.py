"""The Weights and Overfitting-curves pages in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.apptest_helpers import live_chart_count
from tests.browser.driver import TIMEOUT_MS, open_app, serve_app
from tests.browser.stepper import (
    act_and_wait_for_rerun,
    lam_range,
    live_snapshot,
    open_live,
    press_and_wait_for_rerun,
    valuetext,
    wait_for_live_change,
    wait_for_step,
)
from ui import registry

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/weights", "/curves"])
def test_lam_arrow_key_changes_every_chart(page, path):
    """Every chart on the page follows λ (the separate fast preview on /curves is gone)."""
    count = live_chart_count(path)
    open_live(page, f"{path}?lam=0.001", count)
    before = live_snapshot(page)
    press_and_wait_for_rerun(page, lam_range(page), "ArrowRight")
    wait_for_step(page, 22)
    after = live_snapshot(page)
    assert len(after) == count
    assert all(old != new for old, new in zip(before, after, strict=True)), "every chart follows λ"
    expect(page).to_have_url(re.compile(r"lam=0\.00178"))


def test_sweet_spot_button_moves_the_control(page):
    open_live(page, "/curves?lam=100", live_chart_count("/curves"))
    control = lam_range(page)
    expect(control).to_have_attribute("aria-valuetext", valuetext(41, "/curves"))
    snapshot = live_snapshot(page)
    button = page.get_by_role("button", name=re.compile("sweet spot"))
    act_and_wait_for_rerun(page, button.click)
    wait_for_live_change(page, snapshot)
    expect(control).not_to_have_attribute("aria-valuetext", valuetext(41, "/curves"))
    step = int(control.input_value())
    assert step < 41
    wait_for_step(page, step)
    expect(page).not_to_have_url(re.compile(r"lam=100"))


@pytest.mark.parametrize("path", ["/curves?lam=0.01&degree=6", "/your-data?degree=6"])
def test_a_shared_link_to_a_page_works_on_a_fresh_server(browser, path):
    """The first request a new server gets may be a shared link to a page other than the home page."""
    with serve_app() as base_url:
        context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        open_app(page, path)
        # The first run shows Streamlit's folder-based menu in the sidebar for a moment, then app.py's
        # navigation at the top.
        expect(page.get_by_test_id("stTopNav")).to_contain_text(registry.DEEPER, timeout=20_000)
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page).to_have_url(re.compile(path.split("?")[0] + r"\?.*degree=6"))
        expect(page.get_by_test_id("stException")).to_have_count(0)
        context.close()


WIDENED_MARGINS = """() => [...document.querySelectorAll('.stepper-chart')].flatMap((plot, chart) =>
    ['l', 'r', 't', 'b'].filter(side => plot._fullLayout._size[side] > plot._fullLayout.margin[side] + 0.5)
        .map(side => `chart ${chart}: ${side} set ${plot._fullLayout.margin[side]}, drawn ${plot._fullLayout._size[side]}`))"""


@pytest.mark.parametrize("path", ["/", "/playground", "/weights", "/curves", "/faq", "/why"])
def test_charts_have_room_for_their_labels(page, path):
    """A live chart's margins fit its labels as given: a margin Plotly has to widen costs a second drawing per λ
    step."""
    open_live(page, path, live_chart_count(path))
    assert page.evaluate(WIDENED_MARGINS) == []
