"""The small-data route of a λ path: one SVD of the standardized features serves every λ.

For λ > 0, with Z = U·diag(s)·Vᵀ (Z centred) and α = n·λ:
    w(λ) = V·diag(s / (s² + α))·Uᵀ(y − ȳ)
    df(λ) = Σ s² / (s² + α)
    hᵢᵢ(λ) = 1/n + Σⱼ Uᵢⱼ² s²ⱼ / (s²ⱼ + α)
and the exact leave-one-out residual is eᵢ / (1 − hᵢᵢ). For a polynomial curve, λ = 0 is
solved in a Legendre basis (see ``legendre.py``); when the grid holds λ = 0, that basis's QR
also gives the SVD (both bases span the same polynomials), so only one n-row
factorization is done. Never the normal equations. Leave-one-out here keeps the feature
scaling fitted on all training points and α = n·λ in every fold, which is what
``cross_val_score(Ridge(alpha=n*lam), Z, y, cv=LeaveOneOut())`` computes.
"""

import contextlib

import numpy as np
from numpy.typing import NDArray

from .features import FeatureMap
from .legendre import legendre_lstsq, legendre_qr, svd_in_span
from .path_base import RidgePath

_LEVERAGE_LIMIT = 1.0 - 1e-10
#: λ rows per block × n: the block's two L × n temporaries stay in the CPU cache.
_BLOCK_ELEMENTS = 2**15


def _loo_sums(residuals: NDArray[np.float64], complement: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    """Per row, Σ e² and Σ e⁴ into ``out`` (shape (2, rows)), e = r / (1 − h) the leave-one-out residual.

    ``complement`` holds 1 − hᵢᵢ and is overwritten. Call under ``np.errstate``:
    a point with leverage 1 divides by zero.
    """
    loo = np.divide(residuals, complement, out=complement)
    out[0] = np.vecdot(loo, loo)
    np.square(loo, out=loo)
    out[1] = np.vecdot(loo, loo)


def _error_summary(
    sums: NDArray[np.float64], n: int, judged: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Training RMSE, leave-one-out MSE and its standard error, one per row (λ).

    ``sums`` holds Σ r², Σ e² and Σ e⁴ per row. A row where some point fixes its own
    fit (leverage 1, ``judged`` False) gets an infinite leave-one-out error: leaving
    that point out cannot be judged.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        train_rmse = np.sqrt(sums[0] / n)
        cv_mse = sums[1] / n
        spread = sums[2] / n - np.square(cv_mse)
        cv_se = np.sqrt(np.maximum(spread, 0.0) / max(n - 1, 1))
    cv_mse[~judged] = np.inf
    cv_se[~judged] = np.inf
    return train_rmse, cv_mse, cv_se


def svd_fits(
    U: NDArray[np.float64],
    s: NDArray[np.float64],
    Vt: NDArray[np.float64],
    y_centered: NDArray[np.float64],
    alphas: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Every λ's ridge fit from the thin SVD of the centred features Z = U·diag(s)·Vt.

    ``alphas`` has shape (L, 1) (α = n·λ). Returns ``kept`` = s²/(s² + α) and ``removed``
    = α/(s² + α), both (L, d), ``fitted`` = Uᵀ(y − ȳ) and the weights, shape (L, d).
    """
    squares = s**2
    denominators = squares + alphas
    kept = squares / denominators  # (L, d): how much of each direction survives
    fitted = U.T @ y_centered
    coef = (s / denominators * fitted) @ Vt
    return kept, alphas / denominators, fitted, coef


def svd_errors(
    U: NDArray[np.float64],
    kept: NDArray[np.float64],
    removed: NDArray[np.float64],
    fitted: NDArray[np.float64],
    y_centered: NDArray[np.float64],
    first: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Training and leave-one-out errors for every λ, a block of λ at a time.

    ``kept`` (L, d) is s²/(s² + α) per direction and λ, ``removed`` is α/(s² + α),
    ``fitted`` is c = Uᵀ(y − ȳ). ``first``, if given, is the residual and leverages
    of the first row, computed elsewhere (λ = 0 is fitted in the Legendre basis);
    ``kept`` and ``removed`` then hold the other rows only. Returns the training RMSE,
    the leave-one-out MSE and its standard error, one per λ.

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


def svd_path(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    degree: int,
    lams: NDArray[np.float64],
    x_test: NDArray[np.float64] | None,
    y_test: NDArray[np.float64] | None,
) -> RidgePath:
    """The small-data route of ``core.models.path.ridge_path``, on validated arguments: a ``RidgePath``."""
    n = x.size
    features, Z = FeatureMap.fit(x, degree)
    y_centered = y - y.mean()
    qr = None
    if lams[0] == 0:
        with contextlib.suppress(ValueError):  # too few distinct x for least squares: handled below
            qr = legendre_qr(features.unit(x), degree)
    if qr is None:
        U, s, Vt = np.linalg.svd(Z, full_matrices=False)
    else:  # the λ = 0 fit's QR also gives the SVD of Z
        U, s, Vt = svd_in_span(Z, qr[0])

    alphas = n * lams[:, None]
    kept, removed, fitted, coef = svd_fits(U, s, Vt, y_centered, alphas)
    intercept = y.mean() - coef @ Z.mean(axis=0)
    df = kept.sum(axis=1)

    legendre_coef = None
    first = None
    if lams[0] == 0:
        if qr is not None:
            legendre_coef, q = legendre_lstsq(*qr, y)
            intercept[0], coef[0] = features.legendre_to_weights(legendre_coef)
            first = y - q @ (q.T @ y), np.sum(np.square(q), axis=1)
            df[0] = degree
        else:  # too few distinct x for least squares: the λ → 0 limit is the minimum-norm fit
            coef[0] = np.linalg.pinv(Z, rcond=max(Z.shape) * np.finfo(float).eps) @ y_centered  # matrix_rank's cut-off
            intercept[0] = y.mean() - Z.mean(axis=0) @ coef[0]
            first = y - Z @ coef[0] - intercept[0], np.ones(n)
            df[0] = np.linalg.matrix_rank(Z)
    rest = slice(0 if first is None else 1, None)
    train_rmse, cv_mse, cv_se = svd_errors(U, kept[rest], removed[rest], fitted, y_centered, first)

    path = RidgePath(
        lams=lams,
        coef=coef,
        intercept=intercept,
        train_rmse=train_rmse,
        test_rmse=np.full(lams.size, np.nan),
        df=df,
        cv_mse=cv_mse,
        cv_se=cv_se,
        features=features,
        legendre_coef=legendre_coef,
        y_sd=float(y.std()),
    )
    if x_test is not None and y_test is not None and x_test.size:
        path.test_rmse[:] = np.sqrt(np.mean(np.square(path.predict(x_test) - y_test), axis=1))
    return path
