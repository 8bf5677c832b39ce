"""Several columns of the reader's file: the column to predict, row numbers, blank categories, names that look
like numbers, charts that show only some signals, and what is said about shared credit."""

import numpy as np
import pandas as pd
import pytest

from core.models import design
from core.models.grid import SLIDER_LAMS
from core.signals import data, fit, words
from tests.apptest_helpers import figures, live_texts, open_page, release_lam, widget

PAGE = "pages/your-data.py"


def frame(**columns):
    return pd.DataFrame(columns)


# ----------------------------------------------------------------------------- the column to predict

N = 40
RNG = np.random.default_rng(4)


def numbers():
    return RNG.normal(size=N)


@pytest.mark.parametrize(
    "names, expected",
    [
        (["CompPrice", "Income", "Advertising", "Sales", "Population", "Age"], "Sales"),
        (["carat", "depth", "table", "price", "x", "y", "z"], "price"),
        (["CompPrice", "Income", "Price", "Age"], "Price"),
        (["TOTEMP", "GNPDEFL", "GNP", "UNEMP", "ARMED", "POP"], "TOTEMP"),
        (["Weekly sales (thousand €)", "TV ads (thousand €)", "Radio ads (thousand €)"], "Weekly sales (thousand €)"),
        (["Chiffre d’affaires", "Quantité", "Remise"], "Chiffre d’affaires"),
        (["SalePrice", "LotArea", "YearBuilt"], "SalePrice"),
        (["a", "b", "c"], "c"),
    ],
)
def test_the_default_target_is_the_column_a_reader_would_predict(names, expected):
    table = frame(**{name: numbers() for name in names})
    assert data.default_target(table, names) == expected


def test_without_a_telling_name_the_last_column_that_is_no_id_date_or_index():
    table = frame(
        a=numbers(), b=numbers(), c=numbers(), year=np.arange(1990, 1990 + N), id=np.arange(1, N + 1), index=numbers()
    )
    assert data.default_target(table, list(table.columns)) == "c"


def test_row_numbers_are_found_in_the_file_order():
    table = frame(
        row=np.arange(1, N + 1),
        receipt=np.arange(1001, 1001 + N, dtype=float),
        year=np.arange(1947, 1947 + N),
        shuffled=RNG.permutation(N) + 1,
        even=np.arange(0, 2 * N, 2),
        gap=np.r_[np.arange(1, N), np.nan],
        size=numbers(),
    )
    assert design.row_counters(table, list(table.columns)) == ["row", "receipt"]


def test_blank_cells_of_a_text_column_are_no_category():
    table = frame(
        y=np.arange(12, dtype=float) * 2 + RNG.normal(size=12),
        x=RNG.normal(size=12),
        group=pd.Series(["a", "b", "", None, "a", "b", "  ", "a", "b", "a", "b", np.nan], dtype=object),
    )
    plan, X, y = design.build(table, "y")
    assert plan.feature_names == ("x", "group = a", "group = b")
    assert X.shape == (8, 3) and y.size == 8
    assert "Left out 4 rows with a missing or unreadable value in a used column." in plan.notes


# ----------------------------------------------------------------------------- the reader's file, through the page


def carseats_like():
    """A table like ISLR's Carseats exported from R: a row-number column first, a text column with gaps."""
    rng = np.random.default_rng(2)
    n = 120
    price = rng.uniform(50, 150, n)
    comp = price + rng.normal(0, 15, n)
    advertising = rng.uniform(0, 20, n)
    shelf = rng.choice(["Bad", "Medium", "Good"], n).astype(object)
    shelf[rng.choice(n, 15, replace=False)] = ""
    sales = 12 - 0.06 * price + 0.05 * comp + 0.1 * advertising + rng.normal(0, 1, n)
    table = pd.DataFrame(
        {
            "": np.arange(1, n + 1),
            "CompPrice": comp.round(1),
            "Advertising": advertising.round(2),
            "ShelveLoc": shelf,
            "Price": price.round(1),
            "Sales": sales.round(2),
        }
    )
    return table.to_csv(index=False)


def signals_view(name, text):
    at = open_page(PAGE)
    at.file_uploader[0].upload(name, text.encode(), "text/csv").run()
    widget(at.radio, "What to look at").set_value("Several columns (signals)").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def test_several_columns_start_on_sales_and_leave_out_the_row_numbers():
    at = signals_view("carseats.csv", carseats_like())
    assert widget(at.selectbox, "Column to predict").value == "Sales"
    notes = " ".join(t.value for t in at.text)
    assert "Left out Column 1: its values go up by exactly one from row to row, like a row number or an id" in notes
    names = figures(at)[0]["data"][0]["y"]
    assert "Column 1" not in names
    assert {"ShelveLoc = Bad", "ShelveLoc = Medium", "ShelveLoc = Good"} <= set(names)
    assert not [name for name in names if name.startswith("ShelveLoc = ") and not name[len("ShelveLoc = ") :].strip()]


def gapminder_wide():
    """Life expectancy by country, one column per year (the wide layout of gapminder), with a continent."""
    rng = np.random.default_rng(5)
    years = list(range(1952, 2008, 5))
    continents = ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    rows = []
    for k in range(60):
        start = rng.uniform(30, 70)
        rows.append(
            [f"Country {k}", continents[k % 5]] + [round(start + 0.3 * (y - 1952) + rng.normal(0, 1), 2) for y in years]
        )
    return pd.DataFrame(rows, columns=["country", "continent", *map(str, years)]).to_csv(index=False)


def test_names_that_look_like_numbers_stay_names_on_the_bars():
    at = signals_view("gapminder.csv", gapminder_wide())
    assert widget(at.selectbox, "Column to predict").value == "2007"
    for chart in (figures(at)[0], figures(at)[2]):  # the weights and the stability bars
        assert chart["layout"]["yaxis"]["type"] == "category"
        labels = set(chart["data"][0]["y"])
        assert {"1952", "1957", "2002"} <= labels and "continent = Asia" in labels


def test_every_bar_chart_with_labels_has_a_category_axis():
    pages = ["pages/weights.py", "pages/curves.py", "pages/signals.py", "pages/feedback.py", "pages/playground.py"]
    for page in pages:
        for chart in figures(open_page(page)):
            for trace in chart["data"]:
                if trace.get("type") != "bar":
                    continue
                letter = "y" if trace.get("orientation") == "h" else "x"
                axis = letter + "axis" + trace.get(letter + "axis", letter)[1:]
                assert chart["layout"].get(axis, {}).get("type") == "category", (page, trace.get("name"))


def wide_table(n_signals):
    rng = np.random.default_rng(8)
    X = rng.normal(size=(80, n_signals))
    y = X @ rng.normal(size=n_signals) + rng.normal(size=80)
    table = pd.DataFrame(X, columns=[f"signal {j + 1}" for j in range(n_signals)])
    table["sales"] = y
    return table.to_csv(index=False)


def annotations(chart):
    return [a["text"] for a in chart["layout"].get("annotations", [])]


def test_charts_of_only_the_biggest_signals_say_so():
    at = signals_view("wide.csv", wide_table(30))
    charts = figures(at)
    note = "Showing the 20 signals with the biggest weights, of 30"
    for k in (0, 1, 2):  # weights, paths, stability
        assert note in annotations(charts[k]), k
    at = signals_view("narrow.csv", wide_table(6))
    assert not any("Showing the" in text for chart in figures(at) for text in annotations(chart))


# ----------------------------------------------------------------------------- shared credit, only when it moved


@pytest.fixture(scope="module")
def shop():
    return fit.fit_table(data.load_signal_table("shop"))


def test_a_tiny_penalty_does_not_share_the_credit(shop):
    row = int(shop.path.slider_rows[1])
    assert SLIDER_LAMS[1] == pytest.approx(1e-8)
    pair = words.credit_sentence(shop, row)
    assert "share the credit" not in pair and "too weak to move the credit" in pair
    assert "spreads the credit" not in words.share_sentence(shop, row)
    best = shop.path.best_index
    assert "they share the credit" in words.credit_sentence(shop, best)


def test_the_page_says_nothing_of_shared_credit_at_a_tiny_penalty():
    at = release_lam(open_page("pages/signals.py"), 1e-8)
    pair = next(t for t in live_texts(at) if "move together" in t)
    assert "share the credit" not in pair
