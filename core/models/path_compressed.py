"""The large-data route of a λ path: the rows are reduced to small triangles first.

``core.models.path.ridge_path`` takes it above ``LARGE_N`` training rows; see ``compress`` and
``path_from_compressed``. The triangle machinery (``qr_rows``, ``stack_qr``, ``TriangleFit``,
``fold_errors``) serves any feature matrix; ``core.models.signals`` uses it too.

* The rows are reduced, in chunks, to the triangle R of a QR factorization of
  M = [P0(u) … P_D(u) | y] (Legendre polynomials of u = 2t − 1, t the min-max scaled x).
  R is (D + 2) × (D + 2) whatever the number of rows, and M = Q·R with Q orthonormal,
  so every sum of squares of a combination of M's columns is exact from R alone.
  Memory stays at one chunk of rows.
* Nested bases: P0…P_d are the leading columns of M for every d <= D, so one triangle
  serves every degree (its leading block, plus the y column).
* The standardized monomials are an exact linear map of the Legendre columns,
  zₖ = (tᵏ − μₖ)/σₖ with tᵏ = Σⱼ Aⱼₖ Pⱼ (``legendre.monomials_in_legendre``). Centring
  only touches P0 (the constant), so the centred features are Q₁…d·B with the small
  B = R[1:d+1, 1:d+1]·A[1:d+1, 1:d+1]·diag(1/σ): the SVD of B gives s, V and U (in Q's
  coordinates) for the formulas of ``path_svd``, with no ill-conditioned column ever
  formed and never a Gram matrix. μ and σ are the mean and population standard deviation
  of the powers over all training rows, as in the small route (computed chunk by chunk
  and merged; equal to rounding).
* Training error: the part of y outside the degree-d polynomials is the tail of R's
  y column; the rest is Σ (α/(s² + α)·cⱼ)², as above. Held-out error: the held-out rows
  get their own triangle, and a polynomial's squared error on them is a norm of a small
  product. Fits are turned into Legendre coefficients by a triangular solve (R_d·g =
  fitted values in Q's coordinates), which never goes through the (possibly huge,
  cancelling) monomial weights; where the Legendre block is badly conditioned on the
  data (diagonal ratio below 1e-8: too few distinct x, or x crowded at one end), the
  weights are used instead, as scikit-learn does.
* λ = 0: least squares in the Legendre basis, by back substitution in R's leading block.
* Cross-validation: leave-one-out is replaced by 5-fold cross-validation, the folds of
  ``KFold(5, shuffle=True, random_state=0)``. Each fold gets its own triangle;
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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import scipy.linalg
from numpy.typing import ArrayLike, NDArray
from sklearn.model_selection import KFold

from .checks import check_degree, check_held_out, check_lams, check_xy
from .features import FeatureMap
from .grid import LAM_GRID, N_FOLDS
from .legendre import legendre_fill, monomials_in_legendre
from .path_base import RidgePath

#: Rows per chunk of the compression: 8,192 × (D + 2) doubles, at most 2 MB (fastest of 2,048–16,384 here).
_CHUNK_ROWS = 8192
#: Fits are mapped to column coefficients by back substitution when the leading block's diagonal
#: ratio (smallest / largest) is at least this; below it, through the weights (see the module docstring).
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
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    y_mean: float
    y_sd: float
    n_distinct: int
    triangle: NDArray[np.float64]
    fold_triangles: NDArray[np.float64] | None
    fold_train_triangles: NDArray[np.float64] | None
    fold_sizes: NDArray[np.int_] | None
    test_triangle: NDArray[np.float64] | None
    n_test: int

    def features(self, degree: int) -> FeatureMap:
        """The ``FeatureMap`` of degree ``degree`` fitted on the training rows."""
        return FeatureMap(self.x_min, self.x_span, self.mean[:degree].copy(), self.scale[:degree].copy())


class FoldTriangles(Protocol):
    """What ``fold_errors`` reads: ``CompressedData``, or the fold triangles of many signals."""

    @property
    def n(self) -> float: ...
    @property
    def fold_triangles(self) -> NDArray[np.float64] | None: ...
    @property
    def fold_train_triangles(self) -> NDArray[np.float64] | None: ...
    @property
    def fold_sizes(self) -> NDArray[np.int_] | None: ...


def fold_rows(n: int, folds: int = N_FOLDS) -> list[NDArray[np.intp]]:
    """Row indices of each fold: ``KFold(folds, shuffle=True, random_state=0)``'s test folds, in its order."""
    splits = KFold(folds, shuffle=True, random_state=0).split(np.empty((n, 0)))
    return [test for _, test in splits]


class Moments:
    """Running count, mean and sum of squared deviations of each row of a (k, m) block, merged chunk by chunk.

    The merge (Chan, Golub and LeVeque) is exact in exact arithmetic and as accurate as a
    two-pass computation in floating point.
    """

    def __init__(self, size: int) -> None:
        self.count = 0.0
        self.mean = np.zeros(size)
        self.squares = np.zeros(size)

    def add(self, block: NDArray[np.float64], weights: NDArray[np.float64] | None = None) -> None:
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

    @property
    def scale(self) -> NDArray[np.float64]:
        """Population standard deviations, 1 where a row is constant (as ``StandardScaler``)."""
        scale = np.sqrt(self.squares / self.count)
        scale[scale == 0] = 1.0
        return scale


def _r_factor(rows: NDArray[np.float64]) -> NDArray[np.float64]:
    """The upper triangle R (columns × columns) of a QR factorization of ``rows`` (overwritten)."""
    _, triangle = scipy.linalg.qr(rows, overwrite_a=True, mode="raw", check_finite=False)
    return triangle


def stack_qr(triangles: Sequence[NDArray[np.float64]] | NDArray[np.float64]) -> NDArray[np.float64]:
    """The R factor of the rows of several triangles stacked: the R of the union of their rows."""
    return _r_factor(np.asfortranarray(np.vstack(list(triangles))))


def qr_rows(fill: Callable[[int, int, NDArray[np.float64]], None], n_rows: int, width: int) -> NDArray[np.float64]:
    """R of an n_rows × ``width`` matrix whose rows ``fill(start, stop, out)`` writes, a chunk of rows at a time.

    Each step factors [R so far; next chunk] (``R = qr(vstack([R, chunk]))``), so memory
    is one chunk whatever the number of rows. ``out`` is a column-major (stop − start, width) view.
    """
    triangle = np.zeros((width, width))
    rows = max(1, min(_CHUNK_ROWS, n_rows))
    work = np.empty((width + rows, width), order="F")
    for start in range(0, n_rows, rows):
        stop = min(start + rows, n_rows)
        if stop - start < rows:
            work = np.empty((width + stop - start, width), order="F")
        work[:width] = triangle
        fill(start, stop, work[width:])
        triangle = _r_factor(work)
    return triangle


def _compress_rows(
    t: NDArray[np.float64],
    y: NDArray[np.float64],
    degree: int,
    weights: NDArray[np.float64] | None = None,
    moments: Moments | None = None,
) -> NDArray[np.float64]:
    """R of [P0(u)…P_degree(u) | y], u = 2t − 1, rows times √weights.

    ``moments`` (a ``Moments`` of size ``degree``), if given, also collects the powers
    t, t², …, t^degree of every row.
    """
    powers = np.empty((degree, max(1, min(_CHUNK_ROWS, t.size)))) if moments is not None else None

    def fill(start: int, stop: int, out: NDArray[np.float64]) -> None:
        chunk_t = t[start:stop]
        legendre_fill(2.0 * chunk_t - 1.0, out[:, : degree + 1])
        out[:, degree + 1] = y[start:stop]
        chunk_weights = None if weights is None else weights[start:stop]
        if chunk_weights is not None:
            out *= np.sqrt(chunk_weights)[:, None]
        if moments is not None and powers is not None:
            block = powers[:, : stop - start]
            block[0] = chunk_t
            for k in range(1, degree):
                np.multiply(block[k - 1], chunk_t, out=block[k])
            moments.add(block, chunk_weights)

    return qr_rows(fill, t.size, degree + 2)


def _count_distinct(x: NDArray[np.float64], cap: int) -> int:
    """How many distinct values ``x`` holds, counted up to ``cap`` (a sample first: usually enough)."""
    found = np.unique(x[:: max(1, x.size // 65536)]).size
    return cap if found >= cap else min(int(np.unique(x).size), cap)


def compress(
    x: ArrayLike,
    y: ArrayLike,
    max_degree: int,
    x_test: ArrayLike | None = None,
    y_test: ArrayLike | None = None,
    folds: int = N_FOLDS,
    weights: ArrayLike | None = None,
) -> CompressedData:
    """Reduce training (and held-out) rows to triangles that serve every degree up to ``max_degree``.

    One pass over the rows, in chunks (see ``CompressedData`` and the module docstring).

    Parameters
    ----------
    x, y : array-like of shape (n,)
    max_degree : int
    x_test, y_test : array-like of shape (m,), optional
        Held-out rows: both or neither.
    folds : int, default=5
        Cross-validation folds (``fold_rows``); 0 for none.
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
    moments = Moments(max_degree)
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
        rows = fold_rows(x.size, folds)
        fold_sizes = np.array([r.size for r in rows])
        fold_triangles = np.array([_compress_rows(t[r], y[r], max_degree, moments=moments) for r in rows])
        triangle = stack_qr(fold_triangles)
        fold_train_triangles = np.array([stack_qr(np.delete(fold_triangles, k, axis=0)) for k in range(folds)])
    else:
        triangle = _compress_rows(t, y, max_degree, weights, moments)

    test_triangle, n_test = None, 0
    if x_test is not None and y_test is not None and x_test.size:
        test_triangle = _compress_rows((x_test - x_min) / x_span, y_test, max_degree)
        n_test = x_test.size
    return CompressedData(
        max_degree=max_degree,
        n=n,
        x_min=x_min,
        x_span=x_span,
        mean=moments.mean,
        scale=moments.scale,
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


def diagonal_ratio(triangle: NDArray[np.float64], d: int) -> float:
    """Smallest over largest |diagonal| of the leading (d + 1) × (d + 1) block: near 0 when it is singular."""
    diagonal = np.abs(np.diag(triangle)[: d + 1])
    return diagonal.min() / diagonal.max()


class TriangleFit:
    """Ridge fits for every λ > 0 from one triangle (rows of the training set or of a fold's complement).

    The triangle's columns are [constant | d feature columns | y]. With c = R[:d+1, y] (y in
    Q's coordinates) and B = R[1:d+1, 1:d+1]·Ã, Ã the map from the feature columns to the
    scaled features (``scaled``), B = u·diag(s)·vt is the SVD of the centred standardized
    features in Q's coordinates, so every formula of the SVD route applies with
    ``fitted`` = uᵀ·c[1:].
    """

    def __init__(
        self, triangle: NDArray[np.float64], d: int, scaled: NDArray[np.float64], alphas: NDArray[np.float64]
    ) -> None:
        self.triangle, self.degree = triangle, d
        u, s, vt = scipy.linalg.svd(
            triangle[1 : d + 1, 1 : d + 1] @ scaled, full_matrices=False, check_finite=False, lapack_driver="gesdd"
        )
        self.u, self.s, self.vt = u, s, vt
        self.fitted = u.T @ triangle[1 : d + 1, -1]
        denominators = np.square(s) + alphas[:, None]
        self.kept = np.square(s) / denominators
        self.removed = alphas[:, None] / denominators
        self.coef = (s / denominators * self.fitted) @ vt
        # Training rows' mean of the constant and of each feature column: R[0, j] / R[0, 0].
        self.row_means = triangle[0, : d + 1] / triangle[0, 0]
        self.y_mean = triangle[0, -1] / triangle[0, 0]

    def outside(self) -> float:
        """Squared norm of the part of y no combination of the feature columns reaches."""
        tail = self.triangle[self.degree + 1 :, -1]
        return float(tail @ tail)

    def column_coef(self, transform: NDArray[np.float64]) -> NDArray[np.float64]:
        """Coefficients (d + 1, L) of every fit on the triangle's columns (Legendre polynomials for a curve).

        By back substitution R_d·g = (fitted values in Q's coordinates) when R_d is well
        conditioned: no cancelling weights. Otherwise from the weights, with each fit's
        own intercept, as scikit-learn computes it. ``transform`` is T, with
        z = T·(the columns) (row 0: the centring).
        """
        d = self.degree
        if diagonal_ratio(self.triangle, d) >= _SOLVE_RATIO:
            values = np.empty((d + 1, self.kept.shape[0]))
            values[0] = self.triangle[0, -1]
            values[1:] = self.u @ (self.kept * self.fitted).T
            return scipy.linalg.solve_triangular(self.triangle[: d + 1, : d + 1], values, check_finite=False)
        intercept = self.y_mean - self.coef @ (self.row_means @ transform)
        coefficients = transform @ self.coef.T
        coefficients[0] += intercept
        return coefficients

    def min_norm(self, n: float) -> tuple[NDArray[np.float64], float, int]:
        """The λ → 0 limit where least squares is not unique: the minimum-norm weights.

        Directions below numpy's rank tolerance (matrix_rank's, the df counted) are
        rounding noise and left out; pinv's default cut-off (1e-15·max s) would fit noise.
        Returns the weights, the training sum of squares and the rank.
        """
        s = self.s
        rank = s > s.max() * max(n, self.degree) * np.finfo(float).eps
        inverse = np.divide(1.0, s, out=np.zeros_like(s), where=rank)
        coef = (inverse * self.fitted) @ self.vt
        return coef, self.outside() + np.sum(np.square(self.fitted[~rank])), int(np.count_nonzero(rank))


def held_out_squares(triangle: NDArray[np.float64], column_coef: NDArray[np.float64]) -> NDArray[np.float64]:
    """Σ (y − prediction)² over the rows of ``triangle`` for each fit (columns of ``column_coef``)."""
    d = column_coef.shape[0] - 1
    misses = triangle[: d + 1, : d + 1] @ column_coef - triangle[: d + 1, -1:]
    tail = triangle[d + 1 :, -1]
    return np.vecdot(misses.T, misses.T) + tail @ tail


def least_squares(triangle: NDArray[np.float64], d: int) -> NDArray[np.float64]:
    """Coefficients on the first d + 1 columns of the least-squares fit: back substitution in R."""
    return scipy.linalg.solve_triangular(triangle[: d + 1, : d + 1], triangle[: d + 1, -1], check_finite=False)


def path_from_compressed(data: CompressedData, degree: int, lams: ArrayLike = LAM_GRID) -> RidgePath:
    """A ``RidgePath`` of degree ``degree`` (at most ``data.max_degree``) from compressed data.

    The same fits, df, training and held-out errors as the small-data route; 5-fold
    cross-validation in ``cv_mse``/``cv_se`` when ``data`` has folds (``cv="none"`` and
    NaN otherwise). No pass over the rows: every number comes from the triangles.
    """
    degree = check_degree(degree)
    if degree > data.max_degree:
        raise ValueError(f"the data were compressed up to degree {data.max_degree}, not {degree}.")
    lams = check_lams(lams)
    d, n = degree, data.n
    features = data.features(d)
    monomials = monomials_in_legendre(data.max_degree)[: d + 1, 1 : d + 1]
    transform = monomials / features.scale
    transform[0] -= features.mean / features.scale  # the centring: only the constant P0 moves
    scaled = transform[1:]
    positive = slice(1, None) if lams[0] == 0 else slice(None)
    alphas = n * lams[positive]
    unique = data.n_distinct >= d + 1

    fit = TriangleFit(data.triangle, d, scaled, alphas)
    coef = np.empty((lams.size, d))
    intercept = np.full(lams.size, data.y_mean)  # the features are centred on these rows
    df = np.empty(lams.size)
    squares = np.empty(lams.size)
    coef[positive], df[positive] = fit.coef, fit.kept.sum(axis=1)
    squares[positive] = fit.outside() + np.vecdot(fit.removed * fit.fitted, fit.removed * fit.fitted)
    legendre_coef = None
    if lams[0] == 0:
        if unique:
            legendre_coef = least_squares(data.triangle, d)
            intercept[0], coef[0] = features.legendre_to_weights(legendre_coef)
            squares[0], df[0] = fit.outside(), d
        else:  # too few distinct x: the λ → 0 limit is the minimum-norm fit, as with np.linalg.pinv(Z)
            coef[0], squares[0], df[0] = fit.min_norm(n)

    test_rmse = np.full(lams.size, np.nan)
    if data.test_triangle is not None:
        curves = np.empty((d + 1, lams.size))
        if legendre_coef is not None:
            curves[:, 0] = legendre_coef
        elif lams[0] == 0:
            curves[:, 0] = transform @ coef[0]
            curves[0, 0] += intercept[0]
        curves[:, positive] = fit.column_coef(transform)
        test_rmse = np.sqrt(held_out_squares(data.test_triangle, curves) / data.n_test)

    cv = "none"
    cv_mse = np.full(lams.size, np.nan)
    cv_se = np.full(lams.size, np.nan)
    if data.fold_triangles is not None:
        cv = f"{len(data.fold_triangles)}-fold"
        cv_mse, cv_se = fold_errors(data, d, lams, transform, unique)

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


def fold_errors(
    data: FoldTriangles, d: int, lams: NDArray[np.float64], transform: NDArray[np.float64], unique: bool
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Mean and standard error of the fold MSEs for every λ (see the module docstring for the convention).

    ``data`` has ``n``, ``fold_triangles``, ``fold_train_triangles`` and ``fold_sizes`` (``FoldTriangles``;
    none of them None); ``d`` feature columns; ``unique`` says whether least squares (λ = 0) can be unique at all.
    """
    fold_triangles, fold_train_triangles, fold_sizes = data.fold_triangles, data.fold_train_triangles, data.fold_sizes
    if fold_triangles is None or fold_train_triangles is None or fold_sizes is None:
        raise ValueError("cross-validation needs the data's fold triangles; these data were compressed without folds.")
    positive = slice(1, None) if lams[0] == 0 else slice(None)
    alphas = data.n * lams[positive]  # n = all training rows, as in leave-one-out
    errors = np.empty((len(fold_triangles), lams.size))
    for k, (held_out, rest) in enumerate(zip(fold_triangles, fold_train_triangles)):
        curves = np.empty((d + 1, lams.size))
        curves[:, positive] = TriangleFit(rest, d, transform[1:], alphas).column_coef(transform)
        if lams[0] == 0:
            if unique and diagonal_ratio(rest, d) >= _SINGULAR_RATIO:
                curves[:, 0] = least_squares(rest, d)
            else:
                curves[:, 0] = np.nan  # least squares on the other folds is not unique: not judged
        errors[k] = held_out_squares(held_out, curves) / fold_sizes[k]
    errors[np.isnan(errors)] = np.inf
    mse = errors.mean(axis=0)
    with np.errstate(invalid="ignore"):
        se = errors.std(axis=0, ddof=1) / np.sqrt(errors.shape[0])
    se[~np.isfinite(mse)] = np.inf
    return mse, se
