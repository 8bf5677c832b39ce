"""Two signals and a decision boundary: will this customer complain, from order value and days late?

Made-up but plausible customers (fixed seed): the chance of a complaint grows with days late,
and sooner for big orders, so the true boundary is a curve. The model gets flexible features,
every power of the two signals up to ``DEGREE`` (``MinMaxScaler`` → ``PolynomialFeatures`` →
``StandardScaler``, as on the other pages), and the L2 logistic path of ``core.models.logistic``.
With no penalty the boundary bends around single customers; as λ grows it calms down.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import expit
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

from .models.grid import SLIDER_LAMS
from .models.logistic import LogisticPath, logistic_path

DEGREE = 6
N_TRAIN = 80
N_TEST = 500
SEED = 3
VALUE_RANGE = (5.0, 300.0)
DAYS_RANGE = (0.0, 14.0)
GRID_POINTS = 60
SIGNAL_NAMES = ("Order value (€)", "Days late")


def true_log_odds(value, days):
    """The made-up truth: log-odds of a complaint."""
    return -3.0 + days * (0.35 + value / 250.0)


def _customers(n, rng):
    value = rng.uniform(*VALUE_RANGE, n)
    days = np.minimum(rng.exponential(3.5, n), DAYS_RANGE[1])
    complained = (rng.random(n) < expit(true_log_odds(value, days))).astype(int)
    return np.column_stack([value, days]), complained


@dataclass(frozen=True)
class BoundaryModel:
    """Customers, the fitted features, the path and the probability of a complaint on a grid for every λ.

    ``grid_probability`` has shape (L, GRID_POINTS, GRID_POINTS): rows follow ``grid_days``, columns ``grid_value``.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    features: Pipeline
    path: LogisticPath
    grid_value: np.ndarray
    grid_days: np.ndarray
    grid_probability: np.ndarray


def make_features():
    """Every power of the two signals up to ``DEGREE``, each standardized on the training customers."""
    return make_pipeline(MinMaxScaler(), PolynomialFeatures(DEGREE, include_bias=False), StandardScaler())


def boundary_model(lams=SLIDER_LAMS):
    """The customers and the fitted boundary for every λ of ``lams``."""
    rng = np.random.default_rng(SEED)
    X_train, y_train = _customers(N_TRAIN, rng)
    X_test, y_test = _customers(N_TEST, rng)
    features = make_features().fit(X_train)
    path = logistic_path(
        features.transform(X_train), y_train, np.asarray(lams), X_test=features.transform(X_test), y_test=y_test
    )
    grid_value = np.linspace(*VALUE_RANGE, GRID_POINTS)
    grid_days = np.linspace(*DAYS_RANGE, GRID_POINTS)
    value, days = np.meshgrid(grid_value, grid_days)
    grid = features.transform(np.column_stack([value.ravel(), days.ravel()]))
    probability = path.predict_proba(grid).reshape(len(lams), GRID_POINTS, GRID_POINTS)
    return BoundaryModel(X_train, y_train, X_test, y_test, features, path, grid_value, grid_days, probability)
