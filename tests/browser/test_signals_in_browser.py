"""The Many-signals page (/signals) in a real browser: five live charts follow λ (one in the story, four in
depth), the pair's sentence and the verdict speak."""

import pytest
from playwright.sync_api import expect

from core.signals.data import SHOP_TARGET
from tests.browser.driver import act_and_wait_for_rerun, open_app
from tests.browser.stepper import (
    lam_range,
    live_snapshot,
    open_live,
    press_and_wait_for_rerun,
    wait_for_live_charts,
    wait_for_step,
)
from tests.browser.test_your_data_in_browser import upload
from tests.test_signals_your_data import shop_csv

pytestmark = pytest.mark.browser


def test_signals_page_follows_lam_and_names_the_pair(page):
    open_live(page, "/signals?lam=0", 5)
    expect(page.locator(".js-plotly-plot")).to_have_count(5)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(
        page.get_by_text("Online ads (thousand €) and Online clicks (thousands) move together", exact=False)
    ).to_be_visible()
    expect(page.get_by_text("they pull against each other", exact=False)).to_be_visible()
    before = live_snapshot(page)
    press_and_wait_for_rerun(page, lam_range(page), "ArrowRight")
    wait_for_step(page, 1)
    after = live_snapshot(page)
    assert len(after) == 5 and all(old != new for old, new in zip(before, after, strict=True))


def test_near_the_sweet_spot_the_pair_shares_the_credit(page):
    open_live(page, "/signals?lam=0.1", 5)
    expect(page.get_by_text("they share the credit", exact=False)).to_be_visible()
    page.get_by_text("In depth: the verdict", exact=False).click()
    expect(page.get_by_text("Verdict on this data: about right", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_charts_have_room_for_their_labels(page):
    """Margins fit the labels as given: a margin Plotly has to widen costs a second drawing per λ step."""
    from tests.browser.test_weights_curves_in_browser import WIDENED_MARGINS

    open_live(page, "/signals", 5)
    assert page.evaluate(WIDENED_MARGINS) == []


def test_several_columns_of_an_uploaded_file(page, tmp_path):
    """Your data: upload a table, switch to several columns: the many-signals story with the file's names."""
    open_app(page, "/your-data")
    upload(page, tmp_path, "shop.csv", shop_csv())
    option = page.get_by_role("radio", name="Several columns (signals)")
    act_and_wait_for_rerun(page, lambda: option.check(force=True))
    expect(page.get_by_role("combobox", name="Column to predict")).to_have_value(SHOP_TARGET)
    wait_for_live_charts(page, 5)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(
        page.get_by_text("Online ads (thousand €) and Online clicks (thousands) move together", exact=False)
    ).to_be_visible()
    expect(
        page.get_by_text("Left out TV again: it holds exactly the same values as TV ads (thousand €).", exact=False)
    ).to_be_visible()
