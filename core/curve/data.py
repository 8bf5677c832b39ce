"""Datasets that ship with L2 Lab: synthetic curves with a known truth, and small real tables.

Each synthetic curve carries a small business story that names its x and y in their units: a
shape on [0, 1] is drawn at its story's size (``_Shape.level``, ``scale`` and ``x_span``: the
café's sales are around €2,000 a day, over the 52 weeks of a year), so a miss reads "±€300".
λ does not depend on these units (docs/maths.md). The made-up café also has a future
(``next_days``): what happened in the days after the year the model learned from.
Nothing is downloaded: the real data come with plotly and scikit-learn.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..models.grid import HELD_OUT_SHARE
from ..show.facts import MADE_UP_DATA

N_HELD_OUT = 200
N_RANGE = (10, 200)
NOISE_RANGE = (0.0, 1.0)
DEFAULT_NOISE = 0.3
#: The first view's sample: 18 days and sample 82 of the café, chosen so that with no penalty the degree-15
#: curve visibly memorizes (it misses its 18 days by about €56 and new days by about €1,170, swinging between
#: them), the sweet spot is calm, and its forecast of the next two weeks stays close to what happened.
DEFAULT_N = 18
DEFAULT_SEED = 82


@dataclass(frozen=True)
class Dataset:
    """Training and held-out points of one x and one y, with words for a reader.

    ``truth`` is the true curve for synthetic data (None for real data); ``y_name`` names y in a
    reader's words ("daily sales"), for sentences such as "the usual ups and downs of daily sales".
    ``x_per_day`` is how far x moves in a day when x is time in the story (the café's weeks: 1/7), else
    None; ``typical`` is a typical value of y in the story ("an average day takes about €2,000"), or None.
    ``point_name`` names one point ("days"), ``period`` the time the points are picked from ("the year"), if any.
    """

    key: str
    title: str
    x_label: str
    y_label: str
    y_unit: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    story: str
    truth: Callable[[np.ndarray], np.ndarray] | None = None
    noise: float = 0.0
    seed: int = 0
    x_origin: np.datetime64 | None = None
    split: str = "random"
    y_name: str = ""
    x_per_day: float | None = None
    typical: float | None = None
    point_name: str = "points"
    period: str = ""

    @property
    def is_synthetic(self):
        return self.truth is not None

    @property
    def n_rows(self):
        return self.x_train.size + self.x_test.size

    def x_for_display(self, x):
        """x as the reader knows it: dates for a date column (x counts days from ``x_origin``)."""
        if self.x_origin is None:
            return np.asarray(x, dtype=float)
        return self.x_origin + np.round(np.asarray(x, dtype=float) * 86_400_000).astype("timedelta64[ms]")


@dataclass(frozen=True)
class _Shape:
    """A known true curve on x in [0, 1] and the business story that gives x and y their units.

    The story's x is ``x_span`` times the shape's, its y ``level + scale × shape`` (noise and the
    outlier are counted in ``scale`` too); ``x_per_day`` says how far x moves in a day when x is time.
    """

    title: str
    curve: Callable[[np.ndarray], np.ndarray]
    story: str
    x_label: str
    y_label: str
    y_unit: str
    y_name: str
    outlier: bool = False
    level: float = 0.0
    scale: float = 1.0
    x_span: float = 1.0
    x_per_day: float | None = None
    point_name: str = "points"
    period: str = ""


@dataclass(frozen=True)
class _Truth:
    """A shape's true curve in its story's units (a plain object, so a cached Dataset can be pickled)."""

    curve: Callable[[np.ndarray], np.ndarray]
    level: float
    scale: float
    x_span: float

    def __call__(self, x):
        return self.level + self.scale * self.curve(np.asarray(x, dtype=float) / self.x_span)


def _wave(x):
    return np.sin(2 * np.pi * x)


def _step(x):
    return np.tanh(25 * (x - 0.5))


def _line(x):
    return 2 * x - 1


SHAPES = {
    "wave": _Shape(
        "A café's daily sales",
        _wave,
        "A café's daily sales over last year, in €: around €2,000 on an average day, busy in the first half of "
        "the year and quiet in the second. The true pattern is a smooth rise and fall. Each day adds its own luck "
        "on top, a sunny Sunday or a rainy Monday, and a flexible curve is tempted to chase that luck. " + MADE_UP_DATA,
        "Week of the year",
        "Daily sales (€)",
        "€",
        "daily sales",
        level=2000.0,
        scale=1000.0,
        x_span=52.0,
        x_per_day=1 / 7,
        point_name="days",
        period="the year",
    ),
    "step": _Shape(
        "Shop visitors, new road",
        _step,
        "A shop's weekly visitors over a year: about 3,000 in a usual week. Halfway through the year a new road "
        "opens and visitors jump from low to high. Smooth curves struggle at the jump and ripple beside it. "
        + MADE_UP_DATA,
        "Week of the year",
        "Weekly visitors",
        "visitors",
        "weekly visitors",
        level=3000.0,
        scale=1000.0,
        x_span=52.0,
        x_per_day=1 / 7,
        point_name="weeks",
        period="the year",
    ),
    "line": _Shape(
        "Advertising and sales",
        _line,
        "A shop's monthly sales, in €, against what it spent on advertising that month. Each extra euro spent on "
        "advertising brings the same extra sales, so the true pattern is a straight line. But one month had a "
        "one-off bulk order, far above the line. A flexible curve bends toward that odd month; a penalized one "
        "mostly ignores it. " + MADE_UP_DATA,
        "Advertising that month (€)",
        "Monthly sales (€)",
        "€",
        "monthly sales",
        outlier=True,
        level=20000.0,
        scale=4000.0,
        x_span=5000.0,
        point_name="months",
    ),
}


def _real(frame_loader, x, y):
    def load():
        frame = frame_loader()
        return frame[x].to_numpy(float), frame[y].to_numpy(float)

    return load


def _gapminder():
    import plotly.data

    frame = plotly.data.gapminder()
    return frame[frame["year"] == 2007]


def _tips():
    import plotly.data

    return plotly.data.tips()


def _diabetes():
    from sklearn.datasets import load_diabetes

    return load_diabetes(scaled=False, as_frame=True).frame


@dataclass(frozen=True)
class _Table:
    title: str
    x_label: str
    y_label: str
    y_unit: str
    y_name: str
    story: str
    load: Callable[[], tuple[np.ndarray, np.ndarray]]


TABLES = {
    "gapminder": _Table(
        "Wealth and life expectancy",
        "GDP per person (US$)",
        "Life expectancy (years)",
        "years",
        "life expectancy",
        "Richer countries live longer, but the gain flattens out: the first few thousand dollars matter most. "
        "142 countries in 2007, from the Gapminder data bundled with plotly.",
        _real(_gapminder, "gdpPercap", "lifeExp"),
    ),
    "tips": _Table(
        "Restaurant bill and tip",
        "Total bill (US$)",
        "Tip (US$)",
        "$",
        "tips",
        "Bigger bills bring bigger tips, with plenty of scatter: people tip differently. "
        "244 meals, from the tips data bundled with plotly.",
        _real(_tips, "total_bill", "tip"),
    ),
    "diabetes": _Table(
        "Body mass and diabetes",
        "Body mass index (weight for height)",
        "Disease progression after one year (score)",
        "points on the progression score",
        "the progression score",
        "Patients with a higher body mass index tend to get worse faster, but people differ a lot. "
        "442 patients, from the diabetes study bundled with scikit-learn.",
        _real(_diabetes, "bmi", "target"),
    ),
}

DATASET_TITLES = {key: shape.title for key, shape in SHAPES.items()} | {
    key: table.title for key, table in TABLES.items()
}


def make_synthetic(shape="wave", n=DEFAULT_N, noise=DEFAULT_NOISE, seed=DEFAULT_SEED):
    """Draw ``n`` training points and ``N_HELD_OUT`` held-out points from a known curve, in the story's units.

    The shape's x is uniform on [0, 1] (the story's x is ``x_span`` times it); the held-out x stay within the
    training x range, so the error on new data measures the curve where it was fitted. The same ``n``, ``noise``
    and ``seed`` draw the same points whatever the story's units.
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; choose one of {', '.join(SHAPES)}.")
    n, noise, seed = int(n), float(noise), int(seed)
    if not N_RANGE[0] <= n <= N_RANGE[1]:
        raise ValueError(f"n must be from {N_RANGE[0]} to {N_RANGE[1]}, got {n}.")
    if not NOISE_RANGE[0] <= noise <= NOISE_RANGE[1]:
        raise ValueError(f"noise must be from {NOISE_RANGE[0]} to {NOISE_RANGE[1]}, got {noise}.")
    spec = SHAPES[shape]
    truth = _Truth(spec.curve, spec.level, spec.scale, spec.x_span)
    train_rng = np.random.default_rng([seed, 0])
    x_train = spec.x_span * np.sort(train_rng.uniform(0.0, 1.0, n))
    y_train = truth(x_train) + spec.scale * noise * train_rng.standard_normal(n)
    if spec.outlier:
        y_train[int(0.7 * n)] += spec.scale * 2.5
    test_rng = np.random.default_rng([seed, 1])
    x_test = np.clip(  # within the training x, also after the rescaling's rounding
        spec.x_span * np.sort(test_rng.uniform(x_train[0] / spec.x_span, x_train[-1] / spec.x_span, N_HELD_OUT)),
        x_train[0],
        x_train[-1],
    )
    y_test = truth(x_test) + spec.scale * noise * test_rng.standard_normal(N_HELD_OUT)
    return Dataset(
        key=shape,
        title=spec.title,
        x_label=spec.x_label,
        y_label=spec.y_label,
        y_unit=spec.y_unit,
        x_train=x_train,
        y_train=y_train,
        x_test=x_test,
        y_test=y_test,
        story=spec.story,
        y_name=spec.y_name,
        truth=truth,
        noise=noise,
        seed=seed,
        x_per_day=spec.x_per_day,
        typical=spec.level or None,
        point_name=spec.point_name,
        period=spec.period,
    )


def noise_in_units(dataset):
    """The noise of made-up data in the story's units: how far a typical point sits from the true pattern."""
    return dataset.noise * SHAPES[dataset.key].scale if dataset.key in SHAPES else None


#: How far ahead the café's forecast looks.
FORECAST_DAYS = 14


def next_days(dataset, days=FORECAST_DAYS):
    """The ``days`` after the period made-up data cover, and what happened on them: (x, y), or None.

    Only for made-up data whose x is time (``x_per_day``): the true pattern carries on, with the same
    day-to-day luck, drawn once per sample (its own random stream, so the learned days stay the same).
    """
    if dataset.truth is None or dataset.x_per_day is None or dataset.key not in SHAPES:
        return None
    end = SHAPES[dataset.key].x_span
    x = end + dataset.x_per_day * np.arange(1, days + 1)
    luck = dataset.noise * np.random.default_rng([dataset.seed, 2]).standard_normal(days)
    return x, dataset.truth(x) + SHAPES[dataset.key].scale * luck


def load_table(key):
    """A real dataset with a fixed random 30% of its rows held out."""
    if key not in TABLES:
        raise ValueError(f"unknown dataset {key!r}; choose one of {', '.join(TABLES)}.")
    spec = TABLES[key]
    x, y = spec.load()
    held_out = _held_out_mask(x, "random")
    train_order = np.argsort(x[~held_out], kind="stable")
    return Dataset(
        key=key,
        title=spec.title,
        x_label=spec.x_label,
        y_label=spec.y_label,
        y_unit=spec.y_unit,
        x_train=x[~held_out][train_order],
        y_train=y[~held_out][train_order],
        x_test=x[held_out],
        y_test=y[held_out],
        story=spec.story,
        y_name=spec.y_name,
    )


def _held_out_mask(x, split):
    """Random: a fixed 30% of the rows. Forecast: the latest 20% of x (for dates: the most recent)."""
    if split == "forecast":
        return x >= np.quantile(x, 0.8, method="higher")
    held_out = np.zeros(x.size, dtype=bool)
    held_out[np.random.default_rng(0).permutation(x.size)[: round(HELD_OUT_SHARE * x.size)]] = True
    return held_out


def from_columns(x, y, title, x_label, y_label, split="random", x_origin=None):
    """A Dataset from the reader's own columns, split into training and held-out rows.

    Parameters
    ----------
    x, y : ndarray of shape (n,)
        Finite values; for a date column x counts days from ``x_origin``.
    split : {"random", "forecast"}
        "random" holds out a fixed random 30% of the rows; "forecast" holds out
        the 20% with the latest x, so the model is judged on what comes next.
    """
    if split not in ("random", "forecast"):
        raise ValueError(f"split must be 'random' or 'forecast', got {split!r}.")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    held_out = _held_out_mask(x, split)
    order = np.argsort(x[~held_out], kind="stable")
    story = (
        "The latest 20% of the rows are held out as new data: the model is judged on what comes next. "
        "A polynomial curve is unreliable beyond the rows it was fitted on (the grey band), so expect large "
        "misses there unless the degree is low."
        if split == "forecast"
        else "A random 30% of the rows, picked once, are held out as new data."
    )
    return Dataset(
        key="upload",
        title=title,
        x_label=x_label,
        y_label=y_label,
        y_unit=f"units of {y_label}",
        x_train=x[~held_out][order],
        y_train=y[~held_out][order],
        x_test=x[held_out],
        y_test=y[held_out],
        story=story,
        y_name=y_label,
        x_origin=x_origin,
        split=split,
    )


def load_dataset(key, n=DEFAULT_N, noise=DEFAULT_NOISE, seed=DEFAULT_SEED):
    """Any built-in dataset by key; ``n``, ``noise`` and ``seed`` matter only for synthetic ones."""
    if key in SHAPES:
        return make_synthetic(key, n, noise, seed)
    return load_table(key)
