"""Ridge regression on standardized polynomial features, exactly as docs/maths.md defines it.

Minimize (1/n)·Σ(yᵢ − b − Σⱼ wⱼ zᵢⱼ)² + λ·Σⱼ wⱼ², the intercept b not penalized,
so any fit equals ``Ridge(alpha=n*lam)`` on the standardized features.
λ = 0 is solved in a Legendre basis, where least squares is well conditioned.
"""

import numpy as np
import scipy.linalg
import scipy.sparse
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from .features import FeatureMap, check_degree, check_lam, check_xy, legendre_design


def _solve_svd(U, s, Vt, y_centered, alphas):
    """Ridge weights for every alpha at once from the thin SVD Z = U·diag(s)·Vt.

    Returns an array of shape (len(alphas), n_features).
    """
    shrink = s / (s**2 + np.asarray(alphas, dtype=float)[:, None])
    return (shrink * (U.T @ y_centered)) @ Vt


def _legendre_qr(t, degree):
    """Thin QR of the Legendre design P0..P_degree at u = 2t − 1.

    Raises ValueError when there are fewer than ``degree + 1`` distinct t, so that
    least squares has no unique answer.
    """
    if np.unique(t).size < degree + 1:
        raise ValueError(
            f"with λ = 0 a degree-{degree} curve needs at least {degree + 1} different x values, "
            f"but there are only {np.unique(t).size}. Choose a smaller degree or a penalty λ > 0."
        )
    # scipy.linalg.qr(..., mode="economic") without its wrapper's overhead: same LAPACK calls, same numbers.
    # Kept on purpose: with scipy.linalg's qr, solve_triangular and svd wrappers (check_finite=False) the
    # whole λ path took 1.44× as long at n = 30 and 1.11× at n = 1,000 (A/B in one process, same weights).
    packed, tau, _, info = scipy.linalg.lapack.dgeqrf(legendre_design(t, degree), overwrite_a=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"QR of the Legendre design failed (LAPACK info {info}).")
    r = np.triu(packed[: degree + 1])
    q, _, info = scipy.linalg.lapack.dorgqr(packed, tau, overwrite_a=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"QR of the Legendre design failed (LAPACK info {info}).")
    return q, r


def _solve_legendre(t, y, degree):
    """Exact least squares of degree ``degree`` in the Legendre basis.

    Returns the Legendre coefficients and the orthonormal factor Q of the
    design (its squared row norms are the leverages).
    """
    return _legendre_lstsq(*_legendre_qr(t, degree), y)


def _legendre_lstsq(q, r, y):
    """Legendre coefficients from the design's thin QR: back substitution R·c = Qᵀy. Returns (c, q).

    The LAPACK call scipy.linalg.solve_triangular makes for a C-ordered R (Rᵀ, lower,
    transposed), without its wrapper's overhead.
    """
    coef, info = scipy.linalg.lapack.dtrtrs(r.T, q.T @ y, lower=1, trans=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"singular Legendre design: back substitution failed (LAPACK info {info}).")
    return coef, q


def _svd_in_span(Z, q):
    """Thin SVD of Z, given an orthonormal Q whose columns span Z's columns.

    The standardized powers and the Legendre polynomials of the same degree span
    the same space, so Z = Q·(QᵀZ): the SVD of the small (degree+1) × degree matrix
    QᵀZ gives Z's singular values and V, and U = Q·U_small. This replaces a second
    n-row factorization.
    """
    u_small, s, Vt, info = scipy.linalg.lapack.dgesdd(q.T @ Z, full_matrices=0)
    if info != 0:
        raise np.linalg.LinAlgError(f"SVD did not converge (LAPACK info {info}).")
    return (u_small.T @ q.T).T, s, Vt  # U column-major: each singular vector contiguous


def _check_dense_real(*arrays):
    """Refuse what numpy would otherwise convert silently: sparse matrices, complex numbers."""
    for values in arrays:
        if scipy.sparse.issparse(values):
            raise TypeError("PolynomialRidge takes a dense column of numbers: sparse input is not supported.")
        if np.issubdtype(getattr(values, "dtype", np.float64), np.complexfloating):  # lists of complex fail later
            raise ValueError("Complex data not supported: x and y must be real numbers.")


def _as_column(X):
    _check_dense_real(X)
    x = np.asarray(X, dtype=float)
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 1:
        raise ValueError(f"X must be one column of numbers, got an array of shape {x.shape}.")
    if not np.isfinite(x).all():
        raise ValueError("X must not contain missing, NaN or infinite values.")
    return x


class PolynomialRidge(RegressorMixin, BaseEstimator):
    """Polynomial curve with an L2 penalty, as one scikit-learn estimator.

    Equal to ``make_pipeline(MinMaxScaler(), PolynomialFeatures(degree,
    include_bias=False), StandardScaler(), Ridge(alpha=n * lam))``.

    Parameters
    ----------
    degree : int, default=15
        Highest power of x, from 1 to 30.
    lam : float, default=1e-3
        Penalty strength λ >= 0. It does not depend on the number of rows or
        on the units of x and y. ``lam=0`` is exact least squares.

    Attributes
    ----------
    coef_ : ndarray of shape (degree,)
        Weights of the standardized features t, t², …, t^degree.
    intercept_ : float
        The unpenalized constant (the pipeline's ``Ridge.intercept_``).
    features_ : FeatureMap
        The learned min-max and standardization constants.
    legendre_coef_ : ndarray of shape (degree + 1,) or None
        For ``lam=0``, the same curve in the Legendre basis, used to predict.
    """

    def __init__(self, degree=15, lam=1e-3):
        self.degree = degree
        self.lam = lam

    def fit(self, X, y):
        """Fit the curve to one column ``X`` (shape (n, 1) or (n,)) and ``y``; return self."""
        degree = check_degree(self.degree)
        lam = check_lam(self.lam)
        if y is None:
            raise ValueError("PolynomialRidge requires y to be passed, but the target y is None.")
        _check_dense_real(X, y)
        x, y = check_xy(X, y)
        self.features_, Z = FeatureMap.fit(x, degree)
        self.n_features_in_ = 1
        if lam == 0:
            self.legendre_coef_, _ = _solve_legendre(self.features_.unit(x), y, degree)
            self.intercept_, self.coef_ = self.features_.legendre_to_weights(self.legendre_coef_)
            return self
        U, s, Vt = np.linalg.svd(Z, full_matrices=False)
        self.coef_ = _solve_svd(U, s, Vt, y - y.mean(), [x.size * lam])[0]
        self.intercept_ = y.mean() - Z.mean(axis=0) @ self.coef_
        self.legendre_coef_ = None
        return self

    def predict(self, X):
        """Predicted y for each x in ``X``."""
        check_is_fitted(self)
        x = _as_column(X)
        if self.legendre_coef_ is not None:
            return self.features_.legendre_value(x, self.legendre_coef_)
        return self.features_.transform(x) @ self.coef_ + self.intercept_
