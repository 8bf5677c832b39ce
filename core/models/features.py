"""The one feature map of L2 Lab: min-max scaling, powers, standardization.

Given x (one column), t = (x - min x) / (max x - min x) and the features
t, t**2, ..., t**degree, each standardized with the fitted data's mean and
population standard deviation. This is exactly
``make_pipeline(MinMaxScaler(), PolynomialFeatures(degree, include_bias=False),
StandardScaler())`` fitted on the same data.
"""

from dataclasses import dataclass
from typing import Self, cast

import numpy as np
from numpy.polynomial import legendre
from numpy.typing import ArrayLike, NDArray

from .legendre import shifted_legendre_powers


@dataclass(frozen=True)
class FeatureMap:
    """Learned scaling of the polynomial features (see module docstring)."""

    x_min: float
    x_span: float
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]

    @property
    def degree(self) -> int:
        return self.mean.size

    @classmethod
    def fit(cls, x: NDArray[np.float64], degree: int) -> tuple[Self, NDArray[np.float64]]:
        """Learn the scaling from ``x``; return it with the standardized features of ``x``."""
        x_min, x_max = float(np.min(x)), float(np.max(x))
        x_span = x_max - x_min
        if not np.isfinite(x_span) or x_span <= 0:
            raise ValueError("the range of x is too large to compute (max - min overflows); rescale x first.")
        features = _powers((x - x_min) / x_span, degree)
        mean = features.mean(axis=0)
        features -= mean
        scale = np.sqrt(np.einsum("ij,ij->j", features, features) / x.size)
        scale[scale == 0] = 1.0
        features /= scale
        return cls(x_min, x_span, mean, scale), features

    def unit(self, x: ArrayLike) -> NDArray[np.float64]:
        """x mapped to t: 0 at the smallest fitted x, 1 at the largest."""
        return (np.asarray(x, dtype=float) - self.x_min) / self.x_span

    def transform(self, x: ArrayLike) -> NDArray[np.float64]:
        """Standardized features Z, shape (len(x), degree)."""
        return (_powers(self.unit(x), self.degree) - self.mean) / self.scale

    def legendre_value(self, x: ArrayLike, leg_coef: NDArray[np.float64]) -> NDArray[np.float64]:
        """A polynomial given by Legendre coefficients (on u = 2t - 1), evaluated at ``x``."""
        return cast(NDArray[np.float64], legendre.legval(2.0 * self.unit(x) - 1.0, leg_coef))

    def legendre_to_weights(self, leg_coef: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        """Express a polynomial in Legendre form (on u = 2t - 1) as (intercept, weights).

        The weights multiply the standardized features, so ``transform(x) @ w + b``
        is the same curve. With many terms the numbers are huge and cancel:
        that is the basis, not an error, and why curves at λ = 0 are evaluated
        in Legendre form.
        """
        in_t = shifted_legendre_powers(self.degree) @ leg_coef
        weights = in_t[1:] * self.scale
        intercept = in_t[0] + in_t[1:] @ self.mean
        return intercept, weights


def _powers(t: NDArray[np.float64], degree: int) -> NDArray[np.float64]:
    """t, t², …, t^degree as the columns of a column-major (len(t), degree) array.

    Each power is one contiguous multiply of the one before, the same products
    as ``np.vander(t, degree + 1, increasing=True)[:, 1:]``.
    """
    if np.ndim(t) != 1:
        raise ValueError("x must be a one-dimensional array.")
    powers = np.empty((degree, t.size))
    powers[0] = t
    for k in range(1, degree):
        np.multiply(powers[k - 1], t, out=powers[k])
    return powers.T
