"""The Weights and Overfitting-curves pages in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.driver import (
    TIMEOUT_MS,
    charts_snapshot,
    model_curve,
    open_app,
    script_runs,
    serve_app,
    slider,
    start_counting_runs,
    wait_for_charts_change,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path, following, fixed", [("/weights", 3, 0), ("/curves", 3, 1)])
def test_lam_arrow_key_changes_every_chart(page, path, following, fixed):
    """Every chart follows λ, except the fast preview (its own λ): it stays as it was."""
    open_app(page, path)
    expect(page.locator(".js-plotly-plot")).to_have_count(following + fixed)
    before = charts_snapshot(page)
    thumb = slider(page, "λ")
    thumb.focus()
    thumb.press("ArrowRight")
    wait_for_charts_change(page, before)
    after = charts_snapshot(page)
    assert len(after) == following + fixed
    assert all(old != new for old, new in zip(before[:following], after)), "every chart follows λ"
    assert before[following:] == after[following:], "the fast preview keeps its own λ"
    expect(page).to_have_url(re.compile(r"lam=0\.00178"))


def test_fast_preview_moves_the_fit_without_asking_the_server(page):
    open_app(page, "/curves")
    preview = page.locator(".js-plotly-plot").nth(3)
    preview.scroll_into_view_if_needed()
    before = model_curve(page, chart=3)
    start_counting_runs(page)
    rail = preview.locator(".slider-rail-touch-rect")
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2)
    page.wait_for_function(
        """(before) => {
            const plot = document.querySelectorAll('.js-plotly-plot')[3];
            const y = Array.from(plot._fullData.find(t => t.name === "Model's curve").y);
            return y.some((v, i) => Math.abs(v - before[i]) > 1e-6);
        }""",
        arg=before,
        polling="raf",
    )
    expect(preview.locator(".slider-container")).to_contain_text("Fast preview, λ = ")
    assert script_runs(page) == 0
    assert page.get_by_test_id("stApp").get_attribute("data-test-script-state") == "notRunning"


def test_sweet_spot_button_moves_the_slider(page):
    open_app(page, "/curves?lam=100")
    snapshot = charts_snapshot(page)
    page.get_by_role("button", name="Find the sweet spot for me").click()
    wait_for_charts_change(page, snapshot)
    expect(slider(page, "λ")).not_to_have_attribute("aria-valuetext", "100")
    expect(page).not_to_have_url(re.compile(r"lam=100"))


@pytest.mark.parametrize("path", ["/curves?lam=0.01&degree=6", "/your-data?degree=6"])
def test_a_shared_link_to_a_page_works_on_a_fresh_server(browser, path):
    """The first request a new server gets may be a shared link to a page other than the home page."""
    with serve_app() as base_url:
        context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        open_app(page, path)
        navigation = page.get_by_test_id("stSidebarNav")
        # The first run shows Streamlit's folder-based menu for a moment, then app.py's navigation.
        expect(navigation).to_contain_text("Overfitting curves", timeout=20_000)
        expect(navigation).not_to_contain_text("app")
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page).to_have_url(re.compile(path.split("?")[0] + r"\?.*degree=6"))
        expect(page.get_by_test_id("stException")).to_have_count(0)
        context.close()


_WIDENED_MARGINS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot, chart) =>
    ['l', 'r', 't', 'b'].filter(side => plot._fullLayout._size[side] > plot._fullLayout.margin[side] + 0.5)
        .map(side => `chart ${chart}: ${side} set ${plot._fullLayout.margin[side]}, drawn ${plot._fullLayout._size[side]}`))"""


@pytest.mark.parametrize("path", ["/", "/playground", "/weights", "/curves", "/faq", "/why"])
def test_charts_have_room_for_their_labels(page, path):
    """Margins fit the labels as given: a margin Plotly has to widen costs a second drawing per λ step."""
    open_app(page, path)
    assert page.evaluate(_WIDENED_MARGINS) == []
