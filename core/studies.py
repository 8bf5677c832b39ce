"""Computations behind the Overfitting-curves page, each done once per dataset and degree.

Changing λ never refits: each study keeps its results for every λ of a grid.
"""
from dataclasses import dataclass

import numpy as np

from .datasets import Dataset, make_synthetic
from .path import LAM_GRID, ridge_path

N_RESAMPLES = 20


@dataclass(frozen=True)
class DegreeSweep:
    """Errors for each degree (rows) and each λ of ``lams`` (columns)."""

    degrees: np.ndarray
    lams: np.ndarray
    train_rmse: np.ndarray
    test_rmse: np.ndarray
    cv_rmse: np.ndarray


def degree_sweep(dataset, degrees=range(1, 21), lams=LAM_GRID):
    """Training, held-out and leave-one-out errors for every degree and λ."""
    degrees = np.asarray(list(degrees))
    paths = [
        ridge_path(dataset.x_train, dataset.y_train, int(degree), lams, dataset.x_test, dataset.y_test)
        for degree in degrees
    ]
    return DegreeSweep(
        degrees=degrees, lams=np.asarray(lams, dtype=float),
        train_rmse=np.array([path.train_rmse for path in paths]),
        test_rmse=np.array([path.test_rmse for path in paths]),
        cv_rmse=np.sqrt(np.array([path.loo_mse for path in paths])),
    )


def _resample(dataset, draw):
    """Training set number ``draw``: a fresh sample from the true curve, or a bootstrap of real rows."""
    if dataset.is_synthetic:
        sample = make_synthetic(dataset.key, dataset.x_train.size, dataset.noise, dataset.seed * 1000 + draw + 1)
        return sample.x_train, sample.y_train
    rows = np.random.default_rng([draw, 7]).integers(0, dataset.x_train.size, dataset.x_train.size)
    return dataset.x_train[rows], dataset.y_train[rows]


def resampled_curves(dataset, degree, curve_x, lams, n_resamples=N_RESAMPLES):
    """Fitted curves on ``curve_x`` for ``n_resamples`` training sets, for every λ of ``lams``.

    Returns an array of shape (len(lams), n_resamples, len(curve_x)). A resample with
    too few distinct x for the degree is skipped (its curves are NaN).
    """
    curves = np.full((len(lams), n_resamples, len(curve_x)), np.nan)
    for draw in range(n_resamples):
        x, y = _resample(dataset, draw)
        try:
            path = ridge_path(x, y, degree, lams)
        except ValueError:
            continue
        curves[:, draw] = path.predict(curve_x)
    return curves


def spread(curves):
    """How far the resampled curves sit from their average, typically (one number per λ)."""
    return np.sqrt(np.nanmean(np.nanvar(curves, axis=1), axis=-1))
