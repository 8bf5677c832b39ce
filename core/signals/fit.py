"""A table of many signals fitted for every λ: the design, the ridge path and the pair of signals that move together.

``fit_table`` turns a ``SignalTable`` (``data``) into a ``SignalFit``; ``charts`` and ``words`` read one λ of it.
"""

from dataclasses import dataclass, replace

import numpy as np

from ..models import design as design_module
from ..models.grid import LAM_GRID
from ..models.signals import signal_path

#: Two signals "move together" when their correlation is at least this (in size).
PAIR_CORRELATION = 0.7


@dataclass(frozen=True)
class Pair:
    """The two features that move together most, by index, and their correlation on the training rows."""

    first: int
    second: int
    correlation: float


@dataclass(frozen=True)
class SignalFit:
    """A table fitted for every λ.

    Attributes
    ----------
    table : SignalTable
    design : Design
    path : SignalPath
    pair : Pair or None
        None when no two features move together (|correlation| below ``PAIR_CORRELATION``).
    n_test : int
        Held-out rows used.
    """

    table: object
    design: object
    path: object
    pair: Pair | None
    n_test: int

    @property
    def names(self):
        return self.path.names

    @property
    def more_signals_than_rows(self):
        return len(self.path.names) >= self.path.n


def moving_pair(X, scaled):
    """The two number columns of ``X`` with the largest |correlation|, or None below ``PAIR_CORRELATION``.

    Only ``scaled`` columns (numbers, dates) count: a category's 0/1 columns always move against each other.
    """
    sample = X[:: max(1, X.shape[0] // 100_000)]
    spread = sample.std(axis=0)
    usable = np.flatnonzero((spread > 0) & scaled)
    if usable.size < 2:
        return None
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.corrcoef(sample[:, usable], rowvar=False)
    np.fill_diagonal(corr, 0.0)
    corr = np.nan_to_num(corr)
    i, j = np.unravel_index(np.argmax(np.abs(corr)), corr.shape)
    if abs(corr[i, j]) < PAIR_CORRELATION:
        return None
    first, second = sorted((int(usable[i]), int(usable[j])))
    return Pair(first, second, float(corr[i, j]))


def fit_table(table, lams=LAM_GRID, max_categories=design_module.MAX_CATEGORIES):
    """Plan the design on the training rows, build the matrices and fit every λ."""
    plan, X, y = design_module.build(table.train, table.target, table.signals, max_categories)
    if table.notes:
        plan = replace(plan, notes=tuple(table.notes) + plan.notes)
    test_rows = table.test[plan.usable_rows(table.test)] if len(table.test) else table.test
    X_test = plan.matrix(test_rows) if len(test_rows) else None
    y_test = plan.target_values(test_rows) if len(test_rows) else None
    path = signal_path(X, y, lams, scaled=plan.scaled, names=plan.feature_names, X_test=X_test, y_test=y_test)
    return SignalFit(table, plan, path, moving_pair(X, plan.scaled), 0 if y_test is None else y_test.size)


def _columns_of_features(design):
    """The table column each feature comes from (a category's 0/1 features share their column)."""
    columns = []
    for signal in design.signals:
        columns.extend([signal.name] * (len(signal.categories) if signal.categories else 1))
    return columns


def irrelevant_features(fit):
    """Indices of the features whose columns are known to have no effect on the target."""
    known = set(fit.table.irrelevant)
    return np.array([j for j, column in enumerate(_columns_of_features(fit.design)) if column in known], dtype=int)
