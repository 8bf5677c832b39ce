"""Tables for the many-signals page: a shop's weekly sales (made here, seeded) and real tables from installed packages.

Nothing is downloaded: the shop is generated in code from a fixed seed; the real tables
ship with scikit-learn (diabetes) and plotly (restaurant tips).
"""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..models.design import TIME_WORDS, name_words, row_counter_note, row_counters
from ..models.grid import HELD_OUT_SHARE

_SPLIT_SEED = 0
#: Each built-in table's title, for the picker (without building the tables).
SIGNAL_TITLES = {
    "shop": "A shop's weekly sales (made-up example)",
    "diabetes": "Diabetes: progression after a year (real data)",
    "tips": "Restaurant tips (real data)",
}


@dataclass(frozen=True)
class SignalTable:
    """A table to predict one column from many, with words for a reader.

    Attributes
    ----------
    key, title, story : str
    target : str
        The column to predict.
    y_unit : str
        Its unit: a currency sign ("€", "$": amounts are written "€16,900") or a word ("points"); may be empty.
    rows_called : str
        What a row is, in the plural ("weeks", "patients"): the words say "new weeks", not "new rows".
    train, test : pandas.DataFrame
        Rows to fit on and held-out rows ("new data"), with the same columns.
    irrelevant : tuple of str
        Columns known to have no effect on the target (the made-up shop's); empty for real data.
    left_out : tuple of str
        Columns not used as signals before any fitting (an upload's row numbers), each said in ``notes``.
    notes : tuple of str
        Plain sentences on them (column names from the reader's file: plain text).
    """

    key: str
    title: str
    story: str
    target: str
    y_unit: str
    train: pd.DataFrame
    test: pd.DataFrame
    rows_called: str = "rows"
    irrelevant: tuple = ()
    left_out: tuple = ()
    notes: tuple = ()

    @property
    def signals(self):
        return [c for c in self.train.columns if c != self.target and c not in self.left_out]


def split_rows(frame, share=HELD_OUT_SHARE, seed=_SPLIT_SEED):
    """A seeded random split of ``frame`` into (training rows, held-out rows)."""
    order = np.random.default_rng(seed).permutation(len(frame))
    held_out = round(share * len(frame))
    return frame.iloc[np.sort(order[held_out:])], frame.iloc[np.sort(order[:held_out])]


SHOP_WEEKS = 26
#: The shop's columns that do not affect its sales (the story says so; the charts show what a fit makes of them).
_SHOP_IRRELEVANT = ("Staff on shift", "Rain (mm)", "Newsletter length (words)", "Shop-window colour")
SHOP_NEW_WEEKS = 400
_SHOP_SEED = 3
SHOP_TARGET = "Weekly sales (€)"


def _shop_weeks(weeks, rng):
    online = rng.uniform(2, 15, weeks)
    frame = pd.DataFrame(
        {
            "TV ads (thousand €)": rng.uniform(0, 20, weeks),
            "Radio ads (thousand €)": rng.uniform(0, 10, weeks),
            "Online ads (thousand €)": online,
            # Clicks follow online spend closely: the pair of signals that move together.
            "Online clicks (thousands)": 0.8 * online + rng.normal(0, 0.6, weeks),
            "Price (€)": rng.uniform(8, 12, weeks).round(2),
            "Temperature (°C)": rng.uniform(2, 30, weeks).round(1),
            "Holiday week": (rng.uniform(size=weeks) < 0.15).astype(float),
            "Promotion": rng.choice(["none", "discount", "bundle"], weeks, p=[0.5, 0.3, 0.2]),
            # Signals that do not matter.
            "Staff on shift": rng.integers(3, 8, weeks).astype(float),
            "Rain (mm)": rng.gamma(1.0, 6.0, weeks).round(1),
            "Newsletter length (words)": rng.integers(150, 600, weeks).astype(float),
            "Shop-window colour": rng.choice(["red", "blue", "green"], weeks),
        }
    )
    promotion = frame["Promotion"].map({"none": 0.0, "discount": 6.0, "bundle": 3.0}).to_numpy()
    frame.insert(  # in €, to the nearest €100
        0,
        SHOP_TARGET,
        (
            40.0
            + 1.0 * frame["TV ads (thousand €)"]
            + 1.6 * frame["Radio ads (thousand €)"]
            + 1.0 * online
            + 1.5 * frame["Online clicks (thousands)"]
            - 4.0 * frame["Price (€)"]
            + 0.4 * frame["Temperature (°C)"]
            + 12.0 * frame["Holiday week"]
            + promotion
            + rng.normal(0, 6.0, weeks)
        )
        .round(1)
        .mul(1000.0)
        .round(),
    )
    return frame


def shop_table():
    """A shop's weekly sales against its ad spend, price, weather and more: 26 weeks to fit, 400 new weeks."""
    rng = np.random.default_rng(_SHOP_SEED)
    train, test = _shop_weeks(SHOP_WEEKS, rng), _shop_weeks(SHOP_NEW_WEEKS, rng)
    return SignalTable(
        key="shop",
        title=SIGNAL_TITLES["shop"],
        story=(
            f"A shop kept {SHOP_WEEKS} weeks of records: its sales and what might drive them. "
            "Online clicks follow online ad spend closely, so those two move together. Staff on shift, rain, "
            "the newsletter's length and the shop-window colour do not affect sales at all, but the model is not told "
            "which signals matter. "
            f"The forecasts are checked on {SHOP_NEW_WEEKS} more weeks from the same shop."
        ),
        target=SHOP_TARGET,
        y_unit="€",
        rows_called="weeks",
        irrelevant=_SHOP_IRRELEVANT,
        train=train,
        test=test,
    )


_DIABETES_NAMES = {
    "age": "Age (years)",
    "sex": "Sex (1 or 2)",
    "bmi": "Body mass index",
    "bp": "Blood pressure",
    "s1": "Total cholesterol",
    "s2": "LDL cholesterol",
    "s3": "HDL cholesterol",
    "s4": "Cholesterol ratio (total / HDL)",
    "s5": "Triglycerides (log)",
    "s6": "Blood sugar",
    "target": "Disease progression after a year",
}


def diabetes_table():
    """scikit-learn's diabetes study: 442 patients, ten measurements, progression after one year."""
    from sklearn.datasets import load_diabetes

    frame = load_diabetes(scaled=False, as_frame=True).frame.rename(columns=_DIABETES_NAMES)
    target = _DIABETES_NAMES["target"]
    frame = frame[[target] + [c for c in frame.columns if c != target]]
    train, test = split_rows(frame)
    return SignalTable(
        key="diabetes",
        title=SIGNAL_TITLES["diabetes"],
        story=(
            "442 diabetes patients: age, sex, body mass index, blood pressure and six blood measurements, and how "
            "far the disease progressed a year later (a score). Total and LDL cholesterol move together. "
            "From the study shipped with scikit-learn (Efron et al., 2004); 30% of patients held out as new data."
        ),
        target=target,
        y_unit="points",
        rows_called="patients",
        train=train,
        test=test,
    )


def tips_table():
    """plotly's restaurant tips: 244 bills, the tip against the bill, party size, day and more."""
    import plotly.data

    frame = plotly.data.tips().rename(
        columns={
            "tip": "Tip ($)",
            "total_bill": "Total bill ($)",
            "size": "Party size",
            "sex": "Who paid",
            "smoker": "Smoker at the table",
            "day": "Day",
            "time": "Meal",
        }
    )
    frame = frame[["Tip ($)"] + [c for c in frame.columns if c != "Tip ($)"]]
    frame["Party size"] = frame["Party size"].astype(float)
    train, test = split_rows(frame)
    return SignalTable(
        key="tips",
        title=SIGNAL_TITLES["tips"],
        story=(
            "244 restaurant bills recorded by one waiter: the tip against the bill, the party's size, the day, lunch "
            "or dinner, who paid and whether someone smoked. "
            "From the table shipped with plotly; 30% of bills held out as new data."
        ),
        target="Tip ($)",
        y_unit="$",
        rows_called="bills",
        train=train,
        test=test,
    )


SIGNAL_TABLES = {"shop": shop_table, "diabetes": diabetes_table, "tips": tips_table}


def load_signal_table(key):
    """A built-in table by key."""
    if key not in SIGNAL_TABLES:
        raise ValueError(f"unknown table {key!r}; choose one of {sorted(SIGNAL_TABLES)}.")
    return SIGNAL_TABLES[key]()


#: A column name that gives its money's unit at its end: "Weekly sales (€)", "Tip ($)".
_MONEY_IN_NAME = re.compile(r"\((€|\$|£)\)\s*$")


def unit_in_name(name):
    """The currency a column's name ends with ("Sales (€)" → "€"), or "" when it names none."""
    found = _MONEY_IN_NAME.search(str(name))
    return found.group(1) if found else ""


def upload_table(frame, target, title, key="upload"):
    """The reader's table, split at random into rows to fit on and held-out rows; ``key`` names it exactly.

    Columns that only number the rows (``design.row_counters``, judged in the file's order before
    the split) are left out, each with a note. Amounts are in the target's money when its name ends
    with it ("Weekly sales (€)"), else in no unit.
    """
    counters = tuple(row_counters(frame, [c for c in frame.columns if c != target]))
    train, test = split_rows(frame)
    return SignalTable(
        key=key,
        title=title,
        story="Your file: 30% of its rows, picked at random, are held out as new data.",
        target=target,
        y_unit=unit_in_name(target),
        train=train,
        test=test,
        left_out=counters,
        notes=tuple(row_counter_note(name) for name in counters),
    )


#: Words in the name of a column a reader would predict, the likelier first: what a business measures
#: (sales, prices, totals, counts), then what a data set calls its outcome.
TARGET_WORDS = (
    {"sales", "sale", "revenue", "revenues", "turnover", "umsatz", "chiffre", "ventas", "ventes"},
    {"price", "prices", "preis", "prix", "precio", "cost", "costs", "charges", "fare"},
    {"total", "totals", "amount", "betrag", "montant", "importe"},
    {"count", "counts", "quantity", "qty", "units", "demand", "volume", "orders"},
    {"profit", "profits", "income", "earnings", "spend", "spending"},
    {"y", "target", "outcome", "response", "label", "score", "result", "yield"},
)
_INDEX_WORDS = frozenset({"id", "ids", "index", "idx", "row", "rownum", "nr", "no", "unnamed", "key"})


def default_target(frame, numeric_columns):
    """The column a reader would most likely predict, of ``numeric_columns``.

    A column named like what a business measures or a data set's outcome (``TARGET_WORDS``, a
    name that is just the word first, then the file's order; "TOT…" counts as a total), else the
    last number column that is not an id, a date or an index. Row numbers never.
    """
    if not numeric_columns:
        raise ValueError("no number column to predict")
    counters = set(row_counters(frame, numeric_columns))
    candidates = [c for c in numeric_columns if c not in counters] or list(numeric_columns)
    ranked = []
    for position, name in enumerate(candidates):
        words = name_words(name)
        for rank, group in enumerate(TARGET_WORDS):
            if any(word in group or (rank == 2 and word.startswith("tot")) for word in words):
                ranked.append((rank, len(words) > 1, position, name))
                break
    if ranked:
        return min(ranked)[3]
    plain = [
        c
        for c in candidates
        if not set(name_words(c)) & (TIME_WORDS | _INDEX_WORDS) and str(c).strip() not in ("", "#")
    ]
    return (plain or candidates)[-1]
