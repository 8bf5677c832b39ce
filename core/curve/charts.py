"""The one-curve story's charts: the data and the fitted curve, the weights, errors against degree, resampled fits.

Each builder records a ``FigureSpec`` and returns a Plotly figure (``core.show.kit.figure_builder``); the
error-against-λ chart is the kit's, shared with the many-signals story. Every colour is a role's
(``core.show.palette.ROLES``: training data black, new data light blue, your penalty orange, no penalty pink dotted,
the sweet spot green, too much dark blue, the true pattern grey dashed); lines that carry no role (one per weight) are
greys. A chart that compares the reader's λ with another setting compares it with the sweet spot while the reader's λ
is 0 (``comparison_at``, by the one rule of ``core.show.compare``), so a first view never shows the same thing twice.
A line that leaves a chart is marked where it leaves (``exit_notes``).
"""

import functools
from dataclasses import dataclass

import numpy as np

from ..show.compare import compared_with
from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    HOVER_FORMAT,
    base_layout,
    figure_builder,
    light,
    miss_title,
    plain,
    plain_log_axis,
    you_are_here,
)
from ..show.palette import (
    BLACK,
    DARK_NOTE_GREY,
    NEW_DATA,
    NO_PENALTY,
    NOTE_GREY,
    SHADE_FEW,
    SHADE_MANY,
    SWEET_SPOT,
    TRAINING,
    TRUE_PATTERN,
    WHITE,
    YOUR_PENALTY,
    ZERO_GREY,
    veil,
)
from ..show.plain_numbers import CURRENCY_SIGNS, format_amount

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


def money_ticks(unit, offset=0.0):
    """Tick labels with the currency sign first ("€2,000") on an axis of money drawn as it is; else nothing."""
    return dict(tickprefix=unit, tickformat=",") if unit in CURRENCY_SIGNS and not offset else {}


#: At most this many places on one curve are marked where it leaves the chart (the widest runs).
MAX_EXIT_NOTES = 3


def exit_runs(curve_x, curve_y, window):
    """Where a curve is beyond the chart's y range: (x where the run starts, x where it ends, 1 above or −1 below, the farthest y).

    The widest runs first, at most ``MAX_EXIT_NOTES``, then in the order of x.
    """
    curve_y = np.asarray(curve_y, dtype=float)
    side = np.where(curve_y > window[1], 1, np.where(curve_y < window[0], -1, 0))
    runs, start = [], None
    for k in range(side.size + 1):
        here = side[k] if k < side.size else 0
        if start is not None and here != side[start]:
            part = curve_y[start:k]
            runs.append(
                (curve_x[start], curve_x[k - 1], int(side[start]), float(part.max() if side[start] > 0 else part.min()))
            )
            start = None
        if start is None and here != 0:
            start = k
    runs.sort(key=lambda run: run[1] - run[0], reverse=True)
    return sorted(runs[:MAX_EXIT_NOTES], key=lambda run: run[0])


def exit_notes(fig, curve_x, curve_y, window, colour, unit="", show=None, offset=0.0, row=None, col=None):
    """Mark where a curve leaves the chart: a note inside the plot, where the curve crosses the edge, saying how far it goes.

    The note starts at the crossing and runs over the stretch where the curve is off the chart (nothing drawn
    there), set in from the edge so it does not sit on the axis and its labels. A curve that starts off the chart
    is marked where it comes back. ``show`` maps x to the axis's values (dates); notes are drawn in ``colour``.
    """
    where = {} if row is None else dict(row=row, col=col)
    for start, stop, side, farthest in exit_runs(curve_x, curve_y, window):
        comes_back = start == curve_x[0] and stop != curve_x[-1]
        at = stop if comes_back else start
        fig.add_annotation(
            x=(show([at])[0] if show is not None else at),
            y=(window[1] if side > 0 else window[0]) - offset,
            text=f"{'▲' if side > 0 else '▼'} off the chart (to {format_amount(farthest, unit)})",
            showarrow=False,
            xanchor="right" if comes_back else "left",
            yanchor="top" if side > 0 else "bottom",
            yshift=-6 if side > 0 else 6,
            font=dict(size=11, color=colour),
            bgcolor=veil(0.85),
            bordercolor=colour,
            borderwidth=1,
            **where,
        )


MAX_POINTS = 5_000
_SPARSE_BIN = 3


def _points(dataset):
    """The points to draw: all of them, or for big data a sample plus every point in a sparse area.

    Returns (train_xy, test_xy, density) where density is None or (x_edges, y_edges, counts)
    of all points, so the chart can shade where the undrawn points lie.
    """
    train, test = (dataset.x_train, dataset.y_train), (dataset.x_test, dataset.y_test)
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
    keep = rare.copy()  # every point in a sparse area, and a sample of the rest
    keep[rng.choice(common, size=min(budget, common.size), replace=False)] = True
    in_train = np.arange(total) < dataset.x_train.size
    return (
        (x[keep & in_train], y[keep & in_train]),
        (x[keep & ~in_train], y[keep & ~in_train]),
        (x_edges, y_edges, counts),
    )


@dataclass(frozen=True)
class Comparison:
    """A second curve or set of bars a chart draws beside the reader's, and how it is drawn: a role and a name."""

    values: np.ndarray
    name: str
    colour: str
    dash: str = "solid"


def comparison_at(path, row, values_at, no_penalty_name="No penalty", sweet_spot_name="Sweet spot"):
    """What the reader's λ at ``row`` is compared with (``core.show.compare.compared_with``): the sweet spot
    while the reader's λ is 0, else no penalty.

    ``values_at(row)`` gives what is drawn at a row of the path (a curve, the weights). When the sweet spot
    is λ = 0 itself, the setting drawn instead is named by the rule's label.
    """
    other = compared_setting(path, row)
    if other.role == NO_PENALTY:
        name = no_penalty_name
    else:
        name = sweet_spot_name if other.is_sweet_spot else other.label
    return Comparison(values_at(other.row), name, other.role.colour, other.role.dash)


def compared_setting(path, row):
    """The one rule (``core.show.compare.compared_with``) on a curve's path: what the reader's λ at ``row`` is compared with."""
    best = path.best_index
    # The band's end is read only when the sweet spot is λ = 0 (the rule's edge): found only then.
    band_end = path.good_range[1] if best == 0 else best
    return compared_with(path.lams, row, best, band_end)


@figure_builder
def fit_figure(
    dataset, curve_x, curve_y, height=440, compare=None, legend_name=None, role=YOUR_PENALTY, point_names=None
):
    """Training points, held-out points, the true curve (when known) and the fitted curve.

    The y axis shows the data; where a curve shoots beyond it, a note at that place says so. ``compare``, when given
    (a ``Comparison``), adds a second curve for contrast: the sweet spot's or no penalty's; ``legend_name`` is then
    what the legend calls the reader's curve ("Your penalty: none"), on a legend entry of its own (the curve keeps its
    name, "Model's curve"), drawn in ``role``; ``point_names`` names the training and held-out points. Big data are
    drawn as a shade of where all points lie plus a sample, and the chart says how many points it shows. The fitted
    curve keeps full precision (small), checkable against scikit-learn.
    """
    window = chart_window(dataset)
    offset = y_offset(window)
    show = dataset.x_for_display
    (x_train, y_train), (x_test, y_test), density = _points(dataset)
    train_name, test_name = point_names or ("Training data", "New data (held out)")
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
            name=test_name,
            marker=dict(color=NEW_DATA.colour, size=6 if not many else 4, opacity=0.45),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        scatter(
            x=show(x_train),
            y=light(y_train - offset),
            mode="markers",
            name=train_name,
            marker=dict(
                color=TRAINING.colour, size=8 if not many else 4, line=dict(color=WHITE, width=0 if many else 1)
            ),
        )
    )
    _true_curve(fig, dataset, curve_x, width=2, offset=offset)
    if compare is not None:
        fig.add_trace(
            trace(
                "scatter",
                x=show(curve_x),
                y=light(np.clip(compare.values, -1e300, 1e300) - offset),
                mode="lines",
                name=compare.name,
                line=dict(color=compare.colour, width=2, dash=compare.dash),
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
            line=dict(color=role.colour, width=3, dash=role.dash),
            showlegend=legend_name is None,
        )
    )
    if legend_name is not None:  # a legend entry only: the curve above, named for the reader's penalty
        fig.add_trace(
            trace(
                "scatter",
                x=[None],
                y=[None],
                mode="lines",
                name=legend_name,
                line=dict(color=role.colour, width=3, dash=role.dash),
                hoverinfo="skip",
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
    if compare is not None:
        exit_notes(fig, curve_x, compare.values, window, compare.colour, dataset.y_unit, show, offset)
    exit_notes(fig, curve_x, curve_y, window, role.colour, dataset.y_unit, show, offset)
    fig.update_yaxes(range=[window[0] - offset, window[1] - offset], **money_ticks(dataset.y_unit, offset))
    return base_layout(fig, dataset.x_label, offset_title(dataset.y_label, offset), height)


#: The three small pictures' settings: what each shows, the role it is drawn in, and its title.
PICTURES = ("no penalty", "sweet spot", "too much")


@figure_builder
def picture_figure(dataset, curve_x, curve_y, role, title, height=260):
    """One small picture: the training points, new data faintly, and one curve in its role's colour and style.

    Three of them side by side (no penalty · sweet spot · too much) show the before and after with no touch.
    """
    window = chart_window(dataset)
    offset = y_offset(window)
    show = dataset.x_for_display
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "scatter",
            x=show(dataset.x_test),
            y=light(dataset.y_test - offset),
            mode="markers",
            name="New data",
            marker=dict(color=NEW_DATA.colour, size=4, opacity=0.4),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        trace(
            "scatter",
            x=show(dataset.x_train),
            y=light(dataset.y_train - offset),
            mode="markers",
            name="Training data",
            marker=dict(color=TRAINING.colour, size=6),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        trace(
            "scatter",
            x=show(curve_x),
            y=light(np.clip(curve_y, -1e300, 1e300) - offset),
            mode="lines",
            name=title,
            line=dict(color=role.colour, width=3, dash=role.dash),
            hoverinfo="skip",
        )
    )
    exit_notes(fig, curve_x, curve_y, window, role.colour, dataset.y_unit, show, offset)
    fig.update_yaxes(range=[window[0] - offset, window[1] - offset], **money_ticks(dataset.y_unit, offset))
    fig = base_layout(fig, dataset.x_label, offset_title(dataset.y_label, offset), height)
    fig.update_xaxes(title_font_size=11)
    fig.update_yaxes(title_font_size=11)
    return fig.update_layout(
        title=dict(text=plain(title), x=0.5, xanchor="center", font=dict(size=15, color=role.colour)),
        showlegend=False,
        margin=dict(l=62, r=10, t=40, b=45),
    )


#: Weeks of the past shown before the forecast on the forecast chart.
FORECAST_CONTEXT = 8


@figure_builder
def forecast_figure(dataset, future, forecasts, height=380):
    """The café's model asked about the next days: each forecast beside what happened, the future shaded.

    ``future`` is (x, y) of the days after the data (``data.next_days``); ``forecasts`` is a list of
    (role, name, x, y) curves that run from the last weeks of the data into the future.
    """
    window = chart_window(dataset)
    future_x, future_y = future
    end = float(dataset.x_train.max())
    start = end - FORECAST_CONTEXT
    recent = dataset.x_train >= start
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "scatter",
            x=light(dataset.x_train[recent]),
            y=light(dataset.y_train[recent]),
            mode="markers",
            name="Days it learned from",
            marker=dict(color=TRAINING.colour, size=8),
            hovertemplate=f"week %{{x:.1f}}: %{{y:{HOVER_FORMAT}}}<extra>learned from</extra>",
        )
    )
    fig.add_trace(
        trace(
            "scatter",
            x=light(future_x),
            y=light(future_y),
            mode="markers",
            name="What happened",
            marker=dict(color=NEW_DATA.colour, size=9, line=dict(color=BLACK, width=1)),
            customdata=np.arange(1, len(future_x) + 1),
            hovertemplate=f"day %{{customdata}} after: %{{y:{HOVER_FORMAT}}}<extra>what happened</extra>",
        )
    )
    for role, name, x, y in forecasts:
        fig.add_trace(
            trace(
                "scatter",
                x=light(x),
                y=light(np.clip(y, -1e300, 1e300)),
                mode="lines",
                name=name,
                line=dict(color=role.colour, width=3, dash=role.dash),
                hovertemplate=f"week %{{x:.1f}}: %{{y:{HOVER_FORMAT}}}<extra>{plain(name)}</extra>",
            )
        )
        ahead = x > future_x[0] - (future_x[1] - future_x[0])
        exit_notes(fig, x[ahead], y[ahead], window, role.colour, dataset.y_unit)
    fig.add_vrect(
        x0=end,
        x1=float(future_x[-1]),
        fillcolor=ZERO_GREY,
        opacity=0.15,
        line_width=0,
        annotation_text="the next two weeks:<br>not in the data",
        annotation_position="top left",
        annotation_font=dict(size=11, color=DARK_NOTE_GREY),
    )
    fig.update_yaxes(range=list(window), **money_ticks(dataset.y_unit))
    fig.update_xaxes(range=[start, float(future_x[-1]) + 0.3], **forecast_ticks(start, future_x))
    return base_layout(fig, f"{dataset.x_label}, then the days after it", dataset.y_label, height)


def forecast_ticks(start, future_x):
    """The forecast chart's x ticks: every other week of the data by its number, then the days after the data by
    their count ("day 7 after"), never a week past the year's end ("week 54")."""
    weeks = [float(week) for week in range(int(np.ceil(start)), int(np.floor(future_x[0])) + 1, 2)]
    days = [day for day in (7, 14) if day <= len(future_x)]
    return dict(
        tickvals=weeks + [float(future_x[day - 1]) for day in days],
        ticktext=[f"{week:.0f}" for week in weeks] + [f"day {day}<br>after" for day in days],
    )


def _true_curve(fig, dataset, curve_x, width, offset=0.0):
    """The curve the synthetic data were drawn from (only synthetic data have one), drawn from ``offset``."""
    if dataset.truth is not None:
        fig.add_trace(
            trace(
                "scatter",
                x=light(curve_x),
                y=light(dataset.truth(curve_x) - offset),
                mode="lines",
                name="True pattern",
                line=dict(color=TRUE_PATTERN.colour, width=width, dash=TRUE_PATTERN.dash),
                hoverinfo="skip",
            )
        )


@figure_builder
def degree_figure(sweep, lam_index, degree, unit, height=380):
    """Error against degree at the reader's λ, and for comparison with no penalty, or, while the reader's λ is 0,
    at each degree's own sweet spot: the classic U, and the L the penalty makes of it.

    The y axis covers every λ's misses on new data and down to a hundredth of their smallest, so it holds still
    while λ moves; a training miss below that (a curve through every point: almost 0) leaves the chart at the bottom,
    and a note there says so.
    """
    new_data = np.concatenate([sweep.test_rmse.ravel(), sweep.sweet_spot_test_rmse, sweep.train_rmse.max(axis=0)])
    new_data = new_data[np.isfinite(new_data) & (new_data > 0)]
    floor, top = new_data.min() / 100, new_data.max()
    if sweep.lams[lam_index] == 0:
        compare = Comparison(sweep.sweet_spot_test_rmse, "New data, sweet spot", SWEET_SPOT.colour)
    else:
        compare = Comparison(sweep.test_rmse[:, 0], "New data, no penalty", NO_PENALTY.colour, NO_PENALTY.dash)
    fig = FigureSpec()
    for values, name, colour, dash in (
        (sweep.train_rmse[:, lam_index], "Training data, your λ", TRAINING.colour, "solid"),
        (sweep.test_rmse[:, lam_index], "New data, your λ", NEW_DATA.colour, "solid"),
        (compare.values, compare.name, compare.colour, compare.dash),
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
    below = np.flatnonzero(sweep.train_rmse[:, lam_index] < floor)
    if below.size:  # a ▼ where the black line leaves, the words beside it on the roomier side (off the line's drop)
        tiny = np.all(sweep.train_rmse[below, lam_index] < floor / 10)
        leaves = float(sweep.degrees[below[0]])
        fig.add_annotation(
            x=leaves, y=float(np.log10(floor)), text="▼", showarrow=False, yanchor="bottom",
            font=dict(size=12, color=TRAINING.colour),
        )  # fmt: skip
        right = sweep.degrees.max() - leaves > leaves - sweep.degrees.min()  # left: ends before the line's drop
        fig.add_annotation(
            **(dict(x=leaves, xanchor="left", xshift=10) if right else dict(x=leaves - 1, xanchor="right", xshift=-4)),
            y=float(np.log10(floor)),
            text=f"▼ from degree {sweep.degrees[below[0]]}, the training miss is "
            + ("almost 0:<br>the curve passes through every point" if tiny else f"below {format_amount(floor, unit)}"),
            showarrow=False,
            yanchor="bottom",
            align="left",
            font=dict(size=11, color=DARK_NOTE_GREY),
            bgcolor=veil(0.85),
        )
    you_are_here(fig, degree)
    fig.update_yaxes(**plain_log_axis([floor, top]), range=[float(np.log10(floor)), float(np.log10(1.5 * top))])
    fig.update_xaxes(dtick=1, range=[float(sweep.degrees.min()) - 0.5, float(sweep.degrees.max()) + 0.5])
    return base_layout(fig, "Curve flexibility (degree)", miss_title(unit), height)


@figure_builder
def spaghetti_figure(dataset, curve_x, curves, height=400, role=YOUR_PENALTY, title=None):
    """The fitted curves of many resampled training sets, drawn faintly together in ``role``'s colour.

    ``title`` (coloured like the role) names the setting they were fitted with, e.g. "No penalty".
    """
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
            line=dict(color=role.colour, width=1.2),
            opacity=0.45,
            hoverinfo="skip",
        )
    )
    _true_curve(fig, dataset, curve_x, width=2.5, offset=offset)
    fig.update_yaxes(range=[window[0] - offset, window[1] - offset])
    fig = base_layout(fig, dataset.x_label, offset_title(dataset.y_label, offset), height)
    if title is not None:
        fig.update_layout(
            title=dict(text=plain(title), x=0.01, y=0.98, yanchor="top", font=dict(size=14, color=role.colour)),
            margin_t=80,
        )
    return fig
