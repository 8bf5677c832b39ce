"""Uploading files in a real browser: good, bad, good again, hostile names, a workbook, a long-format file."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.driver import (
    TIMEOUT_MS,
    act_and_wait_for_rerun,
    charts_snapshot,
    open_app,
    wait_for_app,
    wait_for_charts_change,
)

pytestmark = pytest.mark.browser

GOOD = "size,price\n" + "\n".join(f"{size},{1500 * size + (size * 37) % 200}" for size in range(20, 80, 2)) + "\n"
OTHER = "hours,score\n" + "\n".join(f"{hour},{50 + 3 * hour - (hour % 4)}" for hour in range(1, 41)) + "\n"
HOSTILE = "![x](http://127.0.0.9:9/a.png)"
SCRIPTED = "<img src=x onerror=window.__injected=1>"
LONG = "symbol,date,price\n" + "".join(
    f"{symbol},2024-01-{day:02d},{base + day + (day % 3)}\n"
    for symbol, base, days in (("AAPL", 180, 12), ("MSFT", 370, 15), ("IBM", 160, 9))
    for day in range(1, days + 1)
)


def workbook():
    book = openpyxl.Workbook()
    sales = book.active
    sales.title = "Sales"
    sales.append(["Month", "Revenue"])
    for month in range(1, 13):
        sales.append([f"2024-{month:02d}-01", 1000 + 40 * month + (month % 3) * 25])
    costs = book.create_sheet("Costs")
    costs.append(["Size", "Cost"])
    for size in range(1, 21):
        costs.append([size, 2.5 * size + size % 4])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(page, tmp_path, name, data, good=True):
    """Upload ``data`` as ``name``; wait until the page shows the file (``good``) or a problem."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    act_and_wait_for_rerun(
        page, lambda: page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    )
    shown = page.get_by_text(f"File: {name} (") if good else page.get_by_test_id("stAlert")
    expect(shown).to_have_count(1, timeout=TIMEOUT_MS)
    wait_for_app(page)


def miss_text(page, y_name):
    """The plain sentence on the typical miss, in the units of the y column."""
    return page.get_by_text(re.compile(f"Typical miss on training data: .* units of {re.escape(y_name)}$"))


def choose(page, label, option):
    """Pick ``option`` in the select box labelled ``label`` and wait for the rerun."""
    page.get_by_role("combobox", name=label).click()
    act_and_wait_for_rerun(page, lambda: page.get_by_role("option", name=option, exact=True).click())


def test_good_then_bad_then_good_again(page, tmp_path):
    open_app(page, "/your-data")
    upload(page, tmp_path, "prices.csv", GOOD)
    expect(miss_text(page, "price")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"data=upload"))
    wait_for_app(page)
    before = charts_snapshot(page)

    upload(page, tmp_path, "broken.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, good=False)
    expect(page.get_by_test_id("stAlert").filter(has_text="previous data are still here")).to_have_count(
        1, timeout=TIMEOUT_MS
    )
    assert charts_snapshot(page) == before

    upload(page, tmp_path, "study.csv", OTHER)
    wait_for_charts_change(page, before)
    expect(miss_text(page, "score")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stAlert").filter(has_text="previous data")).to_have_count(0)


def test_hostile_column_names_show_literally_and_fetch_nothing(page, tmp_path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, "/your-data")
    text = f"{HOSTILE},{SCRIPTED}\n" + "\n".join(f"{i},{(i * i) % 17}" for i in range(30)) + "\n"
    upload(page, tmp_path, "names.csv", text)
    expect(page.get_by_role("combobox", name="Column for x (what you know)")).to_have_value(HOSTILE)
    page.get_by_text("Preview of the first rows").click()
    wait_for_app(page)
    assert page.evaluate("() => window.__injected") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('img[src*="127.0.0.9"]').count() == 0
    assert not [url for url in requested if "127.0.0.9" in url or url.endswith("/x")], requested


def test_a_workbook_and_a_long_format_file_with_nothing_fetched_from_other_hosts(page, tmp_path, app_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, "/your-data")
    upload(page, tmp_path, "book.xlsx", workbook())
    sheet = page.get_by_role("combobox", name="Sheet of the workbook")
    expect(sheet).to_have_value("Sales")
    expect(page.get_by_role("combobox", name="Column for x (what you know)")).to_have_value("Month")
    expect(miss_text(page, "Revenue")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_text('The workbook has 2 sheets; this is "Sales" (another can be picked below).')).to_have_count(
        1, timeout=TIMEOUT_MS
    )

    choose(page, "Sheet of the workbook", "Costs")
    expect(sheet).to_have_value("Costs", timeout=TIMEOUT_MS)
    expect(page.get_by_role("combobox", name="Column for x (what you know)")).to_have_value("Size")
    expect(miss_text(page, "Cost")).to_have_count(1, timeout=TIMEOUT_MS)

    upload(page, tmp_path, "stocks.csv", LONG)
    series = page.get_by_role("combobox", name="Series to show (your file holds several)")
    expect(series).to_have_value("MSFT")
    expect(page.get_by_text("File: stocks.csv (36 rows)")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_text(re.compile(r"^15 rows used"))).to_have_count(1, timeout=TIMEOUT_MS)
    choose(page, "Series to show (your file holds several)", "IBM")
    expect(series).to_have_value("IBM", timeout=TIMEOUT_MS)
    expect(page.get_by_text(re.compile(r"^9 rows used"))).to_have_count(1, timeout=TIMEOUT_MS)
    choose(page, "Series to show (your file holds several)", "All series together, as one cloud")
    expect(page.get_by_text(re.compile(r"^36 rows used"))).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)

    elsewhere = [url for url in requested if not url.startswith((app_url, "blob:" + app_url, "data:"))]
    assert not elsewhere, elsewhere


def test_a_french_excel_export_and_a_bank_statement_read_whole(page, tmp_path):
    """Windows-1252 with € and no-break spaces in the amounts; a Description column that is no series."""
    from tests.test_reader_encodings import french_export
    from tests.test_reader_series import us_bank_statement

    open_app(page, "/your-data")
    data, amounts, _ = french_export()
    upload(page, tmp_path, "ventes.csv", data)
    expect(page.get_by_text(f"File: ventes.csv ({len(amounts)} rows)")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_role("combobox", name="Column for y (what you want to predict)")).to_have_value(
        "Chiffre d’affaires"
    )
    expect(page.get_by_text(re.compile(rf"^{len(amounts)} rows used"))).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_text(re.compile(r"(was|were) left out"))).to_have_count(0)  # no row, no title line

    upload(page, tmp_path, "statement.csv", us_bank_statement())
    expect(page.get_by_text("File: statement.csv (130 rows)")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_text(re.compile(r"^130 rows used"))).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_role("combobox", name=re.compile("^Series to show"))).to_have_count(0)
