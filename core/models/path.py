"""Every λ at once for a polynomial curve: the public entry point of the λ path.

``ridge_path`` fits the curve of the one definition in docs/maths.md (x min-max scaled, powers
t…t^d standardized, (1/n)·Σ residual² + λ·Σ w², intercept not penalized) for every λ of
a grid from one factorization. Two routes, chosen by the number of training rows:

* up to ``LARGE_N``: one SVD of the standardized features, exact leave-one-out
  (``core.models.path_svd``);
* above: the rows compressed to small triangles by a chunked QR, 5-fold
  cross-validation (``core.models.path_compressed``).

The fits, df, training and held-out errors are the same numbers either way (to rounding).
"""

from numpy.typing import ArrayLike

from .checks import check_degree, check_held_out, check_lams, check_xy
from .grid import LAM_GRID, LARGE_N
from .path_base import RidgePath
from .path_compressed import compress, path_from_compressed
from .path_svd import svd_path


def ridge_path(
    x: ArrayLike,
    y: ArrayLike,
    degree: int,
    lams: ArrayLike = LAM_GRID,
    x_test: ArrayLike | None = None,
    y_test: ArrayLike | None = None,
) -> RidgePath:
    """Fit every λ of ``lams`` from one factorization of the training features.

    Up to ``LARGE_N`` training rows: one SVD, exact leave-one-out. Above: the rows are
    compressed to small triangles first (``compress``) and cross-validation is 5-fold
    (see ``core.models.path_compressed``). ``RidgePath.cv`` says which cross-validation was used.

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
    lams = check_lams(lams)
    x_test, y_test = check_held_out(x_test, y_test)
    if x.size > LARGE_N:
        return path_from_compressed(compress(x, y, degree, x_test, y_test), degree, lams)
    return svd_path(x, y, degree, lams, x_test, y_test)
