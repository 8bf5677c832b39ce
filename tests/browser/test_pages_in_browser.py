"""What a reader does in a real browser: open pages, press keys, follow links."""

import re

import pytest
from playwright.sync_api import expect

from tests.apptest_helpers import live_chart_count
from tests.browser.driver import go_to, model_curve, open_app, slider, wait_for_app, wait_for_curve_change
from tests.browser.stepper import lam_range, open_live, press_and_wait_for_rerun, query, step_of, valuetext

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/playground"])
def test_page_opens_with_a_chart_and_a_shareable_url(page, path):
    open_live(page, path, live_chart_count(path))
    assert len(model_curve(page)) == 300
    expect(page).to_have_url(re.compile(r"lam=0&degree=15&data=wave"))


@pytest.mark.parametrize("path", ["/", "/playground"])
def test_lam_arrow_key_changes_the_chart(page, path):
    open_live(page, f"{path}?lam=0.001", live_chart_count(path))
    before = model_curve(page)
    control = lam_range(page)
    press_and_wait_for_rerun(page, control, "ArrowRight")
    wait_for_curve_change(page, before)
    expect(control).to_have_attribute("aria-valuetext", valuetext(step_of(0.001) + 1, path))
    assert query(page)["lam"] == "0.00178"


def test_link_with_parameters_sets_the_controls(page):
    open_app(page, "/playground?lam=0.01&degree=5&data=tips")
    expect(lam_range(page)).to_have_attribute("aria-valuetext", valuetext(step_of(0.01), "/playground"))
    expect(slider(page, "degree")).to_have_attribute("aria-valuetext", "5")
    expect(page.get_by_role("combobox", name="Dataset")).to_have_value(re.compile("Restaurant bill and tip"))
    expect(page.locator(".stepper-text").filter(has_text="Typical miss on new data")).to_contain_text("$")


def test_bad_link_value_gets_a_note_not_an_error(page):
    open_app(page, "/playground?lam=%3Cb%3Eoops&degree=7")
    expect(page.get_by_test_id("stAlert").first).to_contain_text("could not be read")
    expect(lam_range(page)).to_have_attribute("aria-valuetext", valuetext(0, "/playground"))
    expect(slider(page, "degree")).to_have_attribute("aria-valuetext", "7")
    assert page.locator("b", has_text="oops").count() == 0


def test_choices_survive_moving_between_pages(page):
    open_live(page, "/playground", live_chart_count("/playground"))
    before = model_curve(page)
    thumb = slider(page, "degree")
    thumb.focus()
    thumb.press("ArrowLeft")
    wait_for_curve_change(page, before)
    go_to(page, "Home")
    expect(page).to_have_url(re.compile(r"/\?lam=0&degree=14&"))
    wait_for_app(page)
    go_to(page, "Playground")
    expect(page).to_have_url(re.compile(r"/playground\?.*degree=14"))
    wait_for_app(page)
    expect(slider(page, "degree")).to_have_attribute("aria-valuetext", "14")
