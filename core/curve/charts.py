"""The one-curve story's charts: the data and the fitted curve, the weights, errors against degree, resampled fits.

Each builder records a ``FigureSpec`` and returns a Plotly figure (``core.show.kit.figure_builder``);
the error-against-λ chart is the kit's, shared with the many-signals story.
"""

import functools

import numpy as np

from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    HERE_LINE,
    HOVER_FORMAT,
    ZERO_LINE,
    base_layout,
    figure_builder,
    lam_axis,
    lam_positions,
    lam_range,
    light,
    miss_title,
    plain_log_axis,
    you_are_here,
)
from ..show.palette import (
    BLACK,
    BLUE,
    GREEN,
    LINE_COLOURS,
    NOTE_GREY,
    PURPLE,
    SHADE_FEW,
    SHADE_MANY,
    SKY_BLUE,
    VERMILLION,
    WHITE,
    ZERO_GREY,
    veil,
)
from ..show.plain_numbers import ordinal, plain_number

CURVE_POINTS = 300


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


#: A y axis whose values sit this many times their spread away from zero shows them as differences from a
#: round number near them, named in the axis title: 9,192,631,770 ± 0.2 would need 14-digit tick labels.
OFFSET_RATIO = 1e5


def y_offset(window):
    """The round number a chart's y values are drawn from (0 when they are drawn as they are).

    Only for values between 1 and 1e15 in size, which can be written out in full in the axis title.
    """
    low, high = window
    span, middle = high - low, (low + high) / 2
    if not (np.isfinite(span) and span > 0 and 1 <= abs(middle) < 1e15) or abs(middle) < OFFSET_RATIO * span:
        return 0.0
    step = 10.0 ** np.floor(np.log10(span))
    return float(np.round(middle / step) * step)


def offset_title(label, offset):
    """The y axis title of a chart drawn from ``offset``: "Frequency (Hz) − 9,192,631,770"."""
    if not offset:
        return label
    written = f"{abs(offset):,.6f}".rstrip("0").rstrip(".")
    return f"{label} {'−' if offset > 0 else '+'} {written}"


def leaves_window(y_curve, window):
    """True when the curve goes beyond the chart's y range somewhere."""
    return bool(np.any(y_curve < window[0]) or np.any(y_curve > window[1]))


MAX_POINTS = 5_000
_SPARSE_BIN = 3


def _points(dataset):
    """The points to draw: all of them, or for big data a sample plus every point in a sparse area.

    Returns (train_xy, test_xy, density) where density is None or (x_edges, y_edges, counts)
    of all points, so the chart can shade where the undrawn points lie.
    """
    train = (dataset.x_train, dataset.y_train)
    test = (dataset.x_test, dataset.y_test)
    total = dataset.n_rows
    if total <= MAX_POINTS:
        return train, test, None
    x = np.concatenate([dataset.x_train, dataset.x_test])
    y = np.concatenate([dataset.y_train, dataset.y_test])
    counts, x_edges, y_edges = np.histogram2d(x, y, bins=(120, 80))
    cell = (
        np.clip(np.searchsorted(x_edges, x, side="right") - 1, 0, 119),
        np.clip(np.searchsorted(y_edges, y, side="right") - 1, 0, 79),
    )
    rare = counts[cell] <= _SPARSE_BIN
    rng = np.random.default_rng(0)
    budget = max(0, MAX_POINTS - int(rare.sum()))
    common = np.flatnonzero(~rare)
    keep = np.zeros(total, dtype=bool)
    keep[rare] = True
    keep[rng.choice(common, size=min(budget, common.size), replace=False)] = True
    in_train = np.arange(total) < dataset.x_train.size
    return (
        (x[keep & in_train], y[keep & in_train]),
        (x[keep & ~in_train], y[keep & ~in_train]),
        (x_edges, y_edges, counts),
    )


@figure_builder
def fit_figure(dataset, curve_x, curve_y, height=440, unpenalized_y=None):
    """Training points, held-out points, the true curve (when known) and the fitted curve.

    The y axis shows the data; where the curve shoots beyond it, a note says so.
    ``unpenalized_y``, when given, adds the λ = 0 curve faintly for contrast.
    Big data are drawn as a shade of where all points lie plus a sample, and the
    chart says how many points it shows. The fitted curve keeps full precision
    (it is small), so what the chart shows can be checked against scikit-learn exactly.
    """
    window = chart_window(dataset)
    offset = y_offset(window)
    show = dataset.x_for_display
    (x_train, y_train), (x_test, y_test), density = _points(dataset)
    many = x_train.size + x_test.size > 1000
    scatter = functools.partial(trace, "scattergl" if many else "scatter")
    fig = FigureSpec()
    if density is not None:
        x_edges, y_edges, counts = density
        with np.errstate(divide="ignore"):
            shade = np.where(counts > 0, np.log10(counts), np.nan).T
        fig.add_trace(
            trace(
                "heatmap",
                x=show((x_edges[:-1] + x_edges[1:]) / 2),
                y=light((y_edges[:-1] + y_edges[1:]) / 2 - offset),
                z=light(shade),
                colorscale=[[0, SHADE_FEW], [1, SHADE_MANY]],
                showscale=False,
                hoverinfo="skip",
                name="Where all the points lie",
            )
        )
        fig.add_annotation(
            text=f"Showing {x_train.size + x_test.size:,} of {dataset.n_rows:,} points; the grey shade shows where all of them lie",
            xref="paper",
            yref="paper",
            x=0,
            y=-0.02,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font=dict(size=11, color=NOTE_GREY),
            yshift=-30,
        )
    fig.add_trace(
        scatter(
            x=show(x_test),
            y=light(y_test - offset),
            mode="markers",
            name="New data (held out)",
            marker=dict(color=SKY_BLUE, size=6 if not many else 4, opacity=0.45),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        scatter(
            x=show(x_train),
            y=light(y_train - offset),
            mode="markers",
            name="Training data",
            marker=dict(color=BLACK, size=8 if not many else 4, line=dict(color=WHITE, width=0 if many else 1)),
        )
    )
    _true_curve(fig, dataset, curve_x, width=2, offset=offset)
    if unpenalized_y is not None:
        fig.add_trace(
            trace(
                "scatter",
                x=show(curve_x),
                y=light(np.clip(unpenalized_y, -1e300, 1e300) - offset),
                mode="lines",
                name="With no penalty (λ = 0)",
                line=dict(color=PURPLE, width=1.5, dash="dot"),
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        trace(
            "scatter",
            x=show(curve_x),
            y=np.clip(curve_y, -1e300, 1e300) - offset,
            mode="lines",
            name="Model's curve",
            line=dict(color=VERMILLION, width=3),
        )
    )
    train_low, train_high = dataset.x_train.min(), dataset.x_train.max()
    for low, high in ((curve_x[0], train_low), (train_high, curve_x[-1])):
        if high > low:
            fig.add_vrect(
                x0=show([low])[0],
                x1=show([high])[0],
                fillcolor=ZERO_GREY,
                opacity=0.15,
                line_width=0,
                annotation_text="beyond the training data",
                annotation_position="bottom left",
                annotation_font=dict(size=10, color=NOTE_GREY),
            )
    if leaves_window(curve_y, window):
        fig.add_annotation(
            text=f"The curve shoots off the chart (it reaches {plain_number(np.max(np.abs(curve_y)))})",
            xref="paper",
            yref="paper",
            x=0.5,
            y=1.0,
            yanchor="top",
            showarrow=False,
            bgcolor=veil(0.85),
            font=dict(color=VERMILLION),
        )
    fig.update_yaxes(range=[window[0] - offset, window[1] - offset])
    return base_layout(fig, dataset.x_label, offset_title(dataset.y_label, offset), height)


def term_names(degree):
    """The curve's ingredients by plain names: '1st' (the straight line), '2nd' (a gentle bend), … (power of x)."""
    return [ordinal(power) for power in range(1, degree + 1)]


# --- Weights ---

WEIGHT_FLOOR = 1e-6


def relative_weights(path):
    """|wⱼ| / sd(y) for every λ (rows): how big a swing each term adds, in spreads of y."""
    return np.maximum(np.abs(path.coef) / (path.y_sd or 1.0), WEIGHT_FLOOR)


@figure_builder
def weight_bars_figure(path, index, height=380):
    """Each weight's size now beside its size with no penalty; log axis with a line at 1."""
    sizes = relative_weights(path)
    names = term_names(path.degree)
    hover = f"how much the %{{x}} ingredient moves the curve: %{{y:{HOVER_FORMAT}}} × the usual ups and downs<extra>%{{fullData.name}}</extra>"
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "bar", x=names, y=light(sizes[0]), name="With no penalty (λ = 0)", marker_color=PURPLE, hovertemplate=hover
        )
    )
    fig.add_trace(
        trace("bar", x=names, y=light(sizes[index]), name="At this λ", marker_color=VERMILLION, hovertemplate=hover)
    )
    fig.add_hline(y=1, line=dict(color=BLACK, width=1, dash="dash"))  # named in the axis title, not on the bars
    fig.update_yaxes(**plain_log_axis(np.append(sizes, 1.0), pad=0.03))  # every λ: the axis stays put
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group", bargap=0.25)
    return base_layout(
        fig,
        "Ingredient of the curve (1st = straight line, 2nd = gentle bend, 3rd = sharper bend, …)",
        "Weight size (dashed line: 1 × the usual ups and downs)",
        height,
    )


def _weight_lines(fig, lams, weights, limit, show_legend=True, **where):
    """One line per weight against λ (positions from ``lam_positions``), clipped far outside ±limit."""
    x = light(lam_positions(lams))
    for power, name in enumerate(term_names(weights.shape[1])):
        fig.add_trace(
            trace(
                "scatter",
                x=x,
                y=light(np.clip(weights[:, power], -1e6 * limit, 1e6 * limit)),
                mode="lines",
                name=name,
                line=dict(color=LINE_COLOURS[power % len(LINE_COLOURS)], width=1.5),
                legendgroup=name,
                showlegend=show_legend,
                hovertemplate=f"{name} ingredient: %{{y:{HOVER_FORMAT}}} × the usual ups and downs<extra></extra>",
            ),
            **where,
        )


@figure_builder
def weight_paths_figure(path, index, height=380):
    """Every weight (signed, in spreads of y) as λ grows, with a marker at the current λ.

    The y axis fits the weights from the start of the "about as good" range on;
    to its left, unpenalized weights run off the chart by orders of magnitude.
    """
    weights = path.coef / (path.y_sd or 1.0)
    low, _ = path.good_range
    limit = max(1.5, 1.2 * np.abs(weights[max(low, 1) :]).max())
    fig = FigureSpec()
    _weight_lines(fig, path.lams, weights, limit, show_legend=path.degree <= 8)
    fig.add_hline(y=0, line=ZERO_LINE)
    you_are_here(fig, lam_positions(path.lams)[index])
    lam_axis(fig, path.lams)
    fig.update_yaxes(range=[-limit, limit])
    return base_layout(fig, "Penalty strength λ", "Weight (× the usual ups and downs)", height)


@figure_builder
def l2_l1_paths_figure(path, lasso_lams, lasso_coef, lam, height=400):
    """Ridge (L2) and lasso (L1) weight paths on the same features, side by side, with the current λ marked."""
    scale = path.y_sd or 1.0
    ridge = path.coef[path.lams > 0] / scale
    lasso = lasso_coef / scale
    limit = max(1.5, 1.2 * max(np.abs(ridge[path.lams[path.lams > 0] >= 1e-4]).max(), np.abs(lasso).max()))
    fig = FigureSpec.make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.1,
        subplot_titles=("L2 (ridge): all kept, smaller", "L1 (lasso): some set to 0"),
    )
    _weight_lines(fig, path.lams[path.lams > 0], ridge, limit, row=1, col=1)
    _weight_lines(fig, lasso_lams, lasso, limit, show_legend=False, row=1, col=2)
    here = float(np.log10(lam)) if lam > 0 else float(lam_positions(path.lams).min())
    for col in (1, 2):
        fig.add_vline(x=here, line=HERE_LINE, row=1, col=col)
        fig.add_hline(y=0, line=ZERO_LINE, row=1, col=col)
        lam_axis(fig, path.lams[path.lams > 0], sparse=True, row=1, col=col)
    fig.update_xaxes(range=lam_range(path.lams))  # both panels, from λ = 0 on: aligned, and the line always shows
    fig.update_yaxes(range=[-limit, limit])
    fig.update_layout(showlegend=path.degree <= 8)
    return base_layout(fig, "Penalty strength λ", "Weight (× the usual ups and downs)", height)


@figure_builder
def gap_figure(train_miss, test_miss, height=220, top=None):
    """Typical miss on training data against new data: the gap that says "more penalty".

    ``top``: the largest miss the chart must hold (give the largest at any λ, so the axis stays put
    while λ moves); by default the larger of the two.
    """
    fig = FigureSpec().add_trace(
        trace(
            "bar",
            x=[train_miss, test_miss],
            y=["Training data", "New data"],
            orientation="h",
            marker_color=[BLUE, VERMILLION],
            text=[plain_number(train_miss), plain_number(test_miss)],
            textposition="outside",
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(range=[0, 1.25 * (max(train_miss, test_miss) if top is None else top)])
    fig.update_yaxes(type="category")
    fig = base_layout(fig, "Typical miss", "", height)
    return fig.update_layout(margin_l=125)  # the bars' names


@figure_builder
def weight_total_figure(path, index, height=320):
    """The size of all weights together, and the effective number of free weights, against λ."""
    x = lam_positions(path.lams)
    total = np.sqrt(np.sum(np.square(path.coef), axis=1)) / (path.y_sd or 1.0)
    fig = FigureSpec.make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=("Size of all weights together", "Weights really used"),
    )
    fig.add_trace(
        trace(
            "scatter",
            x=light(x),
            y=light(total),
            mode="lines",
            line=dict(color=BLUE, width=2.5),
            name="Total size",
            hovertemplate=f"%{{y:{HOVER_FORMAT}}}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        trace(
            "scatter",
            x=light(x),
            y=light(path.df),
            mode="lines",
            line=dict(color=GREEN, width=2.5),
            name="Free weights",
            hovertemplate="%{y:.1f}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    for col in (1, 2):
        fig.add_vline(x=x[index], line=HERE_LINE, row=1, col=col)
        lam_axis(fig, path.lams, sparse=True, row=1, col=col)
    fig.update_yaxes(**plain_log_axis(total, pad=0.0), row=1, col=1)  # fixed: where a line ends, as Plotly would
    fig.update_yaxes(range=[0, path.degree + 0.5], row=1, col=2)
    fig.update_layout(showlegend=False)
    return base_layout(fig, "Penalty strength λ", "", height)


# --- Overfitting curves ---


def _true_curve(fig, dataset, curve_x, width, offset=0.0):
    """The curve the synthetic data were drawn from (only synthetic data have one), drawn from ``offset``."""
    if dataset.truth is not None:
        fig.add_trace(
            trace(
                "scatter",
                x=light(curve_x),
                y=light(dataset.truth(curve_x) - offset),
                mode="lines",
                name="True curve",
                line=dict(color=GREEN, width=width, dash="dash"),
                hoverinfo="skip",
            )
        )


#: The error-against-degree chart's y axis spans at most this many decades (a training error near zero,
#: for a curve through every point with no penalty, would squash every other step's curves).
DEGREE_DECADES = 2.5


def _degree_window(sweep):
    """Every typical miss the error-against-degree chart can show, at any λ, the smallest floored."""
    values = np.concatenate([np.ravel(sweep.train_rmse), np.ravel(sweep.test_rmse)])
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        return values
    return np.maximum(values, values.max() * 10.0**-DEGREE_DECADES)


@figure_builder
def degree_figure(sweep, lam_index, degree, unit, height=380):
    """Error against degree at the current λ and with no penalty: the classic U."""
    fig = FigureSpec()
    for values, name, colour, dash in (
        (sweep.train_rmse[:, lam_index], "Training data, this λ", BLUE, "solid"),
        (sweep.test_rmse[:, lam_index], "New data, this λ", VERMILLION, "solid"),
        (sweep.test_rmse[:, 0], "New data, no penalty", PURPLE, "dot"),
    ):
        fig.add_trace(
            trace(
                "scatter",
                x=sweep.degrees,
                y=light(values),
                mode="lines+markers",
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                hovertemplate=f"degree %{{x}}: typical miss %{{y:{HOVER_FORMAT}}}<extra></extra>",
            )
        )
    you_are_here(fig, degree)
    # ticks and range over every λ: the axis stays put while λ moves, and the curves rise and fall on it
    fig.update_yaxes(**plain_log_axis(_degree_window(sweep), pad=0.05))
    fig.update_xaxes(dtick=1)
    return base_layout(fig, "Curve flexibility (degree)", miss_title(unit), height)


@figure_builder
def spaghetti_figure(dataset, curve_x, curves, height=400):
    """The fitted curves of many resampled training sets, drawn faintly together."""
    window = chart_window(dataset)
    offset = y_offset(window)
    pad = 10 * (window[1] - window[0])
    xs, ys = [], []
    for curve in curves:
        if np.isfinite(curve).all():
            xs += [curve_x, [np.nan]]
            ys += [np.clip(curve, window[0] - pad, window[1] + pad) - offset, [np.nan]]
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "scatter",
            x=light(np.concatenate(xs)),
            y=light(np.concatenate(ys)),
            mode="lines",
            name="Fits to resampled data",
            line=dict(color=VERMILLION, width=1.2),
            opacity=0.45,
            hoverinfo="skip",
        )
    )
    _true_curve(fig, dataset, curve_x, width=2.5, offset=offset)
    fig.update_yaxes(range=[window[0] - offset, window[1] - offset])
    return base_layout(fig, dataset.x_label, offset_title(dataset.y_label, offset), height)
