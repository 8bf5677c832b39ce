"""The Sorting-feedback page in a real browser: a reader types a comment, drags λ, and sorts their own comments."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.feedback.comment_words import EXAMPLE_COMMENT
from core.feedback.upload_words import DOWNLOAD_LABEL
from tests.browser.driver import TIMEOUT_MS, act_and_wait_for_rerun, open_app
from tests.browser.stepper import open_live
from tests.review_exports import review_export

pytestmark = pytest.mark.browser

COMMENT = "Arrived on Tuesday, two weeks late. <b>Priya</b> was **lovely** though 😀 ![x](http://127.0.0.1:9/a.png)"


def test_typed_comment_is_sorted_and_shown_as_plain_text(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_app(page, "/feedback?lam=0.0000032")  # the first reader of a fresh server waits for every λ to be fitted
    # The box holds an example comment, already sorted: its words chart is the second of the four charts.
    expect(page.locator(".stepper-chart")).to_have_count(4, timeout=TIMEOUT_MS)
    box = page.get_by_test_id("stTextArea").locator("textarea")
    expect(box).to_have_value(EXAMPLE_COMMENT)
    yours = "With your setting (orange), a light penalty (λ under 0.0001): "
    expect(page.locator(".stepper-text").filter(has_text=yours)).to_have_count(1)
    box.fill(COMMENT)
    act_and_wait_for_rerun(page, lambda: box.press("Control+Enter"))
    texts = page.locator(".stepper-text")
    verdict = texts.filter(has_text=yours + "complaint")
    expect(verdict).to_have_count(1, timeout=TIMEOUT_MS)
    expect(verdict).to_contain_text("With no penalty (pink): complaint")
    expect(verdict).to_contain_text("Never seen in two or more training comments")
    # the comment as typed, the words the model knows in brackets: its markup shown as characters
    expect(page.get_by_test_id("stText").filter(has_text="<b>[Priya]</b> [was] **[lovely]**")).to_have_count(1)
    assert page.locator("b", has_text="Priya").count() == 0, "typed HTML must not be rendered"
    assert page.locator("strong", has_text="lovely").count() == 0, "typed Markdown must not be rendered"
    assert not [url for url in requests if "127.0.0.1:9" in url], "a typed image link must never be fetched"
    expect(page.locator(".stepper-chart")).to_have_count(4)  # the typed comment's words chart replaced the example's

    # Dragging λ (here: a key press on the control) moves the comment's text with it, in the browser.
    before = verdict.inner_text()
    control = page.locator(".stepper-range")
    control.focus()
    control.press("End")
    strongest = "With your setting (orange), a very strong penalty (λ = 100): "
    expect(texts.filter(has_text=strongest)).to_have_count(1, timeout=TIMEOUT_MS)
    assert texts.filter(has_text=strongest).inner_text() != before
    page.wait_for_url("**lam=100**")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_zone_labels_and_the_no_penalty_boundary_are_readable(page):
    """The zone labels sit on a white box (the "you are here" line passes behind); the no-penalty boundary is
    drawn dotted over the reader's (so both show where they run together)."""
    open_live(page, "/feedback?lam=0.001", 4)
    labels = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => (p._fullLayout.annotations || [])
            .filter(a => ['memorizing', 'about right', 'too simple'].includes(a.text)).map(a => a.bgcolor))"""
    )
    assert labels and all(colour.replace(" ", "").startswith("rgba(255,255,255") for colour in labels), labels
    no_penalty = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => p._fullData
            .filter(t => t.type === 'contour' && t.name === 'No penalty').map(t => [t.line.width, t.line.dash]))"""
    )
    assert no_penalty == [[2.5, "dot"]]
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_an_uploaded_review_export_is_sorted_and_shown_as_plain_text(page, tmp_path):
    """A review site's export (built in the test): the same story for it, its comments as plain text, every row
    downloaded with formula-like cells made safe, and a bad file after it told plainly with the charts kept."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_app(page, "/feedback?lam=0.0000032")
    charts = page.locator(".stepper-chart")
    expect(charts).to_have_count(4, timeout=TIMEOUT_MS)
    export = tmp_path / "**reviews** <b>2024.csv"  # Markdown and HTML in a file name (no slash)
    export.write_bytes(review_export())
    uploader = page.locator('[data-testid="stFileUploader"] input[type=file]')
    act_and_wait_for_rerun(page, lambda: uploader.set_input_files(str(export)))
    expect(charts).to_have_count(6, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stText").filter(has_text="File: **reviews** <b>2024.csv (420 rows)")).to_have_count(1)
    assert page.locator("b", has_text="2024").count() == 0 and page.locator("strong", has_text="reviews").count() == 0
    texts = page.locator(".stepper-text")
    expect(texts.filter(has_text=" in 100 held-out ones")).to_have_count(1)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    assert not [url for url in requests if "127.0.0.1:9" in url], "an image link in a comment must never be fetched"

    with page.expect_download() as download:
        page.get_by_role("button", name=DOWNLOAD_LABEL).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 420 and rows[11]["comment"].startswith("'=HYPERLINK")
    assert {row["used for"] for row in rows} == {"learned from", "checked on", "not used"}

    # Their texts follow λ in the browser like the rest of the page.
    control = page.locator(".stepper-range")
    control.focus()
    control.press("End")
    expect(texts.filter(has_text="With your setting, a very strong penalty (λ = 100), the model sorts")).to_have_count(
        2
    )
    page.wait_for_url("**lam=100**")

    bad = tmp_path / "numbers.csv"
    bad.write_bytes(b"text,stars\n" + b"".join(b"%d,%d\n" % (i, 1 + i % 5) for i in range(40)))
    act_and_wait_for_rerun(page, lambda: uploader.set_input_files(str(bad)))
    expect(page.get_by_test_id("stAlert").filter(has_text="every column holds numbers or dates")).to_have_count(1)
    expect(page.get_by_test_id("stAlert").filter(has_text="Your previous data are still here")).to_have_count(1)
    expect(charts).to_have_count(6)
    expect(page.get_by_test_id("stText").filter(has_text="File: **reviews**")).to_have_count(1)
