"""The network page's charts, one step of the λ control at a time (for ``core.show.live``).

Every builder records a ``FigureSpec`` for one step and draws the same traces at every step. Beside
the network with no penalty each chart draws the *compared* network (``fit.compared_row``): the
reader's λ, or while the reader's λ is 0 what the one rule of ``core.show.compare`` compares it with
(the sweet spot), labelled so. Axis ranges are fixed over all
steps, so a step changes the lines and never the scale. Colours are the palette's roles: training
customers black, new customers light blue, no penalty pink dotted, the reader's penalty orange, the
sweet spot green, the real pattern grey dashes.
"""

import numpy as np

from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    HOVER_FORMAT,
    NO_PENALTY_ROOM,
    ROLE_ZONE_COLOURS,
    SWEET_STAR,
    ZERO_LINE,
    base_layout,
    clipped_top,
    figure_builder,
    lam_axis,
    lam_line,
    lam_positions,
    light,
    plain,
    verdict_zones,
    you_are_here,
)
from ..show.palette import (
    BLACK,
    FRAME_GREY,
    NEW_DATA,
    NO_PENALTY,
    NOTE_GREY,
    TRAINING,
    TRUE_PATTERN,
    WHITE,
    YOUR_PENALTY,
    tint,
)
from ..show.plain_numbers import format_lam
from . import data
from .fit import NetworkPath, compared_row, comparison, lowest_new_loss_epoch

#: The mean log-loss of a model that always says 50–50: log 2.
COIN_TOSS = float(np.log(2.0))
#: The network's chance of a complaint, shaded in grey: white where it expects none, darker the surer it is.
CHANCE_COLOURS = [[0.0, WHITE], [1.0, tint(BLACK, 0.2)]]


def compared_role(path: NetworkPath, step):
    """The palette role of the network drawn beside the one with no penalty: the reader's λ, or while it is 0
    the comparison's (``fit.comparison``: the sweet spot)."""
    other = comparison(path, step)
    return YOUR_PENALTY if other.role == NO_PENALTY else other.role


def compared_title(path: NetworkPath, step):
    """The name of the network drawn beside the one with no penalty, at ``step``."""
    other = comparison(path, step)
    if other.role == NO_PENALTY:
        return f"Your λ = {format_lam(path.lams[step])}"
    phrase = other.phrase[:1].upper() + other.phrase[1:]
    return f"{phrase}: λ = {format_lam(path.lams[other.row])} (by cross-validation)"


def _panels(titles, spacing=0.1):
    fig = FigureSpec.make_subplots(rows=1, cols=2, horizontal_spacing=spacing, subplot_titles=("left", "right"))
    for annotation, title in zip(fig.layout["annotations"], titles):
        annotation["text"] = plain(title)
    return fig


# --- The network's answer for every customer ---


def _customers(fig, problem):
    for label, name, symbol in ((1, "Complained", "x"), (0, "Did not complain", "circle-open")):
        rows = problem.y_train == label
        fig.add_trace(
            trace(
                "scatter",
                x=light(problem.X_train[rows, 0]),
                y=light(problem.X_train[rows, 1]),
                mode="markers",
                name=name,
                marker=dict(color=TRAINING.colour, symbol=symbol, size=8, line=dict(width=1.5)),
                cliponaxis=False,
                hovertemplate="order %{x:.0f} €, %{y:.1f} days late<extra>" + name + "</extra>",
            )
        )


@figure_builder
def answer_figure(path: NetworkPath, problem, probability, step, compared=True, height=440):
    """The network's chance of a complaint over the two signals, with the training customers and the real pattern.

    ``compared=False``: the network with no penalty (the same at every step); ``True``: the compared network
    (the reader's λ, or the sweet spot while λ is 0). ``probability`` has shape (L, GRID_POINTS, GRID_POINTS)
    (``fit.grid_probability``). The two are separate charts, side by side: each draws the customers once.
    """
    row = compared_row(path, step) if compared else 0
    role = compared_role(path, step) if compared else NO_PENALTY
    title = compared_title(path, step) if compared else "With no penalty"
    # The grid as three flat columns: a flat z keeps its meaning when a step's patch replaces it.
    value, days = np.meshgrid(problem.grid_value, problem.grid_days)
    fig = FigureSpec()
    fig.add_trace(
        trace(
            "contour",
            x=light(value.ravel()),
            y=light(days.ravel()),
            z=light(probability[row].ravel()),
            zmin=0.0,
            zmax=1.0,
            colorscale=CHANCE_COLOURS,
            autocontour=False,
            contours=dict(start=0.5, end=0.5, size=1, coloring="heatmap"),
            line=dict(color=role.colour, width=3, dash=role.dash),
            showscale=False,
            name="The network's 50–50 line",
            showlegend=True,
            hovertemplate="order %{x:.0f} €, %{y:.1f} days late: %{z:.0%} chance of a complaint<extra></extra>",
        )
    )
    fig.add_trace(
        trace(
            "scatter",
            x=light(problem.grid_value),
            y=light(data.even_odds_days(problem.grid_value)),
            mode="lines",
            name="The real pattern's 50–50 line",
            line=dict(color=TRUE_PATTERN.colour, width=2, dash=TRUE_PATTERN.dash),
            hoverinfo="skip",
        )
    )
    _customers(fig, problem)
    fig.update_xaxes(
        range=[float(problem.grid_value[0]), float(problem.grid_value[-1])],
        title_text=plain(data.SIGNAL_NAMES[0]),
        showline=True,
        linecolor=FRAME_GREY,
        mirror=True,
    )
    fig.update_yaxes(
        range=[float(problem.grid_days[0]), float(problem.grid_days[-1])],
        title_text=plain(data.SIGNAL_NAMES[1]),
        showline=True,
        linecolor=FRAME_GREY,
        mirror=True,
    )
    fig = base_layout(fig, height=height)
    return fig.update_layout(
        title=dict(text=plain(title), x=0.5, xanchor="center", y=0.98, yanchor="top"),
        margin_t=110,
        legend=dict(y=1.02, yanchor="bottom"),
    )


# --- Training, pass by pass ---


def _epoch_axis(fig, path, **where):
    epochs = path.history.epochs[1:]
    ticks = [tick for tick in (1, 10, 100, 1000, 10000) if tick <= epochs[-1]]
    fig.update_xaxes(
        type="log",
        range=[0.0, float(np.log10(epochs[-1])) + 0.02],
        tickvals=ticks,
        ticktext=[f"{tick:,}" for tick in ticks],
        title_text="Passes over the training customers (epochs)",
        **where,
    )


def _loss_top(path):
    losses = path.history.losses
    return 1.08 * float(max(losses["train"][:, 1:].max(), losses["new"][:, 1:].max()))


@figure_builder
def loss_figure(path: NetworkPath, step, height=420):
    """Log-loss on the training customers and on new customers after every pass: no penalty (left), compared (right)."""
    row = compared_row(path, step)
    fig = _panels(("With no penalty", compared_title(path, step)))
    epochs = path.history.epochs[1:]
    top = _loss_top(path)
    for col, shown in ((1, 0), (2, row)):
        for name, colour, key in (
            ("Training customers", TRAINING.colour, "train"),
            ("New customers", NEW_DATA.colour, "new"),
        ):
            fig.add_trace(
                trace(
                    "scatter",
                    x=light(epochs),
                    y=light(path.history.losses[key][shown, 1:]),
                    mode="lines",
                    name=name,
                    legendgroup=key,
                    showlegend=col == 1,
                    line=dict(color=colour, width=2.5),
                    hovertemplate=f"after %{{x:,}} passes: loss %{{y:{HOVER_FORMAT}}}<extra>{name}</extra>",
                ),
                row=1,
                col=col,
            )
        lowest = lowest_new_loss_epoch(path, shown)
        fig.add_trace(
            trace(
                "scatter",
                x=[float(path.history.epochs[lowest])],
                y=[float(path.history.losses["new"][shown, lowest])],
                mode="markers",
                name="Lowest loss on new customers",
                legendgroup="lowest",
                showlegend=col == 1,
                marker=dict(color=WHITE, size=10, line=dict(color=NEW_DATA.colour, width=2.5)),
                hovertemplate="lowest after %{x:,} passes: %{y:.3f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.add_hline(
            y=COIN_TOSS,
            line=dict(color=NOTE_GREY, width=1, dash="dot"),
            annotation_text="always 50–50",
            annotation_position="top left",
            annotation_font=dict(size=11, color=NOTE_GREY),
            row=1,
            col=col,
        )
        _epoch_axis(fig, path, row=1, col=col)
        fig.update_yaxes(range=[0.0, top], title_text="Loss (lower is better)" if col == 1 else None, row=1, col=col)
    fig = base_layout(fig, height=height)
    return fig.update_layout(margin_t=85, legend=dict(y=1.12, yanchor="bottom"))


@figure_builder
def size_figure(path: NetworkPath, step, height=360):
    """The size of all weights together after every pass: with no penalty and for the compared network."""
    row = compared_row(path, step)
    epochs = path.history.epochs[1:]
    fig = FigureSpec()
    for shown, name, role in (
        (0, "With no penalty", NO_PENALTY),
        (row, compared_title(path, step), compared_role(path, step)),
    ):
        fig.add_trace(
            trace(
                "scatter",
                x=light(epochs),
                y=light(path.history.weight_size[shown, 1:]),
                mode="lines",
                name=plain(name),
                line=dict(color=role.colour, width=2.5, dash=role.dash),
                hovertemplate=f"after %{{x:,}} passes: %{{y:{HOVER_FORMAT}}}<extra></extra>",
            )
        )
    fig.add_hline(y=0, line=ZERO_LINE)
    _epoch_axis(fig, path)
    fig.update_yaxes(range=[0.0, 1.05 * float(path.history.weight_size[:, 1:].max())])
    return base_layout(fig, None, "Size of all weights together", height)


# --- How strong a penalty ---


@figure_builder
def lam_figure(path: NetworkPath, step, height=440):
    """Log-loss on training customers, new customers and cross-validated, against λ, with the zones and the sweet spot.

    The zones and the star are drawn by the roles they stand for, as on every page: memorizing in no penalty's pink,
    the band about as good as the best in the sweet spot's green, too simple in too much penalty's dark blue, and
    the star green.
    """
    x = lam_positions(path.lams)
    spot = path.spot
    fig = FigureSpec()
    verdict_zones(fig, x, spot.low, spot.high, colours=ROLE_ZONE_COLOURS)  # shaded by the roles they stand for
    for values, name, colour, dash in (
        (path.train_log_loss, "Training customers", TRAINING.colour, "solid"),
        (path.test_log_loss, "New customers", NEW_DATA.colour, "solid"),
        (path.cv_log_loss, "Checked on left-out training customers (5-fold)", TRAINING.colour, "dash"),
    ):
        line = lam_line(path.lams, values)  # λ = 0 a point of its own, not joined to the first step
        fig.add_trace(
            trace(
                "scatter",
                **line,
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                hovertemplate=f"loss %{{y:{HOVER_FORMAT}}}<extra>{name}</extra>",
            )
        )
    fig.add_trace(
        trace(
            "scatter",
            x=[float(x[spot.best])],
            y=[float(path.cv_log_loss[spot.best])],
            mode="markers",
            name="Sweet spot (best by cross-validation)",
            marker=SWEET_STAR,
            cliponaxis=False,  # whole even at an end of the λ axis
        )
    )
    you_are_here(fig, float(x[step]))
    lam_axis(fig, path.lams)
    if path.lams[0] == 0:  # room left of λ = 0 (as kit's miss-against-λ chart): its dots and line clear of the y ticks
        fig.update_xaxes(range=[float(x[0]) - NO_PENALTY_ROOM, float(x[-1])])
    fig.update_yaxes(range=[0.0, clipped_top(path.train_log_loss, path.test_log_loss, path.cv_log_loss)])
    fig = base_layout(fig, "Penalty strength λ", "Loss (lower is better)", height)
    return fig.update_layout(margin_t=75, legend_y=1.08)
