"""Your data, "Several columns (signals)": the many-signals story for the reader's own file, through AppTest."""

import re

import numpy as np
import pytest

from core.models import design
from core.show.plain_numbers import markdown_safe
from core.signals import data as signal_data
from tests.apptest_helpers import figures, live_texts, open_page, trace, widget

PAGE = "pages/your-data.py"


def shop_csv():
    """The shop's table with a date column, a constant, an all-empty column, an id column and a copy."""
    frame = signal_data.shop_table().train.copy()
    frame.insert(0, "Week", [f"2024-{1 + i // 4:02d}-{1 + 7 * (i % 4):02d}" for i in range(len(frame))])
    frame["Country"] = "NZ"
    frame["Notes"] = ""
    frame["Receipt id"] = [f"R{1000 + i}" for i in range(len(frame))]
    frame["TV again"] = frame["TV ads (thousand €)"]
    return frame.to_csv(index=False)


@pytest.fixture
def signals_view():
    at = open_page(PAGE)
    at.file_uploader[0].upload("shop.csv", shop_csv().encode(), "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    widget(at.radio, "What to look at").set_value("Several columns (signals)").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_several_columns_tell_the_many_signals_story(signals_view):
    at = signals_view
    widget(at.selectbox, "Column to predict").set_value(signal_data.SHOP_TARGET).run()
    assert not at.exception
    assert len(figures(at)) == 5
    bars = figures(at)[0]
    _, names = trace(bars, "Your penalty: none")
    assert "Online clicks (thousands)" in names and "Promotion = discount" in names and "Week" in names
    texts = live_texts(at)
    assert texts[0].startswith("Online ads (thousand €) and Online clicks (thousands) move together")
    assert re.search(r"[+−]€\d", texts[0])  # the column's name says €: amounts in €, as on /signals
    assert any(t.startswith("Verdict on this data: ") for t in texts)
    assert [e.label for e in at.expander if e.label.startswith("In depth")]  # the analysts' part too


def test_unusable_columns_get_a_plain_note(signals_view):
    at = signals_view
    widget(at.selectbox, "Column to predict").set_value(signal_data.SHOP_TARGET).run()
    notes = " ".join(t.value for t in at.text)
    assert "Left out Country: it has the same value in every row" in notes
    assert "Left out TV again: it holds exactly the same values as TV ads (thousand €)" in notes
    assert "Left out Receipt id: almost every row has its own text" in notes
    assert design.MAX_CATEGORIES >= 26  # left out as an id, not for the number of categories


def test_more_signals_than_rows_works_and_says_so():
    rng = np.random.default_rng(0)
    header = "y," + ",".join(f"s{j}" for j in range(40))
    rows = [",".join(f"{v:.4f}" for v in rng.normal(size=41)) for _ in range(25)]
    at = open_page(PAGE)
    at.file_uploader[0].upload("wide.csv", ("\n".join([header, *rows]) + "\n").encode(), "text/csv").run()
    widget(at.radio, "What to look at").set_value("Several columns (signals)").run()
    widget(at.selectbox, "Column to predict").set_value("y").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("only 17 rows to learn them from" in block.value for block in at.info)


def test_the_curve_view_stays(signals_view):
    at = signals_view
    widget(at.radio, "What to look at").set_value("One column (a curve)").run()
    assert not at.exception
    assert widget(at.selectbox, "Column for y")
    assert figures(at) and not any("Several" in w.label for w in at.selectbox)


def test_a_second_file_with_the_same_name_and_columns_gets_its_own_charts(signals_view):
    at = signals_view
    widget(at.selectbox, "Column to predict").set_value(signal_data.SHOP_TARGET).run()
    first, _ = trace(figures(at)[0], "Your penalty: none")
    header, *rows = shop_csv().splitlines()
    column = header.split(",").index(signal_data.SHOP_TARGET)
    rows = [",".join(str(2 * float(v)) if i == column else v for i, v in enumerate(r.split(","))) for r in rows]
    at.file_uploader[0].upload("shop.csv", ("\n".join([header, *rows]) + "\n").encode(), "text/csv").run()
    widget(at.radio, "What to look at").set_value("Several columns (signals)").run()
    widget(at.selectbox, "Column to predict").set_value(signal_data.SHOP_TARGET).run()
    assert not at.exception
    second, _ = trace(figures(at)[0], "Your penalty: none")
    np.testing.assert_allclose(second, 2 * first, rtol=1e-4)


def test_two_hundred_columns_and_a_new_target_keeps_every_other_column():
    rng = np.random.default_rng(1)
    header = "y," + ",".join(f"s{j}" for j in range(200))
    rows = [",".join(f"{v:.4f}" for v in rng.normal(size=201)) for _ in range(500)]
    at = open_page(PAGE)
    at.file_uploader[0].upload("wide.csv", ("\n".join([header, *rows]) + "\n").encode(), "text/csv").run()
    widget(at.radio, "What to look at").set_value("Several columns (signals)").run()
    widget(at.selectbox, "Column to predict").set_value("y").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(
        markdown_safe("350 rows to fit on and 150 held out as new data. There are 200 signals, one bar each.")
        in c.value
        for c in at.caption
    )
    assert len(figures(at)) == 5
