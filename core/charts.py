"""Chart builders: each returns a ``plotly.graph_objects.Figure``.

Colours are Okabe–Ito, safe for colour-blind readers. Arrays go to the
browser as float32: half the payload, and far more precision than a screen shows.
"""
import html

import numpy as np
import plotly.graph_objects as go

from .explain import format_number

BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
)
CURVE_POINTS = 300


def plain(text):
    """Text safe to place in a Plotly title or label: Plotly reads some HTML tags."""
    return html.escape(str(text), quote=False)


def _light(values):
    return np.asarray(values, dtype=np.float32)


def curve_grid(dataset, points=CURVE_POINTS):
    """Evenly spaced x across every training and held-out point."""
    low = min(dataset.x_train.min(), dataset.x_test.min())
    high = max(dataset.x_train.max(), dataset.x_test.max())
    return np.linspace(low, high, points)


def chart_window(dataset):
    """The y range a reader needs to see the data (and the true curve), with a margin."""
    ys = [dataset.y_train, dataset.y_test]
    if dataset.truth is not None:
        ys.append(dataset.truth(curve_grid(dataset)))
    low = min(float(np.min(y)) for y in ys)
    high = max(float(np.max(y)) for y in ys)
    margin = 0.15 * (high - low or 1.0)
    return low - margin, high + margin


def leaves_window(y_curve, window):
    """True when the curve goes beyond the chart's y range somewhere."""
    return bool(np.any(y_curve < window[0]) or np.any(y_curve > window[1]))


def _base_layout(fig, x_title, y_title, height=440):
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        xaxis_title=plain(x_title),
        yaxis_title=plain(y_title),
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    return fig


def fit_figure(dataset, curve_x, curve_y, height=440, unpenalized_y=None):
    """Training points, held-out points, the true curve (when known) and the fitted curve.

    The y axis shows the data; where the curve shoots beyond it, a note says so.
    ``unpenalized_y``, when given, adds the λ = 0 curve faintly for contrast.
    The fitted curve keeps full precision (it is small), so what the chart
    shows can be checked against scikit-learn exactly.
    """
    window = chart_window(dataset)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=_light(dataset.x_test), y=_light(dataset.y_test), mode="markers", name="New data (held out)",
        marker=dict(color=SKY_BLUE, size=6, opacity=0.45), hoverinfo="skip",
    ))
    fig.add_trace(go.Scatter(
        x=_light(dataset.x_train), y=_light(dataset.y_train), mode="markers", name="Training data",
        marker=dict(color=BLACK, size=8, line=dict(color="white", width=1)),
    ))
    if dataset.truth is not None:
        fig.add_trace(go.Scatter(
            x=_light(curve_x), y=_light(dataset.truth(curve_x)), mode="lines", name="True curve",
            line=dict(color=GREEN, width=2, dash="dash"), hoverinfo="skip",
        ))
    if unpenalized_y is not None:
        fig.add_trace(go.Scatter(
            x=_light(curve_x), y=_light(np.clip(unpenalized_y, -1e30, 1e30)), mode="lines",
            name="With no penalty (λ = 0)", line=dict(color=PURPLE, width=1.5, dash="dot"), hoverinfo="skip",
        ))
    fig.add_trace(go.Scatter(
        x=np.asarray(curve_x, dtype=float), y=np.clip(curve_y, -1e300, 1e300), mode="lines", name="Model's curve",
        line=dict(color=VERMILLION, width=3),
    ))
    train_low, train_high = dataset.x_train.min(), dataset.x_train.max()
    for low, high in ((curve_x[0], train_low), (train_high, curve_x[-1])):
        if high > low:
            fig.add_vrect(x0=low, x1=high, fillcolor="#999999", opacity=0.15, line_width=0)
    if leaves_window(curve_y, window):
        fig.add_annotation(
            text=f"The curve shoots off the chart (it reaches {format_number(np.max(np.abs(curve_y)))})",
            xref="paper", yref="paper", x=0.5, y=1.0, yanchor="top", showarrow=False,
            bgcolor="rgba(255,255,255,0.85)", font=dict(color=VERMILLION),
        )
    fig.update_yaxes(range=list(window))
    return _base_layout(fig, dataset.x_label, dataset.y_label, height)
