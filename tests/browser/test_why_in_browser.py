"""The Why-it-works page in a real browser: the keyboard moves both pictures."""

import pytest
from playwright.sync_api import expect

from tests.browser.driver import charts_snapshot, open_app, slider, wait_for_charts_change

pytestmark = pytest.mark.browser


def test_arrow_key_moves_the_circle_and_the_diamond(page):
    open_app(page, "/why")
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    thumb = slider(page, "λ")
    expect(thumb).to_have_attribute("aria-valuetext", "1.5")
    before = charts_snapshot(page)
    thumb.focus()
    thumb.press("ArrowRight")
    wait_for_charts_change(page, before)
    after = charts_snapshot(page)
    assert len(after) == 2 and all(old != new for old, new in zip(before, after)), "both pictures follow λ"
    expect(thumb).to_have_attribute("aria-valuetext", "2.2")
    captions = page.get_by_test_id("stCaptionContainer")
    expect(captions.nth(0)).to_contain_text("At λ = 2.2 the L2 point")
    expect(captions.nth(1)).to_contain_text("weight 2 is exactly 0")
    expect(page.get_by_test_id("stException")).to_have_count(0)
