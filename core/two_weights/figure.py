"""Two weights, drawn: the error bowl's contour lines, L2's circle and L1's diamond, and the path."""

import numpy as np
import plotly.graph_objects as go

from ..show.kit import base_layout, light
from ..show.palette import AXIS_GREY, BLACK, BLUE, CONTOUR_GREY, SHAPE_FILL, TOUCH_GREY, VERMILLION, WHITE, veil
from .maths import FEATURE_NAMES, circle, diamond, ellipse, l1_size, l2_size, mse, paths, picture, problem

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
            x=light(cx),
            y=light(cy),
            mode="lines",
            name="Same-error contours",
            line=dict(color=CONTOUR_GREY, width=1),
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
            x=light(sx),
            y=light(sy),
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
            x=light(tx),
            y=light(ty),
            mode="lines",
            name="Chosen point's contour",
            line=dict(color=TOUCH_GREY, width=1.5, dash="dash"),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=light(path[:, 0]),
            y=light(path[:, 1]),
            mode="lines",
            name="Path for every λ",
            line=dict(color=VERMILLION, width=1.5, dash="dot"),
            opacity=0.55,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=light(so_far[:, 0]),
            y=light(so_far[:, 1]),
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
            marker=dict(symbol="circle", size=15, color=VERMILLION, line=dict(color=WHITE, width=2)),
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
            bgcolor=veil(0.9),
            font=dict(color=BLACK, size=13),
        )
    fig.update_xaxes(range=list(X_RANGE), zeroline=True, zerolinecolor=AXIS_GREY, zerolinewidth=1.5, constrain="domain")
    fig.update_yaxes(
        range=list(Y_RANGE),
        zeroline=True,
        zerolinecolor=AXIS_GREY,
        zerolinewidth=1.5,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
    )
    fig = base_layout(fig, f"Weight 1 ({FEATURE_NAMES[0]})", f"Weight 2 ({FEATURE_NAMES[1]})", height)
    fig.update_layout(
        margin=dict(t=15, b=145),
        hovermode="closest",
        legend=dict(orientation="h", y=-0.12, yanchor="top", x=0),  # each entry as wide as its words: none overlap
    )
    return fig


def ridge_figure(lam, height=520):
    """L2: the error bowl's contour lines, the penalty circle through the chosen point, and the path."""
    return _figure("L2", lam, height)


def lasso_figure(lam, height=520):
    """L1: the same bowl, the penalty diamond through the chosen point, and the path."""
    return _figure("L1", lam, height)
