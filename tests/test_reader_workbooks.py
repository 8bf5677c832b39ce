"""Workbooks as Excel and LibreOffice write them: built with openpyxl and odfpy, read back by the reader."""

import io
import zipfile
from datetime import date, datetime, time, timedelta

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from core.reader import MAX_ODS_CELLS, DataProblem, default_columns, extract_xy, read_table


def xlsx(sheets):
    """An .xlsx file: ``sheets`` maps a sheet name to its rows of cell values (a str starting '=' is a formula)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods(sheets):
    """An .ods file: ``sheets`` maps a sheet name to rows of (value type, value) pairs or None."""
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for cell in row:
                table_row.addElement(_ods_cell(cell))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _ods_cell(cell):
    if cell is None:
        return TableCell()
    kind, value = cell
    if kind == "string":
        element = TableCell(valuetype="string")
    elif kind == "date":
        element = TableCell(valuetype="date", datevalue=value)
    else:
        element = TableCell(valuetype=kind, value=value)
    element.addElement(P(text=str(value)))
    return element


SALES = [["Month", "Revenue", "Units"]] + [
    [datetime(2024, month, 1), 1000.5 + 40 * month, 30 + month] for month in range(1, 9)
]
COSTS = [["Size", "Cost"]] + [[size, 2.5 * size + 1] for size in range(1, 11)]


def test_xlsx_first_sheet_by_default_and_any_sheet_on_request():
    data = xlsx({"Sales": SALES, "Costs": COSTS})
    table = read_table(data, "book.xlsx")
    assert table.sheets == ("Sales", "Costs") and table.sheet == "Sales"
    assert list(table.frame.columns) == ["Month", "Revenue", "Units"]
    assert table.date_columns == ["Month"]
    assert str(table.frame["Month"][0])[:10] == "2024-01-01"
    assert table.frame["Revenue"].tolist() == [1000.5 + 40 * m for m in range(1, 9)]
    assert 'The workbook has 2 sheets; this is "Sales" (another can be picked below).' in table.notes
    assert not [note for note in table.notes if "separated" in note]
    costs = read_table(data, "book.xlsx", sheet="Costs")
    assert costs.sheet == "Costs"
    assert costs.frame["Cost"].tolist() == [2.5 * s + 1 for s in range(1, 11)]
    with pytest.raises(DataProblem, match="sheet is not in this workbook"):
        read_table(data, sheet="Nope")


def test_xlsx_an_empty_first_sheet_is_passed_over():
    table = read_table(xlsx({"Cover": [], "Data": COSTS}))
    assert table.sheet == "Data" and table.frame["Size"].tolist() == list(range(1, 11))


def test_xlsx_formulas_are_not_evaluated():
    rows = [["x", "y", "z"]] + [[i, i * 2, f"=A{i + 1}*1000"] for i in range(1, 8)]
    table = read_table(xlsx({"Sheet1": rows}))
    assert table.frame["y"].tolist() == [2, 4, 6, 8, 10, 12, 14]
    assert "z" not in table.numeric_columns, "a formula without a saved value is not computed here"


def test_xlsx_title_rows_totals_times_and_durations():
    rows = [["Lap times, club run 2024"], [], ["Lap", "Start", "Time", "Note"]]
    rows += [[i, time(7, 30 + i), timedelta(minutes=25, seconds=i * 10), "ok"] for i in range(1, 7)]
    rows += [["Total", None, timedelta(hours=2, minutes=31), None]]
    table = read_table(xlsx({"Laps": rows}))
    assert list(table.frame.columns) == ["Lap", "Start", "Time", "Note"]
    assert table.frame["Lap"].tolist() == [1, 2, 3, 4, 5, 6]
    assert table.frame["Start"].tolist() == [7.5 + i / 60 for i in range(1, 7)]
    assert table.frame["Time"].tolist() == pytest.approx([25 + i / 6 for i in range(1, 7)])
    assert any("looked like a title" in note for note in table.notes)
    assert any("1 row labelled as a total" in note for note in table.notes)


def test_ods_from_libreoffice():
    rows = [[("string", "day"), ("string", "visitors"), ("string", "shop")]]
    rows += [[("date", f"2024-03-{d:02d}"), ("float", 100 + d * 3), ("string", "Main")] for d in range(1, 9)]
    data = ods({"Visits": rows, "Empty": []})
    table = read_table(data, "visits.ods")
    assert table.sheets == ("Visits", "Empty")
    assert table.date_columns == ["day"]
    assert str(table.frame["day"][7])[:10] == "2024-03-08"
    assert table.frame["visitors"].tolist() == [100 + d * 3 for d in range(1, 9)]
    xy = extract_xy(table, *default_columns(table))
    assert xy.x.tolist() == list(range(8))


def _zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_workbook_that_unpacks_too_large_is_refused_before_parsing():
    bomb = _zip(
        {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>", "xl/worksheets/sheet1.xml": b"0" * 300 * 2**20}
    )
    assert len(bomb) < 2**20
    with pytest.raises(DataProblem, match="unpacks to 300 MB"):
        read_table(bomb)


def test_an_ods_repeating_one_cell_millions_of_times_is_refused():
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    bomb = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})
    with pytest.raises(DataProblem, match=f"at most {MAX_ODS_CELLS:,} can be read"):
        read_table(bomb)


def test_an_xlsx_with_too_many_cells_is_refused(monkeypatch):
    monkeypatch.setattr("core.reader.workbook.MAX_WORKBOOK_CELLS", 50)
    with pytest.raises(DataProblem, match="at most 50 can be read"):
        read_table(xlsx({"Big": [[i, i] for i in range(40)]}))


@pytest.mark.parametrize(
    "data, phrase",
    [
        (_zip({"word/document.xml": "<w/>"}), "zip archive, not a spreadsheet workbook"),
        (b"PK\x03\x04" + bytes(300), "could not be opened"),
    ],
    ids=["word-document", "damaged"],
)
def test_other_zips_get_plain_messages(data, phrase):
    with pytest.raises(DataProblem, match=phrase):
        read_table(data)


def test_a_date_only_cell_and_booleans():
    rows = [["when", "ok", "value"]] + [[date(2024, 1, d), d % 2 == 0, d * 1.5] for d in range(1, 8)]
    table = read_table(xlsx({"S": rows}))
    assert table.date_columns == ["when"]
    assert table.frame["ok"].tolist()[:2] == ["FALSE", "TRUE"]


def test_an_xlsx_whose_used_range_is_huge_is_refused_before_its_rows_are_read():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["x", "y"])
    sheet["Z600000"] = 1  # one far cell: Excel's used range becomes A1:Z600000
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(DataProblem, match="save the sheet as CSV") as excinfo:
        read_table(out.getvalue())
    assert "about 15,600,000 cells" in str(excinfo.value), "refused from the declared range, before any row is read"


def test_damaged_workbooks_get_a_plain_message():
    whole = xlsx({"S": COSTS})
    broken_xml = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:doc"})
    for data in (whole[: len(whole) // 2], broken_xml, whole[:-30] + b"\x00" * 30):
        with pytest.raises(DataProblem, match="could not be opened"):
            read_table(data)


def test_a_workbook_of_comments_keeps_every_row_and_needs_no_numbers():
    rows = [["Comment", "Tag"]] + [
        ["Total mess, never again", "complaint"],
        ["-1 star if I could", "complaint"],
        ["+1 for the staff", "praise"],
    ] * 3
    for data in (xlsx({"Reviews": rows}), ods({"Reviews": [[("string", cell) for cell in row] for row in rows]})):
        table = read_table(data, comments=True)
        assert list(table.frame["Comment"])[:3] == ["Total mess, never again", "-1 star if I could", "+1 for the staff"]
        assert table.n_rows == 9 and table.numeric_columns == [] and table.series == {}
    with pytest.raises(DataProblem, match="one with the comments, one with a rating or a label"):
        read_table(xlsx({"Reviews": [["Comment"], ["one"], ["two"], ["three"]]}), comments=True)
