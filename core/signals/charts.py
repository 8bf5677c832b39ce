"""Charts of the many-signals story: each builder returns a ``FigureSpec`` for one λ row of a ``SignalFit``.

``stepped(builder, fit, rows)`` makes the ``core.show.live.SteppedFigure`` of every slider step.
Signal names come from the reader's file: every label goes through ``core.show.kit.plain``.

The two bar charts compare the reader's penalty with another setting (``comparison``, by the one rule
of ``core.show.compare``): with no penalty once the reader has added one, and with the sweet spot while
they have not (so the first view, at λ = 0, never draws the same bars twice). Colours are the palette's
roles.
"""

from dataclasses import dataclass

import numpy as np

from ..show import live
from ..show.compare import compared_with
from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    HERE_LINE,
    HOVER_FORMAT,
    base_layout,
    error_curves_figure,
    lam_axis,
    lam_line,
    lam_positions,
    light,
    plain,
)
from ..show.palette import (
    BLACK,
    DARK_NOTE_GREY,
    EVEN_GREY,
    LINE_COLOURS,
    NEW_DATA,
    NOTE_GREY,
    SWEET_SPOT,
    TRAINING,
    YOUR_PENALTY,
    ZERO_GREY,
    Role,
    veil,
)
from ..show.plain_numbers import lam_in_words
from .money import TICK_FORMAT, amount, spread

#: Bars drawn at most (the signals with the biggest weights anywhere on the path).
MAX_BARS = 20
#: Lines drawn at most on the paths chart (each named in its legend).
MAX_LINES = MAX_BARS


@dataclass(frozen=True)
class Setting:
    """A setting a chart or a sentence shows: its row of the path, its palette role, its name in a legend, and
    how a sentence names it ("your penalty", "no penalty", "the sweet spot", ``core.show.compare``'s)."""

    row: int
    role: Role
    name: str
    phrase: str


def comparison(fit, index):
    """What the reader's setting at row ``index`` is compared with (``core.show.compare.compared_with``): the
    sweet spot at λ = 0, else no penalty."""
    path = fit.path
    other = compared_with(path.lams, index, path.best_index, path.good_range[1])
    return Setting(other.row, other.role, other.label, other.phrase)


def yours(fit, index):
    """The reader's own setting at row ``index``."""
    lam = fit.path.lams[index]
    name = "Your penalty: none" if lam == 0 else f"Your penalty: {lam_in_words(lam)}"
    return Setting(index, YOUR_PENALTY, name, "your penalty")


def shown_signals(fit, limit=MAX_BARS):
    """Indices of the features with the biggest weights anywhere on the path, biggest first."""
    order = np.argsort(-np.abs(fit.path.coef).max(axis=0), kind="stable")
    return order[:limit]


def _labels(fit, shown):
    return [plain(fit.names[j]) for j in shown]


def _bar_height(count):
    return 160 + 30 * count


def shown_note(fit, shown):
    """What a chart that draws only some of the signals says about it, or None when it draws them all."""
    if len(shown) >= len(fit.names):
        return None
    return f"Showing the {len(shown)} signals with the biggest weights, of {len(fit.names):,}"


def _say_shown(fig, fit, shown):
    """Say on the chart, above its top right corner, when only some signals are drawn."""
    note = shown_note(fit, shown)
    if note:
        fig.add_annotation(
            text=note,
            xref="paper",
            yref="paper",
            x=1.0,
            y=1.0,
            xanchor="right",
            yanchor="bottom",
            yshift=4,
            showarrow=False,
            font=dict(size=11, color=NOTE_GREY),
        )
    return fig


def _unit(fit):
    """What the weights are counted in: the unit, or, for a reader's column with none we know, its name."""
    return fit.table.y_unit or fit.table.target


def _bars(fit, index, values, jumps, x_title):
    """``values`` (one row per λ) of the shown signals as bars: the comparison's, then the reader's (orange).

    ``jumps`` writes the hover amounts as ± spreads rather than signed weights.
    """
    shown = shown_signals(fit)[::-1]
    labels = _labels(fit, shown)
    unit = fit.table.y_unit
    fig = FigureSpec()
    for setting in (comparison(fit, index), yours(fit, index)):
        row = values[setting.row, shown]
        words = [spread(v, unit) if jumps else amount(v, unit, signed=True) for v in row]
        fig.add_trace(
            trace(
                "bar",
                x=light(row),
                y=labels,
                orientation="h",
                name=plain(setting.name),
                marker_color=setting.role.colour,
                text=[plain(w) for w in words],
                textposition="none",  # the amounts are for the hover label; the axis gives the scale
                hovertemplate="%{y}: %{text}<extra>" + plain(setting.name) + "</extra>",
            )
        )
    fig.update_layout(barmode="group", legend_traceorder="reversed")  # the legend lists bars in the order drawn
    pair = () if fit.pair is None else (fit.pair.first, fit.pair.second)
    fig.update_yaxes(  # names like "1952" or "10" stay names, not positions on a number line
        type="category",
        tickvals=labels,
        ticktext=[f"<b>{label}</b>" if j in pair else label for j, label in zip(shown, labels)],  # the pair in bold
    )
    _say_shown(fig, fit, shown)
    fig = base_layout(fig, x_title, "", _bar_height(len(shown)))
    fig.update_xaxes(tickformat=TICK_FORMAT, zeroline=True, zerolinecolor=ZERO_GREY, zerolinewidth=1.5)
    return fig.update_layout(margin_l=220, margin_t=60)  # the legend above the bars


def weights_figure(fit, index):
    """The story's main chart: each signal's weight at the reader's λ beside the comparison's (``comparison``)."""
    return _bars(fit, index, fit.path.coef, False, f"Moves the forecast by ({plain(_unit(fit))})")


#: λ from which the weights count as settled when choosing the paths chart's height.
_SETTLED_LAM = 1e-4
#: When the unsettled weights reach this many times the settled ones, the chart cuts them off.
_CLIP_RATIO = 2.0
_DASHES = ("solid", "dash", "dot")


def paths_range(fit, shown=None):
    """The paths chart's half-height and the indices of the shown lines that leave it (with no penalty).

    The chart shows every weight unless the weights with (almost) no penalty are more than
    ``_CLIP_RATIO`` times the settled ones (λ ≥ ``_SETTLED_LAM``); then it cuts those off.
    """
    coef = fit.path.coef[:, shown_signals(fit, MAX_LINES) if shown is None else shown]
    full = float(np.abs(coef).max()) if coef.size else 0.0
    settled = coef[fit.path.lams >= _SETTLED_LAM]
    steady = float(np.abs(settled).max()) if settled.size else full
    if full == 0:
        return 1.0, np.array([], dtype=int)
    if full <= _CLIP_RATIO * steady:
        return 1.1 * full, np.array([], dtype=int)
    top = 1.3 * steady
    leaving = np.flatnonzero(np.abs(coef).max(axis=0) > top)
    order = shown_signals(fit, MAX_LINES) if shown is None else np.asarray(shown)
    return top, order[leaving]


def _legend_name(name, limit=40):
    return name if len(name) <= limit else name[: limit - 1] + "…"


def leaving_points(fit):
    """Where each line that leaves the paths chart crosses its edge: (feature, x position, edge, largest weight).

    Lines leave where the penalty is smallest (on the left): the crossing is at the largest λ at which the
    weight is still beyond the edge, the edge is ±top.
    """
    top, leaving = paths_range(fit)
    x = lam_positions(fit.path.lams)
    points = []
    for j in leaving:
        weights = fit.path.coef[:, j]
        beyond = np.flatnonzero(np.abs(weights) > top)
        last = int(beyond.max())
        edge = float(np.sign(weights[last]) * top)
        points.append((int(j), float(x[last]), edge, float(weights[np.argmax(np.abs(weights))])))
    return points


def _say_where_lines_leave(fig, fit):
    """A note at each point where a line leaves the chart: which signal, and how far it goes."""
    unit = fit.table.y_unit
    for k, (j, x, edge, biggest) in enumerate(leaving_points(fit)):
        fig.add_annotation(
            text=plain(
                f"{_legend_name(fit.names[j], 28)} leaves the chart (up to {amount(biggest, unit, signed=True)})"
            ),
            x=x,
            y=edge,
            xanchor="left",
            yanchor="top" if edge > 0 else "bottom",
            ax=25,
            ay=(1 if edge > 0 else -1) * (22 + 16 * k),
            showarrow=True,
            arrowhead=2,
            arrowcolor=DARK_NOTE_GREY,
            font=dict(size=11, color=DARK_NOTE_GREY),
            bgcolor=veil(0.85),
        )


def paths_figure(fit, index):
    """Every shown weight as λ grows (λ = 0 a point of its own), each line named in the legend, this λ marked."""
    path = fit.path
    x = lam_positions(path.lams)
    shown = shown_signals(fit, MAX_LINES)
    pair = set() if fit.pair is None else {fit.pair.first, fit.pair.second}
    fig = FigureSpec()
    for k, j in enumerate(shown):
        colour = LINE_COLOURS[k % len(LINE_COLOURS)]
        dash = _DASHES[(k // len(LINE_COLOURS)) % len(_DASHES)]
        line = lam_line(path.lams, path.coef[:, j], marker_size=7)
        fig.add_trace(
            trace(
                "scatter",
                **line,
                line=dict(color=colour, width=3.5 if j in pair else 2, dash=dash),
                marker_color=colour,
                name=plain(_legend_name(fit.names[j])),
                hovertemplate=f"%{{y:{HOVER_FORMAT}}}<extra>" + plain(fit.names[j]) + "</extra>",
            )
        )
    fig.add_vline(x=float(x[index]), line=HERE_LINE)
    _say_shown(fig, fit, shown)
    _say_where_lines_leave(fig, fit)
    top, _ = paths_range(fit)
    fig.update_yaxes(range=[-top, top], tickformat=TICK_FORMAT)
    lam_axis(fig, path.lams)
    longest = max((len(_legend_name(fit.names[j])) for j in shown), default=10)
    fig = base_layout(fig, "Penalty strength λ", f"Weight ({plain(_unit(fit))})", max(440, 140 + 22 * len(shown)))
    # One legend entry per line, in a column on the right, with a margin wide enough that Plotly never widens it.
    return fig.update_layout(
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1.0, yanchor="top", font_size=12),
        margin_r=min(420, 70 + 7 * longest),
    )


def share_figure(fit, index):
    """The share of all weight carried by the biggest signal, against λ (λ = 0 a point of its own)."""
    path = fit.path
    x = lam_positions(path.lams)
    share = path.biggest_share
    even = 1.0 / path.coef.shape[1]
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "scatter",
            **lam_line(path.lams, 100 * share),
            line=dict(color=DARK_NOTE_GREY, width=2.5),
            marker_color=DARK_NOTE_GREY,
            name="Biggest signal's share",
            hovertemplate="%{y:.0f}%<extra></extra>",
        )
    )
    fig.add_trace(
        trace(
            "scatter",
            x=[float(x[index])],
            y=[float(100 * share[index])],
            mode="markers",
            marker=dict(color=YOUR_PENALTY.colour, size=12, line=dict(color=BLACK, width=1)),
            name="Your penalty",
            hovertemplate="%{y:.0f}%<extra>your penalty</extra>",
            cliponaxis=False,  # whole even at an end of the λ axis
        )
    )
    fig.add_hline(
        y=100 * even,
        line=dict(color=EVEN_GREY, width=1, dash="dash"),
        annotation_text=f"even split ({even:.0%} each)",
        annotation_position="top right",
        annotation_font=dict(size=11, color=DARK_NOTE_GREY),
    )
    fig.update_yaxes(range=[0, 105], ticksuffix="%")
    lam_axis(fig, path.lams)
    return base_layout(fig, "Penalty strength λ", "Share of all weight", 320)


def stability_figure(fit, index):
    """How much each weight jumps between the fits without each fold: at the reader's λ and the comparison's."""
    return _bars(
        fit, index, fit.path.fold_spread, True, f"How much the weight jumps between refits ({plain(_unit(fit))})"
    )


#: The error chart's traces in the palette's roles, by the kit's trace names: training data black, new data
#: light blue, the check on left-out training rows black dashed (it is training data too), the sweet spot green.
_ERROR_ROLES = {
    "Training data": dict(line_color=TRAINING.colour),
    "New data (held out)": dict(line_color=NEW_DATA.colour),
}


def errors_figure(fit, index):
    """Training, held-out and cross-validated error against λ, with the sweet spot (the kit's chart, in roles)."""
    unit = fit.table.y_unit
    fig = error_curves_figure.spec(fit.path, index, unit)
    for item in fig.data:
        if item.get("name") in _ERROR_ROLES:
            item["line"] = dict(item.get("line", {}), color=_ERROR_ROLES[item["name"]]["line_color"])
        if item.get("marker", {}).get("symbol") == "star":
            item["marker"] = dict(item["marker"], color=SWEET_SPOT.colour)
    title = f"Typical miss ({unit})" if unit else f"Typical miss in {fit.table.target}"
    fig.update_yaxes(tickformat=TICK_FORMAT)
    return fig.update_layout(yaxis_title=plain(title))


def stepped(builder, fit, rows):
    """A ``SteppedFigure`` of ``builder(fit, row)`` for every row of ``rows`` (one per slider step)."""
    return live.stepped(lambda step: builder(fit, int(rows[step])), len(rows))
