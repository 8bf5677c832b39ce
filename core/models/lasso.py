"""L1 (lasso) weights on the same features as the ridge path, for comparison.

Our L1 analogue minimizes (1/n)·Σ(yᵢ − b − Σⱼ wⱼ zᵢⱼ)² + λ·Σⱼ |wⱼ|, which is
scikit-learn's ``Lasso(alpha=λ / 2)`` (it minimizes (1/(2n))·‖r‖² + α·‖w‖₁).
"""

import warnings

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import lasso_path

from .path_base import RidgePath


def lasso_weights(path: RidgePath, x: ArrayLike, y: NDArray[np.float64], lams: ArrayLike) -> NDArray[np.float64]:
    """Lasso weights for each λ > 0 of ``lams`` (ascending), shape (len(lams), degree).

    Uses the ridge path's standardized features of ``x`` (its training x), so the two sets
    of weights are directly comparable. At the smallest λ coordinate descent may stop
    before full convergence on these strongly correlated features; those weights are
    then close, not exact, which the comparison chart does not need.
    """
    lams = np.asarray(lams, dtype=float)
    if (lams <= 0).any() or (np.diff(lams) <= 0).any():
        raise ValueError("lams must be positive and increasing for the lasso path.")
    Z = path.features.transform(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, coefs, _ = lasso_path(Z, y - np.mean(y), alphas=lams[::-1] / 2, max_iter=20_000, tol=1e-6)
    return coefs.T[::-1]
