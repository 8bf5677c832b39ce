"""Datasets that ship with L2 Lab: synthetic curves with a known truth, and small real tables.

Each synthetic curve carries a small business story that names its x and y and their units
(the numbers are the curve's own: y is "compared with an average day", in thousands), so a
miss reads "±0.3 thousand €". Nothing is downloaded: the real data come with plotly and scikit-learn.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..models.grid import HELD_OUT_SHARE

N_HELD_OUT = 200
N_RANGE = (10, 200)
NOISE_RANGE = (0.0, 1.0)
DEFAULT_NOISE = 0.3


@dataclass(frozen=True)
class Dataset:
    """Training and held-out points of one x and one y, with words for a reader.

    ``truth`` is the true curve for synthetic data (None for real data); ``y_name`` names y in a
    reader's words ("daily sales"), for sentences such as "the usual ups and downs of daily sales".
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
    """A known true curve on x in [0, 1] and the business story that gives x and y their units."""

    title: str
    curve: Callable[[np.ndarray], np.ndarray]
    story: str
    x_label: str
    y_label: str
    y_unit: str
    y_name: str
    outlier: bool = False


def _wave(x):
    return np.sin(2 * np.pi * x)


def _step(x):
    return np.tanh(25 * (x - 0.5))


def _line(x):
    return 2 * x - 1


SHAPES = {
    "wave": _Shape(
        "Café sales over a season",
        _wave,
        "A beach café's daily sales over one season, in thousand € above or below an average day: busy in the "
        "first half, quiet in the second. The true pattern is a smooth rise and fall. Each day adds its own luck on top, "
        "and a flexible curve is tempted to chase that luck.",
        "Time through the season (0 = start, 1 = end)",
        "Daily sales vs an average day (thousand €)",
        "thousand €",
        "daily sales",
    ),
    "step": _Shape(
        "Shop visitors, new road",
        _step,
        "A shop's weekly visitors, in thousands above or below a usual week. Halfway through the year a new road opens and "
        "visitors jump from low to high. Smooth curves struggle at the jump and ripple beside it.",
        "Time through the year (0 = start, 1 = end)",
        "Weekly visitors vs a usual week (thousands)",
        "thousand visitors",
        "weekly visitors",
    ),
    "line": _Shape(
        "Advertising and sales",
        _line,
        "A shop's monthly sales, in thousand € above or below an average month, against its advertising budget. "
        "Each extra euro spent on advertising brings the same extra sales, so the true pattern is a straight "
        "line. But one month had a one-off bulk order, far above the line. A flexible curve bends toward that "
        "odd month; a penalized one mostly ignores it.",
        "Advertising budget (0 = none, 1 = the most)",
        "Sales vs an average month (thousand €)",
        "thousand €",
        "monthly sales",
        outlier=True,
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
        "dollars",
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


def make_synthetic(shape="wave", n=30, noise=DEFAULT_NOISE, seed=0):
    """Draw ``n`` training points and ``N_HELD_OUT`` held-out points from a known curve.

    x is uniform on [0, 1]; the held-out x stay within the training x range,
    so the error on new data measures the curve where it was fitted.
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; choose one of {', '.join(SHAPES)}.")
    n, noise, seed = int(n), float(noise), int(seed)
    if not N_RANGE[0] <= n <= N_RANGE[1]:
        raise ValueError(f"n must be from {N_RANGE[0]} to {N_RANGE[1]}, got {n}.")
    if not NOISE_RANGE[0] <= noise <= NOISE_RANGE[1]:
        raise ValueError(f"noise must be from {NOISE_RANGE[0]} to {NOISE_RANGE[1]}, got {noise}.")
    spec = SHAPES[shape]
    train_rng = np.random.default_rng([seed, 0])
    x_train = np.sort(train_rng.uniform(0.0, 1.0, n))
    y_train = spec.curve(x_train) + noise * train_rng.standard_normal(n)
    if spec.outlier:
        y_train[int(0.7 * n)] += 2.5
    test_rng = np.random.default_rng([seed, 1])
    x_test = np.sort(test_rng.uniform(x_train[0], x_train[-1], N_HELD_OUT))
    y_test = spec.curve(x_test) + noise * test_rng.standard_normal(N_HELD_OUT)
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
        truth=spec.curve,
        noise=noise,
        seed=seed,
    )


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


def load_dataset(key, n=30, noise=DEFAULT_NOISE, seed=0):
    """Any built-in dataset by key; ``n``, ``noise`` and ``seed`` matter only for synthetic ones."""
    if key in SHAPES:
        return make_synthetic(key, n, noise, seed)
    return load_table(key)
