"""Every input check of the models, once: degree, λ, one x column and y, held-out data, matrices, labels.

Each returns the checked value (as the type the maths wants) or raises ``ValueError`` (``TypeError``
for sparse input) with a message in plain words.
"""

from collections.abc import Sequence

import numpy as np
import scipy.sparse
from numpy.typing import ArrayLike, NDArray

MAX_DEGREE = 30


def check_degree(degree: int) -> int:
    """Return ``degree`` as an int in [1, MAX_DEGREE] or raise ValueError."""
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)):
        raise ValueError(f"degree must be a whole number from 1 to {MAX_DEGREE}, got {degree!r}.")
    if not 1 <= degree <= MAX_DEGREE:
        raise ValueError(f"degree must be from 1 to {MAX_DEGREE}, got {degree}.")
    return int(degree)


def check_lam(lam: float) -> float:
    """Return ``lam`` as a finite float >= 0 or raise ValueError."""
    try:
        value = float(lam)
    except (TypeError, ValueError):
        raise ValueError(f"lam (the penalty strength) must be a number, got {lam!r}.") from None
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"lam (the penalty strength) must be zero or a positive finite number, got {lam!r}.")
    return value


def check_lams(lams: ArrayLike) -> NDArray[np.float64]:
    """Return ``lams`` as an ascending float array of finite values >= 0, or raise ValueError."""
    lams = np.asarray(lams, dtype=float)
    if lams.ndim != 1 or lams.size == 0:
        raise ValueError("lams must be a non-empty list of penalty strengths.")
    if lams[0] >= 0 and np.isfinite(lams[-1]) and (lams[1:] > lams[:-1]).all():
        return lams  # ascending from a value >= 0 to a finite one: all valid (NaN fails every comparison)
    if not np.isfinite(lams).all() or (lams < 0).any():
        raise ValueError("every λ in lams must be zero or a positive finite number.")
    if (np.diff(lams) <= 0).any():
        raise ValueError("lams must be in increasing order without repeats.")
    return lams


def check_xy(x: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
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


def check_held_out(
    x_test: ArrayLike | None, y_test: ArrayLike | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | tuple[None, None]:
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


def check_dense_real(*arrays: object) -> None:
    """Refuse what numpy would otherwise convert silently: sparse matrices, complex numbers."""
    for values in arrays:
        if scipy.sparse.issparse(values):
            raise TypeError("PolynomialRidge takes a dense column of numbers: sparse input is not supported.")
        if np.issubdtype(getattr(values, "dtype", np.float64), np.complexfloating):  # lists of complex fail later
            raise ValueError("Complex data not supported: x and y must be real numbers.")


def check_column(X: ArrayLike) -> NDArray[np.float64]:
    """One dense, real, finite column of numbers (shape (n, 1) or (n,)) as a float array of shape (n,)."""
    check_dense_real(X)
    x = np.asarray(X, dtype=float)
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 1:
        raise ValueError(f"X must be one column of numbers, got an array of shape {x.shape}.")
    if not np.isfinite(x).all():
        raise ValueError("X must not contain missing, NaN or infinite values.")
    return x


def check_matrix(
    X: ArrayLike, y: ArrayLike, scaled: ArrayLike | None, min_rows: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """A table of signals (rows, signals), y one value per row and ``scaled`` one flag per column, all checked."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(f"X must be a table (rows, signals) and y one value per row; got {X.shape} and {y.shape}.")
    if X.shape[0] < min_rows or X.shape[1] == 0:
        raise ValueError(
            f"the model needs at least {min_rows} rows and one signal; got n_samples = {X.shape[0]} "
            f"and {X.shape[1]} signals."
        )
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("X and y must not contain missing, NaN or infinite values; remove those rows first.")
    scaled = np.ones(X.shape[1], dtype=bool) if scaled is None else np.asarray(scaled, dtype=bool)
    if scaled.shape != (X.shape[1],):
        raise ValueError("scaled needs one True/False per column of X.")
    return X, y, scaled


def check_held_out_rows(
    X_test: ArrayLike | None, y_test: NDArray[np.float64] | Sequence[float] | None, p: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | tuple[None, None]:
    """Held-out rows of a table of ``p`` signals as float arrays, or (None, None) when there are none."""
    if X_test is None or y_test is None or len(y_test) == 0:
        return None, None
    X_test, y_test = np.asarray(X_test, dtype=float), np.asarray(y_test, dtype=float)
    if X_test.shape != (y_test.size, p) or not (np.isfinite(X_test).all() and np.isfinite(y_test).all()):
        raise ValueError(f"held-out rows need the {p} signals and y, all finite.")
    return X_test, y_test


def check_binary(y: ArrayLike) -> NDArray[np.float64]:
    """Labels of a classifier path: a 1-d array of 0 and 1 holding both, as floats."""
    y = np.asarray(y)
    if y.ndim != 1 or not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be a 1-d array of 0 and 1")
    if np.unique(y).size != 2:
        raise ValueError("both labels (0 and 1) must occur in the training rows")
    return y.astype(float)
