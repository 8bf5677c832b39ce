"""The Legendre basis: a well-conditioned basis of the same polynomials as the standardized powers.

Least squares (λ = 0) is solved here, where it is exact; the λ path reuses the same QR for the SVD
of the standardized features (both bases span the same polynomials). ``monomials_in_legendre``
and ``shifted_legendre_powers`` convert between the two bases exactly.
"""

from fractions import Fraction
from functools import cache
from math import comb, factorial

import numpy as np
import scipy.linalg
from numpy.typing import ArrayLike, NDArray


def legendre_design(t: ArrayLike, degree: int) -> NDArray[np.float64]:
    """Legendre polynomials P0..P_degree at u = 2t - 1: a well-conditioned basis.

    The same numbers as ``numpy.polynomial.legendre.legvander(2t - 1, degree)``
    (Bonnet's recurrence, same order of operations), computed in place; column-major
    like it.
    """
    u = 2.0 * np.asarray(t, dtype=float) - 1.0
    design = np.empty((degree + 1, u.size))
    legendre_fill(u, design.T)
    return design.T


def legendre_fill(u: NDArray[np.float64], out: NDArray[np.float64]) -> None:
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
def shifted_legendre_powers(degree: int) -> NDArray[np.float64]:
    """Matrix whose column k holds the coefficients of t⁰…t^degree in Pₖ(2t − 1).

    Pₖ(2t − 1) = Σⱼ (−1)^(k+j) C(k, j) C(k+j, j) tʲ: exact integers, no conversion error.
    """
    matrix = np.zeros((degree + 1, degree + 1))
    for k in range(degree + 1):
        for j in range(k + 1):
            matrix[j, k] = (-1) ** (k + j) * comb(k, j) * comb(k + j, j)
    matrix.setflags(write=False)
    return matrix


@cache
def monomials_in_legendre(degree: int) -> NDArray[np.float64]:
    """Matrix whose column k holds the coefficients of tᵏ in P0(2t − 1)…P_degree(2t − 1).

    tᵏ = Σⱼ (2j + 1)·k!² / ((k + j + 1)!·(k − j)!) · Pⱼ(2t − 1), j = 0…k: every entry is a
    positive rational at most 1, rounded once (correctly) to float. The inverse of
    ``shifted_legendre_powers``; upper triangular, so the block for a smaller degree is
    its leading block. It turns a Legendre factorization into one of the monomial
    features without ever forming the ill-conditioned monomial columns.
    """
    matrix = np.zeros((degree + 1, degree + 1))
    for k in range(degree + 1):
        for j in range(k + 1):
            matrix[j, k] = float(Fraction((2 * j + 1) * factorial(k) ** 2, factorial(k + j + 1) * factorial(k - j)))
    matrix.setflags(write=False)
    return matrix


# --- LAPACK kernels ---
# scipy.linalg's qr(..., mode="economic"), solve_triangular and svd without their wrappers' overhead: the
# same LAPACK calls, the same numbers. Kept on purpose: with scipy.linalg's qr, solve_triangular and svd
# wrappers (check_finite=False) the whole λ path took 1.44× as long at n = 30 and 1.11× at n = 1,000 (A/B
# in one process, same weights).


def legendre_qr(t: NDArray[np.float64], degree: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Thin QR of the Legendre design P0..P_degree at u = 2t − 1.

    Raises ValueError when there are fewer than ``degree + 1`` distinct t, so that
    least squares has no unique answer.
    """
    if np.unique(t).size < degree + 1:
        raise ValueError(
            f"with λ = 0 a degree-{degree} curve needs at least {degree + 1} different x values, "
            f"but there are only {np.unique(t).size}. Choose a smaller degree or a penalty λ > 0."
        )
    packed, tau, _, info = scipy.linalg.lapack.dgeqrf(legendre_design(t, degree), overwrite_a=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"QR of the Legendre design failed (LAPACK info {info}).")
    r = np.triu(packed[: degree + 1])
    q, _, info = scipy.linalg.lapack.dorgqr(packed, tau, overwrite_a=True)
    if info != 0:
        raise np.linalg.LinAlgError(f"QR of the Legendre design failed (LAPACK info {info}).")
    return q, r


def legendre_lstsq(
    q: NDArray[np.float64], r: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Legendre coefficients from the design's thin QR: back substitution R·c = Qᵀy. Returns (c, q).

    The LAPACK call scipy.linalg.solve_triangular makes for a C-ordered R (Rᵀ, lower,
    transposed), without its wrapper's overhead.
    """
    coef, info = scipy.linalg.lapack.dtrtrs(r.T, q.T @ y, lower=1, trans=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"singular Legendre design: back substitution failed (LAPACK info {info}).")
    return coef, q


def solve_legendre(
    t: NDArray[np.float64], y: NDArray[np.float64], degree: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact least squares of degree ``degree`` in the Legendre basis.

    Returns the Legendre coefficients and the orthonormal factor Q of the
    design (its squared row norms are the leverages).
    """
    return legendre_lstsq(*legendre_qr(t, degree), y)


def svd_in_span(
    Z: NDArray[np.float64], q: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
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
