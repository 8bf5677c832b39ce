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

Large data (more than ``LARGE_N`` training rows) take another route, chosen
automatically by ``ridge_path``; see ``compress`` and ``path_from_compressed``:

* The rows are reduced, in chunks, to the triangle R of a QR factorization of
  M = [P0(u) … P_D(u) | y] (Legendre polynomials of u = 2t − 1, t the min-max scaled x).
  R is (D + 2) × (D + 2) whatever the number of rows, and M = Q·R with Q orthonormal,
  so every sum of squares of a combination of M's columns is exact from R alone.
  Memory stays at one chunk of rows.
* Nested bases: P0…P_d are the leading columns of M for every d <= D, so one triangle
  serves every degree (its leading block, plus the y column).
* The standardized monomials are an exact linear map of the Legendre columns,
  zₖ = (tᵏ − μₖ)/σₖ with tᵏ = Σⱼ Aⱼₖ Pⱼ (``features.monomials_in_legendre``). Centring
  only touches P0 (the constant), so the centred features are Q₁…d·B with the small
  B = R[1:d+1, 1:d+1]·A[1:d+1, 1:d+1]·diag(1/σ): the SVD of B gives s, V and U (in Q's
  coordinates) for the formulas above, with no ill-conditioned column ever formed and
  never a Gram matrix. μ and σ are the mean and population standard deviation of the
  powers over all training rows, as in the small route (computed chunk by chunk and
  merged; equal to rounding).
* Training error: the part of y outside the degree-d polynomials is the tail of R's
  y column; the rest is Σ (α/(s² + α)·cⱼ)², as above. Held-out error: the held-out rows
  get their own triangle, and a polynomial's squared error on them is a norm of a small
  product. Fits are turned into Legendre coefficients by a triangular solve (R_d·g =
  fitted values in Q's coordinates), which never goes through the (possibly huge,
  cancelling) monomial weights; where the Legendre block is badly conditioned on the
  data (diagonal ratio below 1e-8: too few distinct x, or x crowded at one end), the
  weights are used instead, as scikit-learn does.
* λ = 0: least squares in the Legendre basis, by back substitution in R's leading block.
* Cross-validation: leave-one-out is replaced by 5-fold cross-validation. Rows go to folds
  as ``KFold(5, shuffle=True, random_state=0)`` assigns them, computed here with the
  same numpy calls (``np.random.RandomState(0).permutation(n)``, then consecutive
  slices, the first n mod 5 folds one row longer). Each fold gets its own triangle;
  the fit without fold k comes from the QR of the other four triangles stacked (the R
  of a union of rows is the R of the stacked R's), and fold k's squared error for
  every λ from its own triangle. Convention, as for leave-one-out: the feature scaling
  stays the one fitted on all training rows, α = n·λ with n = all training rows, and
  each fold fit has its own unpenalized intercept, so the numbers equal
  ``cross_val_score(Ridge(alpha=n*lam), Z, y, cv=KFold(5, shuffle=True, random_state=0),
  scoring="neg_mean_squared_error")`` on the fixed standardized Z: ``cv_mse`` holds the
  mean of the five fold MSEs and ``cv_se`` their standard deviation (ddof=1) / √5;
  ``RidgePath.cv`` says which cross-validation was used.
"""

import contextlib
from dataclasses import dataclass

import numpy as np
import scipy.linalg

from .features import (
    FeatureMap,
    check_degree,
    check_held_out,
    check_xy,
    legendre_fill,
    monomials_in_legendre,
)
from .ridge import _legendre_lstsq, _legendre_qr, _svd_in_span

#: 0 plus 201 log-spaced values; every fifth one is a step of the λ slider.
LAM_GRID = np.concatenate([[0.0], np.logspace(-8, 2, 201)])
#: The λ slider's values: 0 plus 41 log-spaced values from 1e-8 to 100.
SLIDER_LAMS = np.concatenate([[0.0], LAM_GRID[1::5]])

#: Above this many training rows ``ridge_path`` compresses the data and uses 5-fold cross-validation.
LARGE_N = 5_000
#: Folds of the cross-validation on the large-data route.
N_FOLDS = 5
#: Names of the two cross-validations (``RidgePath.cv``).
LEAVE_ONE_OUT = "leave-one-out"
K_FOLD = f"{N_FOLDS}-fold"

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
    cv_mse, cv_se : ndarray of shape (L,)
        Cross-validated mean squared error and its standard error. For up to
        ``LARGE_N`` training rows, exact leave-one-out (``inf`` where a point fixes its
        own fit, so leaving it out cannot be judged); above, 5-fold cross-validation
        (mean of the fold MSEs and their standard deviation / √5; ``inf`` at λ = 0 where a
        fold's least squares is not unique). ``cv`` says which.
    features : FeatureMap
    legendre_coef : ndarray or None
        The λ = 0 fit in the Legendre basis, when the grid holds λ = 0.
    y_sd : float
        Population standard deviation of the training y.
    cv : str
        ``"leave-one-out"`` or ``"5-fold"``: what ``cv_mse`` and ``cv_se`` measure
        (``"none"`` for an internal fit without cross-validation; they are NaN then).
    """

    lams: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    train_rmse: np.ndarray
    test_rmse: np.ndarray
    df: np.ndarray
    cv_mse: np.ndarray
    cv_se: np.ndarray
    features: FeatureMap
    legendre_coef: np.ndarray | None
    y_sd: float
    cv: str = LEAVE_ONE_OUT

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
        """Index of the λ with the lowest cross-validated error."""
        return int(np.argmin(np.where(np.isfinite(self.cv_mse), self.cv_mse, np.inf)))

    @property
    def good_range(self):
        """First and last index of the λ run around the best whose error is within one standard error of it."""
        best = self.best_index
        within = self.cv_mse <= self.cv_mse[best] + self.cv_se[best]
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
        cv_mse = sums[1] / n
        spread = sums[2] / n - np.square(cv_mse)
        cv_se = np.sqrt(np.maximum(spread, 0.0) / max(n - 1, 1))
    cv_mse[~judged] = np.inf
    cv_se[~judged] = np.inf
    return train_rmse, cv_mse, cv_se


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

    Up to ``LARGE_N`` training rows: one SVD, exact leave-one-out. Above: the rows are
    compressed to small triangles first (``compress``) and cross-validation is 5-fold
    (see the module docstring). The fits, df, training and held-out errors are the same
    numbers either way (to rounding); ``RidgePath.cv`` says which cross-validation was used.

    Parameters
    ----------
    x, y : array-like of shape (n,)
        Training data (one x column).
    degree : int
        Highest power, 1 to 30.
    lams : array-like of shape (L,), default=LAM_GRID
        Ascending penalty strengths >= 0.
    x_test, y_test : array-like of shape (m,), optional
        Held-out data for ``test_rmse``: both or neither, finite, the same length.

    Returns
    -------
    RidgePath
    """
    x, y = check_xy(x, y)
    degree = check_degree(degree)
    lams = _check_lams(lams)
    x_test, y_test = check_held_out(x_test, y_test)
    if x.size > LARGE_N:
        return path_from_compressed(compress(x, y, degree, x_test, y_test), degree, lams)
    return _svd_path(x, y, degree, lams, x_test, y_test)


def _ridge_path_svd(x, y, degree, lams=LAM_GRID, x_test=None, y_test=None):
    """``ridge_path`` by the small-data route (one SVD, leave-one-out) whatever the size. For tests."""
    x, y = check_xy(x, y)
    x_test, y_test = check_held_out(x_test, y_test)
    return _svd_path(x, y, check_degree(degree), _check_lams(lams), x_test, y_test)


def _svd_path(x, y, degree, lams, x_test, y_test):
    """The small-data route of ``ridge_path``, on validated arguments."""
    n = x.size
    features, Z = FeatureMap.fit(x, degree)
    y_centered = y - y.mean()
    legendre_qr = None
    if lams[0] == 0:
        with contextlib.suppress(ValueError):  # too few distinct x for least squares: handled below
            legendre_qr = _legendre_qr(features.unit(x), degree)
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
            coef[0] = np.linalg.pinv(Z, rcond=max(Z.shape) * np.finfo(float).eps) @ y_centered  # matrix_rank's cut-off
            intercept[0] = y.mean() - Z.mean(axis=0) @ coef[0]
            first = y - Z @ coef[0] - intercept[0], np.ones(n)
            df[0] = np.linalg.matrix_rank(Z)
    rest = slice(0 if first is None else 1, None)
    train_rmse, cv_mse, cv_se = _svd_errors(U, kept[rest], alphas[rest] / denominators[rest], fitted, y_centered, first)

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
    if x_test is not None and x_test.size:
        path.test_rmse[:] = np.sqrt(np.mean(np.square(path.predict(x_test) - y_test), axis=1))
    return path


# --- Large data: compress the rows to triangles first -------------------------------------------

#: Rows per chunk of the compression: 8,192 × (D + 2) doubles, at most 2 MB (fastest of 2,048–16,384 here).
_CHUNK_ROWS = 8192
#: Fits are mapped to Legendre coefficients by back substitution when the Legendre block's
#: diagonal spans less than this ratio; otherwise through the weights (see the module docstring).
_SOLVE_RATIO = 1e-8
#: Below this diagonal ratio a fold's least squares (λ = 0) counts as not unique.
_SINGULAR_RATIO = 1e-13


@dataclass(frozen=True)
class CompressedData:
    """Training rows (and held-out rows) reduced to small triangles, for every degree up to ``max_degree``.

    Each triangle R is the (D + 2) × (D + 2) upper-triangular factor of a QR factorization
    of [P0(u) … P_D(u) | y] over some rows, u = 2t − 1, t = (x − x_min) / x_span, D =
    ``max_degree``. Made by ``compress``; ``path_from_compressed`` turns it into a
    ``RidgePath`` for any degree up to D without another pass over the rows.

    Attributes
    ----------
    max_degree : int
    n : float
        Training rows (the sum of the weights, if rows were weighted).
    x_min, x_span : float
        Min-max scaling of x, fitted on the training rows.
    mean, scale : ndarray of shape (max_degree,)
        Mean and population standard deviation of t, t², …, t^D on the training rows:
        the first d of them are ``FeatureMap.fit``'s for degree d.
    y_mean, y_sd : float
    n_distinct : int
        Distinct training x, counted up to ``max_degree + 1``.
    triangle : ndarray of shape (D + 2, D + 2)
        All training rows.
    fold_triangles, fold_train_triangles : ndarray of shape (5, D + 2, D + 2) or None
        Fold k's rows, and all training rows but fold k's (None without folds).
    fold_sizes : ndarray of shape (5,) or None
    test_triangle : ndarray of shape (D + 2, D + 2) or None
        The held-out rows, scaled with the training x_min and x_span.
    n_test : int
    """

    max_degree: int
    n: float
    x_min: float
    x_span: float
    mean: np.ndarray
    scale: np.ndarray
    y_mean: float
    y_sd: float
    n_distinct: int
    triangle: np.ndarray
    fold_triangles: np.ndarray | None
    fold_train_triangles: np.ndarray | None
    fold_sizes: np.ndarray | None
    test_triangle: np.ndarray | None
    n_test: int

    def features(self, degree):
        """The ``FeatureMap`` of degree ``degree`` fitted on the training rows."""
        return FeatureMap(self.x_min, self.x_span, self.mean[:degree].copy(), self.scale[:degree].copy())


def fold_assignment(n, folds=N_FOLDS):
    """Row indices of each fold: ``KFold(folds, shuffle=True, random_state=0)``'s test folds, in its order.

    The same numpy calls KFold makes: a legacy ``RandomState(0)`` shuffle of 0…n−1 (what
    ``permutation(n)`` does), cut into consecutive slices, the first ``n % folds`` one longer.
    """
    order = np.random.RandomState(0).permutation(n)
    sizes = np.full(folds, n // folds)
    sizes[: n % folds] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    return [order[bounds[k] : bounds[k + 1]] for k in range(folds)]


class _Moments:
    """Running count, mean and sum of squared deviations of each row of a (k, m) block, merged chunk by chunk.

    The merge (Chan, Golub and LeVeque) is exact in exact arithmetic and as accurate as a
    two-pass computation in floating point.
    """

    def __init__(self, size):
        self.count = 0.0
        self.mean = np.zeros(size)
        self.squares = np.zeros(size)

    def add(self, block, weights=None):
        """Merge a (size, m) block (overwritten) with optional weights per column."""
        if weights is None:
            count = float(block.shape[1])
            mean = block.mean(axis=1)
            block -= mean[:, None]
            squares = np.vecdot(block, block)
        else:
            count = float(weights.sum())
            mean = block @ weights / count
            block -= mean[:, None]
            np.square(block, out=block)
            squares = block @ weights
        total = self.count + count
        delta = mean - self.mean
        self.mean += delta * (count / total)
        self.squares += squares + np.square(delta) * (self.count * count / total)
        self.count = total


def _stack_qr(triangles):
    """The R factor of the rows of several triangles stacked: the R of the union of their rows."""
    stacked = np.asfortranarray(np.vstack(triangles))
    packed, _, _, info = scipy.linalg.lapack.dgeqrf(stacked, overwrite_a=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"QR failed (LAPACK info {info}).")
    return np.triu(packed[: stacked.shape[1]])


def _compress_rows(t, y, degree, weights=None, moments=None):
    """R of [P0(u)…P_degree(u) | y], u = 2t − 1, rows times √weights, a chunk of rows at a time.

    Each step factors [R so far; next chunk] (``R = qr(vstack([R, chunk]))``), so memory
    is one chunk whatever the number of rows. ``moments`` (a ``_Moments`` of size
    ``degree``), if given, also collects the powers t, t², …, t^degree of every row.
    """
    width = degree + 2
    triangle = np.zeros((width, width))
    rows = max(1, min(_CHUNK_ROWS, t.size))
    work = np.empty((width + rows, width), order="F")
    powers = np.empty((degree, rows)) if moments is not None else None
    for start in range(0, t.size, rows):
        stop = min(start + rows, t.size)
        m = stop - start
        if m < rows:
            work = np.empty((width + m, width), order="F")
        chunk_t = t[start:stop]
        work[:width] = triangle
        legendre_fill(2.0 * chunk_t - 1.0, work[width:, : degree + 1])
        work[width:, degree + 1] = y[start:stop]
        chunk_weights = None if weights is None else weights[start:stop]
        if weights is not None:
            work[width:] *= np.sqrt(chunk_weights)[:, None]
        packed, _, _, info = scipy.linalg.lapack.dgeqrf(work, overwrite_a=1)
        if info != 0:
            raise np.linalg.LinAlgError(f"QR failed (LAPACK info {info}).")
        triangle = np.triu(packed[:width])
        if moments is not None:
            block = powers[:, :m]
            block[0] = chunk_t
            for k in range(1, degree):
                np.multiply(block[k - 1], chunk_t, out=block[k])
            moments.add(block, chunk_weights)
    return triangle


def _count_distinct(x, cap):
    """How many distinct values ``x`` holds, counted up to ``cap`` (a sample first: usually enough)."""
    found = np.unique(x[:: max(1, x.size // 65536)]).size
    return cap if found >= cap else min(int(np.unique(x).size), cap)


def compress(x, y, max_degree, x_test=None, y_test=None, folds=N_FOLDS, weights=None):
    """Reduce training (and held-out) rows to triangles that serve every degree up to ``max_degree``.

    One pass over the rows, in chunks (see ``CompressedData`` and the module docstring).

    Parameters
    ----------
    x, y : array-like of shape (n,)
    max_degree : int
    x_test, y_test : array-like of shape (m,), optional
        Held-out rows: both or neither.
    folds : int, default=5
        Cross-validation folds (``fold_assignment``); 0 for none.
    weights : array-like of shape (n,), optional
        Non-negative row weights, e.g. bootstrap counts: a row of weight c counts as c
        copies of it (min, max, means and standard deviations included; rows of weight 0
        are left out). Not with folds.

    Returns
    -------
    CompressedData
    """
    x, y = check_xy(x, y)
    max_degree = check_degree(max_degree)
    x_test, y_test = check_held_out(x_test, y_test)
    if weights is not None:
        if folds:
            raise ValueError("weighted rows cannot be split into folds; pass folds=0.")
        weights = np.asarray(weights, dtype=float)
        if weights.shape != x.shape or not np.isfinite(weights).all() or (weights < 0).any():
            raise ValueError("weights must be one finite, non-negative number per row.")
        kept = weights > 0
        x, y, weights = x[kept], y[kept], weights[kept]
        if x.size == 0 or x.min() == x.max():
            raise ValueError("x needs at least two different values (among rows of positive weight) to fit a curve.")
    elif folds and x.size < folds:
        raise ValueError(f"{folds}-fold cross-validation needs at least {folds} rows, got {x.size}.")
    x_min, x_max = float(np.min(x)), float(np.max(x))
    x_span = x_max - x_min
    if not np.isfinite(x_span) or x_span <= 0:
        raise ValueError("the range of x is too large to compute (max - min overflows); rescale x first.")
    t = (x - x_min) / x_span
    moments = _Moments(max_degree)
    if weights is None:
        n = float(x.size)
        y_mean = float(y.mean())
        y_sd = float(y.std())
    else:
        n = float(weights.sum())
        y_mean = float(weights @ y / n)
        y_sd = float(np.sqrt(weights @ np.square(y - y_mean) / n))

    fold_triangles = fold_train_triangles = fold_sizes = None
    if folds:
        rows = fold_assignment(x.size, folds)
        fold_sizes = np.array([r.size for r in rows])
        fold_triangles = np.array([_compress_rows(t[r], y[r], max_degree, moments=moments) for r in rows])
        triangle = _stack_qr(fold_triangles)
        fold_train_triangles = np.array([_stack_qr(np.delete(fold_triangles, k, axis=0)) for k in range(folds)])
    else:
        triangle = _compress_rows(t, y, max_degree, weights, moments)
    scale = np.sqrt(moments.squares / moments.count)
    scale[scale == 0] = 1.0

    test_triangle, n_test = None, 0
    if x_test is not None and x_test.size:
        test_triangle = _compress_rows((x_test - x_min) / x_span, y_test, max_degree)
        n_test = x_test.size
    return CompressedData(
        max_degree=max_degree,
        n=n,
        x_min=x_min,
        x_span=x_span,
        mean=moments.mean,
        scale=scale,
        y_mean=y_mean,
        y_sd=y_sd,
        n_distinct=_count_distinct(x, max_degree + 1),
        triangle=triangle,
        fold_triangles=fold_triangles,
        fold_train_triangles=fold_train_triangles,
        fold_sizes=fold_sizes,
        test_triangle=test_triangle,
        n_test=n_test,
    )


def _diagonal_ratio(triangle, degree):
    diagonal = np.abs(np.diag(triangle)[: degree + 1])
    return diagonal.min() / diagonal.max()


class _TriangleFit:
    """Ridge fits for every λ > 0 from one triangle (rows of the training set or of a fold's complement).

    With c = R[:d+1, y] (y in Q's coordinates) and B = R[1:d+1, 1:d+1]·Ã, Ã the scaled
    monomial-to-Legendre block, B = u·diag(s)·vt is the SVD of the centred standardized
    features in Q's coordinates, so every formula of the SVD route applies with
    ``fitted`` = uᵀ·c[1:].
    """

    def __init__(self, triangle, degree, scaled, alphas):
        d = degree
        self.triangle, self.degree = triangle, d
        u, s, vt, info = scipy.linalg.lapack.dgesdd(triangle[1 : d + 1, 1 : d + 1] @ scaled, full_matrices=0)
        if info != 0:
            raise np.linalg.LinAlgError(f"SVD did not converge (LAPACK info {info}).")
        self.u, self.s, self.vt = u, s, vt
        self.fitted = u.T @ triangle[1 : d + 1, -1]
        denominators = np.square(s) + alphas[:, None]
        self.kept = np.square(s) / denominators
        self.removed = alphas[:, None] / denominators
        self.coef = (s / denominators * self.fitted) @ vt
        # Training rows' mean of the constant and of each Legendre column: R[0, j] / R[0, 0].
        self.row_means = triangle[0, : d + 1] / triangle[0, 0]
        self.y_mean = triangle[0, -1] / triangle[0, 0]

    def outside(self):
        """Squared norm of the part of y no polynomial of this degree reaches."""
        tail = self.triangle[self.degree + 1 :, -1]
        return tail @ tail

    def legendre(self, transform):
        """Legendre coefficients (d + 1, L) of every fitted polynomial.

        By back substitution R_d·g = (fitted values in Q's coordinates) when R_d is well
        conditioned: no cancelling monomial weights. Otherwise from the weights, with each
        fit's own intercept, as scikit-learn computes it. ``transform`` is T, with
        z = T·(P0…P_d) as polynomials (row 0: the centring).
        """
        d = self.degree
        if _diagonal_ratio(self.triangle, d) >= _SOLVE_RATIO:
            values = np.empty((d + 1, self.kept.shape[0]))
            values[0] = self.triangle[0, -1]
            values[1:] = self.u @ (self.kept * self.fitted).T
            return scipy.linalg.solve_triangular(self.triangle[: d + 1, : d + 1], values)
        intercept = self.y_mean - self.coef @ (self.row_means @ transform)
        coefficients = transform @ self.coef.T
        coefficients[0] += intercept
        return coefficients


def _held_out_squares(triangle, legendre_coef):
    """Σ (y − p(x))² over the rows of ``triangle`` for each polynomial (columns of ``legendre_coef``)."""
    d = legendre_coef.shape[0] - 1
    misses = triangle[: d + 1, : d + 1] @ legendre_coef - triangle[: d + 1, -1:]
    tail = triangle[d + 1 :, -1]
    return np.vecdot(misses.T, misses.T) + tail @ tail


def _least_squares(triangle, degree):
    """Legendre coefficients of the degree-``degree`` least-squares fit: back substitution in R."""
    return scipy.linalg.solve_triangular(triangle[: degree + 1, : degree + 1], triangle[: degree + 1, -1])


def path_from_compressed(data, degree, lams=LAM_GRID):
    """A ``RidgePath`` of degree ``degree`` (at most ``data.max_degree``) from compressed data.

    The same fits, df, training and held-out errors as the small-data route; 5-fold
    cross-validation in ``cv_mse``/``cv_se`` when ``data`` has folds (``cv="none"`` and
    NaN otherwise). No pass over the rows: every number comes from the triangles.
    """
    degree = check_degree(degree)
    if degree > data.max_degree:
        raise ValueError(f"the data were compressed up to degree {data.max_degree}, not {degree}.")
    lams = _check_lams(lams)
    d, n = degree, data.n
    features = data.features(d)
    monomials = monomials_in_legendre(data.max_degree)[: d + 1, 1 : d + 1]
    transform = monomials / features.scale
    transform[0] -= features.mean / features.scale  # the centring: only the constant P0 moves
    scaled = transform[1:]
    positive = slice(1, None) if lams[0] == 0 else slice(None)
    alphas = n * lams[positive]
    unique = data.n_distinct >= d + 1

    fit = _TriangleFit(data.triangle, d, scaled, alphas)
    coef = np.empty((lams.size, d))
    intercept = np.full(lams.size, data.y_mean)  # the features are centred on these rows
    df = np.empty(lams.size)
    squares = np.empty(lams.size)
    coef[positive], df[positive] = fit.coef, fit.kept.sum(axis=1)
    squares[positive] = fit.outside() + np.vecdot(fit.removed * fit.fitted, fit.removed * fit.fitted)
    legendre_coef = None
    if lams[0] == 0:
        if unique:
            legendre_coef = _least_squares(data.triangle, d)
            intercept[0], coef[0] = features.legendre_to_weights(legendre_coef)
            squares[0], df[0] = fit.outside(), d
        else:  # too few distinct x: the λ → 0 limit is the minimum-norm fit, as with np.linalg.pinv(Z)
            # Directions below numpy's rank tolerance (matrix_rank's, the df counted) are
            # rounding noise and left out; pinv's default cut-off (1e-15·max s) would fit noise.
            s = fit.s
            rank = s > s.max() * max(n, d) * np.finfo(float).eps
            inverse = np.divide(1.0, s, out=np.zeros_like(s), where=rank)
            coef[0] = (inverse * fit.fitted) @ fit.vt
            squares[0] = fit.outside() + np.sum(np.square(fit.fitted[~rank]))
            df[0] = np.count_nonzero(rank)

    test_rmse = np.full(lams.size, np.nan)
    if data.test_triangle is not None:
        curves = np.empty((d + 1, lams.size))
        if legendre_coef is not None:
            curves[:, 0] = legendre_coef
        elif lams[0] == 0:
            curves[:, 0] = transform @ coef[0]
            curves[0, 0] += intercept[0]
        curves[:, positive] = fit.legendre(transform)
        test_rmse = np.sqrt(_held_out_squares(data.test_triangle, curves) / data.n_test)

    cv = "none"
    cv_mse = np.full(lams.size, np.nan)
    cv_se = np.full(lams.size, np.nan)
    if data.fold_triangles is not None:
        cv = f"{len(data.fold_triangles)}-fold"
        cv_mse, cv_se = _fold_errors(data, d, lams, positive, transform, unique)

    return RidgePath(
        lams=lams,
        coef=coef,
        intercept=intercept,
        train_rmse=np.sqrt(squares / n),
        test_rmse=test_rmse,
        df=df,
        cv_mse=cv_mse,
        cv_se=cv_se,
        features=features,
        legendre_coef=legendre_coef,
        y_sd=data.y_sd,
        cv=cv,
    )


def _fold_errors(data, degree, lams, positive, transform, unique):
    """Mean and standard error of the fold MSEs for every λ (see the module docstring for the convention)."""
    alphas = data.n * lams[positive]  # n = all training rows, as in leave-one-out
    errors = np.empty((len(data.fold_triangles), lams.size))
    for k, (held_out, rest) in enumerate(zip(data.fold_triangles, data.fold_train_triangles)):
        curves = np.empty((degree + 1, lams.size))
        curves[:, positive] = _TriangleFit(rest, degree, transform[1:], alphas).legendre(transform)
        if lams[0] == 0:
            if unique and _diagonal_ratio(rest, degree) >= _SINGULAR_RATIO:
                curves[:, 0] = _least_squares(rest, degree)
            else:
                curves[:, 0] = np.nan  # least squares on the other folds is not unique: not judged
        errors[k] = _held_out_squares(held_out, curves) / data.fold_sizes[k]
    errors[np.isnan(errors)] = np.inf
    mse = errors.mean(axis=0)
    with np.errstate(invalid="ignore"):
        se = errors.std(axis=0, ddof=1) / np.sqrt(errors.shape[0])
    se[~np.isfinite(mse)] = np.inf
    return mse, se
