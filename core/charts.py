"""Chart builders: each returns a ``plotly.graph_objects.Figure``.

Colours are Okabe–Ito, safe for colour-blind readers. Arrays go to the
browser as float32: half the payload, and far more precision than a screen shows.
"""

import functools
import html

import numpy as np

from . import live
from .explain import format_number, ordinal
from .figspec import FigureSpec, trace
from .plain_numbers import lam_axis_ticks, log_axis_ticks

BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
CURVE_POINTS = 300


def plain(text):
    """Text safe to place in a Plotly title or label: Plotly reads some HTML tags."""
    return html.escape(str(text), quote=False)


def _light(values):
    return np.asarray(values, dtype=np.float32)


def figure_builder(build_spec):
    """Make a builder that records a ``FigureSpec`` return a ``go.Figure``; ``.spec`` keeps the recording.

    ``builder.steps(values, *args, **kwargs)`` builds the figure for every step of a control as a
    ``core.live.SteppedFigure``: ``build_spec(*args, value, **kwargs)``, the step's value (a λ row,
    a curve) passed as the last positional argument. Only the first step is validated by Plotly,
    so stepping costs a few ms per step.
    """

    @functools.wraps(build_spec)
    def build(*args, **kwargs):
        return build_spec(*args, **kwargs).figure()

    def steps(values, *args, **kwargs):
        return live.stepped(lambda step: build_spec(*args, values[step], **kwargs), len(values))

    build.spec = build_spec
    build.steps = steps
    return build


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


# Room for tick labels, axis titles and the legend, given up front: a margin Plotly must widen
# to fit them costs a second full drawing of the chart on every update.
MARGIN = dict(l=80, r=25, t=50, b=70)


def _base_layout(fig, x_title, y_title, height=440):
    fig.update_layout(
        height=height,
        margin=MARGIN,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        xaxis_title=plain(x_title),
        yaxis_title=plain(y_title),
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor="#e6e6e6", zeroline=False)
    return fig


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
                y=_light((y_edges[:-1] + y_edges[1:]) / 2),
                z=_light(shade),
                colorscale=[[0, "#f0f0f0"], [1, "#5a5a5a"]],
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
            font=dict(size=11, color="#555555"),
            yshift=-30,
        )
    fig.add_trace(
        scatter(
            x=show(x_test),
            y=_light(y_test),
            mode="markers",
            name="New data (held out)",
            marker=dict(color=SKY_BLUE, size=6 if not many else 4, opacity=0.45),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        scatter(
            x=show(x_train),
            y=_light(y_train),
            mode="markers",
            name="Training data",
            marker=dict(color=BLACK, size=8 if not many else 4, line=dict(color="white", width=0 if many else 1)),
        )
    )
    _true_curve(fig, dataset, curve_x, width=2)
    if unpenalized_y is not None:
        fig.add_trace(
            trace(
                "scatter",
                x=show(curve_x),
                y=_light(np.clip(unpenalized_y, -1e30, 1e30)),
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
            y=np.clip(curve_y, -1e300, 1e300),
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
                fillcolor="#999999",
                opacity=0.15,
                line_width=0,
                annotation_text="beyond the training data",
                annotation_position="bottom left",
                annotation_font=dict(size=10, color="#555555"),
            )
    if leaves_window(curve_y, window):
        fig.add_annotation(
            text=f"The curve shoots off the chart (it reaches {format_number(np.max(np.abs(curve_y)))})",
            xref="paper",
            yref="paper",
            x=0.5,
            y=1.0,
            yanchor="top",
            showarrow=False,
            bgcolor="rgba(255,255,255,0.85)",
            font=dict(color=VERMILLION),
        )
    fig.update_yaxes(range=list(window))
    return _base_layout(fig, dataset.x_label, dataset.y_label, height)


# --- λ on a log scale: positions are log10 λ, with λ = 0 one decade left of the smallest positive λ ---


def lam_positions(lams):
    """x positions for λ: log10 λ, and λ = 0 one decade left of the smallest positive λ."""
    lams = np.asarray(lams, dtype=float)
    smallest = lams[lams > 0].min()
    return np.log10(np.where(lams > 0, lams, smallest / 10))


def _lam_axis(fig, lams, sparse=False, **where):
    """λ ticks with plain labels; ``sparse`` keeps every other one, for a narrow chart."""
    ticks, labels = lam_axis_ticks(lams)
    if sparse and len(ticks) > 4:  # every other tick from 100 down, and "0" (no penalty) always
        keep = sorted({*range(len(ticks) - 1, -1, -2), *([0] if labels[0] == "0" else [])})
        ticks, labels = [ticks[k] for k in keep], [labels[k] for k in keep]
    fig.update_xaxes(tickvals=ticks, ticktext=labels, title_text="Penalty strength λ", **where)


def _plain_log_axis(values, **where):
    """Keyword arguments for a log axis over ``values`` with plain tick labels (no powers of ten)."""
    values = (
        np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in values])
        if isinstance(values, list)
        else np.ravel(np.asarray(values, dtype=float))
    )
    values = values[np.isfinite(values) & (values > 0)]
    ticks, labels = log_axis_ticks(values.min(), values.max()) if values.size else ([], [])
    return dict(type="log", tickvals=ticks, ticktext=labels, **where)


def _you_are_here(fig, x, label="you are here"):
    """A dotted vertical line at x, labelled above the plot."""
    fig.add_vline(x=x, line=dict(color=BLACK, width=1.5, dash="dot"), annotation_text=label, annotation_position="top")


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
    hover = "how much the %{x} ingredient moves the curve: %{y:,.3~r} × the usual ups and downs<extra>%{fullData.name}</extra>"
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "bar", x=names, y=_light(sizes[0]), name="With no penalty (λ = 0)", marker_color=PURPLE, hovertemplate=hover
        )
    )
    fig.add_trace(
        trace("bar", x=names, y=_light(sizes[index]), name="At this λ", marker_color=VERMILLION, hovertemplate=hover)
    )
    fig.add_hline(y=1, line=dict(color=BLACK, width=1, dash="dash"))  # named in the axis title, not on the bars
    fig.update_yaxes(**_plain_log_axis(np.append(sizes, 1.0)))
    fig.update_layout(barmode="group", bargap=0.25)
    return _base_layout(
        fig,
        "Ingredient of the curve (1st = straight line, 2nd = gentle bend, 3rd = sharper bend, …)",
        "Weight size (dashed line: 1 × the usual ups and downs)",
        height,
    )


_LINE_COLOURS = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, BLACK, YELLOW]


def _weight_lines(fig, lams, weights, limit, show_legend=True, **where):
    """One line per weight against λ (positions from ``lam_positions``), clipped far outside ±limit."""
    x = _light(lam_positions(lams))
    for power, name in enumerate(term_names(weights.shape[1])):
        fig.add_trace(
            trace(
                "scatter",
                x=x,
                y=_light(np.clip(weights[:, power], -1e6 * limit, 1e6 * limit)),
                mode="lines",
                name=name,
                line=dict(color=_LINE_COLOURS[power % len(_LINE_COLOURS)], width=1.5),
                legendgroup=name,
                showlegend=show_legend,
                hovertemplate=f"{name} ingredient: %{{y:,.3~r}} × the usual ups and downs<extra></extra>",
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
    fig.add_hline(y=0, line=dict(color="#999999", width=1))
    _you_are_here(fig, lam_positions(path.lams)[index])
    _lam_axis(fig, path.lams)
    fig.update_yaxes(range=[-limit, limit])
    return _base_layout(fig, "Penalty strength λ", "Weight (× the usual ups and downs)", height)


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
        fig.add_vline(x=here, line=dict(color=BLACK, width=1.5, dash="dot"), row=1, col=col)
        fig.add_hline(y=0, line=dict(color="#999999", width=1), row=1, col=col)
        _lam_axis(fig, path.lams[path.lams > 0], sparse=True, row=1, col=col)
    fig.update_yaxes(range=[-limit, limit])
    fig.update_layout(showlegend=path.degree <= 8)
    return _base_layout(fig, "Penalty strength λ", "Weight (× the usual ups and downs)", height)


@figure_builder
def gap_figure(train_miss, test_miss, height=220):
    """Typical miss on training data against new data: the gap that says "more penalty"."""
    fig = FigureSpec().add_trace(
        trace(
            "bar",
            x=[train_miss, test_miss],
            y=["Training data", "New data"],
            orientation="h",
            marker_color=[BLUE, VERMILLION],
            text=[format_number(train_miss), format_number(test_miss)],
            textposition="outside",
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(range=[0, 1.25 * max(train_miss, test_miss)])
    fig = _base_layout(fig, "Typical miss", "", height)
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
            x=_light(x),
            y=_light(total),
            mode="lines",
            line=dict(color=BLUE, width=2.5),
            name="Total size",
            hovertemplate="%{y:,.3~r}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        trace(
            "scatter",
            x=_light(x),
            y=_light(path.df),
            mode="lines",
            line=dict(color=GREEN, width=2.5),
            name="Free weights",
            hovertemplate="%{y:.1f}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    for col in (1, 2):
        fig.add_vline(x=x[index], line=dict(color=BLACK, width=1.5, dash="dot"), row=1, col=col)
        _lam_axis(fig, path.lams, sparse=True, row=1, col=col)
    fig.update_yaxes(**_plain_log_axis(total), row=1, col=1)
    fig.update_yaxes(range=[0, path.degree + 0.5], row=1, col=2)
    fig.update_layout(showlegend=False)
    return _base_layout(fig, "Penalty strength λ", "", height)


# --- Overfitting curves ---


def _clipped_top(*series, floor=0.0):
    values = np.concatenate([np.asarray(v, dtype=float).ravel() for v in series])
    values = values[np.isfinite(values)]
    return max(floor, 1.3 * values.max()) if values.size else 1.0


ZONE_LABELS = ("memorizing<br>(too wiggly)", "about as good<br>as the best", "too simple<br>(too stiff)")


def verdict_zones(fig, x, low, high, labels=ZONE_LABELS):
    """Shade the three verdicts along a λ axis: x[:low] memorizing, x[low:high] the band, beyond it too simple."""
    for start, stop, colour, label in zip(
        (x[0], x[low], x[high]), (x[low], x[high], x[-1]), (ORANGE, GREEN, SKY_BLUE), labels
    ):
        if stop > start:
            fig.add_vrect(
                x0=start,
                x1=stop,
                fillcolor=colour,
                opacity=0.13,
                line_width=0,
                annotation_text=label,
                annotation_position="bottom",
                annotation_font_size=12,
                annotation_bgcolor="rgba(255, 255, 255, 0.9)",  # readable where "you are here" crosses it
            )


def _true_curve(fig, dataset, curve_x, width):
    """The curve the synthetic data were drawn from (only synthetic data have one)."""
    if dataset.truth is not None:
        fig.add_trace(
            trace(
                "scatter",
                x=_light(curve_x),
                y=_light(dataset.truth(curve_x)),
                mode="lines",
                name="True curve",
                line=dict(color=GREEN, width=width, dash="dash"),
                hoverinfo="skip",
            )
        )


def _miss_title(unit):
    return f"Typical miss ({unit})" if unit else "Typical miss"


@figure_builder
def error_curves_figure(path, index, unit, height=460):
    """Training, held-out and cross-validated error against λ, with the zones and the best λ."""
    x = lam_positions(path.lams)
    cv = np.sqrt(path.cv_mse)
    low, high = path.good_range
    best = path.best_index
    fig = FigureSpec()
    verdict_zones(fig, x, low, high)
    for values, name, colour, dash in (
        (path.train_rmse, "Training data", BLUE, "solid"),
        (path.test_rmse, "New data (held out)", VERMILLION, "solid"),
        (cv, f"Checked on left-out training points ({path.cv})", BLACK, "dash"),
    ):
        fig.add_trace(
            trace(
                "scatter",
                x=_light(x),
                y=_light(np.where(np.isfinite(values), values, np.nan)),
                mode="lines",
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                hovertemplate="typical miss %{y:,.3~r}<extra>" + name + "</extra>",
            )
        )
    fig.add_trace(
        trace(
            "scatter",
            x=[x[best]],
            y=[cv[best]],
            mode="markers",
            name="Sweet spot (best by cross-validation)",
            marker=dict(symbol="star", size=16, color=YELLOW, line=dict(color=BLACK, width=1.5)),
        )
    )
    _you_are_here(fig, x[index])
    _lam_axis(fig, path.lams)
    top = _clipped_top(path.train_rmse[low:], path.test_rmse[low:], cv[low:])
    if np.isfinite(cv[0]) and cv[0] > top:
        fig.add_annotation(
            text=f"dashed line starts at {format_number(cv[0])}, above the chart",
            x=x[0],
            y=0.97 * top,
            xanchor="left",
            yanchor="top",
            xshift=8,
            showarrow=False,
            font=dict(size=11, color="#333333"),
            bgcolor="rgba(255,255,255,0.8)",
        )
    fig.update_yaxes(range=[0, top], rangemode="tozero")
    fig = _base_layout(fig, "Penalty strength λ", _miss_title(unit), height)
    return fig.update_layout(margin_t=75, legend_y=1.08)  # the legend above "you are here"


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
                y=_light(values),
                mode="lines+markers",
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                hovertemplate="degree %{x}: typical miss %{y:,.3~r}<extra></extra>",
            )
        )
    fig.add_vline(
        x=degree,
        line=dict(color=BLACK, width=1.5, dash="dot"),
        annotation_text="you are here",
        annotation_position="top",
    )
    fig.update_yaxes(
        **_plain_log_axis([sweep.train_rmse[:, lam_index], sweep.test_rmse[:, lam_index], sweep.test_rmse[:, 0]])
    )
    fig.update_xaxes(dtick=1)
    return _base_layout(fig, "Curve flexibility (degree)", _miss_title(unit), height)


@figure_builder
def spaghetti_figure(dataset, curve_x, curves, height=400):
    """The fitted curves of many resampled training sets, drawn faintly together."""
    window = chart_window(dataset)
    pad = 10 * (window[1] - window[0])
    xs, ys = [], []
    for curve in curves:
        if np.isfinite(curve).all():
            xs += [curve_x, [np.nan]]
            ys += [np.clip(curve, window[0] - pad, window[1] + pad), [np.nan]]
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "scatter",
            x=_light(np.concatenate(xs)),
            y=_light(np.concatenate(ys)),
            mode="lines",
            name="Fits to resampled data",
            line=dict(color=VERMILLION, width=1.2),
            opacity=0.45,
            hoverinfo="skip",
        )
    )
    _true_curve(fig, dataset, curve_x, width=2.5)
    fig.update_yaxes(range=list(window))
    return _base_layout(fig, dataset.x_label, dataset.y_label, height)
