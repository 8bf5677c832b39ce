"""The Why-it-works page in a real browser: the keyboard moves both pictures and their sentences."""

import pytest
from playwright.sync_api import expect

from tests.browser.stepper import lam_range, live_snapshot, open_live, press_and_wait_for_rerun, query, wait_for_step

pytestmark = pytest.mark.browser
NAME = "Penalty strength λ (for this picture)"


def test_arrow_key_moves_the_circle_and_the_diamond(page):
    open_live(page, "/why", 2)
    control = lam_range(page, NAME)
    expect(control).to_have_attribute("aria-valuetext", f"{NAME}: 1.5")
    before = live_snapshot(page)
    press_and_wait_for_rerun(page, control, "ArrowRight")
    wait_for_step(page, 15)
    after = live_snapshot(page)
    assert len(after) == 2 and all(old != new for old, new in zip(before, after, strict=True)), "both follow λ"
    expect(control).to_have_attribute("aria-valuetext", f"{NAME}: 2.2")
    texts = page.locator(".stepper-text")
    expect(texts.nth(0)).to_contain_text("At λ = 2.2 the L2 point")
    expect(texts.filter(has_text="weight 2 is exactly 0")).to_have_count(1)
    assert query(page)["lam"] == "0", "this picture's λ is its own: the data's stays at its default"
