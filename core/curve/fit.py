"""The one-curve story's fits beyond the λ path: every degree, resampled data, the lasso's λ; each once per dataset and degree.

Changing λ never refits: each study keeps its results for every λ of a grid. Above
``LARGE_N`` training rows the rows are compressed once (``core.models.path_compressed.compress``): the
degree sweep reads every degree from one compression, and bootstrap resamples of real
data are weighted compressions (a row drawn c times is one row of weight c).
"""

from dataclasses import dataclass

import numpy as np

from ..models.grid import LAM_GRID, LARGE_N, LEAVE_ONE_OUT, SLIDER_LAMS
from ..models.path import ridge_path
from ..models.path_compressed import compress, path_from_compressed
from .data import make_synthetic, next_days

N_RESAMPLES = 20
#: The λ of the lasso's weights beside ridge's (the slider's, from 0.000001 on).
LASSO_LAMS = SLIDER_LAMS[SLIDER_LAMS >= 1e-6]


@dataclass(frozen=True)
class DegreeSweep:
    """Errors for each degree (rows) and each λ of ``lams`` (columns).

    ``cv_rmse`` is the root of the cross-validated MSE; ``cv`` says which
    cross-validation (``RidgePath.cv``: leave-one-out, or 5-fold for large data).
    """

    degrees: np.ndarray
    lams: np.ndarray
    train_rmse: np.ndarray
    test_rmse: np.ndarray
    cv_rmse: np.ndarray
    cv: str = LEAVE_ONE_OUT

    @property
    def sweet_spots(self):
        """Each degree's own sweet spot: the column of its lowest cross-validated error."""
        return np.argmin(np.where(np.isfinite(self.cv_rmse), self.cv_rmse, np.inf), axis=1)

    @property
    def sweet_spot_test_rmse(self):
        """The miss on new data of each degree at its own sweet spot."""
        return self.test_rmse[np.arange(self.degrees.size), self.sweet_spots]


def degree_sweep(dataset, degrees=range(1, 21), lams=LAM_GRID):
    """Training, held-out and cross-validated errors for every degree and λ.

    Each row equals ``ridge_path`` at that degree. Large data are compressed once, at
    the highest degree, and every degree is read from that one compression.
    """
    degrees = np.asarray(list(degrees))
    if dataset.x_train.size > LARGE_N:
        data = compress(dataset.x_train, dataset.y_train, int(degrees.max()), dataset.x_test, dataset.y_test)
        paths = [path_from_compressed(data, int(degree), lams) for degree in degrees]
    else:
        paths = [
            ridge_path(dataset.x_train, dataset.y_train, int(degree), lams, dataset.x_test, dataset.y_test)
            for degree in degrees
        ]
    return DegreeSweep(
        degrees=degrees,
        lams=np.asarray(lams, dtype=float),
        train_rmse=np.array([path.train_rmse for path in paths]),
        test_rmse=np.array([path.test_rmse for path in paths]),
        cv_rmse=np.sqrt(np.array([path.cv_mse for path in paths])),
        cv=paths[0].cv,
    )


def bootstrap_rows(n, draw):
    """Row numbers of bootstrap resample number ``draw`` of ``n`` rows (with repeats)."""
    return np.random.default_rng([draw, 7]).integers(0, n, n)


def _resample(dataset, draw):
    """Training set number ``draw``: a fresh sample from the true curve, or a bootstrap of real rows."""
    if dataset.is_synthetic:
        sample = make_synthetic(dataset.key, dataset.x_train.size, dataset.noise, dataset.seed * 1000 + draw + 1)
        return sample.x_train, sample.y_train
    rows = bootstrap_rows(dataset.x_train.size, draw)
    return dataset.x_train[rows], dataset.y_train[rows]


def _bootstrap_path(dataset, degree, lams, draw):
    """The fit to bootstrap resample ``draw`` of large real data, as row weights (no cross-validation).

    A row drawn c times enters the compression once with weight c (√c times the row):
    the same fit as ``ridge_path`` on the resample's rows, without building them.
    """
    n = dataset.x_train.size
    counts = np.bincount(bootstrap_rows(n, draw), minlength=n)
    data = compress(dataset.x_train, dataset.y_train, degree, folds=0, weights=counts)
    return path_from_compressed(data, degree, lams)


def resampled_curves(dataset, degree, curve_x, lams, n_resamples=N_RESAMPLES):
    """Fitted curves on ``curve_x`` for ``n_resamples`` training sets, for every λ of ``lams``.

    Returns an array of shape (len(lams), n_resamples, len(curve_x)). A resample with
    too few distinct x for the degree is skipped (its curves are NaN). Synthetic data
    are drawn afresh; real data are bootstrapped (above ``LARGE_N`` rows, as row weights).
    """
    curves = np.full((len(lams), n_resamples, len(curve_x)), np.nan)
    weighted = not dataset.is_synthetic and dataset.x_train.size > LARGE_N
    for draw in range(n_resamples):
        try:
            if weighted:
                path = _bootstrap_path(dataset, degree, lams, draw)
            else:
                path = ridge_path(*_resample(dataset, draw), degree, lams)
        except ValueError:
            continue
        curves[:, draw] = path.predict(curve_x)
    return curves


def spread(curves):
    """How far the resampled curves sit from their average at a typical point of the curve (one number per λ).

    Their standard deviation at each x, and the median of it along the curve: the few x near the ends where
    every sample's curve swings away would otherwise decide it, while the picture shows the whole curve.
    """
    return np.nanmedian(np.nanstd(curves, axis=1), axis=-1)


def picture_rows(path):
    """The rows of the three small pictures: no penalty, the sweet spot, and far too much (the largest λ)."""
    return 0, int(path.best_index), int(path.lams.size - 1)


def forecast(dataset, path, rows, weeks_before=8):
    """The model at ``rows`` asked about the days after the data: the days, what happened, and each row's curve.

    Returns (future, curve_x, curves, on_days) or None when the data have no future (``data.next_days``):
    ``curve_x`` runs from ``weeks_before`` before the last training point to the last future day, ``curves``
    holds each row's curve on it, ``on_days`` each row's forecast for the future days.
    """
    future = next_days(dataset)
    if future is None:
        return None
    end = float(dataset.x_train.max())
    curve_x = np.linspace(end - weeks_before, float(future[0][-1]), 240)
    return future, curve_x, path.predict(curve_x)[list(rows)], path.predict(future[0])[list(rows)]


#: The numbers of days the history comparison fits (the first is the view's own).
HISTORY_DAYS = (36, 72, 144)


def history(dataset, degree, days=HISTORY_DAYS):
    """How the miss on new data shrinks with more history: rows of (days, miss with no penalty, miss at the sweet spot).

    The first row is ``dataset`` itself; the others draw more days of the same made-up data (the same noise and sample
    number). None for data that cannot grow (real tables, the reader's file).
    """
    if not dataset.is_synthetic:
        return None
    rows = []
    for n in (dataset.x_train.size, *(d for d in days if d > dataset.x_train.size)):
        sample = make_synthetic(dataset.key, n, dataset.noise, dataset.seed)
        path = ridge_path(sample.x_train, sample.y_train, degree, x_test=sample.x_test, y_test=sample.y_test)
        rows.append((n, float(path.test_rmse[0]), float(path.test_rmse[path.best_index])))
    return rows
