"""Every λ at once: one SVD of the standardized features serves the whole path.

For λ > 0, with Z = U·diag(s)·Vᵀ and α = n·λ:
    w(λ) = V·diag(s / (s² + α))·Uᵀ(y − ȳ)
    df(λ) = Σ s² / (s² + α)
    hᵢᵢ(λ) = 1/n + Σⱼ Uᵢⱼ² s²ⱼ / (s²ⱼ + α)
and the exact leave-one-out residual is eᵢ / (1 − hᵢᵢ). λ = 0 is solved in a
Legendre basis (see ``ridge.py``); when the grid holds λ = 0, that basis's QR
also gives the SVD (both bases span the same polynomials), so only one n-row
factorization is done. Never the normal equations. Leave-one-out here keeps the feature scaling
fitted on all training points and α = n·λ in every fold, which is what
``cross_val_score(Ridge(alpha=n*lam), Z, y, cv=LeaveOneOut())`` computes.
"""
from dataclasses import dataclass

import numpy as np

from .features import FeatureMap, check_degree, check_xy
from .ridge import _legendre_lstsq, _legendre_qr, _svd_in_span

#: 0 plus 201 log-spaced values; every fifth one is a step of the λ slider.
LAM_GRID = np.concatenate([[0.0], np.logspace(-8, 2, 201)])
#: The λ slider's values: 0 plus 41 log-spaced values from 1e-8 to 100.
SLIDER_LAMS = np.concatenate([[0.0], LAM_GRID[1::5]])

_LEVERAGE_LIMIT = 1.0 - 1e-10
#: λ rows per block × n: the block's two L × n temporaries stay in the CPU cache.
_BLOCK_ELEMENTS = 2**15


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
    if lams[0] >= 0 and np.isfinite(lams[-1]) and (lams[1:] > lams[:-1]).all():
        return lams  # ascending from a value >= 0 to a finite one: all valid (NaN fails every comparison)
    if not np.isfinite(lams).all() or (lams < 0).any():
        raise ValueError("every λ must be zero or a positive finite number.")
    if (np.diff(lams) <= 0).any():
        raise ValueError("lams must be in increasing order without repeats.")
    return lams


def _loo_sums(residuals, complement, out):
    """Per row, Σ e² and Σ e⁴ into ``out`` (shape (2, rows)), e = r / (1 − h) the leave-one-out residual.

    ``complement`` holds 1 − hᵢᵢ and is overwritten. Call under ``np.errstate``:
    a point with leverage 1 divides by zero.
    """
    loo = np.divide(residuals, complement, out=complement)
    out[0] = np.vecdot(loo, loo)
    np.square(loo, out=loo)
    out[1] = np.vecdot(loo, loo)


def _error_summary(sums, n, judged):
    """Training RMSE, leave-one-out MSE and its standard error, one per row (λ).

    ``sums`` holds Σ r², Σ e² and Σ e⁴ per row. A row where some point fixes its own
    fit (leverage 1, ``judged`` False) gets an infinite leave-one-out error: leaving
    that point out cannot be judged.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        train_rmse = np.sqrt(sums[0] / n)
        loo_mse = sums[1] / n
        spread = sums[2] / n - np.square(loo_mse)
        loo_se = np.sqrt(np.maximum(spread, 0.0) / max(n - 1, 1))
    loo_mse[~judged] = np.inf
    loo_se[~judged] = np.inf
    return train_rmse, loo_mse, loo_se


def _svd_errors(U, kept, removed, fitted, y_centered, first=None):
    """Training and leave-one-out errors for every λ, a block of λ at a time.

    ``kept`` (L, d) is s²/(s² + α) per direction and λ, ``removed`` is α/(s² + α),
    ``fitted`` is c = Uᵀ(y − ȳ). ``first``, if given, is the residual and leverages
    of the first row, computed elsewhere (λ = 0 is fitted in the Legendre basis);
    ``kept`` and ``removed`` then hold the other rows only.

    Training error needs no residuals: with r₀ = (y − ȳ) − U·c, the part no weight
    can fit, ‖r‖² = ‖r₀‖² + Σⱼ (removedⱼ·cⱼ)²: two orthogonal pieces, no cancellation.
    Leave-one-out does: two matrix products per block give the residuals and 1 − hᵢᵢ
    directly (y − ȳ and 1 − 1/n ride along as an extra row of the right-hand factor),
    then two in-place passes and two reductions finish the block. Blocks keep the
    temporaries in the CPU cache: allocating and streaming L × n arrays costs more
    than the arithmetic.
    """
    n, d = U.shape
    rows = kept.shape[0]
    done = 0 if first is None else 1
    sums = np.empty((3, done + rows))
    judged = np.ones(done + rows, dtype=bool)
    if first is not None:
        residual, leverage = first
        sums[0, 0] = residual @ residual
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            _loo_sums(residual[None], np.subtract(1.0, leverage)[None], sums[1:, :1])
        judged[0] = leverage.max() < _LEVERAGE_LIMIT
    unfit = removed * fitted
    outside = y_centered - U @ fitted
    sums[0, done:] = np.vecdot(unfit, unfit) + outside @ outside
    fit_basis = np.empty((d + 1, n))
    fit_basis[:d] = U.T
    fit_basis[d] = y_centered
    fit_weights = np.empty((rows, d + 1))
    np.multiply(kept, -fitted, out=fit_weights[:, :d])
    fit_weights[:, d] = 1.0
    leverage_basis = np.empty((d + 1, n))
    np.square(U.T, out=leverage_basis[:d])
    leverage_basis[d] = 1.0
    leverage_weights = np.empty((rows, d + 1))
    np.negative(kept, out=leverage_weights[:, :d])
    leverage_weights[:, d] = 1.0 - 1.0 / n
    # Leverages only shrink as λ grows (0 <= kept <= 1): if no point reaches the
    # limit at λ → 0, none does anywhere and the per-row check can be skipped.
    check = 1.0 / n + leverage_basis[:d].sum(axis=0).max() >= _LEVERAGE_LIMIT - 1e-12
    block = max(1, _BLOCK_ELEMENTS // n)
    residuals, complement = np.empty((block, n)), np.empty((block, n))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for start in range(0, rows, block):
            stop = min(start + block, rows)
            r, c = residuals[: stop - start], complement[: stop - start]
            np.matmul(fit_weights[start:stop], fit_basis, out=r)
            np.matmul(leverage_weights[start:stop], leverage_basis, out=c)
            if check:
                judged[done + start : done + stop] = c.min(axis=1) > 1.0 - _LEVERAGE_LIMIT
            _loo_sums(r, c, sums[1:, done + start : done + stop])
    return _error_summary(sums, n, judged)


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
    legendre_qr = None
    if lams[0] == 0:
        try:
            legendre_qr = _legendre_qr(features.unit(x), degree)
        except ValueError:  # too few distinct x for least squares: handled below
            pass
    if legendre_qr is None:
        U, s, Vt = np.linalg.svd(Z, full_matrices=False)
    else:  # the λ = 0 fit's QR also gives the SVD of Z
        U, s, Vt = _svd_in_span(Z, legendre_qr[0])

    alphas = n * lams[:, None]
    squares = s**2
    denominators = squares + alphas
    kept = squares / denominators  # (L, d): how much of each direction survives
    fitted = U.T @ y_centered
    coef = (s / denominators * fitted) @ Vt  # as _solve_svd, sharing its pieces
    intercept = y.mean() - coef @ Z.mean(axis=0)
    df = kept.sum(axis=1)

    legendre_coef = None
    first = None
    if lams[0] == 0:
        if legendre_qr is not None:
            legendre_coef, q = _legendre_lstsq(*legendre_qr, y)
            intercept[0], coef[0] = features.legendre_to_weights(legendre_coef)
            first = y - q @ (q.T @ y), np.sum(np.square(q), axis=1)
            df[0] = degree
        else:  # too few distinct x for least squares: the λ → 0 limit is the minimum-norm fit
            coef[0] = np.linalg.pinv(Z) @ y_centered
            intercept[0] = y.mean() - Z.mean(axis=0) @ coef[0]
            first = y - Z @ coef[0] - intercept[0], np.ones(n)
            df[0] = np.linalg.matrix_rank(Z)
    rest = slice(0 if first is None else 1, None)
    train_rmse, loo_mse, loo_se = _svd_errors(
        U, kept[rest], alphas[rest] / denominators[rest], fitted, y_centered, first)

    path = RidgePath(
        lams=lams, coef=coef, intercept=intercept, train_rmse=train_rmse,
        test_rmse=np.full(lams.size, np.nan), df=df, loo_mse=loo_mse, loo_se=loo_se,
        features=features, legendre_coef=legendre_coef, y_sd=float(y.std()),
    )
    if x_test is not None:
        x_test, y_test = np.asarray(x_test, dtype=float), np.asarray(y_test, dtype=float)
        path.test_rmse[:] = np.sqrt(np.mean(np.square(path.predict(x_test) - y_test), axis=1))
    return path
