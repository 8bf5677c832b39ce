"""The one-curve story's weight charts: each weight's size at the reader's λ, every weight's path as λ grows,
L2's paths beside the lasso's, their total size, and the gap between the two misses.

Weights carry no role, so their lines are greys (``palette.grey_ramp``); the reader's λ is the dotted
"you are here" line. λ = 0 is a point of its own, never joined to the first step (``kit.lam_line``), and a
line that leaves a chart gets a note where it leaves.
"""

import numpy as np

from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    HERE_LINE,
    HOVER_FORMAT,
    NO_PENALTY_ROOM,
    ZERO_LINE,
    base_layout,
    figure_builder,
    lam_axis,
    lam_line,
    lam_positions,
    light,
    plain_log_axis,
    you_are_here,
)
from ..show.palette import (
    BLACK,
    DARK_NOTE_GREY,
    NEW_DATA,
    NO_PENALTY,
    TRAINING,
    YOUR_PENALTY,
    grey_ramp,
    veil,
)
from ..show.plain_numbers import format_lam, format_miss, ordinal, plain_number
from .charts import Comparison, compared_setting

CURVE_POINTS = 300


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
    """Each weight's size with no penalty beside its size at the reader's λ (at λ = 0: beside the sweet spot's).

    Log axis with a line at 1, over every λ's weights, so the axis holds still while λ moves.
    """
    sizes = relative_weights(path)
    names = term_names(path.degree)
    hover = f"how much the %{{x}} ingredient moves the curve: %{{y:{HOVER_FORMAT}}} × the usual ups and downs<extra>%{{fullData.name}}</extra>"
    other = compared_setting(path, index)
    if other.role == NO_PENALTY:
        first = Comparison(sizes[0], "No penalty (λ = 0)", NO_PENALTY.colour)
        second = Comparison(sizes[index], "Your λ", YOUR_PENALTY.colour)
    else:  # the reader's λ is 0: the bars with no penalty are theirs, beside the sweet spot's
        first = Comparison(sizes[0], "No penalty: your λ = 0", NO_PENALTY.colour)
        name = "Sweet spot, for comparison" if other.is_sweet_spot else f"{other.label}, for comparison"
        second = Comparison(sizes[other.row], name, other.role.colour)
    fig = FigureSpec()
    for bars in (first, second):
        fig.add_trace(
            trace("bar", x=names, y=light(bars.values), name=bars.name, marker_color=bars.colour, hovertemplate=hover)
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


def _weight_lines(fig, lams, weights, limit, show_legend=False, **where):
    """One grey line per weight against λ (darker for sharper bends), clipped far outside ±limit; λ = 0 a point of its own."""
    count = weights.shape[1]
    for power, name in enumerate(term_names(count)):
        fig.add_trace(
            trace(
                "scatter",
                **lam_line(lams, np.clip(weights[:, power], -1e6 * limit, 1e6 * limit), marker_size=6),
                name=name,
                line=dict(color=grey_ramp(power, count), width=1.5),
                legendgroup=name,
                showlegend=show_legend,
                hovertemplate=f"{name} ingredient: %{{y:{HOVER_FORMAT}}} × the usual ups and downs<extra></extra>",
            ),
            **where,
        )


def _off_chart_note(fig, x, weights, limit, swings_word="× the usual ups and downs", **where):
    """Where weight lines leave the chart (beyond ±limit): one note at that place, above and below, with how far they go."""
    for side in (1, -1):
        beyond = side * weights > limit
        if not beyond.any():
            continue
        rows = np.flatnonzero(beyond.any(axis=1))
        farthest = float(np.max(side * weights[beyond]))
        fig.add_annotation(
            x=float(np.mean(x[[rows[0], rows[-1]]])),
            y=side * limit,
            text=f"{'▲' if side > 0 else '▼'} lines off the chart (to {'' if side > 0 else '–'}{plain_number(farthest)} {swings_word})",
            showarrow=False,
            xanchor="left" if rows[-1] < x.size // 2 else "center",
            yanchor="top" if side > 0 else "bottom",
            font=dict(size=11, color=DARK_NOTE_GREY),
            bgcolor=veil(0.85),
            **where,
        )


@figure_builder
def weight_paths_figure(path, index, height=380):
    """Every weight (signed, in spreads of y) as λ grows, with a marker at the current λ.

    The y axis fits the weights from the start of the "about as good" range on; to its left,
    unpenalized weights run off the chart by orders of magnitude, and a note says so there.
    λ = 0 is a point of its own on every line (``kit.lam_line``). Greys from light (the straight
    line) to dark (the sharpest bend): no line takes a role's colour.
    """
    weights = path.coef / (path.y_sd or 1.0)
    low, _ = path.good_range
    limit = max(1.5, 1.2 * np.abs(weights[max(low, 1) :]).max())
    fig = FigureSpec()
    _weight_lines(fig, path.lams, weights, limit)
    _off_chart_note(fig, lam_positions(path.lams), weights, limit)
    fig.add_hline(y=0, line=ZERO_LINE)
    you_are_here(fig, lam_positions(path.lams)[index])
    lam_axis(fig, path.lams)
    fig.update_yaxes(range=[-limit, limit])
    fig.update_layout(showlegend=False)
    return base_layout(fig, "Penalty strength λ", "Weight (× the usual ups and downs)", height)


@figure_builder
def l2_l1_paths_figure(path, lasso_lams, lasso_coef, lam, height=400):
    """Ridge (L2) and lasso (L1) weight paths on the same features, side by side, with the reader's λ marked.

    Both panels span the lasso's λ (from its smallest on), so neither has an empty stretch; lines that leave
    the chart get a note where they leave. The reader's λ is the dotted line labelled "your λ"; a λ left of
    the chart (0, or below the lasso's smallest) is marked at the left edge and says so. One grey per weight,
    the same in both panels (light: the straight line; dark: the sharpest bend).
    """
    scale = path.y_sd or 1.0
    shown = path.lams >= lasso_lams[0]
    ridge = path.coef[shown] / scale
    lasso = lasso_coef / scale
    limit = max(1.5, 1.2 * max(np.abs(ridge[path.lams[shown] >= 1e-4]).max(), np.abs(lasso).max()))
    fig = FigureSpec.make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.1,
        subplot_titles=("L2 (ridge): all kept, smaller", "L1 (lasso): some set to 0"),
    )
    for col, lams, weights in ((1, path.lams[shown], ridge), (2, lasso_lams, lasso)):
        _weight_lines(fig, lams, weights, limit, row=1, col=col)
        _off_chart_note(fig, lam_positions(lams), weights, limit, xref=f"x{col}", yref=f"y{col}")
    left = float(np.log10(lasso_lams[0]))
    inside = lam >= lasso_lams[0]
    here = float(np.log10(lam)) if inside else left
    label = "your λ" if inside else f"◀ your λ = {'0 (no penalty)' if lam == 0 else format_lam(lam)} is left of here"
    for col in (1, 2):
        fig.add_vline(
            x=here,
            line=HERE_LINE,
            annotation_text=label,
            annotation_position="top right" if not inside or here < left + 2 else "top left",
            annotation_font_size=11,
            row=1,
            col=col,
        )
        fig.add_hline(y=0, line=ZERO_LINE, row=1, col=col)
        lam_axis(fig, lasso_lams, sparse=True, row=1, col=col)
    fig.update_xaxes(range=[left - 0.1, float(np.log10(lasso_lams[-1])) + 0.1])  # fixed over every step
    fig.update_yaxes(range=[-limit, limit])
    fig.update_layout(showlegend=False)
    return base_layout(fig, "Penalty strength λ", "Weight (× the usual ups and downs)", height)


@figure_builder
def gap_figure(train_miss, test_miss, height=220, top=None, unit=""):
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
            marker_color=[TRAINING.colour, NEW_DATA.colour],
            text=[format_miss(train_miss, unit), format_miss(test_miss, unit)],
            textposition="outside",
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(range=[0, 1.25 * (max(train_miss, test_miss) if top is None else top)])
    fig.update_yaxes(type="category")
    fig = base_layout(fig, "Typical miss", "", height)
    return fig.update_layout(margin_l=125)  # the bars' names


def total_sizes(path):
    """The size of all weights together at every λ of the path (‖w‖ / sd(y))."""
    return np.sqrt(np.sum(np.square(path.coef), axis=1)) / (path.y_sd or 1.0)


def no_penalty_total_off(path):
    """The top of the total-size axis when no penalty's total is far above every penalized one, else None.

    The axis then fits the penalized totals, and a note says where no penalty's is: drawn to scale, it would flatten
    every other value against the bottom.
    """
    total = total_sizes(path)
    positive = total[path.lams > 0]
    positive = positive[np.isfinite(positive) & (positive > 0)]
    if path.lams[0] != 0 or not positive.size or not total[0] > 10 * positive.max():
        return None
    return float(positive.max())


def _penalized_total_axis(totals, top):
    """The total-size axis over the penalized totals: the largest, ``top``, is a tick of its own with the number the
    sentence gives (``words.total_summary``), above the line's start with room to spare; a decade tick too near it goes.
    """
    axis = plain_log_axis(totals, pad=0.05)
    high = float(np.log10(top))
    kept = [(tick, label) for tick, label in zip(axis["tickvals"], axis["ticktext"]) if tick < top / 2]
    axis["tickvals"] = [tick for tick, _ in kept] + [top]
    axis["ticktext"] = [label for _, label in kept] + [plain_number(top)]
    axis["range"] = [axis["range"][0], high + 0.12 * (high - axis["range"][0])]
    return axis


@figure_builder
def weight_total_figure(path, index, height=320):
    """The size of all weights together, and the effective number of free weights, against λ (λ = 0 a point of its own).

    When no penalty's total is far above the rest (``no_penalty_total_off``), the axis fits the rest and a note at
    the top says how big no penalty's is.
    """
    x = lam_positions(path.lams)
    total = total_sizes(path)
    off = no_penalty_total_off(path)
    fig = FigureSpec.make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=("Size of all weights together", "Weights really used"),
    )
    for col, values, name, hover in (
        (1, total, "Total size", f"%{{y:{HOVER_FORMAT}}}<extra></extra>"),
        (2, path.df, "Free weights", "%{y:.1f}<extra></extra>"),
    ):
        fig.add_trace(
            trace(
                "scatter",
                **lam_line(path.lams, values),
                line=dict(color=DARK_NOTE_GREY, width=2.5),
                name=name,
                hovertemplate=hover,
            ),
            row=1,
            col=col,
        )
    for col in (1, 2):
        fig.add_vline(x=x[index], line=HERE_LINE, row=1, col=col)
        lam_axis(fig, path.lams, sparse=True, row=1, col=col)
        if path.lams[0] == 0:  # room left of λ = 0: its dots whole, clear of the y axis's tick labels
            fig.update_xaxes(range=[float(x[0]) - NO_PENALTY_ROOM, float(x[-1])], row=1, col=col)
    if off is None:
        fig.update_yaxes(**plain_log_axis(total, pad=0.0), row=1, col=1)  # fixed: where a line ends, as Plotly would
    else:
        fig.update_yaxes(**_penalized_total_axis(total[path.lams > 0], off), row=1, col=1)
        fig.add_annotation(
            text=f"▲ no penalty: far above the chart<br>({plain_number(total[0])})",
            x=float(x[-1]),
            y=1.0,
            xanchor="right",
            yanchor="top",
            align="right",
            showarrow=False,
            font=dict(size=11, color=DARK_NOTE_GREY),
            bgcolor=veil(0.85),
            xref="x",
            yref="y domain",  # top right of the left panel, where its line (falling from the left) never is
        )
    fig.update_yaxes(range=[0, path.degree + 0.5], row=1, col=2)
    fig.update_layout(showlegend=False)
    return base_layout(fig, "Penalty strength λ", "", height)


# --- Overfitting curves ---
