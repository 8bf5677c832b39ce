"""The network page's problem: will this customer complain, from order value and days late?

The made-up customers of ``core.customers``, shared with the Sorting-feedback story's two-signal boundary
(the same rows, the same seed): the chance of a complaint grows with days late, and sooner for big orders. The network sees both signals
standardized on the training customers (scikit-learn's ``StandardScaler``, as its user guide advises
for ``MLPClassifier``), so any of its pictures is ``make_pipeline(StandardScaler(), MLPClassifier(...))``
fitted on the training customers.
"""

import functools
from dataclasses import dataclass

import numpy as np
from sklearn.preprocessing import StandardScaler

from ..customers import (
    CUSTOMERS_SEED,
    DAYS_RANGE,
    N_TEST,
    N_TRAIN,
    SIGNAL_NAMES,
    VALUE_RANGE,
    load_customers,
    true_log_odds,
)

#: Points along each signal of the grid on which the network's answer is drawn.
GRID_POINTS = 41
#: Room around the customers on the pictures, as a share of each signal's range: customers sit on the ranges'
#: ends (late deliveries are capped at 14 days), and a cross drawn on the chart's frame looks cut off.
ROOM = 0.04


def drawn_range(limits):
    """A signal's range widened by ``ROOM`` on each side: the chart's axis and the grid the answer is drawn on."""
    low, high = limits
    pad = ROOM * (high - low)
    return low - pad, high + pad


__all__ = [
    "CUSTOMERS_SEED",
    "DAYS_RANGE",
    "GRID_POINTS",
    "N_TEST",
    "N_TRAIN",
    "SIGNAL_NAMES",
    "VALUE_RANGE",
    "Problem",
    "drawn_range",
    "even_odds_days",
    "problem",
]


@dataclass(frozen=True)
class Problem:
    """The customers in their own units, the network's inputs (standardized), and the drawing grid.

    ``grid`` holds the standardized inputs of every grid point, row by row: ``grid_days`` varies along
    the rows of the picture, ``grid_value`` along its columns (shape (GRID_POINTS², 2)).
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    scaler: StandardScaler
    Z_train: np.ndarray
    Z_test: np.ndarray
    grid_value: np.ndarray
    grid_days: np.ndarray
    grid: np.ndarray

    @property
    def n(self):
        return self.y_train.size


@functools.cache
def problem():
    """The training and new customers (fixed seed) and the standardized inputs; the same for everyone."""
    X_train, y_train, X_test, y_test = load_customers()
    scaler = StandardScaler().fit(X_train)
    grid_value = np.linspace(*drawn_range(VALUE_RANGE), GRID_POINTS)
    grid_days = np.linspace(*drawn_range(DAYS_RANGE), GRID_POINTS)
    value, days = np.meshgrid(grid_value, grid_days)
    grid = scaler.transform(np.column_stack([value.ravel(), days.ravel()]))
    return Problem(
        X_train=X_train,
        y_train=y_train,
        X_test=X_test,
        y_test=y_test,
        scaler=scaler,
        Z_train=scaler.transform(X_train),
        Z_test=scaler.transform(X_test),
        grid_value=grid_value,
        grid_days=grid_days,
        grid=grid,
    )


def even_odds_days(value):
    """Days late at which the made-up truth gives a complaint even odds, for each order value (NaN off the chart).

    The truth's log-odds are a straight line in the days late for a given order value, so the 50–50 point is
    where that line crosses 0.
    """
    value = np.asarray(value, dtype=float)
    start = true_log_odds(value, 0.0)
    slope = true_log_odds(value, 1.0) - start
    days = -start / slope
    low, high = drawn_range(DAYS_RANGE)
    return np.where((days >= low) & (days <= high), days, np.nan)
