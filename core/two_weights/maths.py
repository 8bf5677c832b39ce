"""Two weights: the fixed problem, its L2 and L1 solutions for every λ, and the picture's numbers.

A fixed, made-up problem with two overlapping features (think of a flat's floor area
and its number of rooms: both say "bigger"), so every fit is a point (w₁, w₂) on a
flat picture. The data are built so that the problem's key numbers are exact:

* n = 50 points, both features standardized (mean 0, population standard deviation 1),
  correlation exactly ``CORRELATION``;
* the unpenalized best weights are exactly ``BEST``, and the typical miss there is
  exactly ``NOISE`` (the residuals are orthogonal to the features and to the intercept).

The maths is the app's (docs/maths.md), on these two features:

* error   E(w) = (1/n)·‖y − b − Z·w‖² with the intercept b = ȳ (not penalized);
* L2:  minimize E(w) + λ·‖w‖₂²  → scikit-learn ``Ridge(alpha=n·λ)``;
* L1:  minimize E(w) + λ·‖w‖₁   → scikit-learn ``Lasso(alpha=λ/2)``, because ``Lasso``
  minimizes (1/(2n))·‖y − b − Z·w‖² + α·‖w‖₁, which is half of ours when α = λ/2.

E(w) is a bowl: E(w) = E(ŵ) + (w − ŵ)ᵀ·C·(w − ŵ) with C = ZᵀZ/n, so its contour
lines are ellipses around the unpenalized best ŵ. The L2 solution for λ is also the
lowest point of the bowl inside the circle ‖w‖₂ ≤ ‖w(λ)‖₂, the L1 solution the lowest
inside the diamond ‖w‖₁ ≤ ‖w_L1(λ)‖₁: those are the shapes drawn, touching the
contour line through the chosen point.

Pure: numpy and scikit-learn.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.linear_model import Lasso
from sklearn.linear_model import lasso_path as sklearn_lasso_path

N = 50
CORRELATION = 0.5
BEST = (1.0, 0.3)
NOISE = 0.6
INTERCEPT = 2.0
SEED = 7

#: The values of the page's own λ slider: 0, then the E6 series (1, 1.5, 2.2, 3.3, 4.7, 6.8) from 0.01 to 68, then 100.
TWO_WEIGHT_LAMS = np.array(
    [0.0] + [m * 10.0**e for e in range(-2, 2) for m in (1.0, 1.5, 2.2, 3.3, 4.7, 6.8)] + [100.0]
)
#: Where the page opens: ridge has shrunk both weights; L1 already sits on a corner.
DEFAULT_LAM = 1.5
#: The λ used to draw the path lines: dense, and holding every slider value exactly.
PATH_LAMS = np.unique(np.concatenate([[0.0], np.geomspace(1e-3, 100.0, 241), TWO_WEIGHT_LAMS]))

LASSO_TOL = 1e-12
LASSO_MAX_ITER = 100_000

FEATURE_NAMES = ("floor area", "rooms")


@dataclass(frozen=True)
class TwoWeights:
    """The problem: standardized features Z (n × 2), target y, and one SVD of Z."""

    Z: np.ndarray
    y: np.ndarray
    U: np.ndarray
    s: np.ndarray
    Vt: np.ndarray

    @property
    def n(self):
        return self.y.size

    @property
    def y_centred(self):
        return self.y - self.y.mean()

    @property
    def gram(self):
        """C = ZᵀZ/n: the bowl's shape (for standardized features, the correlation matrix)."""
        return (self.Vt.T * (self.s**2 / self.n)) @ self.Vt

    @property
    def best(self):
        """The unpenalized best weights ŵ (λ = 0)."""
        return ridge_point(0.0, data=self)

    @property
    def best_mse(self):
        return float(mse(*self.best, data=self))


def _exact_problem(n=N, correlation=CORRELATION, best=BEST, noise=NOISE, intercept=INTERCEPT, seed=SEED):
    """Random-looking points whose correlation, best weights and residual spread are exact."""
    rng = np.random.default_rng(seed)
    raw = np.column_stack([np.ones(n), rng.standard_normal((n, 3))])
    q, _ = np.linalg.qr(raw)  # orthonormal columns; the first is the constant 1/√n
    z1 = np.sqrt(n) * q[:, 1]
    z2 = np.sqrt(n) * (correlation * q[:, 1] + np.sqrt(1.0 - correlation**2) * q[:, 2])
    residual = noise * np.sqrt(n) * q[:, 3]
    Z = np.column_stack([z1, z2])
    y = intercept + Z @ np.asarray(best, dtype=float) + residual
    U, s, Vt = np.linalg.svd(Z, full_matrices=False)
    for array in (Z, y, U, s, Vt):
        array.setflags(write=False)
    return TwoWeights(Z, y, U, s, Vt)


@lru_cache(maxsize=1)
def problem():
    """The page's fixed problem (built once; its arrays are read-only)."""
    return _exact_problem()


def _the(data):
    return problem() if data is None else data


def mse(w1, w2, data=None):
    """Mean squared error E(w) at weights (w1, w2), with the best intercept ȳ; broadcasts like numpy."""
    p = _the(data)
    w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
    yc = p.y_centred
    c = p.Z.T @ yc / p.n
    C = p.gram
    return yc @ yc / p.n - 2.0 * (w1 * c[0] + w2 * c[1]) + C[0, 0] * w1**2 + 2.0 * C[0, 1] * w1 * w2 + C[1, 1] * w2**2


def two_weight_ridge_path(lams, data=None):
    """L2 weights for each λ, shape (len(lams), 2): w(λ) = V·diag(s/(s² + nλ))·Uᵀ(y − ȳ), exact."""
    p = _the(data)
    lams = np.atleast_1d(np.asarray(lams, dtype=float))
    if np.any(lams < 0) or not np.all(np.isfinite(lams)):
        raise ValueError("λ must be a finite number ≥ 0")
    projected = p.U.T @ p.y_centred
    shrink = p.s / (p.s**2 + p.n * lams[:, None])
    return (shrink * projected) @ p.Vt


def ridge_point(lam, data=None):
    """L2 weights (w1, w2) for one λ."""
    return two_weight_ridge_path([lam], data)[0]


def lasso_point(lam, data=None):
    """L1 weights for one λ, by scikit-learn: ``Lasso(alpha=λ/2)`` (λ = 0 is the unpenalized best)."""
    p = _the(data)
    lam = float(lam)
    if lam < 0 or not np.isfinite(lam):
        raise ValueError("λ must be a finite number ≥ 0")
    if lam == 0:
        return ridge_point(0.0, p)
    model = Lasso(alpha=lam / 2, tol=LASSO_TOL, max_iter=LASSO_MAX_ITER).fit(p.Z, p.y)
    return model.coef_ + 0.0  # + 0.0 turns a -0.0 into 0.0


def two_weight_lasso_path(lams, data=None):
    """L1 weights for each λ, shape (len(lams), 2), by scikit-learn's ``lasso_path`` with α = λ/2."""
    p = _the(data)
    lams = np.atleast_1d(np.asarray(lams, dtype=float))
    if np.any(lams < 0) or not np.all(np.isfinite(lams)):
        raise ValueError("λ must be a finite number ≥ 0")
    out = np.empty((lams.size, 2))
    out[lams == 0] = ridge_point(0.0, p)
    positive = np.flatnonzero(lams > 0)
    if positive.size:
        # lasso_path sorts the alphas from large to small and answers in that order: give them so.
        order = positive[np.argsort(-lams[positive], kind="stable")]
        _, coefs, _ = sklearn_lasso_path(
            p.Z,
            p.y_centred,
            alphas=lams[order] / 2,
            tol=LASSO_TOL,
            max_iter=LASSO_MAX_ITER,
        )
        out[order] = coefs.T + 0.0
    return out


def l2_size(w):
    """‖w‖₂: the radius of the penalty circle through w."""
    return float(np.hypot(*np.asarray(w, dtype=float)))


def l1_size(w):
    """‖w‖₁: the half-diagonal of the penalty diamond through w."""
    return float(np.abs(np.asarray(w, dtype=float)).sum())


@lru_cache(maxsize=1)
def paths():
    """(λ, L2 weights, L1 weights) along ``PATH_LAMS``, computed once (read-only)."""
    ridge, lasso = two_weight_ridge_path(PATH_LAMS), two_weight_lasso_path(PATH_LAMS)
    for array in (ridge, lasso):
        array.setflags(write=False)
    return PATH_LAMS, ridge, lasso


def ellipse(excess, points=121, data=None):
    """The contour line E(w) = E(ŵ) + ``excess``: an ellipse around ŵ, as (w1, w2) arrays."""
    p = _the(data)
    angle = np.linspace(0.0, 2.0 * np.pi, points)
    # C = V·diag(s²/n)·Vᵀ, so (w − ŵ) = √excess · V·diag(√n/s)·(cos, sin) has (w − ŵ)ᵀC(w − ŵ) = excess.
    unit = np.vstack([np.cos(angle), np.sin(angle)])
    offsets = np.sqrt(max(excess, 0.0)) * (p.Vt.T @ (unit * (np.sqrt(p.n) / p.s)[:, None]))
    best = p.best
    return best[0] + offsets[0], best[1] + offsets[1]


def circle(radius, points=121):
    angle = np.linspace(0.0, 2.0 * np.pi, points)
    return radius * np.cos(angle), radius * np.sin(angle)


def diamond(size):
    return size * np.array([1.0, 0.0, -1.0, 0.0, 1.0]), size * np.array([0.0, 1.0, 0.0, -1.0, 0.0])


# --- The numbers the page shows for one λ ---


@dataclass(frozen=True)
class Picture:
    """Everything the page shows for one λ."""

    lam: float
    best: np.ndarray
    ridge: np.ndarray
    lasso: np.ndarray
    best_miss: float
    ridge_miss: float
    lasso_miss: float


def picture(lam):
    """The L2 and L1 weights for ``lam`` (and the no-penalty best), with each fit's typical miss."""
    lam = float(lam)
    p = problem()
    lams, ridge, lasso = paths()
    row = np.flatnonzero(lams == lam)
    if row.size:
        ridge_w, lasso_w = ridge[row[0]].copy(), lasso[row[0]].copy()
    else:
        ridge_w, lasso_w = ridge_point(lam, p), lasso_point(lam, p)
    best = p.best

    def miss(w):
        return float(np.sqrt(mse(*w, data=p)))

    return Picture(lam, best, ridge_w, lasso_w, miss(best), miss(ridge_w), miss(lasso_w))


def switch_off_lams(data=None):
    """For L1: the λ from which weight 2 is exactly 0, and from which both are (exact, from the path's geometry).

    With both weights in use, w(λ) = ŵ − (λ/2)·C⁻¹·sign(ŵ), a straight line until one weight reaches 0;
    a lone weight j is zero once λ ≥ 2·|cⱼ| with c = Zᵀ(y − ȳ)/n. Valid for this problem (ŵ > 0, and the
    smaller weight reaching 0 first).
    """
    p = _the(data)
    best = p.best
    direction = np.linalg.solve(p.gram, np.sign(best)) / 2.0  # dw/dλ = −direction
    first = int(np.argmin(best / direction))
    first_lam = float(best[first] / direction[first])
    kept = 1 - first
    c = p.Z.T @ p.y_centred / p.n
    return first, first_lam, float(2.0 * abs(c[kept]))
