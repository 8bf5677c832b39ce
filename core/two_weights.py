"""Two weights, drawn: the error bowl's contour lines, L2's circle and L1's diamond.

A fixed, made-up problem with two overlapping features (think of a flat's floor area
and its number of rooms: both say "bigger"), so every fit is a point (w₁, w₂) on a
flat picture. The data are built so that the problem's key numbers are exact:

* n = 50 points, both features standardized (mean 0, population standard deviation 1),
  correlation exactly ``CORRELATION``;
* the unpenalized best weights are exactly ``BEST``, and the typical miss there is
  exactly ``NOISE`` (the residuals are orthogonal to the features and to the intercept).

The maths is the app's (PRODUCT.md), on these two features:

* error   E(w) = (1/n)·‖y − b − Z·w‖² with the intercept b = ȳ (not penalized);
* L2:  minimize E(w) + λ·‖w‖₂²  → scikit-learn ``Ridge(alpha=n·λ)``;
* L1:  minimize E(w) + λ·‖w‖₁   → scikit-learn ``Lasso(alpha=λ/2)``, because ``Lasso``
  minimizes (1/(2n))·‖y − b − Z·w‖² + α·‖w‖₁, which is half of ours when α = λ/2.

E(w) is a bowl: E(w) = E(ŵ) + (w − ŵ)ᵀ·C·(w − ŵ) with C = ZᵀZ/n, so its contour
lines are ellipses around the unpenalized best ŵ. The L2 solution for λ is also the
lowest point of the bowl inside the circle ‖w‖₂ ≤ ‖w(λ)‖₂, the L1 solution the lowest
inside the diamond ‖w‖₁ ≤ ‖w_L1(λ)‖₁: those are the shapes drawn, touching the
contour line through the chosen point.

Pure: numpy, scikit-learn and plotly; no streamlit.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from sklearn.linear_model import Lasso
from sklearn.linear_model import lasso_path as sklearn_lasso_path

from .charts import BLACK, BLUE, VERMILLION, _base_layout, _light

N = 50
CORRELATION = 0.5
BEST = (1.0, 0.3)
NOISE = 0.6
INTERCEPT = 2.0
SEED = 7

#: The slider's values: 0, then the E6 series (1, 1.5, 2.2, 3.3, 4.7, 6.8) from 0.01 to 68, then 100.
SLIDER_LAMS = np.array([0.0] + [m * 10.0**e for e in range(-2, 2) for m in (1.0, 1.5, 2.2, 3.3, 4.7, 6.8)] + [100.0])
#: Where the page opens: ridge has shrunk both weights; L1 already sits on a corner.
DEFAULT_LAM = 1.5
#: The λ used to draw the path lines: dense, and holding every slider value exactly.
PATH_LAMS = np.unique(np.concatenate([[0.0], np.geomspace(1e-3, 100.0, 241), SLIDER_LAMS]))

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


def error_surface(w1_values, w2_values, data=None):
    """E on a grid: rows follow w2, columns w1 (Plotly's ``z`` layout for a contour plot)."""
    w1, w2 = np.meshgrid(np.asarray(w1_values, dtype=float), np.asarray(w2_values, dtype=float))
    return mse(w1, w2, data)


def ridge_path(lams, data=None):
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
    return ridge_path([lam], data)[0]


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


def lasso_path(lams, data=None):
    """L1 weights for each λ, shape (len(lams), 2), by scikit-learn's ``lasso_path`` with α = λ/2."""
    p = _the(data)
    lams = np.atleast_1d(np.asarray(lams, dtype=float))
    if np.any(lams < 0) or not np.all(np.isfinite(lams)):
        raise ValueError("λ must be a finite number ≥ 0")
    out = np.empty((lams.size, 2))
    out[lams == 0] = ridge_point(0.0, p)
    positive = np.flatnonzero(lams > 0)
    if positive.size:
        order = positive[np.argsort(-lams[positive], kind="stable")]  # lasso_path works from large to small
        alphas, coefs, _ = sklearn_lasso_path(
            p.Z,
            p.y_centred,
            alphas=lams[order] / 2,
            tol=LASSO_TOL,
            max_iter=LASSO_MAX_ITER,
        )
        assert np.allclose(alphas, lams[order] / 2)
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
    ridge, lasso = ridge_path(PATH_LAMS), lasso_path(PATH_LAMS)
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


# --- What the page shows for one λ ---


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


def format_lam(lam):
    """This picture's λ as the slider shows it: '0 (off)', '0.015', '100'."""
    return "0 (off)" if lam == 0 else f"{float(lam):g}"


def format_weight(value):
    """A weight for reading: '0' only when exactly zero, never '0.00' for a small non-zero weight."""
    value = float(value)
    if value == 0:
        return "0"
    if abs(value) < 0.005:
        return f"{value:.1g}"
    return f"{value:.2f}"


def _names(indices):
    return " and ".join(f"weight {j + 1}" for j in indices)


def ridge_caption(pic):
    """The L2 chart in one sentence."""
    w = pic.ridge
    if pic.lam == 0:
        return (
            f"With no penalty (λ = 0) the L2 point is the bottom of the error bowl, weight 1 = {format_weight(w[0])} "
            f"and weight 2 = {format_weight(w[1])}, and the circle is simply as large as it needs to be to reach it."
        )
    share = l2_size(w) / l2_size(pic.best)
    zero = [j for j in (0, 1) if w[j] == 0]
    ending = f"{_names(zero)} exactly zero" if zero else "neither weight exactly zero"
    return (
        f"At λ = {format_lam(pic.lam)} the L2 point (weight 1 = {format_weight(w[0])}, weight 2 = "
        f"{format_weight(w[1])}) sits where the circle of radius {l2_size(w):.2f} touches an error contour: "
        f"{share:.0%} of the no-penalty size, with {ending}."
    )


def lasso_caption(pic):
    """The L1 chart in one sentence."""
    w = pic.lasso
    if pic.lam == 0:
        return (
            f"With no penalty (λ = 0) the L1 point is the same bottom of the bowl, weight 1 = {format_weight(w[0])} "
            f"and weight 2 = {format_weight(w[1])}, and the diamond is simply as large as it needs to be to reach it."
        )
    zero = [j for j in (0, 1) if w[j] == 0]
    start = f"At λ = {format_lam(pic.lam)} the L1 point "
    if len(zero) == 2:
        return start + "is at zero itself: the penalty is so strong that both weights are exactly 0."
    if zero:
        kept = 1 - zero[0]
        return (
            start + f"sits on the diamond's corner on the weight {kept + 1} axis: weight {kept + 1} = "
            f"{format_weight(w[kept])} and weight {zero[0] + 1} is exactly 0."
        )
    return (
        start + f"(weight 1 = {format_weight(w[0])}, weight 2 = {format_weight(w[1])}) sits on an edge of the "
        f"diamond of size {l1_size(w):.2f}, not yet on a corner, so both weights are still in use."
    )


def weights_line(before, after):
    """'Weight 1: 1.00 → 0.41; weight 2: 0.30 → 0.24'."""
    return "; ".join(
        f"{'Weight' if j == 0 else 'weight'} {j + 1}: {format_weight(before[j])} → {format_weight(after[j])}"
        for j in (0, 1)
    )


def ridge_verdict(pic):
    w, best = pic.ridge, pic.best
    if pic.lam == 0:
        return "No penalty: these are the best weights for the data."
    grew = [j for j in (0, 1) if abs(w[j]) > abs(best[j])]
    if grew:
        return (
            f"Together the weights are smaller, though {_names(grew)} grew a little: ridge takes most from the "
            "larger weight, so two overlapping clues share the work more evenly. Neither is switched off."
        )
    return "Both weights are smaller, and both are still in use: ridge shrinks, it never switches a weight off."


def lasso_verdict(pic):
    w = pic.lasso
    if pic.lam == 0:
        return "No penalty: these are the best weights for the data."
    zero = [j for j in (0, 1) if w[j] == 0]
    if len(zero) == 2:
        return "L1 has switched both weights off: the model now predicts the average for everyone."
    if zero:
        return f"L1 has switched {_names(zero)} off: it is exactly zero, so that clue is no longer used at all."
    return "L1 still uses both weights; a bit more penalty and the smaller one reaches its corner."


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


# --- Charts ---

GRID_GREY = "#b3b3b3"
TOUCH_GREY = "#4d4d4d"
SHAPE_FILL = "rgba(0,114,178,0.10)"
#: √(excess error) of the background contour lines: evenly spaced, like a map's contour lines.
CONTOUR_STEPS = np.arange(0.2, 2.01, 0.2)
X_RANGE = (-1.45, 2.05)
Y_RANGE = (-1.45, 1.55)


def _contour_lines(data):
    xs, ys = [], []
    for step in CONTOUR_STEPS:
        x, y = ellipse(step**2, data=data)
        xs += [x, [np.nan]]
        ys += [y, [np.nan]]
    return np.concatenate(xs), np.concatenate(ys)


def _figure(kind, lam, height):
    p = problem()
    pic = picture(lam)
    lams, ridge, lasso = paths()
    path = ridge if kind == "L2" else lasso
    w = pic.ridge if kind == "L2" else pic.lasso
    so_far = path[lams <= lam]
    if not np.array_equal(so_far[-1], w):
        so_far = np.vstack([so_far, w])
    hover = "weight 1 = %{x:.2f}<br>weight 2 = %{y:.2f}<extra>%{fullData.name}</extra>"

    fig = go.Figure()
    cx, cy = _contour_lines(p)
    fig.add_trace(
        go.Scatter(
            x=_light(cx),
            y=_light(cy),
            mode="lines",
            name="Same-error contours",
            line=dict(color=GRID_GREY, width=1),
            hoverinfo="skip",
        )
    )
    if kind == "L2":
        sx, sy = circle(l2_size(w))
        shape_name = "Penalty circle"
    else:
        sx, sy = diamond(l1_size(w))
        shape_name = "Penalty diamond"
    # Always the same traces, so the legend (and the chart's size) stays put as λ moves;
    # at the ends a shape or a contour shrinks to a point.
    fig.add_trace(
        go.Scatter(
            x=_light(sx),
            y=_light(sy),
            mode="lines",
            name=shape_name,
            fill="toself",
            fillcolor=SHAPE_FILL,
            line=dict(color=BLUE, width=2.5),
            hoverinfo="skip",
        )
    )
    tx, ty = ellipse(float(mse(*w, data=p)) - p.best_mse, data=p)
    fig.add_trace(
        go.Scatter(
            x=_light(tx),
            y=_light(ty),
            mode="lines",
            name="Chosen point's contour",
            line=dict(color=TOUCH_GREY, width=1.5, dash="dash"),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=_light(path[:, 0]),
            y=_light(path[:, 1]),
            mode="lines",
            name="Path for every λ",
            line=dict(color=VERMILLION, width=1.5, dash="dot"),
            opacity=0.55,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=_light(so_far[:, 0]),
            y=_light(so_far[:, 1]),
            mode="lines",
            name="Path so far",
            line=dict(color=VERMILLION, width=3),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[float(pic.best[0])],
            y=[float(pic.best[1])],
            mode="markers",
            name="Best with no penalty",
            marker=dict(symbol="x", size=13, color=BLACK),
            hovertemplate=hover,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[float(w[0])],
            y=[float(w[1])],
            mode="markers",
            name="Chosen weights",
            marker=dict(symbol="circle", size=15, color=VERMILLION, line=dict(color="white", width=2)),
            hovertemplate=hover,
        )
    )
    zero = [j for j in (0, 1) if w[j] == 0]
    if kind == "L1" and pic.lam > 0 and zero:
        note = "both weights exactly 0" if len(zero) == 2 else f"on a corner: weight {zero[0] + 1} = 0"
        fig.add_annotation(
            x=float(w[0]),
            y=float(w[1]),
            text=note,
            showarrow=True,
            arrowhead=2,
            ax=30,
            ay=70,
            bgcolor="rgba(255,255,255,0.9)",
            font=dict(color=BLACK, size=13),
        )
    fig.update_xaxes(range=list(X_RANGE), zeroline=True, zerolinecolor="#7f7f7f", zerolinewidth=1.5, constrain="domain")
    fig.update_yaxes(
        range=list(Y_RANGE),
        zeroline=True,
        zerolinecolor="#7f7f7f",
        zerolinewidth=1.5,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
    )
    fig = _base_layout(fig, f"Weight 1 ({FEATURE_NAMES[0]})", f"Weight 2 ({FEATURE_NAMES[1]})", height)
    fig.update_layout(
        margin=dict(t=15, b=145),
        hovermode="closest",
        legend=dict(orientation="h", y=-0.12, yanchor="top", x=0, entrywidth=0.5, entrywidthmode="fraction"),
    )
    return fig


def ridge_figure(lam, height=520):
    """L2: the error bowl's contour lines, the penalty circle through the chosen point, and the path."""
    return _figure("L2", lam, height)


def lasso_figure(lam, height=520):
    """L1: the same bowl, the penalty diamond through the chosen point, and the path."""
    return _figure("L1", lam, height)
