"""Ridge on a feature matrix (many named signals) for every λ at once, and the same model as an estimator.

The one λ convention: minimize (1/n)·Σ(yᵢ − b − Σⱼ wⱼ zᵢⱼ)² + λ·Σⱼ wⱼ², the intercept b
not penalized, z the features scaled on the training rows (``scaled`` columns to mean 0
and population standard deviation 1, the others, 0/1 categories, left as they are). Any
fit equals ``Ridge(alpha=n*lam)`` on those features (see ``core.models.design`` for the whole
scikit-learn pipeline; docs/maths.md for the two routes).

The path reuses the curve's two routes (``path_svd``, ``path_compressed``):

* up to ``LARGE_N`` rows, one SVD of the centred features; exact leave-one-out;
* above, the rows [1 | X | y] compressed to one small triangle per fold by a chunked QR;
  5-fold cross-validation (``KFold(5, shuffle=True, random_state=0)``), the feature
  scaling fitted on all training rows and α = n·λ in every fold, as on the curve pages.

λ = 0 is the minimum-norm least-squares fit: directions of the features below numpy's
rank tolerance (``matrix_rank``'s) are left out, so more signals than rows, a category's
columns summing to the constant, or two identical columns give a fit, not an error.
Either route also fits the model without each fold (``SignalPath.fold_coef``): how much a
weight jumps between them says how steady it is.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

import numpy as np
import scipy.linalg
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .checks import check_held_out_rows, check_lam, check_lams, check_matrix
from .grid import LAM_GRID, LARGE_N, LEAVE_ONE_OUT, N_FOLDS
from .path_base import LamPath
from .path_compressed import (
    Moments,
    TriangleFit,
    fold_errors,
    fold_rows,
    held_out_squares,
    qr_rows,
    stack_qr,
)
from .path_svd import svd_errors, svd_fits


@dataclass(frozen=True, kw_only=True)
class SignalPath(LamPath):
    """A ``LamPath`` of a model on many signals.

    Attributes
    ----------
    names : tuple of str
        One per feature (column of ``coef``).
    mean, scale : ndarray of shape (p,)
        The features' scaling, learned on the training rows: z = (x − mean) / scale (mean 0 and
        scale 1 for columns not scaled, as a ``OneHotEncoder`` leaves them).
    fold_coef : ndarray of shape (folds, L, p)
        The weights fitted without each cross-validation fold.
    n : int
        Training rows.
    """

    names: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    fold_coef: NDArray[np.float64]
    n: int

    def predict(self, X: ArrayLike) -> NDArray[np.float64]:
        """Predictions for the raw features ``X`` (n, p) at every λ: shape (L, n)."""
        return self.coef @ ((np.asarray(X, dtype=float) - self.mean) / self.scale).T + self.intercept[:, None]

    @property
    def biggest_share(self) -> NDArray[np.float64]:
        """Per λ, the share of all weight (Σ|w|) carried by the biggest single weight."""
        sizes = np.abs(self.coef)
        totals = sizes.sum(axis=1)
        return np.divide(sizes.max(axis=1), totals, out=np.zeros_like(totals), where=totals > 0)

    @property
    def fold_spread(self) -> NDArray[np.float64]:
        """Per λ and feature, the standard deviation of the weight across the fold fits (ddof=1)."""
        return self.fold_coef.std(axis=0, ddof=1)


def _rank(s: NDArray[np.float64], shape: tuple[int, ...]) -> int:
    """How many singular values lie above numpy's rank tolerance (``matrix_rank``'s)."""
    return int(np.count_nonzero(s > s.max(initial=0.0) * max(shape) * np.finfo(float).eps)) if s.size else 0


def _triangle(X: NDArray[np.float64], y: NDArray[np.float64], rows: NDArray[np.intp]) -> NDArray[np.float64]:
    """R of [1 | X | y] over ``rows`` (chunk by chunk: no copy of the rows)."""

    def fill(start: int, stop: int, out: NDArray[np.float64]) -> None:
        chunk = rows[start:stop]
        out[:, 0] = 1.0
        out[:, 1:-1] = X[chunk]
        out[:, -1] = y[chunk]

    return qr_rows(fill, rows.size, X.shape[1] + 2)


@dataclass(frozen=True)
class _Folds:
    """Fold triangles in the form ``path_compressed.fold_errors`` reads."""

    n: float
    fold_triangles: NDArray[np.float64]
    fold_train_triangles: NDArray[np.float64]
    fold_sizes: NDArray[np.int_]


def _folds(X: NDArray[np.float64], y: NDArray[np.float64], folds: int, moments: Moments | None = None) -> _Folds:
    """Each fold's triangle and the triangle of all rows but that fold; ``moments`` collects X's columns."""
    rows = fold_rows(y.size, folds)
    found = []
    for fold in rows:
        found.append(_triangle(X, y, fold))
        if moments is not None:
            for start in range(0, fold.size, 8192):
                moments.add(np.array(X[fold[start : start + 8192]].T))
    triangles = np.array(found)
    rest = np.array([stack_qr(np.delete(triangles, k, axis=0)) for k in range(folds)])
    return _Folds(float(y.size), triangles, rest, np.array([fold.size for fold in rows]))


def _column_map(mean: NDArray[np.float64], scale: NDArray[np.float64]) -> NDArray[np.float64]:
    """T with z = [1 | x]·T: row 0 the centring, then diag(1/scale)."""
    transform = np.zeros((mean.size + 1, mean.size))
    transform[0] = -mean / scale
    transform[1:] = np.diag(1.0 / scale)
    return transform


def _triangle_path(
    triangle: NDArray[np.float64], p: int, transform: NDArray[np.float64], n: float, lams: NDArray[np.float64]
) -> tuple[NDArray[np.float64], TriangleFit]:
    """Weights for every λ from a triangle of [1 | X | y] (λ = 0: minimum norm); also the fit itself."""
    positive = slice(1, None) if lams[0] == 0 else slice(None)
    fit = TriangleFit(triangle, p, transform[1:], n * lams[positive])
    coef = np.empty((lams.size, p))
    coef[positive] = fit.coef
    if lams[0] == 0:
        coef[0] = fit.min_norm(n)[0]
    return coef, fit


def _fold_coef(folds: _Folds, p: int, transform: NDArray[np.float64], lams: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.array([_triangle_path(rest, p, transform, folds.n, lams)[0] for rest in folds.fold_train_triangles])


def _scaling(spread: NDArray[np.float64], scaled: NDArray[np.bool_]) -> NDArray[np.float64]:
    scale = np.where(scaled, spread, 1.0)
    scale[scale == 0] = 1.0
    return scale


def signal_path(
    X: ArrayLike,
    y: ArrayLike,
    lams: ArrayLike = LAM_GRID,
    scaled: ArrayLike | None = None,
    names: Sequence[str] | None = None,
    X_test: ArrayLike | None = None,
    y_test: NDArray[np.float64] | Sequence[float] | None = None,
    folds: int = N_FOLDS,
) -> SignalPath:
    """Fit every λ of ``lams`` on the raw feature matrix ``X``.

    Parameters
    ----------
    X : array-like of shape (n, p)
        Raw features (numbers, days, 0/1 categories), finite.
    y : array-like of shape (n,)
    lams : array-like of shape (L,), default=LAM_GRID
        Ascending penalty strengths >= 0.
    scaled : array-like of bool, shape (p,), optional
        Columns to standardize (default: all); the others are centred only.
    names : sequence of str, optional
        One per column (default: "x1", "x2", …).
    X_test, y_test : optional
        Held-out rows for ``test_rmse``.
    folds : int, default=5
        Folds of the cross-validation above ``LARGE_N`` rows, and of the fold fits.

    Returns
    -------
    SignalPath
    """
    X, y, scaled = check_matrix(X, y, scaled, max(folds, 3))
    lams = check_lams(lams)
    n, p = X.shape
    names = tuple(names) if names is not None else tuple(f"x{j + 1}" for j in range(p))
    if len(names) != p:
        raise ValueError("names needs one name per column of X.")
    large = n > LARGE_N
    moments = Moments(p) if large else None
    fold_data = _folds(X, y, folds, moments)
    if moments is not None:  # large
        column_means, scale = moments.mean, _scaling(moments.scale, scaled)
    else:
        column_means, scale = X.mean(axis=0), _scaling(X.std(axis=0), scaled)
    mean = np.where(scaled, column_means, 0.0)  # 0/1 categories are not moved (the intercept absorbs them)
    offset = (column_means - mean) / scale  # the training rows' mean of the features z
    if large:
        pieces = _large_route(fold_data, p, mean, scale, offset, lams, y)
    else:
        pieces = _small_route(X, y, mean, scale, offset, lams)
    transform = _column_map(mean, scale)
    coef, intercept, train_rmse, df, cv_mse, cv_se, cv = pieces
    test_rmse = np.full(lams.size, np.nan)
    X_test, y_test = check_held_out_rows(X_test, y_test, p)
    if X_test is not None and y_test is not None:
        test_triangle = _triangle(X_test, y_test, np.arange(y_test.size))
        columns = transform @ coef.T
        columns[0] += intercept
        test_rmse = np.sqrt(held_out_squares(test_triangle, columns) / y_test.size)
    return SignalPath(
        lams=lams,
        coef=coef,
        intercept=intercept,
        train_rmse=train_rmse,
        test_rmse=test_rmse,
        df=df,
        cv_mse=cv_mse,
        cv_se=cv_se,
        y_sd=float(y.std()),
        cv=cv,
        names=names,
        mean=mean,
        scale=scale,
        fold_coef=_fold_coef(fold_data, p, transform, lams),
        n=n,
    )


#: What either route gives: coef, intercept, train_rmse, df, cv_mse, cv_se and the name of the cross-validation.
_Route = tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    str,
]


def _centred_svd(
    X: NDArray[np.float64], mean: NDArray[np.float64], scale: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Rank-truncated thin SVD of the centred features (X − mean) / scale − their column means."""
    Z = (X - mean) / scale
    Z -= Z.mean(axis=0)
    U, s, Vt = scipy.linalg.svd(Z, full_matrices=False, overwrite_a=True, check_finite=False, lapack_driver="gesdd")
    rank = _rank(s, Z.shape)
    return U[:, :rank], s[:rank], Vt[:rank]


def _small_route(
    X: NDArray[np.float64],
    y: NDArray[np.float64],
    mean: NDArray[np.float64],
    scale: NDArray[np.float64],
    offset: NDArray[np.float64],
    lams: NDArray[np.float64],
) -> _Route:
    """One SVD of the centred scaled features, rank-truncated; exact leave-one-out for every λ."""
    n = y.size
    U, s, Vt = _centred_svd(X, mean, scale)
    y_centered = y - y.mean()
    kept, removed, fitted, coef = svd_fits(U, s, Vt, y_centered, n * lams[:, None])
    intercept = y.mean() - coef @ offset
    train_rmse, cv_mse, cv_se = svd_errors(U, kept, removed, fitted, y_centered)
    return coef, intercept, train_rmse, kept.sum(axis=1), cv_mse, cv_se, LEAVE_ONE_OUT


def _large_route(
    folds: _Folds,
    p: int,
    mean: NDArray[np.float64],
    scale: NDArray[np.float64],
    offset: NDArray[np.float64],
    lams: NDArray[np.float64],
    y: NDArray[np.float64],
) -> _Route:
    """Every number from the fold triangles: no second pass over the rows."""
    transform = _column_map(mean, scale)
    triangle = stack_qr(folds.fold_triangles)
    coef, fit = _triangle_path(triangle, p, transform, folds.n, lams)
    positive = slice(1, None) if lams[0] == 0 else slice(None)
    squares = np.empty(lams.size)
    df = np.empty(lams.size)
    squares[positive] = fit.outside() + np.vecdot(fit.removed * fit.fitted, fit.removed * fit.fitted)
    df[positive] = fit.kept.sum(axis=1)
    if lams[0] == 0:
        _, squares[0], df[0] = fit.min_norm(folds.n)
    intercept = float(y.mean()) - coef @ offset
    cv_mse, cv_se = fold_errors(folds, p, lams, transform, unique=True)
    return coef, intercept, np.sqrt(squares / folds.n), df, cv_mse, cv_se, f"{len(folds.fold_sizes)}-fold"


class SignalRidge(RegressorMixin, BaseEstimator):
    """Ridge on many signals with the app's λ, as one scikit-learn estimator.

    Equal to ``make_pipeline(StandardScaler(), Ridge(alpha=n * lam))`` when every column is
    scaled; columns not in ``scaled`` (0/1 categories) are left unscaled, as a
    ``ColumnTransformer`` with ``OneHotEncoder`` leaves them.

    Parameters
    ----------
    lam : float, default=1e-3
        Penalty strength λ >= 0 (``alpha = n * lam``); 0 is the minimum-norm least-squares fit.
    scaled : array-like of bool or None, default=None
        Columns to standardize; None for all.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Weights of the scaled features.
    intercept_ : float
    mean_, scale_ : ndarray of shape (n_features,)
        The learned scaling.
    n_features_in_ : int
    """

    coef_: NDArray[np.float64]
    intercept_: float
    mean_: NDArray[np.float64]
    scale_: NDArray[np.float64]

    def __init__(self, lam: float = 1e-3, scaled: ArrayLike | None = None) -> None:
        self.lam = lam
        self.scaled = scaled

    def fit(self, X: ArrayLike, y: ArrayLike) -> Self:
        """Fit on ``X`` (n, p) and ``y``; return self."""
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        lam = check_lam(self.lam)
        X, y, scaled = check_matrix(X, y, self.scaled, 2)
        n = y.size
        column_means = X.mean(axis=0)
        self.scale_ = _scaling(X.std(axis=0), scaled)
        self.mean_ = np.where(scaled, column_means, 0.0)
        U, s, Vt = _centred_svd(X, self.mean_, self.scale_)
        self.coef_ = svd_fits(U, s, Vt, y - y.mean(), np.array([[n * lam]]))[3][0]
        self.intercept_ = float(y.mean() - ((column_means - self.mean_) / self.scale_) @ self.coef_)
        return self

    def predict(self, X: ArrayLike) -> NDArray[np.float64]:
        """Predicted y for each row of ``X``."""
        check_is_fitted(self)
        values = validate_data(self, X, reset=False, dtype=np.float64)
        return ((values - self.mean_) / self.scale_) @ self.coef_ + self.intercept_
