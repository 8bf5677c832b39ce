"""The Your-data page through AppTest: uploads good and bad, columns, safety, and the other pages."""

import io

import numpy as np
import openpyxl
import pytest

from core import reader
from tests.apptest_helpers import figures, lam_value, live_texts, open_page, release_lam, trace, widget

PAGE = "pages/your-data.py"
SALES = (
    "month,Revenue,Visitors\n"
    + "\n".join(f"2024-{month:02d}-01,{1000 + 40 * month + (month % 3) * 25},{300 + month}" for month in range(1, 13))
    + "\n2025-01-01,,310\n"
)
PRICES = "size,price\n" + "\n".join(f"{size},{1500 * size + (size * 37) % 200}" for size in range(20, 80, 2))


def upload(at, name, text, mime="text/csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    at.file_uploader[0].upload(name, data, mime).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def training_points(at, chart=0):
    return trace(figures(at)[chart], "Training data")


def test_page_without_a_file_explains_what_to_do():
    at = open_page(PAGE)
    assert "No file yet" in at.info[0].value
    assert len(figures(at)) == 1, "a preview on the sample data (it also loads the chart library early)"
    names = {data.get("name") for data in figures(at)[0]["data"]}
    assert "Model's curve" in names and "True curve" not in names  # an example shown as a real file would be


def test_good_upload_tells_the_whole_story():
    at = upload(open_page(PAGE), "sales.csv", SALES)
    assert at.query_params["data"] == "upload"
    assert widget(at.selectbox, "Column for x").value == "month"
    assert widget(at.selectbox, "Column for y").value == "Revenue"
    assert any("1 row" in warning.value and "missing" in warning.value for warning in at.warning)
    assert len(figures(at)) == 3  # the data and the curve; the weights and the misses in In depth boxes
    assert {expander.label for expander in at.expander} >= {
        "In depth: what the penalty does to the weights",
        "In depth: the miss against the penalty",
    }
    x, _ = training_points(at)
    assert str(x[0]).startswith("2024-")
    misses = [text for text in live_texts(at) if text.startswith("Typical miss on")]
    assert len(misses) == 2 and all(text.endswith("units of Revenue") for text in misses)
    assert any("latest 20%" in caption.value for caption in at.caption)
    assert any("Recommended penalty (the sweet spot): " in block.value for block in at.markdown)
    assert any("What to do with the predictions." in block.value for block in at.markdown)
    assert {button.label for button in at.get("download_button")} == {
        "Download predictions (CSV)",
        "Download a summary (Markdown)",
    }


def test_changing_columns_refits_and_a_bad_choice_keeps_the_previous():
    at = upload(open_page(PAGE), "sales.csv", SALES)
    _, revenue = training_points(at)
    widget(at.selectbox, "Column for y").set_value("Visitors").run()
    _, visitors = training_points(at)
    assert visitors.max() < 400 < revenue.min()
    widget(at.selectbox, "Column for x").set_value("Visitors").run()
    assert not at.exception
    assert at.error, "x and y the same column is explained"
    assert widget(at.selectbox, "Column for x").value == "month"
    _, still = training_points(at)
    np.testing.assert_array_equal(still, visitors)


BAD_FILES = {
    "empty": b"",
    "header only": b"a,b\n",
    "one column": b"value\n1\n2\n3\n4\n5\n6\n",
    "no numbers": b"name,city\nann,paris\nbob,rome\ncid,oslo\ndan,bern\neve,riga\nfay,kyiv\n",
    "too few rows": b"x,y\n1,2\n2,3\n3,5\n",
    "all x identical": b"x,y\n" + b"".join(b"7,%d\n" % i for i in range(10)),
    "nan everywhere": b"x,y\n" + b"nan,inf\n" * 10,
    "overflowing values": b"x,y\n" + b"".join(b"%s,%d\n" % (v, i) for i, v in enumerate([b"1e308", b"-1e308"] * 5)),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20,
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_gets_a_plain_error_and_the_previous_data_stay(case):
    at = upload(open_page(PAGE), "prices.csv", PRICES)
    x_before, y_before = training_points(at)
    upload(at, f"{case}.csv", BAD_FILES[case])
    assert len(at.error) == 1
    message = at.error[0].value
    assert "Traceback" not in message and len(message) > 30
    assert "previous data are still here" in message
    x_after, y_after = training_points(at)
    np.testing.assert_array_equal(x_before, x_after)
    np.testing.assert_array_equal(y_before, y_after)
    release_lam(at, 0.1)
    assert not at.exception and figures(at)


def test_bad_first_file_leaves_the_page_usable():
    at = upload(open_page(PAGE), "empty.csv", b"")
    assert len(at.error) == 1
    assert "No file yet" in at.info[0].value
    upload(at, "prices.csv", PRICES)
    assert not at.error
    assert len(figures(at)) == 3


def test_file_over_the_size_cap_is_refused_on_the_server(monkeypatch):
    monkeypatch.setattr(reader, "MAX_UPLOAD_BYTES", 100)
    at = upload(open_page(PAGE), "prices.csv", PRICES)
    assert "limit" in at.error[0].value
    assert "No file yet" in at.info[0].value and "uploaded" not in at.session_state


HOSTILE = "![x](http://127.0.0.1:9/a.png)"
SCRIPTED = "<img src=x onerror=alert(1)>"


def test_column_and_file_names_are_never_rendered():
    text = f"{HOSTILE},{SCRIPTED}\n" + "\n".join(f"{i},{i * i % 17}" for i in range(30))
    at = upload(open_page(PAGE), f"{SCRIPTED}.csv", text)
    rendered = [
        e.value for kind in ("markdown", "caption", "warning", "info", "success", "error") for e in getattr(at, kind)
    ]  # live texts carry names too, but the browser sets them as plain text
    for value in rendered:
        assert HOSTILE not in value and SCRIPTED not in value, value
    layout = figures(at)[0]["layout"]
    assert "<img" not in layout["xaxis"]["title"]["text"] + layout["yaxis"]["title"]["text"]
    assert widget(at.selectbox, "Column for x").value == HOSTILE
    assert any(SCRIPTED in text_element.value for text_element in at.text)


def test_uploaded_data_join_the_other_pages():
    at = upload(open_page(PAGE), "prices.csv", PRICES)
    at.switch_page("pages/playground.py").run()
    assert not at.exception
    assert at.selectbox[0].value == "upload"
    assert at.query_params["data"] == "upload"
    x, _ = training_points(at)
    assert x.min() >= 20 and x.max() <= 78
    at.switch_page("pages/curves.py").run()
    assert not at.exception and len(figures(at)) == 1


def test_a_link_to_uploaded_data_explains_that_the_file_is_not_in_it():
    at = open_page(None, data="upload", lam="0.01")
    assert "cannot carry the file" in at.info[0].value
    assert at.query_params["data"] == "wave"
    assert lam_value(at) == pytest.approx(0.01)


# ----------------------------------------------------------------------------- workbooks, series, swaps
# These read what the page holds (the session's upload and its widgets), not the charts' drawing.


def workbook(sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TWO_SHEETS = {
    "Sales": [["Month", "Revenue"]] + [[f"2024-{m:02d}-01", 1000 + 40 * m + (m % 3) * 25] for m in range(1, 13)],
    "Costs": [["Size", "Cost"]] + [[s, 2.5 * s + (s % 4)] for s in range(1, 21)],
}
LONG = "symbol,date,price\n" + "".join(
    f"{symbol},2024-01-{day:02d},{base + day + (day % 3)}\n"
    for symbol, base, days in (("AAPL", 180, 12), ("MSFT", 370, 15), ("IBM", 160, 9))
    for day in range(1, days + 1)
)


def held(at):
    """The upload the page holds now."""
    return at.session_state["uploaded"]


def test_a_workbook_with_two_sheets_starts_on_the_first_and_offers_the_other():
    at = upload(open_page(PAGE), "book.xlsx", workbook(TWO_SHEETS), XLSX)
    sheet = widget(at.selectbox, "Sheet of the workbook")
    assert sheet.options == ["Sales", "Costs"] and sheet.value == "Sales"
    assert widget(at.selectbox, "Column for x").value == "Month"
    assert held(at).xy.y.tolist()[:2] == [1065.0, 1130.0]
    sheet.set_value("Costs").run()
    assert not at.exception and not at.error
    assert held(at).table.sheet == "Costs"
    assert widget(at.selectbox, "Column for x").value == "Size"
    assert widget(at.selectbox, "Column for y").value == "Cost"
    np.testing.assert_array_equal(
        np.sort(held(at).dataset.x_train.tolist() + held(at).dataset.x_test.tolist()), range(1, 21)
    )
    assert at.query_params["data"] == "upload"


def test_a_long_format_file_shows_its_largest_series_and_can_show_another_or_all():
    at = upload(open_page(PAGE), "stocks.csv", LONG)
    series = widget(at.selectbox, "Series to show")
    assert series.value == "MSFT"
    assert series.options == ["MSFT", "AAPL", "IBM", "All series together, as one cloud"]
    assert any('The column "symbol" holds 3 separate series' in caption.value for caption in at.caption)
    assert held(at).xy.y.tolist() == [370 + d + d % 3 for d in range(1, 16)]
    series.set_value("IBM").run()
    assert not at.exception
    assert held(at).xy.y.tolist() == [160 + d + d % 3 for d in range(1, 10)]
    widget(at.selectbox, "Series to show").set_value("").run()
    assert held(at).xy.series is None and held(at).xy.y.size == 36
    widget(at.selectbox, "Series to show").set_value("AAPL").run()
    assert held(at).xy.series == ("symbol", "AAPL") and held(at).xy.y.size == 12


def test_a_bank_statement_is_drawn_whole_with_no_series_picker():
    from tests.test_reader_series import us_bank_statement

    at = upload(open_page(PAGE), "statement.csv", us_bank_statement())
    assert not at.error
    assert held(at).xy.series is None and held(at).xy.y.size == 130
    assert not [box for box in at.selectbox if box.label.startswith("Series to show")]


def test_a_file_that_may_hold_series_draws_every_row_and_offers_them():
    text = "date,region,product,units\n" + "".join(
        f"2024-02-{day:02d},{region},{product},{day + r * 10 + p}\n"
        for day in range(1, 21)
        for r, region in enumerate(["North", "South", "East", "West"])
        for p, product in enumerate(["tea", "coffee", "cocoa"])
    )
    at = upload(open_page(PAGE), "sales.csv", text)
    series = widget(at.selectbox, "Series to show (your file may hold several)")
    assert series.value == "" and held(at).xy.y.size == 240
    column = next(iter(held(at).table.series))
    first = series.options[0]
    series.set_value(first).run()
    assert held(at).xy.series == (column, first) and held(at).xy.y.size == 240 // len(series.options[:-1])


@pytest.mark.parametrize(
    "name, data, phrase",
    [
        ("page.html", b"<html><body>hi</body></html>", "This kind of file cannot be read here"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "save it as .xlsx or CSV"),
        ("one-line.csv", b"1234567," * 400_000, "cannot be a row of a table"),
    ],
    ids=["html", "xls", "one-long-line"],
)
def test_a_refused_file_keeps_the_previous_data(name, data, phrase):
    at = upload(open_page(PAGE), "stocks.csv", LONG)
    before = held(at)
    upload(at, name, data, "application/octet-stream")
    assert len(at.error) == 1 and phrase in at.error[0].value
    assert "previous data are still here" in at.error[0].value
    assert held(at) is before
    assert widget(at.selectbox, "Series to show").value == "MSFT"


def test_choosing_the_y_column_as_x_swaps_them():
    at = upload(open_page(PAGE), "prices.csv", PRICES)
    assert (widget(at.selectbox, "Column for x").value, widget(at.selectbox, "Column for y").value) == ("size", "price")
    widget(at.selectbox, "Column for x").set_value("price").run()
    assert not at.error
    assert (widget(at.selectbox, "Column for x").value, widget(at.selectbox, "Column for y").value) == ("price", "size")
    assert held(at).xy.y.min() == 20
    widget(at.selectbox, "Column for y").set_value("price").run()
    assert (held(at).xy.x_name, held(at).xy.y_name) == ("size", "price")


def test_sheet_names_and_series_are_shown_as_plain_options():
    rows = [[HOSTILE, "x", "y"]] + [[SCRIPTED if i % 2 else HOSTILE, i // 2, i * i % 7] for i in range(20)]
    at = upload(open_page(PAGE), "names.xlsx", workbook({SCRIPTED: rows, "Other": rows}), XLSX)
    assert widget(at.selectbox, "Sheet of the workbook").value == SCRIPTED
    assert set(widget(at.selectbox, "Series to show").options) >= {HOSTILE, SCRIPTED}
    rendered = [e.value for kind in ("markdown", "caption", "warning", "info", "error") for e in getattr(at, kind)]
    for value in rendered:
        assert HOSTILE not in value and SCRIPTED not in value, value


def test_a_sheet_that_cannot_be_used_keeps_the_previous_one():
    sheets = {**TWO_SHEETS, "Notes": [["Read me first"], ["These figures are provisional."]]}
    at = upload(open_page(PAGE), "book.xlsx", workbook(sheets), XLSX)
    before = held(at)
    widget(at.selectbox, "Sheet of the workbook").set_value("Notes").run()
    assert not at.exception
    assert len(at.error) == 1 and "The previous choice is kept." in at.error[0].value
    assert held(at) is before
    assert widget(at.selectbox, "Sheet of the workbook").value == "Sales"
