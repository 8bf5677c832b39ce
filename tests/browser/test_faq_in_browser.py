"""The Questions page in a real browser: its own demo slider and the shared λ both move charts."""

import pytest
from playwright.sync_api import expect

from tests.browser.driver import charts_snapshot, slider, wait_for_charts_change
from tests.browser.stepper import lam_range, live_snapshot, open_live, press_and_wait_for_rerun, wait_for_step

pytestmark = pytest.mark.browser


def test_demo_slider_and_shared_lam_change_the_charts(page):
    open_live(page, "/faq?lam=0.001", 3)
    expect(page.locator(".js-plotly-plot")).to_have_count(5, timeout=30_000)
    before = charts_snapshot(page)
    thumb = slider(page, "Push the penalty")
    thumb.focus()
    thumb.press("ArrowLeft")
    wait_for_charts_change(page, before)
    after = charts_snapshot(page)
    assert [old == new for old, new in zip(before, after, strict=True)] == [True, True, True, False, True]

    # The charts in the page's order: no penalty (fixed), yours, the gap, the demo's, L2 against L1.
    live_before = live_snapshot(page)
    press_and_wait_for_rerun(page, lam_range(page), "ArrowRight")
    wait_for_step(page, 22)
    live_after = live_snapshot(page)
    assert len(live_after) == 3 and all(old != new for old, new in zip(live_before, live_after, strict=True))
    moved = charts_snapshot(page)
    assert (moved[0], moved[3]) == (after[0], after[3]), "no penalty and the demo's own λ stay as they were"
    page.get_by_text("In depth: what λ means in scikit-learn, Keras and PyTorch").click()  # the table is in depth
    expect(page.get_by_role("table")).to_contain_text("weight_decay")
