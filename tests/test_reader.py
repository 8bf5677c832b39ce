"""Reading a stranger's spreadsheet export: every file is written here, as bytes.

Expected values are the numbers and dates written into each file, never values
computed by core.reader itself.
"""

import ast
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.reader import (
    MAX_UPLOAD_BYTES,
    MIN_ROWS,
    XY,
    DataProblem,
    Table,
    default_columns,
    dropped_sentence,
    extract_xy,
    read_table,
)

XS = [1.5, 2.25, 3.0, 4.75, 5.5, 6.0]
YS = [10.0, 20.5, 15.25, 30.0, 25.5, 40.0]
MARKER = "Zq7Secret"  # put into failing files: error messages must never repeat it


def make_file(header, rows, sep=",", encoding="utf-8", newline="\n"):
    """CSV bytes from a header and rows of already-written cells."""
    lines = [sep.join(header)] + [sep.join(row) for row in rows]
    return (newline.join(lines) + newline).encode(encoding)


def xy_file(sep=",", xs=XS, ys=YS, encoding="utf-8"):
    return make_file(["x", "y"], [[repr(x), repr(y)] for x, y in zip(xs, ys)], sep=sep, encoding=encoding)


def column(table, name):
    return table.frame[name].tolist()


# ----------------------------------------------------------------------------- separators and quoting

SEPARATOR_NOTES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe (|)"}


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_each_separator_is_sniffed(sep):
    table = read_table(
        make_file(
            ["x", "y", "label"], [[repr(x), repr(y), f"row {i}"] for i, (x, y) in enumerate(zip(XS, YS))], sep=sep
        )
    )
    assert list(table.frame.columns) == ["x", "y", "label"]
    assert column(table, "x") == XS
    assert column(table, "y") == YS
    assert column(table, "label") == [f"row {i}" for i in range(len(XS))]
    assert table.numeric_columns == ["x", "y"]
    assert table.date_columns == []
    assert table.n_rows == len(XS)
    assert table.notes[0] == f"Read as {SEPARATOR_NOTES[sep]}-separated."
    assert table.frame["x"].dtype == np.float64


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_quoted_fields_keep_separators_quotes_and_line_breaks(sep):
    labels = [f"a{sep} b", "two\nlines", 'say "hi"', f"x{sep}{sep}y", "plain", f"end{sep}"]
    written = ['"' + label.replace('"', '""') + '"' for label in labels]
    header = ['"weight' + sep + ' kg"', "y", '"note\nhere"']
    table = read_table(make_file(header, [[repr(x), repr(y), w] for x, y, w in zip(XS, YS, written)], sep=sep))
    weight = "weight kg" if sep == "\t" else f"weight{sep} kg"  # white space in names is made single spaces
    assert list(table.frame.columns) == [weight, "y", "note here"]
    assert column(table, "note here") == labels
    assert column(table, weight) == XS
    assert column(table, "y") == YS
    assert table.n_rows == len(XS)


def test_tab_file_with_commas_in_its_names_and_text():
    rows = [[repr(x), repr(y), "Smith, John"] for x, y in zip(XS, YS)]
    table = read_table(make_file(["price, usd", "qty", "who, where"], rows, sep="\t"))
    assert list(table.frame.columns) == ["price, usd", "qty", "who, where"]
    assert column(table, "price, usd") == XS
    assert table.notes[0] == "Read as tab-separated."


# ----------------------------------------------------------------------------- how numbers are written


def test_decimal_commas_in_a_semicolon_file():
    rows = [[repr(x).replace(".", ","), repr(y).replace(".", ",")] for x, y in zip(XS, YS)]
    table = read_table(make_file(["x", "y"], rows, sep=";"))
    assert column(table, "x") == XS
    assert column(table, "y") == YS
    assert table.notes[0] == "Read as semicolon-separated with decimal commas."


@pytest.mark.parametrize(
    "sep, cells, expected, note",
    [
        (
            ",",
            ['"1,200"', '"12,345.5"', '"1,000,000"', "7", '"3,000"', "-2"],
            [1200, 12345.5, 1e6, 7, 3000, -2],
            "Thousands separators were removed (1,200 is read as 1200).",
        ),
        (
            "\t",
            ["1,200", "2,500.5", "1,000,000", "8", "9.25", "-1,000"],
            [1200, 2500.5, 1e6, 8, 9.25, -1000],
            "Thousands separators were removed (1,200 is read as 1200).",
        ),
        (
            ";",
            ["1.200,50", "2.000", "3,25", "1.000.000", "5", "-1.500"],
            [1200.5, 2000, 3.25, 1e6, 5, -1500],
            "Thousands separators were removed (1.200 is read as 1200).",
        ),
        (
            ";",
            ["1 200", "2 500,5", "3\u00a0000", "4 000 000", "5", "6\u202f000"],
            [1200, 2500.5, 3000, 4e6, 5, 6000],
            "Thousands separators were removed (1 200 is read as 1200).",
        ),
        (
            ",",
            ['"$1,200"', "$5", "-$3.50", "€7", "£8.25", "US 9".replace("US ", "$")],
            [1200, 5, -3.5, 7, 8.25, 9],
            'Currency signs were dropped in "y".',
        ),
        (
            ";",
            ["€3,50", "4,25 €", "€1.000", "2", "3", "−5"],
            [3.5, 4.25, 1000, 2, 3, -5],
            'Currency signs were dropped in "y".',
        ),
        (
            ",",
            ["15%", "7.5%", "100%", "0%", "-3%", "12 %"],
            [15, 7.5, 100, 0, -3, 12],
            'Percent signs were dropped in "y": 15% is read as 15, not 0.15.',
        ),
        (
            ";",
            ["15,5%", "7%", "100%", "0,25%", "-3%", "12"],
            [15.5, 7, 100, 0.25, -3, 12],
            'Percent signs were dropped in "y": 15% is read as 15, not 0.15.',
        ),
    ],
    ids=["quoted-commas", "tab-commas", "dots-and-comma", "spaces", "dollars", "euros", "percent", "percent-comma"],
)
def test_thousands_currency_and_percent(sep, cells, expected, note):
    table = read_table(make_file(["x", "y"], [[str(i), cell] for i, cell in enumerate(cells)], sep=sep))
    assert column(table, "y") == [float(v) for v in expected]
    assert table.numeric_columns == ["x", "y"]
    assert note in table.notes


def test_one_note_names_every_column_that_needed_the_same_clean_up():
    names = ["a", "b", "c", "d", "e"]
    table = read_table(make_file(names, [[f"{r + c}%" for c in range(5)] for r in range(6)]))
    assert table.numeric_columns == names
    assert column(table, "e") == [float(r + 4) for r in range(6)]
    assert 'Percent signs were dropped in "a", "b", "c" and 2 more: 15% is read as 15, not 0.15.' in table.notes


def test_ambiguous_thousands_in_a_semicolon_file_are_decimal_commas_and_said_so():
    table = read_table(make_file(["x", "y"], [[str(i), f"{i},250"] for i in range(1, 7)], sep=";"))
    assert column(table, "y") == [1.25, 2.25, 3.25, 4.25, 5.25, 6.25]
    assert any("could mean 1.2 or 1200" in note for note in table.notes)


# ----------------------------------------------------------------------------- encodings


def bom(encoding, text):
    marks = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    return marks[encoding] + text.encode(encoding)


CAFE = "café;prix €\n" + "".join(f"{x!r};{y!r}\n".replace(".", ",") for x, y in zip(XS, YS))


@pytest.mark.parametrize(
    "data, note",
    [
        (CAFE.encode("utf-8"), None),
        (CAFE.encode("utf-8-sig"), None),
        (CAFE.encode("utf-16"), "Read as UTF-16 text."),
        (bom("utf-16-le", CAFE), "Read as UTF-16 text."),
        (bom("utf-16-be", CAFE), "Read as UTF-16 text."),
        (CAFE.encode("utf-16-le"), "Read as UTF-16 text."),
        (CAFE.encode("utf-16-be"), "Read as UTF-16 text."),
        (CAFE.replace(" €", "").encode("latin-1"), None),  # every letter was read: nothing to warn about
        (CAFE.encode("cp1252"), None),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "utf-16-le",
        "utf-16-be",
        "latin-1",
        "cp1252",
    ],
)
def test_encodings(data, note):
    table = read_table(data)
    y_name = table.frame.columns[1]
    assert list(table.frame.columns) == ["café", y_name]
    assert y_name in ("prix €", "prix")
    assert column(table, "café") == XS
    assert column(table, y_name) == YS
    encoding_notes = [n for n in table.notes if "UTF" in n]
    if note is None:
        assert encoding_notes == []
    else:
        assert len(encoding_notes) == 1 and note in encoding_notes[0]


# ----------------------------------------------------------------------------- layout


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_lines_and_rows_of_bare_separators_are_skipped(newline):
    lines = (
        ["", "  ", "x,y", ""]
        + [f"{x!r},{y!r}" for x, y in zip(XS[:3], YS[:3])]
        + [" ", ",", ""]
        + [f"{x!r},{y!r}" for x, y in zip(XS[3:], YS[3:])]
        + ["", ""]
    )
    table = read_table(newline.join(lines).encode())
    assert table.n_rows == len(XS)
    assert column(table, "x") == XS
    assert column(table, "y") == YS


def test_duplicate_names_get_numbers_and_a_note():
    header = ["price", "qty", "price", "price (2)", "price", "qty"]
    rows = [[str(10 * c + r) for c in range(6)] for r in range(6)]
    table = read_table(make_file(header, rows))
    assert list(table.frame.columns) == ["price", "qty", "price (3)", "price (2)", "price (4)", "qty (2)"]
    for c, name in enumerate(table.frame.columns):
        assert column(table, name) == [float(10 * c + r) for r in range(6)]
    assert (
        'Three columns were all called "price"; they are shown as "price", "price (3)" and "price (4)".' in table.notes
    )
    assert 'Two columns were both called "qty"; the second is shown as "qty (2)".' in table.notes


def test_long_and_empty_names():
    long = "n" * 200
    table = read_table(make_file([long, "", "y"], [[repr(x), repr(x), repr(y)] for x, y in zip(XS, YS)]))
    assert list(table.frame.columns) == ["n" * 79 + "…", "Column 2", "y"]
    assert "Column names longer than 80 characters were shortened." in table.notes
    assert 'Columns without a name are called by their position, like "Column 3".' in table.notes


def test_trailing_separators_add_no_columns():
    lines = ["x,y,"] + [f"{x!r},{y!r}," for x, y in zip(XS, YS)]
    table = read_table(("\n".join(lines)).encode())
    assert list(table.frame.columns) == ["x", "y"]
    assert column(table, "y") == YS
    assert table.notes == ["Read as comma-separated."]


def test_excel_separator_line_and_a_lone_quote_inside_a_name():
    lines = ["sep=;", 'size 5" screen;y'] + [f"{x!r};{y!r}".replace(".", ",") for x, y in zip(XS, YS)]
    table = read_table("\r\n".join(lines).encode())
    assert list(table.frame.columns) == ['size 5" screen', "y"]
    assert column(table, 'size 5" screen') == XS
    assert column(table, "y") == YS


def test_markdown_style_pipes_at_both_ends():
    lines = ["| x | y |"] + [f"| {x!r} | {y!r} |" for x, y in zip(XS, YS)]
    table = read_table("\n".join(lines).encode())
    assert list(table.frame.columns) == ["x", "y"]
    assert column(table, "x") == XS
    assert table.notes == ["Read as pipe (|)-separated."]


@pytest.mark.parametrize("bad_row", [0, 3])
def test_rows_with_more_values_than_names_are_left_out_with_a_note(bad_row):
    rows = [[repr(x), repr(y)] for x, y in zip(XS, YS)]
    rows.insert(bad_row, ["1", "200", "5"])  # e.g. an unquoted 1,200
    rows.insert(bad_row + 1, ["7", "8", ""])  # an empty extra value is harmless
    table = read_table(make_file(["x", "y"], rows))
    expected_x = [float(r[0]) for r in rows if r != ["1", "200", "5"]]
    assert column(table, "x") == expected_x
    assert table.n_rows == len(XS) + 1
    assert any(
        note.startswith("1 row had more values than there are column names and was left out") for note in table.notes
    )


def test_a_file_without_names_is_read_as_data():
    table = read_table(make_file([repr(XS[0]), repr(YS[0])], [[repr(x), repr(y)] for x, y in zip(XS[1:], YS[1:])]))
    assert list(table.frame.columns) == ["Column 1", "Column 2"]
    assert column(table, "Column 1") == XS
    assert column(table, "Column 2") == YS
    assert any("holds numbers, not column names" in note for note in table.notes)


# ----------------------------------------------------------------------------- missing values and mostly-numbers


@pytest.mark.parametrize("token", ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "-", "—", "?", "  NA  "])
def test_missing_value_spellings(token):
    ys = [repr(y) for y in YS]
    ys[2] = token
    table = read_table(make_file(["x", "y"], [[repr(x), y] for x, y in zip(XS, ys)]))
    assert table.numeric_columns == ["x", "y"]
    values = table.frame["y"].to_numpy()
    assert np.isnan(values[2])
    assert np.delete(values, 2).tolist() == YS[:2] + YS[3:]
    xy = extract_xy(table, "x", "y")
    assert xy.dropped == {"missing": 1}
    assert xy.x.tolist() == XS[:2] + XS[3:]
    assert dropped_sentence(xy) == "1 row with a missing value was left out."


@pytest.mark.parametrize("blank", ["", "   ", "NA", "n/a", "#N/A", "null", "NaN", "#VALUE!"])
def test_missing_text_cells_are_missing_not_a_category(blank):
    colours = ["red", blank, "blue", "red", blank, "green", "blue", "red"]
    rows = [[str(i), str(i * 3), f'"{c}"' if c.strip() == "" else c] for i, c in enumerate(colours)]
    table = read_table(make_file(["x", "y", "colour"], rows))
    values = table.frame["colour"]
    assert values.isna().tolist() == [c is blank for c in colours]
    assert values.dropna().tolist() == ["red", "blue", "red", "green", "blue", "red"]
    assert "" not in set(values.dropna())


def test_text_that_only_looks_like_no_value_stays_text():
    marks = ["+", "-", "+", "?", "None", "-", "+", "—"]
    table = read_table(make_file(["x", "y", "strand"], [[str(i), str(i * 3), m] for i, m in enumerate(marks)]))
    assert table.frame["strand"].tolist() == marks


def test_blank_cells_of_a_workbook_text_column_are_missing():
    from tests.test_reader_workbooks import xlsx

    rows = [["x", "y", "group"]] + [[i, i * 2, None if i % 3 == 0 else f"g{i % 2}"] for i in range(9)]
    table = read_table(xlsx({"S": rows}))
    assert table.frame["group"].isna().tolist() == [i % 3 == 0 for i in range(9)]


def test_a_column_that_is_mostly_numbers_counts_text_as_not_a_number():
    xs = [float(i) for i in range(10)]
    ys = [repr(2.5 * i) for i in range(10)]
    ys[4] = "about 10"
    table = read_table(make_file(["x", "y"], [[repr(x), y] for x, y in zip(xs, ys)]))
    assert table.numeric_columns == ["x", "y"]
    xy = extract_xy(table, "x", "y")
    assert xy.dropped == {"not a number": 1}
    assert xy.y.tolist() == [2.5 * i for i in range(10) if i != 4]
    assert dropped_sentence(xy) == "1 row with text where a number was expected was left out."


def test_a_column_that_is_mostly_text_stays_text():
    cells = ["1", "2", "3", "4", "5", "6", "7", "lots", "few", "none at all"]
    table = read_table(make_file(["x", "y", "z"], [[str(i), str(i * i), c] for i, c in enumerate(cells)]))
    assert table.numeric_columns == ["x", "y"]
    assert column(table, "z") == cells


# ----------------------------------------------------------------------------- dates

DAYS = [
    datetime(2024, 3, 15, 6),
    datetime(2024, 1, 31),
    datetime(2024, 2, 1, 12),
    datetime(2024, 12, 25),
    datetime(2024, 1, 13),
    datetime(2025, 6, 30, 18),
]


@pytest.mark.parametrize(
    "fmt, keeps_time",
    [
        ("%Y-%m-%d", False),
        ("%Y-%m-%d %H:%M", True),
        ("%Y-%m-%dT%H:%M:%SZ", True),
        ("%d/%m/%Y", False),
        ("%m/%d/%Y", False),
        ("%m/%d/%Y %I:%M %p", True),
        ("%d.%m.%Y", False),
        ("%d %b %Y", False),
        ("%Y/%m/%d", False),
    ],
)
def test_date_formats(fmt, keeps_time):
    written = [d.strftime(fmt) for d in DAYS]
    expected = [d if keeps_time else datetime(d.year, d.month, d.day) for d in DAYS]
    table = read_table(make_file(["when", "sales"], [[w, repr(y)] for w, y in zip(written, YS)]))
    assert table.date_columns == ["when"]
    assert table.numeric_columns == ["sales"]
    assert pd.api.types.is_datetime64_dtype(table.frame["when"])
    assert [pd.Timestamp(v).to_pydatetime() for v in table.frame["when"]] == expected
    assert default_columns(table) == ("when", "sales")
    xy = extract_xy(table, "when", "sales")
    origin = min(expected)
    assert xy.x_is_date and xy.x_origin == pd.Timestamp(origin)
    assert xy.x.tolist() == [(d - origin).total_seconds() / 86400 for d in expected]  # file order, not sorted
    assert xy.y.tolist() == YS
    assert (fmt == "%d/%m/%Y") == any("read day first" in note for note in table.notes)


def test_month_names():
    written = ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "Dec 2024", "Jan 2025"]
    table = read_table(make_file(["month", "sales"], [[w, repr(y)] for w, y in zip(written, YS)]))
    assert table.date_columns == ["month"]
    xy = extract_xy(table, "month", "sales")
    assert xy.x.tolist() == [0.0, 31.0, 60.0, 91.0, 335.0, 366.0]


def test_dates_that_read_both_ways_are_read_month_first_with_a_note():
    days = [
        datetime(2024, 1, 2),
        datetime(2024, 3, 4),
        datetime(2024, 5, 6),
        datetime(2024, 7, 8),
        datetime(2024, 9, 10),
        datetime(2024, 11, 12),
    ]
    table = read_table(make_file(["when", "y"], [[d.strftime("%m/%d/%Y"), "1"] for d in days] + [["", "2"]]))
    assert [pd.Timestamp(v).to_pydatetime() for v in table.frame["when"][:6]] == days
    assert any("could be read day first or month first; they were read month first" in n for n in table.notes)


@pytest.mark.parametrize(
    "values",
    [
        [str(y) for y in range(1990, 2000)],
        ["1999.99", "2024", "1200.50", "0.99", "15", "2001", "2002", "2003", "12", "13"],
        [
            "20240131",
            "20240201",
            "20240202",
            "20240203",
            "20240204",
            "20240205",
            "20240206",
            "20240207",
            "2024020",
            "1",
        ],
    ],
    ids=["years", "prices", "compact-digits"],
)
def test_plain_numbers_are_never_dates(values):
    table = read_table(make_file(["a", "b"], [[v, str(i)] for i, v in enumerate(values)]))
    assert table.numeric_columns == ["a", "b"]
    assert table.date_columns == []
    assert column(table, "a") == [float(v) for v in values]
    assert default_columns(table) == ("a", "b")


def test_date_cells_that_are_not_dates():
    written = [d.strftime("%Y-%m-%d") for d in DAYS] + ["soon", "", "2024-02-03"]
    ys = [repr(y) for y in YS] + ["1", "2", "n/a"]
    table = read_table(make_file(["when", "y"], [[w, y] for w, y in zip(written, ys)]))
    assert table.date_columns == ["when"]
    xy = extract_xy(table, "when", "y")
    assert xy.dropped == {"missing": 2, "not a date": 1}
    assert dropped_sentence(xy) == (
        "2 rows with missing values and 1 row with text where a date was expected were left out."
    )


# ----------------------------------------------------------------------------- extract_xy and its sentences


def test_rows_left_out_are_counted_once_each_and_order_is_kept():
    xs = ["5", "1", "NA", "3", "abc", "inf", "2", "9", "", "4", "8", "7"]
    ys = ["50", "10", "oops", "30", "40", "60", "-inf", "x", "?", "40", '"1,000"', "70"]
    table = read_table(make_file(["x", "y"], [[a, b] for a, b in zip(xs, ys)]))
    assert table.numeric_columns == ["x", "y"]
    xy = extract_xy(table, "x", "y")
    assert xy.x.tolist() == [5.0, 1.0, 3.0, 4.0, 8.0, 7.0]
    assert xy.y.tolist() == [50.0, 10.0, 30.0, 40.0, 1000.0, 70.0]
    assert xy.dropped == {"missing": 2, "not a number": 2, "infinite": 2}
    assert xy.n_rows == 12
    assert not xy.x_is_date and xy.x_origin is None
    assert xy.x.dtype == np.float64 and xy.y.dtype == np.float64
    assert dropped_sentence(xy) == (
        "2 rows with missing values, 2 rows with text where a number was expected "
        "and 2 rows with infinite values were left out."
    )


def test_nothing_dropped():
    xy = extract_xy(read_table(xy_file()), "x", "y")
    assert xy.dropped == {}
    assert dropped_sentence(xy) is None
    assert (xy.x_name, xy.y_name, xy.n_rows) == ("x", "y", len(XS))


@pytest.mark.parametrize(
    "dropped, sentence",
    [
        (
            {"missing": 12, "not a number": 3},
            "12 rows with missing values and 3 rows with text where a number was expected were left out.",
        ),
        ({"infinite": 1}, "1 row with an infinite value was left out."),
        ({"missing": 1, "infinite": 1}, "1 row with a missing value and 1 row with an infinite value were left out."),
        ({"missing": 1234}, "1,234 rows with missing values were left out."),
    ],
)
def test_dropped_sentence_wording(dropped, sentence):
    xy = XY(np.arange(5.0), np.arange(5.0), "x", "y", False, None, dropped, 5 + sum(dropped.values()))
    assert dropped_sentence(xy) == sentence


def test_default_columns_without_dates():
    table = read_table(make_file(["name", "a", "b"], [["n", repr(x), repr(y)] for x, y in zip(XS, YS)]))
    assert default_columns(table) == ("a", "b")


def test_default_columns_needs_a_pair():
    frame = pd.DataFrame({"a": np.arange(6.0), "t": list("abcdef")})
    with pytest.raises(DataProblem, match="no second column of numbers"):
        default_columns(Table(frame, ["a"], [], [], 6))
    with pytest.raises(DataProblem, match="no column of numbers or dates"):
        default_columns(Table(frame, [], [], [], 6))


# ----------------------------------------------------------------------------- problems a reader can fix


def assert_plain_problem(excinfo, phrase):
    message = str(excinfo.value)
    assert phrase in message
    assert MARKER not in message
    assert any(word in message for word in ("Upload", "upload", "Pick", "Remove", "Check")), message


RNG_BYTES = np.random.default_rng(7).bytes(4096)


@pytest.mark.parametrize(
    "data, phrase",
    [
        (b"", "The file is empty"),
        (b"  \n\t\r\n  \n", "The file is empty"),
        ("  \n".encode("utf-16"), "The file is empty"),
        (f"x,{MARKER}\n".encode(), "no rows of data"),
        (f"x,{MARKER}\n\n,\n  \n".encode(), "no rows of data"),
        (make_file(["x", MARKER], [["1", "2"]] * (MIN_ROWS - 1)), f"only {MIN_ROWS - 1} rows of data"),
        (make_file([MARKER], [[repr(x)] for x in XS]), "Only one column was found"),
        (make_file([MARKER], [[repr(x).replace(".", ",")] for x in XS]), "Only one column was found"),
        (
            make_file(["name", MARKER], [["Ann", "Paris"], ["Bo", "Rome"]] * 3),
            "No column in this file has at least two",
        ),
        (
            make_file(["x", MARKER], [["NaN", "inf"], ["-inf", "NA"], ["inf", ""]] * 3),
            "No column in this file has at least two",
        ),
        (make_file(["x", MARKER], [[repr(x), "word"] for x in XS]), "Only one column holds usable numbers"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + RNG_BYTES, "does not contain text"),
        (RNG_BYTES, "does not contain text"),
        (b"x,y\n" + b"\x00\x01\x02\x03" * 50 + b"\n1,2\n", "does not contain text"),
        (b"PK\x03\x04\x14\x00\x06\x00" + RNG_BYTES, "spreadsheet workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + RNG_BYTES, "spreadsheet workbook"),
        (f'x,y\n1,2\n3,"{MARKER}\n5,6\n7,8\n9,10\n11,12\n'.encode(), "quote mark"),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf-16-whitespace",
        "header-only",
        "header-and-blank-rows",
        "too-few-rows",
        "one-column",
        "one-column-decimal-commas",
        "no-numbers",
        "nan-and-inf-everywhere",
        "one-numeric-column",
        "png",
        "random-bytes",
        "control-bytes",
        "xlsx",
        "xls",
        "unclosed-quote",
    ],
)
def test_read_table_problems(data, phrase):
    assert RNG_BYTES.count(0) > 0
    with pytest.raises(DataProblem) as excinfo:
        read_table(data, "upload.csv")
    assert_plain_problem(excinfo, phrase)


def test_too_large_is_refused_before_reading():
    data = b"x,y\n" + b"1,2\n" * (MAX_UPLOAD_BYTES // 4)
    assert len(data) > MAX_UPLOAD_BYTES
    with pytest.raises(DataProblem) as excinfo:
        read_table(data)  # refused from its size alone: tests/test_perf.py times it
    assert_plain_problem(excinfo, "the limit is 50 MB")
    assert MAX_UPLOAD_BYTES == 50 * 1024 * 1024


def table_for_choices():
    rows = [[repr(x), repr(y), d.strftime("%Y-%m-%d"), "t", "3"] for x, y, d in zip(XS, YS, DAYS)]
    return read_table(make_file(["x", "y", "when", "label", "same"], rows))


@pytest.mark.parametrize(
    "x_name, y_name, phrase",
    [
        ("x", "x", "x and y are the same column"),
        ("x", "when", "holds dates, but y must be numbers"),
        ("label", "y", "does not hold usable numbers or dates"),
        ("x", "label", "does not hold usable numbers"),
        (MARKER, "y", "not in this file"),
        ("same", "y", "Every usable row has the same x value"),
    ],
)
def test_extract_xy_choice_problems(x_name, y_name, phrase):
    table = table_for_choices()
    with pytest.raises(DataProblem) as excinfo:
        extract_xy(table, x_name, y_name)
    assert_plain_problem(excinfo, phrase)


def test_too_few_usable_rows_after_dropping():
    ys = [repr(y) for y in YS]
    ys[1], ys[4] = "NA", MARKER
    table = read_table(make_file(["x", "y"], [[repr(x), y] for x, y in zip(XS, ys)]))
    with pytest.raises(DataProblem) as excinfo:
        extract_xy(table, "x", "y")
    assert_plain_problem(
        excinfo,
        f"Only 4 rows have usable values in both chosen columns (2 rows had to be left "
        f"out); at least {MIN_ROWS} are needed",
    )


@pytest.mark.parametrize("axis", ["x", "y"])
@pytest.mark.parametrize("extreme", [["1e308", "-1e308"], ["1.7e308", "-1e300"], ["1e200", "-1e200"]])
def test_values_too_extreme_to_compute_with(axis, extreme):
    values = [repr(v) for v in XS]
    values[0], values[3] = extreme
    other = [repr(v) for v in YS]
    rows = [[v, o] if axis == "x" else [o, v] for v, o in zip(values, other)]
    table = read_table(make_file(["x", "y"], rows))
    assert table.frame[axis][0] == float(extreme[0])
    with pytest.raises(DataProblem) as excinfo:
        extract_xy(table, "x", "y")
    assert_plain_problem(excinfo, f"The numbers in the {axis} column are too extreme to compute with")
    assert "rescale" in str(excinfo.value)


# ----------------------------------------------------------------------------- size (speed: tests/test_perf.py)


def test_thousands_of_columns():
    rng = np.random.default_rng(1)
    values = rng.normal(size=(20, 5000))
    names = [f"c{i}" for i in range(5000)]
    data = make_file(names, [[repr(v) for v in row] for row in values.tolist()])
    table = read_table(data)
    assert table.numeric_columns == names
    assert table.n_rows == 20
    np.testing.assert_array_equal(table.frame.to_numpy(), values)
    assert default_columns(table) == ("c0", "c1")


def test_200000_rows_read_exactly():
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0, 1000, 200_000), rng.normal(size=200_000) * 1e3
    data = ("x,y\n" + "\n".join(f"{a!r},{b!r}" for a, b in zip(x.tolist(), y.tolist())) + "\n").encode()
    table = read_table(data)
    xy = extract_xy(table, "x", "y")
    np.testing.assert_array_equal(xy.x, x)
    np.testing.assert_array_equal(xy.y, y)
    assert table.n_rows == 200_000


# ----------------------------------------------------------------------------- the module itself


def test_a_table_survives_pickling_for_caches():
    import pickle  # st.cache_data pickles what it stores; the reader itself never unpickles anything

    table = read_table(
        make_file(
            ["when", "y"],
            [[d.strftime("%Y-%m-%d"), "NA" if i == 2 else repr(y)] for i, (d, y) in enumerate(zip(DAYS, YS))],
        )
    )
    copy = pickle.loads(pickle.dumps(table))
    pd.testing.assert_frame_equal(copy.frame, table.frame)
    assert extract_xy(copy, "when", "y").dropped == {"missing": 1}


def test_reader_parses_with_pandas_only_and_never_imports_streamlit():
    package = Path(__file__).resolve().parents[1].joinpath("core", "reader")
    imported, called = set(), set()
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text())
        imported |= {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0
        }
        called |= {
            node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
    assert imported <= {
        "charset_normalizer",
        "codecs",
        "csv",
        "dataclasses",
        "datetime",
        "io",
        "itertools",
        "math",
        "numpy",
        "openpyxl",
        "pandas",
        "re",
        "unicodedata",
        "warnings",
        "xml",
        "zipfile",
    }
    assert not called & {"eval", "exec", "compile", "__import__"}


# --- A file of comments (read_table(..., comments=True), for the Sorting-feedback page) ---

REVIEWS = [
    ("Total waste of money, it broke in a day", "1"),
    ("Lovely staff, quick service", "5"),
    ('She said "fine", then nothing; no refund', "2"),
    ("Line one\nline two of the same review", "4"),
    ("Sum: great value", "5"),
    ("Not bad at all", "4"),
]


def reviews_file(rows=REVIEWS, sep=","):
    frame = pd.DataFrame(rows, columns=["Review", "Stars"])
    return frame.to_csv(index=False, sep=sep).encode("utf-8")


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_a_file_of_comments_keeps_every_row_as_written(sep):
    table = read_table(reviews_file(sep=sep), comments=True)
    assert list(table.frame["Review"]) == [text for text, _ in REVIEWS]  # "Total …" and "Sum: …" are comments
    assert list(table.frame["Stars"]) == [1.0, 5.0, 2.0, 4.0, 5.0, 4.0]
    assert table.n_rows == len(REVIEWS) and table.series == {}
    assert not any("total" in note for note in table.notes)


def test_a_file_of_comments_and_text_labels_needs_no_numbers():
    rows = [(f"comment {i} was {'good' if i % 2 else 'bad'}", "praise" if i % 2 else "complaint") for i in range(8)]
    with pytest.raises(DataProblem, match="No column in this file has at least two numbers"):
        read_table(reviews_file(rows))  # for a curve, two columns of numbers are needed
    table = read_table(reviews_file(rows), comments=True)
    assert table.numeric_columns == [] and list(table.frame["Stars"])[:2] == ["complaint", "praise"]
    assert table.series == {}  # a label repeated beside unique comments is not a series


def test_a_file_of_comments_with_one_column_says_what_the_two_columns_are_for():
    with pytest.raises(DataProblem, match=r"one with the comments, one with a rating or a label") as problem:
        read_table(f"Review\n{MARKER} one\nanother\nand another\n".encode(), comments=True)
    assert MARKER not in str(problem.value)
    with pytest.raises(DataProblem, match=r"one for x, one for y"):
        read_table(f"Review\n{MARKER} one\nanother\nand another\n".encode())
