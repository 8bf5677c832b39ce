"""Figures of the Sorting-feedback page, one λ step at a time (for ``core.show.live.stepped``).

Every builder returns a ``FigureSpec`` for one step and draws the same traces at every step.
Words on the axes go through ``core.show.kit.plain``: a typed comment's words, and a reader's own
comments, are a stranger's text; their axes are categorical (``names_axis``), whatever the words look like.
Bars of words show pushes (``core.feedback.fit``): a weight times the word's typical value.

The charts that compare two models (the words, a typed comment's words, the boundary) draw the reader's
penalty (``yours``, orange) beside another (``compared``, by the one rule of ``core.show.compare``): the
sweet spot while the reader's λ is 0, no penalty once it moves, so the first view never draws the same model
twice (docs/story.md). Every colour is a palette role's.
"""

from dataclasses import dataclass

import numpy as np

from ..show.compare import compared_with
from ..show.figspec import FigureSpec, trace
from ..show.kit import (
    ROLE_ZONE_COLOURS,
    SWEET_STAR,
    base_layout,
    lam_axis,
    lam_line,
    lam_positions,
    light,
    names_axis,
    plain,
    verdict_zones,
    you_are_here,
)
from ..show.palette import FRAME_GREY, NEW_DATA, TRAINING, YOUR_PENALTY, Role
from ..show.plain_numbers import lam_in_words
from .data import SIGNAL_NAMES
from .fit import RARE_COUNT, strongest, sweet_spot


@dataclass(frozen=True)
class Setting:
    """A model a chart draws: its row of the path, its palette role, its name in a legend or a panel's title,
    and how a sentence names it ("your setting", "no penalty", "the sweet spot", ``core.show.compare``'s)."""

    row: int
    role: Role
    name: str
    phrase: str


def compared(path, index):
    """What the reader's model at row ``index`` is drawn beside (``core.show.compare.compared_with``): the sweet
    spot while λ is 0, else no penalty."""
    spot = sweet_spot(path)
    other = compared_with(path.lams, index, spot.best, spot.high)
    return Setting(other.row, other.role, other.label, other.phrase)


def yours(path, index):
    """The reader's own model, at row ``index``."""
    lam = path.lams[index]
    name = "Your penalty: none" if lam == 0 else f"Your penalty: {lam_in_words(lam)}"
    return Setting(index, YOUR_PENALTY, name, "your setting")


def both(path, index):
    """The two models a comparing chart draws at row ``index``: (``compared``, ``yours``)."""
    return compared(path, index), yours(path, index)


TOP_WORDS = 10
MAX_COMMENT_WORDS = 15


def _word_label(model, column):
    count = int(model.counts[column])
    return plain(f"{model.words[column]} ({count} comment{'s' if count != 1 else ''})")


def _toward_title(model, middle):
    """ "← praise    push    complaint →": which way a bar points, in the model's own category names."""
    return plain(f"← {model.categories[0]}    {middle}    {model.categories[1]} →")


def _word_bar(model, setting):
    """The ten largest pushes of one model, in its role's colour; hatched bars are rare words."""
    columns = strongest(model, setting.row, TOP_WORDS)
    weights = model.pushes(setting.row)[columns]
    return trace(
        "bar",
        x=light(weights),
        y=[_word_label(model, column) for column in columns],
        orientation="h",
        name=plain(setting.name),
        marker=dict(
            color=setting.role.colour,
            pattern=dict(shape=["/" if model.counts[column] <= RARE_COUNT else "" for column in columns]),
        ),
        text=[f"{weight:+.1f}".replace("-", "−") for weight in weights],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: push %{x:.2f}<extra>" + plain(setting.name) + "</extra>",
        showlegend=False,
    )


def _panel_titles(fig, settings):
    """Each panel's title: its model's name in its role's colour, the penalty on a line of its own."""
    for title, setting in zip(fig.layout["annotations"], settings):
        title.update(text=plain(setting.name).replace(": ", ":<br>", 1), font=dict(size=14, color=setting.role.colour))


def word_weights_figure(model, index, height=480):
    """The words with the largest pushes in two models (``both``): the compared model's left, the reader's right.

    Each panel shows its own model's ten strongest words; right means label 1. Both panels share one scale
    (the larger of the two models' biggest pushes), so the pushes are seen to shrink; each bar carries its
    value. Each word is labelled with how many training comments contain it; hatched bars are words found in
    at most ``RARE_COUNT`` comments.
    """
    settings = both(model.path, index)
    fig = FigureSpec.make_subplots(rows=1, cols=2, horizontal_spacing=0.25, subplot_titles=("compared", "yours"))
    for col, setting in enumerate(settings, start=1):
        fig.add_trace(_word_bar(model, setting), row=1, col=col)
    _panel_titles(fig, settings)
    reach = 1.4 * float(max(np.abs(model.pushes(shown.row)).max() for shown in settings) or 1.0)
    for col in (1, 2):
        fig.update_xaxes(range=[-reach, reach], title_text=_toward_title(model, "push"), row=1, col=col)
        fig.update_yaxes(autorange="reversed", row=1, col=col)
        names_axis(fig, row=1, col=col)
    base_layout(fig, height=height)
    return fig.update_layout(margin_l=190, margin_t=80, bargap=0.3)


def scores_figure(path, index, spot, height=540, new="new comments"):
    """Right answers and confidence in the right answer (in %) against λ, with the zones and the sweet spot.

    "Confidence in the right answer" is exp(−mean log-loss): the geometric mean of the probability
    the model gave the right category. ``new`` names the held-out comments in the legend. Drawn in the
    roles: training comments black, new ones light blue, the zones and the star by the roles they stand for.
    """
    x = lam_positions(path.lams)
    fig = FigureSpec()
    verdict_zones(
        fig, x, spot.low, spot.high, labels=("memorizing", "about right", "too simple"), colours=ROLE_ZONE_COLOURS
    )
    for values, name, role, dash in (
        (path.train_accuracy, "Right answers, training comments", TRAINING, "solid"),
        (path.test_accuracy, f"Right answers, {new}", NEW_DATA, "solid"),
        (np.exp(-path.test_log_loss), f"Confidence in the right answer, {new}", NEW_DATA, "dot"),
        (np.exp(-path.cv_log_loss), "Confidence in the right answer, cross-validated", TRAINING, "dash"),
    ):
        fig.add_trace(
            trace(
                "scatter",
                **lam_line(path.lams, 100 * values),
                name=name,
                line=dict(color=role.colour, width=2.5, dash=dash),
                cliponaxis=False,  # the λ = 0 point sits on the axis's left end: drawn whole
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
            marker=SWEET_STAR,
            cliponaxis=False,  # whole even at an end of the λ axis
        )
    )
    you_are_here(fig, float(x[index]))
    lam_axis(fig, path.lams)
    fig.update_yaxes(range=[0, 104], title_text="Percent")
    base_layout(fig, height=height)
    return fig.update_layout(margin_t=40, margin_b=150, legend=dict(y=-0.22, yanchor="top"))


def comment_shown(model, reading):
    """Which of a typed comment's known words the comment chart draws (positions in ``reading.known``): all of them,
    or with more than ``MAX_COMMENT_WORDS`` those with the largest pushes with no penalty, in the comment's order."""
    keep = np.arange(reading.known.size)
    if keep.size > MAX_COMMENT_WORDS:
        keep = np.sort(np.argsort(-np.abs(reading.pushes(model, 0)), kind="stable")[:MAX_COMMENT_WORDS])
    return keep


def comment_figure(model, reading, index, height=None):
    """Each known word of a typed comment: its push in this comment in two models (``both``), the reader's orange.

    A push is the word's weight times its value in this comment; the pushes and the intercept add up to
    the comment's score. With more than ``MAX_COMMENT_WORDS`` known words, those with the largest pushes
    with no penalty are shown, in the comment's order.
    """
    keep = comment_shown(model, reading)
    labels = [plain(model.words[column]) for column in reading.known[keep]]
    settings = both(model.path, index)
    pushes = [reading.pushes(model, setting.row)[keep] for setting in settings]
    fig = FigureSpec()
    for setting, values in zip(settings, pushes):
        name = plain(setting.name)
        fig.add_trace(
            trace(
                "bar",
                x=light(values),
                y=labels,
                orientation="h",
                name=name,
                marker_color=setting.role.colour,
                hovertemplate="%{y}: push %{x:.2f}<extra>" + name + "</extra>",
            )
        )
    reach = 1.15 * float(max(np.abs(values).max() for values in pushes)) if keep.size else 1.0
    fig.update_xaxes(range=[-reach, reach], title_text=_toward_title(model, "push in this comment"))
    fig.update_yaxes(autorange="reversed")
    names_axis(fig)
    base_layout(fig, height=height or 190 + 28 * max(keep.size, 1))
    return fig.update_layout(barmode="group", margin_l=130, margin_t=70, legend_y=1.0, legend_yanchor="bottom")


def _customers(fig, X, y):
    """The training customers, in the training data's colour: a cross who complained, a ring who did not."""
    for label, name, symbol in ((1, "Complained", "x"), (0, "Did not complain", "circle-open")):
        rows = y == label
        fig.add_trace(
            trace(
                "scatter",
                x=light(X[rows, 0]),
                y=light(X[rows, 1]),
                mode="markers",
                name=name,
                marker=dict(color=TRAINING.colour, symbol=symbol, size=9, line=dict(color=TRAINING.colour, width=1.5)),
                cliponaxis=False,  # customers on the chart's edge are drawn whole
                hovertemplate="order %{x:.0f} €, %{y:.1f} days late<extra>" + name + "</extra>",
            )
        )


def _boundary(model, setting, width):
    """Where one model says 50 % "will complain": a contour line in its role's colour and dash."""
    # The grid as three flat columns (x, y, z of each grid point): a flat z keeps its meaning when a
    # step's patch replaces it (an encoded 2-D array's shape is not part of the patch).
    value, days = np.meshgrid(model.grid_value, model.grid_days)
    colour = setting.role.colour
    return trace(
        "contour",
        x=light(value.ravel()),
        y=light(days.ravel()),
        z=light(model.grid_probability[setting.row].ravel()),
        autocontour=False,
        contours=dict(start=0.5, end=0.5, size=1, coloring="lines"),
        colorscale=[[0, colour], [1, colour]],  # with coloring="lines" the line takes its colour from here
        line=dict(width=width, dash=setting.role.dash),
        showscale=False,
        hoverinfo="skip",
        name=plain(setting.name),
        showlegend=True,
    )


def boundary_figure(model, index, height=460):
    """The training customers and the line where the model says 50 % "will complain", in two models (``both``).

    The reader's line (orange, wide) is drawn first and the compared one over it, so a dotted no-penalty line
    stays visible where the two run together.
    """
    compared_setting, your_setting = both(model.path, index)
    fig = FigureSpec()
    _customers(fig, model.X_train, model.y_train)
    fig.add_trace(_boundary(model, your_setting, 4))
    fig.add_trace(_boundary(model, compared_setting, 2.5))
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
