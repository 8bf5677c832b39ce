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
from .data import make_synthetic

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
    """How far the resampled curves sit from their average, typically (one number per λ)."""
    return np.sqrt(np.nanmean(np.nanvar(curves, axis=1), axis=-1))
