"""Charts of the many-signals page: each builder returns a ``FigureSpec`` for one λ row of a ``SignalFit``.

``stepped(builder, fit, rows)`` makes the ``core.show.live.SteppedFigure`` of every slider step.
Signal names come from the reader's file: every label goes through ``core.show.kit.plain``.
"""

import numpy as np

from ..show import live
from ..show.figspec import FigureSpec, trace
from ..show.kit import HERE_LINE, base_layout, error_curves_figure, lam_axis, lam_positions, light, plain
from ..show.palette import BLACK, BLUE, EVEN_GREY, LINE_COLOURS, NOTE_GREY, ORANGE, PURPLE
from ..show.plain_numbers import format_lam

#: Bars drawn at most (the signals with the biggest weights anywhere on the path).
MAX_BARS = 20
#: Lines drawn at most on the paths chart (each named in its legend).
MAX_LINES = MAX_BARS


def shown_signals(fit, limit=MAX_BARS):
    """Indices of the features with the biggest weights anywhere on the path, biggest first."""
    order = np.argsort(-np.abs(fit.path.coef).max(axis=0), kind="stable")
    return order[:limit]


def _labels(fit, shown):
    return [plain(fit.names[j]) for j in shown]


def _bar_height(count):
    return 140 + 26 * count


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


def _bars_free_and_now(fit, index, values, hover, x_title):
    """``values`` (one row per λ) of the shown signals as bars: with no penalty (purple) and at this λ (orange)."""
    shown = shown_signals(fit)[::-1]
    labels = _labels(fit, shown)
    fig = FigureSpec()
    for row, name, colour in ((0, "No penalty", PURPLE), (index, f"λ = {format_lam(fit.path.lams[index])}", ORANGE)):
        fig.add_trace(
            trace(
                "bar",
                x=light(values[row, shown]),
                y=labels,
                orientation="h",
                name=name,
                marker_color=colour,
                hovertemplate=hover,
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(type="category")  # names like "1952" or "10" stay names, not positions on a number line
    _say_shown(fig, fit, shown)
    fig = base_layout(fig, x_title, "", _bar_height(len(shown)))
    return fig.update_layout(margin_l=220)


def weights_figure(fit, index):
    """Each signal's weight at this λ beside its weight with no penalty (in the units of y per typical swing)."""
    unit = fit.table.y_unit or "units of y"
    return _bars_free_and_now(
        fit,
        index,
        fit.path.coef,
        "%{y}: %{x:.3g}<extra></extra>",
        f"Weight ({plain(unit)} per typical swing of the signal)",
    )


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


def paths_figure(fit, index):
    """Every shown weight as λ grows, each line named in the legend, with this λ marked."""
    path = fit.path
    x = lam_positions(path.lams)
    shown = shown_signals(fit, MAX_LINES)
    fig = FigureSpec()
    for k, j in enumerate(shown):
        colour = LINE_COLOURS[k % len(LINE_COLOURS)]
        dash = _DASHES[(k // len(LINE_COLOURS)) % len(_DASHES)]
        fig.add_trace(
            trace(
                "scatter",
                x=light(x),
                y=light(path.coef[:, j]),
                mode="lines",
                line=dict(color=colour, width=2, dash=dash),
                name=plain(_legend_name(fit.names[j])),
                hovertemplate="%{y:.3g}<extra>" + plain(fit.names[j]) + "</extra>",
            )
        )
    fig.add_vline(x=float(x[index]), line=HERE_LINE)
    _say_shown(fig, fit, shown)
    top, _ = paths_range(fit)
    fig.update_yaxes(range=[-top, top])
    lam_axis(fig, path.lams)
    unit = fit.table.y_unit or "units of y"
    longest = max((len(_legend_name(fit.names[j])) for j in shown), default=10)
    fig = base_layout(fig, "Penalty strength λ", f"Weight ({plain(unit)})", max(440, 60 + 21 * len(shown)))
    # One legend entry per line, in a column on the right, with a margin wide enough that Plotly never widens it.
    return fig.update_layout(
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1.0, yanchor="top", font_size=12),
        margin_r=min(420, 70 + 7 * longest),
    )


def share_figure(fit, index):
    """The share of all weight carried by the biggest signal, against λ."""
    path = fit.path
    x = lam_positions(path.lams)
    share = path.biggest_share
    even = 1.0 / path.coef.shape[1]
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "scatter",
            x=light(x),
            y=light(100 * share),
            mode="lines",
            line=dict(color=BLUE, width=2.5),
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
            marker=dict(color=ORANGE, size=12, line=dict(color=BLACK, width=1)),
            name="This λ",
            hovertemplate="%{y:.0f}%<extra>this λ</extra>",
        )
    )
    fig.add_hline(y=100 * even, line=dict(color=EVEN_GREY, width=1, dash="dash"))
    fig.update_yaxes(range=[0, 105], ticksuffix="%")
    lam_axis(fig, path.lams)
    return base_layout(fig, "Penalty strength λ", "Share of all weight", 320)


def stability_figure(fit, index):
    """How much each weight jumps between the fits without each fold: at this λ and with no penalty."""
    unit = fit.table.y_unit or "units of y"
    return _bars_free_and_now(
        fit,
        index,
        fit.path.fold_spread,
        "%{y}: ±%{x:.3g}<extra></extra>",
        f"How much the weight jumps between refits (±{plain(unit)})",
    )


def errors_figure(fit, index):
    """Training, held-out and cross-validated error against λ, with the sweet spot (the curves page's chart)."""
    unit = fit.table.y_unit
    fig = error_curves_figure.spec(fit.path, index, unit)
    title = f"Typical miss ({unit})" if unit else f"Typical miss in {fit.table.target}"
    return fig.update_layout(yaxis_title=plain(title))


def stepped(builder, fit, rows):
    """A ``SteppedFigure`` of ``builder(fit, row)`` for every row of ``rows`` (one per slider step)."""
    return live.stepped(lambda step: builder(fit, int(rows[step])), len(rows))
