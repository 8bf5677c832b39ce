"""The one feature map of L2 Lab: min-max scaling, powers, standardization.

Given x (one column), t = (x - min x) / (max x - min x) and the features
t, t**2, ..., t**degree, each standardized with the fitted data's mean and
population standard deviation. This is exactly
``make_pipeline(MinMaxScaler(), PolynomialFeatures(degree, include_bias=False),
StandardScaler())`` fitted on the same data.
"""

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from math import comb, factorial

import numpy as np
from numpy.polynomial import legendre

MAX_DEGREE = 30


def check_degree(degree):
    """Return ``degree`` as an int in [1, MAX_DEGREE] or raise ValueError."""
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)):
        raise ValueError(f"degree must be a whole number from 1 to {MAX_DEGREE}, got {degree!r}.")
    if not 1 <= degree <= MAX_DEGREE:
        raise ValueError(f"degree must be from 1 to {MAX_DEGREE}, got {degree}.")
    return int(degree)


def check_lam(lam):
    """Return ``lam`` as a finite float >= 0 or raise ValueError."""
    try:
        value = float(lam)
    except (TypeError, ValueError):
        raise ValueError(f"lam (the penalty strength) must be a number, got {lam!r}.") from None
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"lam (the penalty strength) must be zero or a positive finite number, got {lam!r}.")
    return value


def check_xy(x, y):
    """Validate one x column and a target; return float arrays of shape (n,).

    Raises
    ------
    ValueError
        If shapes do not match, values are not finite, or x has fewer than
        two distinct values (a curve cannot be placed through one x).
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 1:
        raise ValueError(f"x must be one column of numbers, got an array of shape {x.shape}.")
    y = np.asarray(y, dtype=float)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"y must be one column of numbers, got an array of shape {y.shape}.")
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"x and y must have the same number of rows, got {x.shape[0]} and {y.shape[0]}.")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("x and y must not contain missing, NaN or infinite values; remove those rows first.")
    if x.size == 0 or x.min() == x.max():  # fewer than two distinct values (as np.unique, without sorting)
        raise ValueError("x needs at least two different values to fit a curve.")
    return x, y


def check_held_out(x_test, y_test):
    """Validate held-out data like training data: both or neither, one column each, same length, finite.

    Returns float arrays of shape (m,), or (None, None) when neither is given. Unlike
    the training x, held-out x may hold a single value (or none: then there is
    nothing to judge, as if no held-out data were given).
    """
    if x_test is None and y_test is None:
        return None, None
    if x_test is None or y_test is None:
        raise ValueError("held-out data needs both x_test and y_test (or neither).")
    columns = []
    for name, values in (("x_test", x_test), ("y_test", y_test)):
        values = np.asarray(values, dtype=float)
        if values.ndim == 2 and values.shape[1] == 1:
            values = values[:, 0]
        if values.ndim != 1:
            raise ValueError(f"{name} must be one column of numbers, got an array of shape {values.shape}.")
        columns.append(values)
    x_test, y_test = columns
    if x_test.size != y_test.size:
        raise ValueError(f"x_test and y_test must have the same number of rows, got {x_test.size} and {y_test.size}.")
    if not (np.isfinite(x_test).all() and np.isfinite(y_test).all()):
        raise ValueError("x_test and y_test (the held-out data) must not contain missing, NaN or infinite values.")
    return x_test, y_test


@dataclass(frozen=True)
class FeatureMap:
    """Learned scaling of the polynomial features (see module docstring)."""

    x_min: float
    x_span: float
    mean: np.ndarray
    scale: np.ndarray

    @property
    def degree(self):
        return self.mean.size

    @classmethod
    def fit(cls, x, degree):
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

    def unit(self, x):
        """x mapped to t: 0 at the smallest fitted x, 1 at the largest."""
        return (np.asarray(x, dtype=float) - self.x_min) / self.x_span

    def transform(self, x):
        """Standardized features Z, shape (len(x), degree)."""
        return (_powers(self.unit(x), self.degree) - self.mean) / self.scale

    def legendre_value(self, x, leg_coef):
        """A polynomial given by Legendre coefficients (on u = 2t - 1), evaluated at ``x``."""
        return legendre.legval(2.0 * self.unit(x) - 1.0, leg_coef)

    def legendre_to_weights(self, leg_coef):
        """Express a polynomial in Legendre form (on u = 2t - 1) as (intercept, weights).

        The weights multiply the standardized features, so ``transform(x) @ w + b``
        is the same curve. With many terms the numbers are huge and cancel:
        that is the basis, not an error, and why curves at λ = 0 are evaluated
        in Legendre form.
        """
        in_t = _shifted_legendre_powers(self.degree) @ leg_coef
        weights = in_t[1:] * self.scale
        intercept = in_t[0] + in_t[1:] @ self.mean
        return intercept, weights


@cache
def _shifted_legendre_powers(degree):
    """Matrix whose column k holds the coefficients of t⁰…t^degree in Pₖ(2t − 1).

    Pₖ(2t − 1) = Σⱼ (−1)^(k+j) C(k, j) C(k+j, j) tʲ: exact integers, no conversion error.
    """
    matrix = np.zeros((degree + 1, degree + 1))
    for k in range(degree + 1):
        for j in range(k + 1):
            matrix[j, k] = (-1) ** (k + j) * comb(k, j) * comb(k + j, j)
    matrix.setflags(write=False)
    return matrix


def _powers(t, degree):
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


def legendre_design(t, degree):
    """Legendre polynomials P0..P_degree at u = 2t - 1: a well-conditioned basis.

    The same numbers as ``numpy.polynomial.legendre.legvander(2t - 1, degree)``
    (Bonnet's recurrence, same order of operations), computed in place; column-major
    like it.
    """
    u = 2.0 * np.asarray(t, dtype=float) - 1.0
    design = np.empty((degree + 1, u.size))
    legendre_fill(u, design.T)
    return design.T


def legendre_fill(u, out):
    """Write P0(u)..P_k(u) into the columns of ``out`` (shape (len(u), k + 1)), in place.

    Each column of ``out`` should be contiguous (column-major ``out``), as LAPACK wants it.
    """
    degree = out.shape[1] - 1
    out[:, 0] = 1.0
    if degree > 0:
        out[:, 1] = u
        term = np.empty(u.size)
        for i in range(2, degree + 1):  # i·Pᵢ = (2i − 1)·u·Pᵢ₋₁ − (i − 1)·Pᵢ₋₂
            row = out[:, i]
            np.multiply(out[:, i - 1], u, out=row)
            row *= 2 * i - 1
            np.multiply(out[:, i - 2], i - 1, out=term)
            row -= term
            row /= i


@cache
def monomials_in_legendre(degree):
    """Matrix whose column k holds the coefficients of tᵏ in P0(2t − 1)…P_degree(2t − 1).

    tᵏ = Σⱼ (2j + 1)·k!² / ((k + j + 1)!·(k − j)!) · Pⱼ(2t − 1), j = 0…k: every entry is a
    positive rational at most 1, rounded once (correctly) to float. The inverse of
    ``_shifted_legendre_powers``; upper triangular, so the block for a smaller degree is
    its leading block. It turns a Legendre factorization into one of the monomial
    features without ever forming the ill-conditioned monomial columns.
    """
    matrix = np.zeros((degree + 1, degree + 1))
    for k in range(degree + 1):
        for j in range(k + 1):
            matrix[j, k] = float(Fraction((2 * j + 1) * factorial(k) ** 2, factorial(k + j + 1) * factorial(k - j)))
    matrix.setflags(write=False)
    return matrix
