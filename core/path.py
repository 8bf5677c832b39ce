"""Every λ at once: one SVD of the standardized features serves the whole path.

For λ > 0, with Z = U·diag(s)·Vᵀ and α = n·λ:
    w(λ) = V·diag(s / (s² + α))·Uᵀ(y − ȳ)
    df(λ) = Σ s² / (s² + α)
    hᵢᵢ(λ) = 1/n + Σⱼ Uᵢⱼ² s²ⱼ / (s²ⱼ + α)
and the exact leave-one-out residual is eᵢ / (1 − hᵢᵢ). λ = 0 is solved in a
Legendre basis (see ``ridge.py``). Leave-one-out here keeps the feature scaling
fitted on all training points and α = n·λ in every fold, which is what
``cross_val_score(Ridge(alpha=n*lam), Z, y, cv=LeaveOneOut())`` computes.
"""
from dataclasses import dataclass

import numpy as np

from .features import FeatureMap, check_degree, check_xy
from .ridge import _solve_legendre, _solve_svd

#: 0 plus 201 log-spaced values; every fifth one is a step of the λ slider.
LAM_GRID = np.concatenate([[0.0], np.logspace(-8, 2, 201)])
#: The λ slider's values: 0 plus 41 log-spaced values from 1e-8 to 100.
SLIDER_LAMS = np.concatenate([[0.0], LAM_GRID[1::5]])

_LEVERAGE_LIMIT = 1.0 - 1e-10


@dataclass(frozen=True)
class RidgePath:
    """Fits and errors of one dataset and degree for every λ of a grid.

    Attributes
    ----------
    lams : ndarray of shape (L,)
        Penalty strengths, ascending.
    coef : ndarray of shape (L, degree)
        Weights of the standardized features for each λ.
    intercept : ndarray of shape (L,)
    train_rmse, test_rmse : ndarray of shape (L,)
        Typical miss on the training data and, when given, on held-out data
        (otherwise NaN).
    df : ndarray of shape (L,)
        Effective number of free weights (the intercept not counted).
    loo_mse, loo_se : ndarray of shape (L,)
        Exact leave-one-out mean squared error and its standard error
        (``inf`` where a point fixes its own fit, so leaving it out cannot be judged).
    features : FeatureMap
    legendre_coef : ndarray or None
        The λ = 0 fit in the Legendre basis, when the grid holds λ = 0.
    y_sd : float
        Population standard deviation of the training y.
    """

    lams: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    train_rmse: np.ndarray
    test_rmse: np.ndarray
    df: np.ndarray
    loo_mse: np.ndarray
    loo_se: np.ndarray
    features: FeatureMap
    legendre_coef: np.ndarray | None
    y_sd: float

    @property
    def degree(self):
        return self.features.degree

    def predict(self, x):
        """Predictions at ``x`` for every λ: shape (L, len(x))."""
        x = np.asarray(x, dtype=float)
        predictions = self.coef @ self.features.transform(x).T + self.intercept[:, None]
        if self.legendre_coef is not None:
            predictions[0] = self.features.legendre_value(x, self.legendre_coef)
        return predictions

    @property
    def best_index(self):
        """Index of the λ with the lowest leave-one-out error."""
        return int(np.argmin(np.where(np.isfinite(self.loo_mse), self.loo_mse, np.inf)))

    @property
    def good_range(self):
        """First and last index of the λ run around the best whose error is within one standard error of it."""
        best = self.best_index
        within = self.loo_mse <= self.loo_mse[best] + self.loo_se[best]
        low = best
        while low > 0 and within[low - 1]:
            low -= 1
        high = best
        while high < within.size - 1 and within[high + 1]:
            high += 1
        return low, high

    def index_of(self, lam):
        """Index of the grid λ nearest to ``lam`` (in log scale; 0 only for 0)."""
        if lam <= 0:
            return 0
        positive = np.flatnonzero(self.lams > 0)
        return int(positive[np.argmin(np.abs(np.log(self.lams[positive]) - np.log(lam)))])


def _check_lams(lams):
    lams = np.asarray(lams, dtype=float)
    if lams.ndim != 1 or lams.size == 0:
        raise ValueError("lams must be a non-empty list of penalty strengths.")
    if not np.isfinite(lams).all() or (lams < 0).any():
        raise ValueError("every λ must be zero or a positive finite number.")
    if (np.diff(lams) <= 0).any():
        raise ValueError("lams must be in increasing order without repeats.")
    return lams


def _error_summary(residuals, leverage):
    """Training RMSE, leave-one-out MSE and its standard error, one per row (λ).

    Overwrites ``leverage``. A row where some point fixes its own fit (leverage 1)
    gets an infinite leave-one-out error: leaving that point out cannot be judged.
    """
    n = residuals.shape[1]
    train_rmse = np.sqrt(np.einsum("ij,ij->i", residuals, residuals) / n)
    judged = leverage.max(axis=1) < _LEVERAGE_LIMIT
    squared = np.subtract(1.0, leverage, out=leverage)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        np.divide(residuals, squared, out=squared)
        np.square(squared, out=squared)
        loo_mse = squared.sum(axis=1) / n
        spread = np.einsum("ij,ij->i", squared, squared) / n - np.square(loo_mse)
        loo_se = np.sqrt(np.maximum(spread, 0.0) / max(n - 1, 1))
    loo_mse[~judged] = np.inf
    loo_se[~judged] = np.inf
    return train_rmse, loo_mse, loo_se


def _svd_errors(U, kept, y_centered):
    """Training and leave-one-out errors for every λ > 0, a block of λ at a time.

    Blocks keep the L × n temporaries small: allocating them costs more than the arithmetic.
    """
    n = U.shape[0]
    weighted = kept * (U.T @ y_centered)
    squared_U = np.square(U).T
    block = max(1, 2**14 // n)
    residuals, leverage = np.empty((block, n)), np.empty((block, n))
    errors = np.empty((3, kept.shape[0]))
    for start in range(0, kept.shape[0], block):
        rows = slice(start, start + block)
        size = len(kept[rows])
        np.matmul(weighted[rows], U.T, out=residuals[:size])
        np.subtract(y_centered, residuals[:size], out=residuals[:size])
        np.matmul(kept[rows], squared_U, out=leverage[:size])
        leverage[:size] += 1.0 / n
        errors[:, rows] = _error_summary(residuals[:size], leverage[:size])
    return errors


def ridge_path(x, y, degree, lams=LAM_GRID, x_test=None, y_test=None):
    """Fit every λ of ``lams`` from one factorization of the training features.

    Parameters
    ----------
    x, y : array-like of shape (n,)
        Training data (one x column).
    degree : int
        Highest power, 1 to 30.
    lams : array-like of shape (L,), default=LAM_GRID
        Ascending penalty strengths >= 0.
    x_test, y_test : array-like of shape (m,), optional
        Held-out data for ``test_rmse``.

    Returns
    -------
    RidgePath
    """
    x, y = check_xy(x, y)
    degree = check_degree(degree)
    lams = _check_lams(lams)
    n = x.size
    features, Z = FeatureMap.fit(x, degree)
    y_centered = y - y.mean()
    U, s, Vt = np.linalg.svd(Z, full_matrices=False)

    kept = s**2 / (s**2 + n * lams[:, None])  # (L, d): how much of each direction survives
    coef = _solve_svd(U, s, Vt, y_centered, n * lams)
    intercept = y.mean() - coef @ Z.mean(axis=0)
    df = kept.sum(axis=1)
    train_rmse, loo_mse, loo_se = _svd_errors(U, kept, y_centered)

    legendre_coef = None
    if lams[0] == 0:
        try:
            legendre_coef, q = _solve_legendre(features.unit(x), y, degree)
            intercept[0], coef[0] = features.legendre_to_weights(legendre_coef)
            residual = y - q @ (q.T @ y)
            leverage = np.sum(np.square(q), axis=1)
            df[0] = degree
        except ValueError:  # too few distinct x for least squares: the λ → 0 limit is the minimum-norm fit
            coef[0] = np.linalg.pinv(Z) @ y_centered
            intercept[0] = y.mean() - Z.mean(axis=0) @ coef[0]
            residual = y - Z @ coef[0] - intercept[0]
            leverage = np.ones(n)
            df[0] = np.linalg.matrix_rank(Z)
        (train_rmse[0],), (loo_mse[0],), (loo_se[0],) = _error_summary(residual[None], leverage[None])

    path = RidgePath(
        lams=lams, coef=coef, intercept=intercept, train_rmse=train_rmse,
        test_rmse=np.full(lams.size, np.nan), df=df, loo_mse=loo_mse, loo_se=loo_se,
        features=features, legendre_coef=legendre_coef, y_sd=float(y.std()),
    )
    if x_test is not None:
        x_test, y_test = np.asarray(x_test, dtype=float), np.asarray(y_test, dtype=float)
        path.test_rmse[:] = np.sqrt(np.mean(np.square(path.predict(x_test) - y_test), axis=1))
    return path
