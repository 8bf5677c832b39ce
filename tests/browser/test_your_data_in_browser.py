"""Uploading files in a real browser: good, bad, good again, and hostile names."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.driver import act_and_wait_for_rerun, charts_snapshot, open_app, wait_for_app, wait_for_charts_change

pytestmark = pytest.mark.browser

GOOD = "size,price\n" + "\n".join(f"{size},{1500 * size + (size * 37) % 200}" for size in range(20, 80, 2)) + "\n"
OTHER = "hours,score\n" + "\n".join(f"{hour},{50 + 3 * hour - (hour % 4)}" for hour in range(1, 41)) + "\n"
HOSTILE = "![x](http://127.0.0.9:9/a.png)"
SCRIPTED = "<img src=x onerror=window.__injected=1>"


def upload(page, tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    act_and_wait_for_rerun(
        page, lambda: page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    )


def test_good_then_bad_then_good_again(page, tmp_path):
    open_app(page, "/your-data")
    upload(page, tmp_path, "prices.csv", GOOD)
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    expect(page).to_have_url(re.compile(r"data=upload"))
    expect(page.get_by_test_id("stMetric").first).to_contain_text("units of price")
    before = charts_snapshot(page)

    upload(page, tmp_path, "broken.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    expect(page.get_by_test_id("stAlert").filter(has_text="previous data are still here")).to_have_count(1)
    assert charts_snapshot(page) == before

    upload(page, tmp_path, "study.csv", OTHER)
    wait_for_charts_change(page, before)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("units of score")
    expect(page.get_by_test_id("stAlert").filter(has_text="previous data")).to_have_count(0)


def test_hostile_column_names_show_literally_and_fetch_nothing(page, tmp_path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, "/your-data")
    text = f"{HOSTILE},{SCRIPTED}\n" + "\n".join(f"{i},{(i * i) % 17}" for i in range(30)) + "\n"
    upload(page, tmp_path, "names.csv", text)
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    page.get_by_text("Preview of the first rows").click()
    wait_for_app(page)
    assert page.evaluate("() => window.__injected") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('img[src*="127.0.0.9"]').count() == 0
    assert not [url for url in requested if "127.0.0.9" in url or url.endswith("/x")], requested
    expect(page.get_by_role("combobox", name="Column for x (what you know)")).to_have_value(HOSTILE)
