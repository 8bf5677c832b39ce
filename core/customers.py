"""The made-up customers two stories learn from: will this customer complain, from order value and days late?

Sorting feedback draws its two-signal decision boundary from them and the network story trains its small
neural network on them, so a reader meets the same crosses and circles on both pages. Made-up but
plausible (fixed seed): the chance of a complaint grows with days late, and sooner for big orders, so
the true boundary is a curve. Knows no story; never imports streamlit.
"""

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit

N_TRAIN = 80
N_TEST = 500
CUSTOMERS_SEED = 3
VALUE_RANGE = (5.0, 300.0)
DAYS_RANGE = (0.0, 14.0)
SIGNAL_NAMES = ("Order value (€)", "Days late")


def true_log_odds(value: NDArray[np.float64] | float, days: NDArray[np.float64] | float) -> NDArray[np.float64] | float:
    """The made-up truth: log-odds of a complaint (an array where either input is one)."""
    return -3.0 + days * (0.35 + value / 250.0)


def _customers(n: int, rng: np.random.Generator) -> tuple[NDArray[np.float64], NDArray[np.int_]]:
    value = rng.uniform(*VALUE_RANGE, n)
    days = np.minimum(rng.exponential(3.5, n), DAYS_RANGE[1])
    complained = (rng.random(n) < expit(true_log_odds(value, days))).astype(int)
    return np.column_stack([value, days]), complained


def load_customers() -> tuple[NDArray[np.float64], NDArray[np.int_], NDArray[np.float64], NDArray[np.int_]]:
    """(X_train, y_train, X_test, y_test): order value and days late, 1 = complained (the same on every call)."""
    rng = np.random.default_rng(CUSTOMERS_SEED)
    X_train, y_train = _customers(N_TRAIN, rng)
    X_test, y_test = _customers(N_TEST, rng)
    return X_train, y_train, X_test, y_test
