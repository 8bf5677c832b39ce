"""Files as spreadsheet programs, banks, shops and reports write them, read as a reader expects.

Every file is written here as bytes (the encodings and line ends those programs use);
expected values are the numbers and dates written into each file.
"""

from datetime import datetime

import numpy as np
import pytest

from core.reader import DataProblem, default_columns, dropped_sentence, extract_xy, read_table


def dates(table, name):
    return [None if value != value else str(value)[:19] for value in table.frame[name].tolist()]


def values(table, name):
    return table.frame[name].tolist()


# ----------------------------------------------------------------------------- dates


def test_month_name_dates_without_commas_as_in_stocks_csv():
    rows = [("MSFT", "Jan 1 2000", "39.81"), ("MSFT", "Feb 1 2000", "36.35"), ("MSFT", "Mar 1 2000", "43.22")]
    rows += [("MSFT", f"{month} 1 2000", f"{40 + i}.5") for i, month in enumerate(["Apr", "May", "Jun", "Jul"])]
    data = ("symbol,date,price\n" + "".join(f"{s},{d},{p}\n" for s, d, p in rows)).encode()
    table = read_table(data)
    assert table.date_columns == ["date"]
    assert dates(table, "date")[:3] == ["2000-01-01 00:00:00", "2000-02-01 00:00:00", "2000-03-01 00:00:00"]
    assert values(table, "price")[:3] == [39.81, 36.35, 43.22]
    assert default_columns(table) == ("date", "price")


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["January 5, 2024", "February 10, 2024", "March 15, 2024"], ["2024-01-05", "2024-02-10", "2024-03-15"]),
        (["5 January 2024", "10 February 2024", "15 March 2024"], ["2024-01-05", "2024-02-10", "2024-03-15"]),
        (["Mon, 01 Jan 2024", "Thu, 01 Feb 2024", "Fri, 01 Mar 2024"], ["2024-01-01", "2024-02-01", "2024-03-01"]),
        (["1/5/24", "2/10/24", "3/15/24"], ["2024-01-05", "2024-02-10", "2024-03-15"]),
        (["1959 Q1", "1959 Q2", "1959 Q3"], ["1959-01-01", "1959-04-01", "1959-07-01"]),
        (["Q1 1959", "Q2 1959", "Q4 1959"], ["1959-01-01", "1959-04-01", "1959-10-01"]),
        (["2024-W01", "2024-W05", "2024-W52"], ["2024-01-01", "2024-01-29", "2024-12-23"]),
    ],
    ids=["month-day-comma-year", "day-month-year", "weekday", "two-digit-years", "quarters", "quarters-first", "weeks"],
)
def test_dates_in_many_styles(cells, expected):
    cells = cells + cells  # six rows, enough to fit
    data = ("when,amount\n" + "".join(f'"{c}",{10 + i}\n' for i, c in enumerate(cells))).encode()
    table = read_table(data)
    assert table.date_columns == ["when"], table.notes
    assert [d[:10] for d in dates(table, "when")] == expected + expected
    xy = extract_xy(table, "when", "amount")
    assert xy.x_is_date and xy.x.size == 6


def test_german_excel_dates_with_two_digit_years_cp1252_crlf():
    text = (
        "Datum;Betrag in €\r\n"
        + "".join(f"{d:02d}.01.24;{1000 + d},{d:02d}\r\n" for d in (3, 10, 17, 24, 31))
        + "07.02.24;1.234,50\r\n"
    )
    table = read_table(text.encode("cp1252"))
    assert list(table.frame.columns) == ["Datum", "Betrag in €"]
    assert dates(table, "Datum")[0] == "2024-01-03 00:00:00"
    assert dates(table, "Datum")[-1] == "2024-02-07 00:00:00"
    assert values(table, "Betrag in €") == [1003.03, 1010.1, 1017.17, 1024.24, 1031.31, 1234.5]
    assert not [note for note in table.notes if "UTF-8" in note], "every letter was read: no encoding note"


def test_day_first_is_decided_by_the_data_and_said():
    cells = ["05/01/2024", "13/01/2024", "20/01/2024", "02/02/2024", "28/02/2024", "03/03/2024"]
    table = read_table(("day,visits\n" + "".join(f"{c},{i}\n" for i, c in enumerate(cells))).encode())
    assert dates(table, "day")[0] == "2024-01-05 00:00:00"
    assert dates(table, "day")[3] == "2024-02-02 00:00:00"
    assert 'Dates in "day" were read day first (31/01/2024 is 31 January 2024).' in table.notes


def test_dates_that_read_both_ways_are_read_month_first_with_a_note():
    cells = ["01/02/2024", "03/04/2024", "05/06/2024", "07/08/2024", "09/10/2024", "11/12/2024"]
    table = read_table(("day,visits\n" + "".join(f"{c},{i}\n" for i, c in enumerate(cells))).encode())
    assert dates(table, "day")[0] == "2024-01-02 00:00:00"
    assert any(note.startswith('Dates in "day" could be read day first or month first') for note in table.notes)


def test_durations_become_minutes_or_hours():
    laps = ["00:25:31", "00:24:02", "00:26:45", "00:23:59", "00:25:00", "00:27:30"]
    data = ("lap,time,distance\n" + "".join(f"{i},{t},{5 + i}\n" for i, t in enumerate(laps, 1))).encode()
    table = read_table(data)
    assert table.numeric_columns == ["lap", "time", "distance"]
    assert values(table, "time")[0] == pytest.approx(25 + 31 / 60)
    assert values(table, "time")[4] == 25.0
    assert 'Durations in "time" were read as minutes: 00:25:30 is 25.5 minutes.' in table.notes
    shifts = ["8:30", "9:15", "10:00", "13:45", "17:00", "7:30"]
    table = read_table(("start,sales\n" + "".join(f"{s},{i}\n" for i, s in enumerate(shifts))).encode())
    assert values(table, "start") == [8.5, 9.25, 10.0, 13.75, 17.0, 7.5]
    assert 'Times in "start" were read as hours: 08:30 is 8.5 hours.' in table.notes


def test_a_placeholder_date_is_left_out_with_a_note():
    cells = [f"2024-0{m}-01" for m in range(1, 8)] + ["9999-12-31"]
    table = read_table(("month,sales\n" + "".join(f"{c},{100 + i}\n" for i, c in enumerate(cells))).encode())
    xy = extract_xy(table, "month", "sales")
    assert xy.y.tolist() == [100, 101, 102, 103, 104, 105, 106]
    assert xy.x[-1] == (datetime(2024, 7, 1) - datetime(2024, 1, 1)).days
    assert xy.dropped == {"placeholder date": 1}
    assert dropped_sentence(xy) == (
        "1 row with a date far from all the others (a placeholder like 9999-12-31) was left out."
    )


def test_an_honest_early_date_is_kept():
    cells = ["1990-06-01"] + [f"20{y:02d}-01-01" for y in range(0, 24)]
    table = read_table(("year,sales\n" + "".join(f"{c},{i}\n" for i, c in enumerate(cells))).encode())
    assert extract_xy(table, "year", "sales").dropped == {}


# ----------------------------------------------------------------------------- numbers


def test_accounting_negatives_from_a_bank_export():
    amounts = ["$1,200.00", "($75.78)", "$310.50", "(12.00)", "$0.99", "($1,000.00)"]
    data = (
        "Date,Description,Amount\r\n"
        + "".join(f'2024-03-{i + 1:02d},Item {i},"{a}"\r\n' for i, a in enumerate(amounts))
    ).encode()
    table = read_table(data)
    assert values(table, "Amount") == [1200.0, -75.78, 310.5, -12.0, 0.99, -1000.0]
    assert 'Amounts in brackets in "Amount" were read as negative: (75.78) is -75.78.' in table.notes
    assert 'Currency signs were dropped in "Amount".' in table.notes


def test_indian_grouping():
    amounts = ["1,23,456.78", "12,34,567.00", "98,765.40", "1,00,00,000.00", "4,560.25", "999.5"]
    data = ("month,sales\n" + "".join(f'{m},"{a}"\n' for m, a in enumerate(amounts, 1))).encode()
    table = read_table(data)
    assert values(table, "sales") == [123456.78, 1234567.0, 98765.4, 10000000.0, 4560.25, 999.5]
    assert "Thousands separators were removed (1,200 is read as 1200)." in table.notes


# ----------------------------------------------------------------------------- layout


REPORT = (
    "Quarterly sales report,,,\r\n"
    "Region: all stores,,,\r\n"
    ",,,\r\n"
    "Month,Revenue,Units,Store\r\n"
    "2024-01-01,1200,30,North\r\n"
    "2024-02-01,1350,33,North\r\n"
    "2024-03-01,1100,28,North\r\n"
    "Subtotal Q1,3650,91,\r\n"
    "2024-04-01,1500,36,North\r\n"
    "2024-05-01,1620,39,North\r\n"
    "2024-06-01,1480,35,North\r\n"
    "Subtotal Q2,4600,110,\r\n"
    "Grand total,8250,201,\r\n"
)


def test_a_report_with_title_lines_and_total_rows():
    table = read_table(REPORT.encode())
    assert list(table.frame.columns) == ["Month", "Revenue", "Units", "Store"]
    assert values(table, "Revenue") == [1200, 1350, 1100, 1500, 1620, 1480]
    assert table.n_rows == 6
    assert table.date_columns == ["Month"]
    assert "The first 2 lines above the column names looked like a title and were left out." in table.notes
    assert "3 rows labelled as a total or subtotal were left out, so sums are not drawn as data points." in table.notes


def test_a_title_line_without_separators():
    text = "Exported from the shop on 2024-05-01\n\nsize,price\n" + "".join(f"{s},{s * 10}\n" for s in range(1, 8))
    table = read_table(text.encode())
    assert list(table.frame.columns) == ["size", "price"]
    assert values(table, "size") == [1, 2, 3, 4, 5, 6, 7]


def test_excel_for_mac_cr_line_ends():
    data = b"x,y\r" + b"".join(b"%d,%d\r" % (i, i * i) for i in range(1, 9))
    table = read_table(data)
    assert values(table, "y") == [1, 4, 9, 16, 25, 36, 49, 64]
    assert table.n_rows == 8


# ----------------------------------------------------------------------------- several series in one file


LONG = "symbol,date,price\n" + "".join(
    f"{symbol},2024-01-{day:02d},{base + day}\n"
    for symbol, base, days in (("AAPL", 180, 8), ("MSFT", 370, 10), ("IBM", 160, 6))
    for day in range(1, days + 1)
)


def test_long_format_series_are_found_largest_first():
    table = read_table(LONG.encode())
    assert table.series == {"symbol": ["MSFT", "AAPL", "IBM"]} and table.split == "symbol"
    assert any('The column "symbol" holds 3 separate series' in note for note in table.notes)
    one = extract_xy(table, "date", "price", series=("symbol", "AAPL"))
    assert one.y.tolist() == [181, 182, 183, 184, 185, 186, 187, 188]
    assert one.n_rows == 8 and one.dropped == {} and one.series == ("symbol", "AAPL")
    everything = extract_xy(table, "date", "price")
    assert everything.y.size == 24
    with pytest.raises(DataProblem, match="series is not in this file"):
        extract_xy(table, "date", "price", series=("symbol", "GOOG"))


def test_labels_are_not_series():
    text = "name,x,y\n" + "".join(f"item {i},{i},{i * 2}\n" for i in range(12))
    assert read_table(text.encode()).series == {}
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    text = "date,weekday,sales\n" + "".join(f"2024-01-{d:02d},{days[(d - 1) % 7]},{100 + d}\n" for d in range(1, 29))
    assert read_table(text.encode()).series == {}, "a weekday beside unique dates is a label"


def test_regions_by_month_are_series():
    text = "region,month,revenue\n" + "".join(
        f"{region},2024-{m:02d},{base + m}\n" for region, base in (("North", 100), ("South", 200)) for m in range(1, 13)
    )
    table = read_table(text.encode())
    assert table.series == {"region": ["North", "South"]} and table.split == "region"


# ----------------------------------------------------------------------------- smaller things


def test_a_constant_column_is_never_the_default_y():
    rows = "".join(f"{i},-75.72,{i * 3 + 1}\n" for i in range(10))
    table = read_table(("id,longitude,count\n" + rows).encode())
    assert default_columns(table) == ("id", "count")


def test_invisible_characters_leave_column_names():
    header = "size,price\u200b,\u202eprice,\u2066cost\u2069"
    rows = "".join(f"{i},{i},{i + 1},{i + 2}\n" for i in range(6))
    table = read_table((header + "\n" + rows).encode())
    assert list(table.frame.columns) == ["size", "price", "price (2)", "cost"]
    assert "Invisible characters (such as zero-width spaces) were removed from column names." in table.notes
    assert 'Two columns were both called "price"; the second is shown as "price (2)".' in table.notes


@pytest.mark.parametrize(
    "encoding, text",
    [
        (
            "cp1252",
            "produit;n;prix\nCafé crème;1;3,50\nCrêpe;2;4,00\nJalapeño;3;2,00\nPiñata;4;7,00\nSão Paulo;5;5,00\n",
        ),
        ("cp1252", "Name;n;Umsatz\nMüller;1;1.234,50\nSchäfer;2;99,00\nGrün;3;5,25\nÄrger;4;3,00\nÖzdemir;5;7,00\n"),
    ],
)
def test_windows_1252_reads_every_letter(encoding, text):
    table = read_table(text.encode(encoding))
    first = table.frame.columns[0]
    assert values(table, first) == [line.split(";")[0] for line in text.splitlines()[1:]]
    # five short names from four languages are weak evidence against Windows-1250: a note may say what was read
    assert all("read as Western European (Windows-1252)" in note for note in table.notes if "UTF-8" in note)


def test_cyrillic_windows_1251_is_guessed_with_a_note():
    text = "город;n;цена\nМосква;1;12\nСанкт-Петербург;2;13\nНовосибирск;3;14\nЕкатеринбург;4;15\nКазань;5;16\n"
    table = read_table(text.encode("cp1251"))
    assert list(table.frame.columns) == ["город", "n", "цена"]
    assert values(table, "город")[0] == "Москва"
    assert any("letters were guessed" in note for note in table.notes)


def test_xls_gets_a_plain_message():
    with pytest.raises(DataProblem, match=r"save it as \.xlsx or CSV"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))


def test_values_near_the_float_limits_are_kept_exactly():
    ys = ["1e44", "2.5e44", "3e44", "1e-50", "9192631770.2", "9192631769.8"]
    table = read_table(("x,y\n" + "".join(f"{i},{y}\n" for i, y in enumerate(ys))).encode())
    np.testing.assert_array_equal(values(table, "y"), [float(y) for y in ys])


def test_spreadsheet_error_values_count_as_missing():
    cells = ["12.5", "#DIV/0!", "14", "#VALUE!", "15.5", "#REF!", "17", "#N/A", "18.5"]
    table = read_table(("x,ratio\n" + "".join(f"{i},{c}\n" for i, c in enumerate(cells))).encode())
    xy = extract_xy(table, "x", "ratio")
    assert xy.y.tolist() == [12.5, 14.0, 15.5, 17.0, 18.5]
    assert xy.dropped == {"missing": 4}


def test_a_row_split_wider_than_the_header_does_not_break_the_reader():
    data = (
        b'"/W1(l2a \n3T"5Q2l,\n\rb$ 2\rl)4\r$;/$4 )$5"$1"(TT6co318a;70\r/a"0:l"aW9o3\tW-;bo2Tt51l:,%%TQ8/a93a$3a'
        b'oc969/7:\n0Q16a"Qa:2"b-Qb66,::a7b74),lW9a\n(;7l)a2/b7\n,:5'
    )
    with pytest.raises(DataProblem):
        read_table(data)


def test_a_german_bank_export_with_two_title_lines_and_a_sum_row():
    text = (
        '"Umsätze Girokonto";"Zeitraum: 01.01.2024 - 31.03.2024"\r\n'
        '"Kontostand vom 31.03.2024:";"1.234,56 EUR"\r\n'
        "\r\n"
        '"Buchungstag";"Wertstellung";"Verwendungszweck";"Betrag (EUR)"\r\n'
        + "".join(
            f'"{d:02d}.0{m}.2024";"{d:02d}.0{m}.2024";"Miete Müller";"-{d * 10},{m}0"\r\n'
            for m in (1, 2, 3)
            for d in (5, 12, 19, 26)
        )
        + '"Summe";"";"";"-1.234,56"\r\n'
    )
    table = read_table(text.encode("cp1252"))
    assert list(table.frame.columns) == ["Buchungstag", "Wertstellung", "Verwendungszweck", "Betrag (EUR)"]
    assert values(table, "Betrag (EUR)")[:3] == [-50.1, -120.1, -190.1]
    assert table.n_rows == 12
    assert dates(table, "Buchungstag")[4] == "2024-02-05 00:00:00"
    assert table.notes == [
        "The first 2 lines above the column names looked like a title and were left out.",
        "Read as semicolon-separated with decimal commas.",
        "1 row labelled as a total or subtotal was left out, so sums are not drawn as data points.",
    ]


def test_short_rows_and_a_skipped_long_row_leave_an_empty_text_column():
    table = read_table(b"x,y,note\n1,2\n2,4\n3,6\n4,8\n5,10\n6,12,a,b\n")
    assert values(table, "y") == [2, 4, 6, 8, 10]
    assert any(note.startswith("1 row had more values than there are column names") for note in table.notes)
