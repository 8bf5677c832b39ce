"""Ridge regression on standardized polynomial features, exactly as docs/maths.md defines it.

Minimize (1/n)·Σ(yᵢ − b − Σⱼ wⱼ zᵢⱼ)² + λ·Σⱼ wⱼ², the intercept b not penalized,
so any fit equals ``Ridge(alpha=n*lam)`` on the standardized features.
λ = 0 is solved in a Legendre basis (``legendre.py``), where least squares is well conditioned.
"""

from typing import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from .checks import check_column, check_degree, check_dense_real, check_lam, check_xy
from .features import FeatureMap
from .legendre import solve_legendre
from .path_svd import svd_fits


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

    coef_: NDArray[np.float64]
    intercept_: float
    features_: FeatureMap
    legendre_coef_: NDArray[np.float64] | None

    def __init__(self, degree: int = 15, lam: float = 1e-3) -> None:
        self.degree = degree
        self.lam = lam

    def fit(self, X: ArrayLike, y: ArrayLike | None) -> Self:
        """Fit the curve to one column ``X`` (shape (n, 1) or (n,)) and ``y``; return self."""
        degree = check_degree(self.degree)
        lam = check_lam(self.lam)
        if y is None:
            raise ValueError("PolynomialRidge requires y to be passed, but the target y is None.")
        check_dense_real(X, y)
        x, y = check_xy(X, y)
        self.features_, Z = FeatureMap.fit(x, degree)
        self.n_features_in_ = 1
        if lam == 0:
            self.legendre_coef_, _ = solve_legendre(self.features_.unit(x), y, degree)
            self.intercept_, self.coef_ = self.features_.legendre_to_weights(self.legendre_coef_)
            return self
        U, s, Vt = np.linalg.svd(Z, full_matrices=False)
        self.coef_ = svd_fits(U, s, Vt, y - y.mean(), np.array([[x.size * lam]]))[3][0]
        self.intercept_ = y.mean() - Z.mean(axis=0) @ self.coef_
        self.legendre_coef_ = None
        return self

    def predict(self, X: ArrayLike) -> NDArray[np.float64]:
        """Predicted y for each x in ``X``."""
        check_is_fitted(self)
        x = check_column(X)
        if self.legendre_coef_ is not None:
            return self.features_.legendre_value(x, self.legendre_coef_)
        return self.features_.transform(x) @ self.coef_ + self.intercept_
