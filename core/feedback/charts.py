"""Figures of the Sorting-feedback page, one λ step at a time (for ``core.show.live.stepped``).

Every builder returns a ``FigureSpec`` for one step and draws the same traces at every step.
Words on the axes go through ``core.show.kit.plain``: a typed comment's words, and a reader's own
comments, are a stranger's text; their axes are categorical (``names_axis``), whatever the words look like.
Bars of words show pushes (``core.feedback.fit``): a weight times the word's typical value.
"""

import numpy as np

from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    STAR,
    base_layout,
    lam_axis,
    lam_positions,
    light,
    names_axis,
    plain,
    verdict_zones,
    you_are_here,
)
from ..show.palette import BLACK, BLUE, FRAME_GREY, PURPLE, VERMILLION, WHITE
from .data import SIGNAL_NAMES
from .fit import RARE_COUNT, strongest

TOP_WORDS = 10
MAX_COMMENT_WORDS = 15


def _word_label(model, column):
    count = int(model.counts[column])
    return plain(f"{model.words[column]} ({count} comment{'s' if count != 1 else ''})")


def _toward_title(model, middle):
    """ "← praise    push    complaint →": which way a bar points, in the model's own category names."""
    return plain(f"← {model.categories[0]}    {middle}    {model.categories[1]} →")


def _word_bar(model, index, name):
    columns = strongest(model, index, TOP_WORDS)
    weights = model.pushes(index)[columns]
    return trace(
        "bar",
        x=light(weights),
        y=[_word_label(model, column) for column in columns],
        orientation="h",
        name=name,
        marker=dict(
            color=[VERMILLION if weight > 0 else BLUE for weight in weights],
            pattern=dict(shape=["/" if model.counts[column] <= RARE_COUNT else "" for column in columns]),
        ),
        text=[f"{weight:+.1f}".replace("-", "−") for weight in weights],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: push %{x:.2f}<extra></extra>",
        showlegend=False,
    )


def word_weights_figure(model, index, height=460):
    """The words with the largest pushes with no penalty (left) and at this λ (right); right means label 1.

    Both panels share one scale (the larger of the two models' biggest pushes), so the pushes are seen
    to shrink; each bar carries its value. Each word is labelled with how many training comments contain
    it; hatched bars are words found in at most ``RARE_COUNT`` comments.
    """
    fig = FigureSpec.make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.25,
        subplot_titles=("With no penalty", "At this λ"),
    )
    fig.add_trace(_word_bar(model, 0, "With no penalty"), row=1, col=1)
    fig.add_trace(_word_bar(model, index, "At this λ"), row=1, col=2)
    reach = 1.25 * float(max(np.abs(model.pushes(0)).max(), np.abs(model.pushes(index)).max()) or 1.0)
    for col in (1, 2):
        fig.update_xaxes(range=[-reach, reach], title_text=_toward_title(model, "push"), row=1, col=col)
        fig.update_yaxes(autorange="reversed", row=1, col=col)
        names_axis(fig, row=1, col=col)
    base_layout(fig, height=height)
    return fig.update_layout(margin_l=190, margin_t=60, bargap=0.3)


def scores_figure(path, index, spot, height=540, new="new comments"):
    """Right answers and confidence in the right answer (in %) against λ, with the zones and the sweet spot.

    "Confidence in the right answer" is exp(−mean log-loss): the geometric mean of the probability
    the model gave the right category. ``new`` names the held-out comments in the legend.
    """
    x = lam_positions(path.lams)
    fig = FigureSpec()
    verdict_zones(fig, x, spot.low, spot.high, labels=("memorizing", "about right", "too simple"))
    for values, name, colour, dash in (
        (path.train_accuracy, "Right answers, training comments", BLUE, "solid"),
        (path.test_accuracy, f"Right answers, {new}", VERMILLION, "solid"),
        (np.exp(-path.test_log_loss), f"Confidence in the right answer, {new}", VERMILLION, "dot"),
        (np.exp(-path.cv_log_loss), "Confidence in the right answer, cross-validated", BLACK, "dash"),
    ):
        fig.add_trace(
            trace(
                "scatter",
                x=light(x),
                y=light(100 * values),
                mode="lines",
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                hovertemplate="%{y:.1f}%<extra>" + name + "</extra>",
            )
        )
    fig.add_trace(
        trace(
            "scatter",
            x=[float(x[spot.best])],
            y=[float(100 * np.exp(-path.cv_log_loss[spot.best]))],
            mode="markers",
            name="Sweet spot (cross-validation)",
            marker=STAR,
            cliponaxis=False,  # whole even at an end of the λ axis
        )
    )
    you_are_here(fig, float(x[index]))
    lam_axis(fig, path.lams)
    fig.update_yaxes(range=[0, 104], title_text="Percent")
    base_layout(fig, height=height)
    return fig.update_layout(margin_t=40, margin_b=150, legend=dict(y=-0.22, yanchor="top"))


def comment_figure(model, reading, index, height=None):
    """Each known word of a typed comment: its push in this comment at this λ and with no penalty.

    A push is the word's weight times its value in this comment; the pushes and the intercept add up to
    the comment's score. With more than ``MAX_COMMENT_WORDS`` known words, those with the largest pushes
    with no penalty are shown, in the comment's order.
    """
    keep = np.arange(reading.known.size)
    if keep.size > MAX_COMMENT_WORDS:
        keep = np.sort(np.argsort(-np.abs(reading.pushes(model, 0)), kind="stable")[:MAX_COMMENT_WORDS])
    labels = [plain(model.words[column]) for column in reading.known[keep]]
    free, here = reading.pushes(model, 0)[keep], reading.pushes(model, index)[keep]
    fig = FigureSpec()
    for pushes, name, colour in ((free, "With no penalty", PURPLE), (here, "At this λ", VERMILLION)):
        fig.add_trace(
            trace(
                "bar",
                x=light(pushes),
                y=labels,
                orientation="h",
                name=name,
                marker_color=colour,
                hovertemplate="%{y}: push %{x:.2f}<extra>" + name + "</extra>",
            )
        )
    reach = 1.15 * float(max(np.abs(free).max(), np.abs(here).max())) if keep.size else 1.0
    fig.update_xaxes(range=[-reach, reach], title_text=_toward_title(model, "push in this comment"))
    fig.update_yaxes(autorange="reversed")
    names_axis(fig)
    base_layout(fig, height=height or 190 + 28 * max(keep.size, 1))
    return fig.update_layout(barmode="group", margin_l=130, margin_t=70, legend_y=1.0, legend_yanchor="bottom")


def _customers(fig, X, y):
    for label, name, colour, symbol in ((1, "Complained", VERMILLION, "x"), (0, "Did not complain", BLUE, "circle")):
        rows = y == label
        fig.add_trace(
            trace(
                "scatter",
                x=light(X[rows, 0]),
                y=light(X[rows, 1]),
                mode="markers",
                name=name,
                marker=dict(color=colour, symbol=symbol, size=9, line=dict(color=WHITE, width=1)),
                cliponaxis=False,  # customers on the chart's edge are drawn whole
                hovertemplate="order %{x:.0f} €, %{y:.1f} days late<extra>" + name + "</extra>",
            )
        )


def _boundary(model, index, name, colour, width, opacity=1.0):
    # The grid as three flat columns (x, y, z of each grid point): a flat z keeps its meaning when a
    # step's patch replaces it (an encoded 2-D array's shape is not part of the patch).
    value, days = np.meshgrid(model.grid_value, model.grid_days)
    return trace(
        "contour",
        x=light(value.ravel()),
        y=light(days.ravel()),
        z=light(model.grid_probability[index].ravel()),
        autocontour=False,
        contours=dict(start=0.5, end=0.5, size=1, coloring="lines"),
        colorscale=[[0, colour], [1, colour]],  # with coloring="lines" the line takes its colour from here
        line=dict(width=width),
        opacity=opacity,
        showscale=False,
        hoverinfo="skip",
        name=name,
        showlegend=True,
    )


def boundary_figure(model, index, height=460):
    """The training customers and the line where the model says 50 % "will complain", at this λ and with no penalty."""
    fig = FigureSpec()
    _customers(fig, model.X_train, model.y_train)
    # The no-penalty boundary as a wide purple band under the black line: visible beside it, and around it at λ = 0.
    fig.add_trace(_boundary(model, 0, "Boundary with no penalty", PURPLE, 6, 0.55))
    fig.add_trace(_boundary(model, index, "Boundary at this λ", BLACK, 2.5))
    # The axes end where the grid ends, so the boundaries run to the chart's frame and no further.
    fig.update_xaxes(
        range=_ends(model.grid_value), title_text=SIGNAL_NAMES[0], showline=True, linecolor=FRAME_GREY, mirror=True
    )
    fig.update_yaxes(
        range=_ends(model.grid_days), title_text=SIGNAL_NAMES[1], showline=True, linecolor=FRAME_GREY, mirror=True
    )
    return base_layout(fig, height=height).update_layout(margin_t=60)


def _ends(grid):
    return [float(grid[0]), float(grid[-1])]
