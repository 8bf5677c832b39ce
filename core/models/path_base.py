"""What every λ path shares: the result of a path (its grid of penalty strengths is in ``grid``).

The two routes that compute a path (``path_svd``: one SVD, exact leave-one-out;
``path_compressed``: rows reduced to small triangles, K-fold cross-validation) and the
two kinds of model (a polynomial curve, ``core.models.path``; a matrix of signals,
``core.models.signals``) all return a ``LamPath``: weights and errors for every λ of a grid.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..verdict import sweet_spot
from .features import FeatureMap
from .grid import LEAVE_ONE_OUT, SLIDER_LAMS


@dataclass(frozen=True)
class LamPath:
    """Fits and errors of one dataset for every λ of a grid.

    Attributes
    ----------
    lams : ndarray of shape (L,)
        Penalty strengths, ascending.
    coef : ndarray of shape (L, p)
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
        own fit, so leaving it out cannot be judged); above, K-fold cross-validation
        (mean of the fold MSEs and their standard deviation / √K; ``inf`` at λ = 0 where a
        fold's least squares is not unique). ``cv`` says which.
    y_sd : float
        Population standard deviation of the training y.
    cv : str
        ``"leave-one-out"`` or ``"5-fold"``: what ``cv_mse`` and ``cv_se`` measure
        (``"none"`` for an internal fit without cross-validation; they are NaN then).
    """

    lams: NDArray[np.float64]
    coef: NDArray[np.float64]
    intercept: NDArray[np.float64]
    train_rmse: NDArray[np.float64]
    test_rmse: NDArray[np.float64]
    df: NDArray[np.float64]
    cv_mse: NDArray[np.float64]
    cv_se: NDArray[np.float64]
    y_sd: float
    cv: str = LEAVE_ONE_OUT

    @property
    def best_index(self) -> int:
        """Index of the λ with the lowest cross-validated error."""
        return sweet_spot(self.cv_mse, self.cv_se).best

    @property
    def good_range(self) -> tuple[int, int]:
        """First and last index of the λ run around the best whose error is within one standard error of it.

        The one rule of ``core.verdict.sweet_spot``, which every verdict uses.
        """
        spot = sweet_spot(self.cv_mse, self.cv_se)
        return spot.low, spot.high

    def index_of(self, lam: float) -> int:
        """Index of the grid λ nearest to ``lam`` (in log scale; 0 only for 0)."""
        if lam <= 0:
            return 0
        positive = np.flatnonzero(self.lams > 0)
        return int(positive[np.argmin(np.abs(np.log(self.lams[positive]) - np.log(lam)))])

    @property
    def slider_rows(self) -> NDArray[np.intp]:
        """The path's row for each step of the λ control (``SLIDER_LAMS``)."""
        return np.array([self.index_of(lam) for lam in SLIDER_LAMS])


@dataclass(frozen=True, kw_only=True)
class RidgePath(LamPath):
    """A ``LamPath`` of a polynomial curve: one x column, its powers as the features.

    Attributes
    ----------
    features : FeatureMap
        The min-max scaling and standardization of the powers (``coef`` has shape (L, degree)).
    legendre_coef : ndarray or None
        The λ = 0 fit in the Legendre basis, when the grid holds λ = 0.
    """

    features: FeatureMap
    legendre_coef: NDArray[np.float64] | None

    @property
    def degree(self) -> int:
        return self.features.degree

    def predict(self, x: ArrayLike) -> NDArray[np.float64]:
        """Predictions at ``x`` for every λ: shape (L, len(x))."""
        x = np.asarray(x, dtype=float)
        predictions = self.coef @ self.features.transform(x).T + self.intercept[:, None]
        if self.legendre_coef is not None:
            predictions[0] = self.features.legendre_value(x, self.legendre_coef)
        return predictions
