"""The Questions page in a real browser: its own demo slider and the shared λ both move charts."""

import pytest
from playwright.sync_api import expect

from tests.browser.driver import charts_snapshot, open_app, slider, wait_for_charts_change

pytestmark = pytest.mark.browser


def test_demo_slider_and_shared_lam_change_the_charts(page):
    open_app(page, "/faq")
    expect(page.locator(".js-plotly-plot")).to_have_count(5, timeout=30_000)
    before = charts_snapshot(page)
    thumb = slider(page, "Push the penalty")
    thumb.focus()
    thumb.press("ArrowLeft")
    wait_for_charts_change(page, before)
    after = charts_snapshot(page)
    assert [old == new for old, new in zip(before, after)] == [True, True, True, False, True]

    thumb = slider(page, "Penalty strength λ")
    thumb.focus()
    thumb.press("ArrowRight")
    wait_for_charts_change(page, after)
    moved = charts_snapshot(page)
    assert moved[1] != after[1] and moved[4] != after[4]
    expect(page.get_by_role("table")).to_contain_text("weight_decay")
