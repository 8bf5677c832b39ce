"""A table's columns as the feature matrix of the many-signals model.

Numbers are standardized (mean 0, population standard deviation 1 on the training rows),
text categories one-hot encoded (one 0/1 column per category, not scaled), a date column
becomes a trend (days since its earliest date) and is standardized like a number. With
the intercept not penalized and ``Ridge(alpha=n*lam)`` this is exactly::

    make_pipeline(
        ColumnTransformer([("numbers", StandardScaler(), numbers),
                           ("categories", OneHotEncoder(), categories)]),
        Ridge(alpha=n * lam),
    )

where the date columns are numbers of days. ``plan_design`` decides which columns can be
used (and says in plain words which cannot, and why); ``Design.matrix`` builds the raw
matrix (numbers and days as they are, categories as 0/1) for any rows; the scaling is
learned by the path (``core.signals``), so no copy of the standardized matrix is kept.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

#: A text column with more distinct values than this is left out: a weight per category would be noise.
MAX_CATEGORIES = 50
#: The kinds of signal: a number, a text category (one-hot encoded), a date (days since its earliest).
Kind = Literal["number", "category", "date"]
NUMBER: Final = "number"
CATEGORY: Final = "category"
DATE: Final = "date"
#: Words that name a time: whole numbers rising by one under such a name count time (a trend), not rows.
TIME_WORDS = frozenset(
    {"year", "years", "yr", "month", "months", "week", "weeks", "day", "days", "quarter", "period", "time", "t"}
    | {"date", "hour", "hours", "minute", "season", "jahr", "monat", "woche", "tag", "année", "annee", "mois", "jour"}
)
_CHUNKS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Signal:
    """One usable column of the table: its name, kind, and for a category its categories (sorted)."""

    name: str
    kind: Kind
    categories: tuple[str, ...] = ()
    origin: pd.Timestamp | None = None


@dataclass(frozen=True)
class Design:
    """How a table's columns become the feature matrix.

    Attributes
    ----------
    target : str
        The column to predict.
    signals : tuple of Signal
        The columns used: numbers and dates, then categories, each in table order (the order of
        the pipeline's features, so ``coef`` lines up with ``Ridge.coef_``).
    notes : tuple of str
        Plain sentences: columns left out and why, rows left out. They name columns from
        the reader's file: show them as plain text.
    """

    target: str
    signals: tuple[Signal, ...]
    notes: tuple[str, ...] = ()

    @property
    def feature_names(self) -> tuple[str, ...]:
        """One name per matrix column: the column's name, or "column = category" for a category."""
        names: list[str] = []
        for signal in self.signals:
            if signal.kind == CATEGORY:
                names.extend(f"{signal.name} = {category}" for category in signal.categories)
            else:
                names.append(signal.name)
        return tuple(names)

    @property
    def scaled(self) -> NDArray[np.bool_]:
        """Per matrix column, True where it is standardized (numbers and dates), False for 0/1 categories."""
        flags = []
        for signal in self.signals:
            flags.extend([False] * len(signal.categories) if signal.kind == CATEGORY else [True])
        return np.array(flags, dtype=bool)

    @property
    def numbers(self) -> list[str]:
        return [s.name for s in self.signals if s.kind != CATEGORY]

    @property
    def categories(self) -> list[str]:
        return [s.name for s in self.signals if s.kind == CATEGORY]

    def matrix(self, frame: pd.DataFrame) -> NDArray[np.float64]:
        """The raw feature matrix of ``frame``'s rows: shape (rows, features), float64, column-major.

        A category not seen when the design was planned gets 0 in every column of its signal
        (``OneHotEncoder(handle_unknown="ignore")``'s choice).
        """
        out = np.empty((len(frame), len(self.feature_names)), order="F")
        column = 0
        for signal in self.signals:
            values = frame[signal.name]
            if signal.kind == CATEGORY:
                codes = pd.Categorical(_texts(values), categories=list(signal.categories)).codes
                block = out[:, column : column + len(signal.categories)]
                block[:] = 0.0
                block[np.flatnonzero(codes >= 0), codes[codes >= 0]] = 1.0
                column += len(signal.categories)
            else:
                out[:, column] = _as_numbers(values, signal)
                column += 1
        return out

    def target_values(self, frame: pd.DataFrame) -> NDArray[np.float64]:
        return frame[self.target].to_numpy(dtype=float)

    def usable_rows(self, frame: pd.DataFrame) -> NDArray[np.bool_]:
        """Rows with a finite target and a value in every used column."""
        keep = np.isfinite(frame[self.target].to_numpy(dtype=float))
        for signal in self.signals:
            values = frame[signal.name]
            if signal.kind == CATEGORY:
                keep &= _texts(values).notna().to_numpy()
            else:
                keep &= np.isfinite(_as_numbers(values, signal))
        return keep


def _texts(values: pd.Series) -> pd.Series:
    """A text column as text, a missing or blank cell as missing: a blank is no category."""
    text = values.astype("str")
    return text.where(text.str.strip() != "")


def _as_numbers(values: pd.Series, signal: Signal) -> NDArray[np.float64]:
    if signal.kind == DATE:
        days = (pd.to_datetime(values) - signal.origin) / pd.Timedelta(days=1)
        return days.to_numpy(dtype=float, na_value=np.nan)
    return values.to_numpy(dtype=float, na_value=np.nan)


def _kind(values: pd.Series) -> Kind:
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        return NUMBER
    if pd.api.types.is_datetime64_any_dtype(values):
        return DATE
    return CATEGORY


def _fingerprint(values: pd.Series) -> tuple[Kind, str]:
    """A digest that two columns holding the same data (same kind, same values in every row) share."""
    hashes = pd.util.hash_pandas_object(values, index=False).to_numpy()
    return _kind(values), hashlib.sha256(hashes.tobytes()).hexdigest()


def plan_design(
    frame: pd.DataFrame, target: str, columns: Iterable[str] | None = None, max_categories: int = MAX_CATEGORIES
) -> Design:
    """Which of ``columns`` (default: all but ``target``) can be signals; notes for the rest.

    Left out, each with a plain note: columns with no values, with one value only, with
    the same values as an earlier column (or as the target), and text columns with more
    than ``max_categories`` distinct values or a different value in most rows (an id).

    Returns
    -------
    Design
    """
    if target not in frame.columns:
        raise ValueError(f"there is no column named {target!r} to predict.")
    if not pd.api.types.is_numeric_dtype(frame[target]) or pd.api.types.is_bool_dtype(frame[target]):
        raise ValueError(f"the column to predict, {target}, must hold numbers.")
    columns = [c for c in (frame.columns if columns is None else columns) if c != target]
    signals, notes, seen = [], [], {_fingerprint(frame[target]): target}
    for name in columns:
        values = frame[name]
        kind = _kind(values)
        present = (_texts(values) if kind == CATEGORY else values).dropna()
        if present.empty:
            notes.append(f"Left out {name}: it has no values.")
            continue
        distinct = present.nunique()
        if distinct < 2:
            notes.append(f"Left out {name}: it has the same value in every row, so it cannot explain any change.")
            continue
        if kind == CATEGORY and distinct > max_categories:
            notes.append(
                f"Left out {name}: it holds {distinct:,} different texts, too many to learn a weight for each "
                f"(at most {max_categories})."
            )
            continue
        if kind == CATEGORY and distinct > len(present) / 2:
            notes.append(
                f"Left out {name}: almost every row has its own text ({distinct:,} different in {len(present):,} "
                "rows), like an id, so there is nothing to learn from it."
            )
            continue
        fingerprint = _fingerprint(values)
        if fingerprint in seen:
            notes.append(f"Left out {name}: it holds exactly the same values as {seen[fingerprint]}.")
            continue
        seen[fingerprint] = name
        if kind == CATEGORY:
            signals.append(Signal(name, CATEGORY, tuple(sorted(present.unique()))))
        elif kind == DATE:
            signals.append(Signal(name, DATE, origin=pd.to_datetime(present).min()))
        else:
            signals.append(Signal(name, NUMBER))
    # Numbers and dates first, then categories: the order of the pipeline's ColumnTransformer output.
    signals.sort(key=lambda signal: signal.kind == CATEGORY)
    return Design(target=target, signals=tuple(signals), notes=tuple(notes))


def name_words(name: object) -> list[str]:
    """The lower-case words of a column name: "Weekly sales (thousand €)" → weekly, sales, thousand;
    "SalePrice" → sale, price; "TOTEMP" → totemp."""
    words = []
    for chunk in _CHUNKS.findall(str(name)):
        start = 0
        for i in range(1, len(chunk)):
            before, here = chunk[i - 1], chunk[i]
            after = chunk[i + 1] if i + 1 < len(chunk) else ""
            if (
                (before.islower() and here.isupper())
                or (before.isupper() and here.isupper() and after.islower())
                or (before.isdigit() != here.isdigit())
            ):
                words.append(chunk[start:i])
                start = i
        words.append(chunk[start:])
    return [word.lower() for word in words]


def row_counters(frame: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    """The number columns of ``columns`` that only number the rows, like an id.

    Their values are whole numbers rising by exactly one from each row to the next, in the
    file's order, with every row filled (1, 2, 3, … or 1001, 1002, …). A column named like a
    time (year, month, week, …) counts time, a trend a model may use, and is not one.
    """
    found = []
    for name in columns:
        values = frame[name]
        if _kind(values) != NUMBER or pd.api.types.is_bool_dtype(values) or len(values) < 3:
            continue
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        if (
            np.isfinite(numbers).all()
            and numbers[0] == np.round(numbers[0])
            and np.all(np.diff(numbers) == 1)
            and not set(name_words(name)) & TIME_WORDS
        ):
            found.append(name)
    return found


def row_counter_note(name: str) -> str:
    return (
        f"Left out {name}: its values go up by exactly one from row to row, like a row number or an id, "
        "so there is nothing to learn from it."
    )


def build(
    frame: pd.DataFrame, target: str, columns: Iterable[str] | None = None, max_categories: int = MAX_CATEGORIES
) -> tuple[Design, NDArray[np.float64], NDArray[np.float64]]:
    """The design, the raw feature matrix and the target of ``frame``'s usable rows.

    Rows missing the target or any used value are left out, with a note.

    Returns
    -------
    design : Design
    X : ndarray of shape (rows, features)
    y : ndarray of shape (rows,)
    """
    design = plan_design(frame, target, columns, max_categories)
    if not design.signals:
        raise ValueError("none of the chosen columns can be used as a signal (see the notes).")
    keep = design.usable_rows(frame)
    left_out = int(keep.size - keep.sum())
    if left_out:
        design = Design(
            design.target,
            design.signals,
            design.notes + (f"Left out {left_out:,} rows with a missing or unreadable value in a used column.",),
        )
    rows = frame[keep] if left_out else frame
    return design, design.matrix(rows), design.target_values(rows)


def pipeline_code(design: Design, n: int, lam: float) -> str:
    """The scikit-learn pipeline that gives the same fit, as Python source."""
    parts = []
    if design.numbers:
        parts.append(f'("numbers", StandardScaler(), {design.numbers!r})')
    if design.categories:
        parts.append(f'("categories", OneHotEncoder(), {design.categories!r})')
    dates = [s.name for s in design.signals if s.kind == DATE]
    lines = [
        "from sklearn.compose import ColumnTransformer",
        "from sklearn.linear_model import Ridge",
        "from sklearn.pipeline import make_pipeline",
        "from sklearn.preprocessing import OneHotEncoder, StandardScaler",
        "",
    ]
    if dates:
        lines.append(f"# date columns {dates!r} as days since their earliest date")
    lines += [
        f"n, lam = {n}, {lam:g}",
        "model = make_pipeline(",
        "    ColumnTransformer([",
        *[f"        {part}," for part in parts],
        "    ]),",
        "    Ridge(alpha=n * lam),",
        ")",
        f"model.fit(table[columns], table[{design.target!r}])",
    ]
    return "\n".join(lines)
