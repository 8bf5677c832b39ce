"""The Sorting-feedback page in a real browser: a reader types a comment and drags λ."""

import pytest
from playwright.sync_api import expect

from core.feedback.words import EXAMPLE_COMMENT
from tests.browser.driver import TIMEOUT_MS, act_and_wait_for_rerun, open_app
from tests.browser.stepper import open_live

pytestmark = pytest.mark.browser

COMMENT = "Arrived on Tuesday, two weeks late. <b>Priya</b> was **lovely** though 😀 ![x](http://127.0.0.1:9/a.png)"


def test_typed_comment_is_sorted_and_shown_as_plain_text(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_app(page, "/feedback?lam=0.0000032")  # the first reader of a fresh server waits for every λ to be fitted
    # The box holds an example comment, already sorted: its words chart is the fourth chart.
    expect(page.locator(".stepper-chart")).to_have_count(4, timeout=TIMEOUT_MS)
    box = page.get_by_test_id("stTextArea").locator("textarea")
    expect(box).to_have_value(EXAMPLE_COMMENT)
    expect(page.locator(".stepper-text").filter(has_text="With a light penalty (λ under 0.0001): ")).to_have_count(1)
    box.fill(COMMENT)
    act_and_wait_for_rerun(page, lambda: box.press("Control+Enter"))
    texts = page.locator(".stepper-text")
    verdict = texts.filter(has_text="With a light penalty (λ under 0.0001): complaint")
    expect(verdict).to_have_count(1, timeout=TIMEOUT_MS)
    expect(verdict).to_contain_text("With no penalty: complaint")
    expect(verdict).to_contain_text("Never seen in two or more training comments")
    expect(page.get_by_test_id("stText").filter(has_text="<b>Priya</b> was **lovely**")).to_have_count(1)
    assert page.locator("b", has_text="Priya").count() == 0, "typed HTML must not be rendered"
    assert page.locator("strong", has_text="lovely").count() == 0, "typed Markdown must not be rendered"
    assert not [url for url in requests if "127.0.0.1:9" in url], "a typed image link must never be fetched"
    expect(page.locator(".stepper-chart")).to_have_count(4)  # the typed comment's words chart replaced the example's

    # Dragging λ (here: a key press on the control) moves the comment's text with it, in the browser.
    before = verdict.inner_text()
    control = page.locator(".stepper-range")
    control.focus()
    control.press("End")
    expect(texts.filter(has_text="With a very strong penalty (λ = 100): ")).to_have_count(1, timeout=TIMEOUT_MS)
    assert texts.filter(has_text="With a very strong penalty (λ = 100): ").inner_text() != before
    page.wait_for_url("**lam=100**")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_zone_labels_and_the_no_penalty_boundary_are_readable(page):
    """The zone labels sit on a white box (the "you are here" line passes behind); the boundaries end at the frame."""
    open_live(page, "/feedback?lam=0.001", 4)
    labels = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => (p._fullLayout.annotations || [])
            .filter(a => ['memorizing', 'about right', 'too simple'].includes(a.text)).map(a => a.bgcolor))"""
    )
    assert labels and all(colour.replace(" ", "").startswith("rgba(255,255,255") for colour in labels), labels
    purple = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => p._fullData
            .filter(t => t.name === 'Boundary with no penalty').map(t => t.line.width))"""
    )
    assert purple == [6]
    expect(page.get_by_test_id("stException")).to_have_count(0)
