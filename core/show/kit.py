"""The chart kit every story builds with: safe labels, light arrays, one layout, λ axes, the verdict zones.

Builders record their figure as a ``FigureSpec`` (``figspec``) and ``figure_builder`` turns them
into functions that return a Plotly figure, or its steps for the live λ control (``live``).
Arrays go to the browser as float32 where that is exact enough (``light`` and ``precision``): half
the payload; at full precision where a reader's values need it (1e44, 1e-50, 9,192,631,770 ± 0.2). Colours come from ``palette``.
"""

import functools
import html
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, Protocol, cast

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike, NDArray

from ..models.path_base import LamPath
from . import live
from .figspec import FigureSpec, trace
from .palette import (
    BLACK,
    BLUE,
    DARK_NOTE_GREY,
    GREEN,
    GRID_GREY,
    NEW_DATA,
    NO_PENALTY,
    ORANGE,
    SKY_BLUE,
    SWEET_SPOT,
    TOO_MUCH,
    TRAINING,
    VERMILLION,
    WHITE,
    YELLOW,
    ZERO_GREY,
    veil,
)
from .plain_numbers import LAM_WORDS, format_miss, lam_axis_ticks, log_axis_ticks, plain_number
from .precision import light

#: Plotly (d3) format for numbers in hover labels: 3 significant digits, commas, never e-notation
#: ("%{y:,.3~r}" shows 181,000,000 and 0.0000123 where ".3g" shows 1.81e+8 and 1.23e-5).
HOVER_FORMAT = ",.3~r"
#: Room for tick labels, axis titles and the legend, given up front: a margin Plotly must widen
#: to fit them costs a second full drawing of the chart on every update.
MARGIN = dict(l=80, r=25, t=50, b=70)
#: The dotted line at the reader's λ (or degree).
HERE_LINE = dict(color=BLACK, width=1.5, dash="dot")
#: A thin reference line at zero.
ZERO_LINE = dict(color=ZERO_GREY, width=1)
#: The sweet spot's star.
STAR = dict(symbol="star", size=16, color=YELLOW, line=dict(color=BLACK, width=1.5))
ZONE_LABELS = ("memorizing<br>(too wiggly)", "about as good<br>as the best", "too simple<br>(too stiff)")
#: The verdict zones' shades (memorizing, about right, too simple) as drawn before the palette had roles.
ZONE_COLOURS = (ORANGE, GREEN, SKY_BLUE)
#: The verdict zones' shades by the roles they stand for, so they clash with no role: memorizing is what no
#: penalty does (pink), the band holds the sweet spot (green), too simple is too much penalty (dark blue).
ROLE_ZONE_COLOURS = (NO_PENALTY.colour, SWEET_SPOT.colour, TOO_MUCH.colour)
#: How opaque ``verdict_zones`` paints a zone: a pale wash over the chart.
ZONE_OPACITY = 0.13


def shade_word(word: str) -> str:
    """A role's word as its pale wash looks ('dark blue' → 'pale blue'): a zone drawn at ``ZONE_OPACITY``."""
    return "pale " + word.removeprefix("dark ").removeprefix("light ")


#: The words a caption uses for the zones drawn in ``ROLE_ZONE_COLOURS``, in the same order: the roles' words as
#: their pale washes look (pale pink, pale green, pale blue), not as their lines do.
ROLE_ZONE_WORDS = tuple(shade_word(role.word) for role in (NO_PENALTY, SWEET_SPOT, TOO_MUCH))
#: The sweet spot's star in the sweet spot's own colour.
SWEET_STAR = dict(symbol="star", size=17, color=SWEET_SPOT.colour, line=dict(color=BLACK, width=1.5))


def plain(text: object) -> str:
    """Text safe to place in a Plotly title or label: Plotly reads some HTML tags."""
    return html.escape(str(text), quote=False)


def names_axis(fig: go.Figure, axis: str = "y", row: int | None = None, col: int | None = None) -> go.Figure:
    """Make an axis that names things (words, columns, categories) categorical.

    Plotly guesses an axis's type from its values: names that all look like numbers or dates ("10",
    "2024", "3.5") would get a numeric or date axis (ticks at 9.5, 10, 10.5, and no bar for a name that
    is not a number). Every bar chart that names things calls this on its names' axis.
    """
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(type="category", row=row, col=col)
    return fig


_P = ParamSpec("_P")


class FigureBuilder(Protocol[_P]):
    """What ``figure_builder`` makes: called like the builder it wraps, it returns the ``go.Figure``.

    ``spec`` is the builder itself (it returns the recorded ``FigureSpec``); ``steps(values, *args, **kwargs)``
    the ``SteppedFigure`` of every value of a control.
    """

    spec: Callable[_P, FigureSpec]
    steps: Callable[..., live.SteppedFigure]

    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> go.Figure: ...


def figure_builder(build_spec: Callable[_P, FigureSpec]) -> FigureBuilder[_P]:
    """Make a builder that records a ``FigureSpec`` return a ``go.Figure``; ``.spec`` keeps the recording.

    ``builder.steps(values, *args, **kwargs)`` builds the figure for every step of a control as a
    ``core.show.live.SteppedFigure``: ``build_spec(*args, value, **kwargs)``, the step's value (a λ row,
    a curve) passed as the last positional argument. Only the first step is validated by Plotly,
    so stepping costs a few ms per step.
    """

    @functools.wraps(build_spec)
    def build(*args: _P.args, **kwargs: _P.kwargs) -> go.Figure:
        return build_spec(*args, **kwargs).figure()

    def steps(values: Sequence[Any], *args: Any, **kwargs: Any) -> live.SteppedFigure:
        return live.stepped(lambda step: build_spec(*args, values[step], **kwargs), len(values))

    builder = cast(FigureBuilder[_P], build)
    builder.spec = build_spec
    builder.steps = steps
    return builder


def base_layout(
    fig: FigureSpec, x_title: str | None = None, y_title: str | None = None, height: int = 440
) -> FigureSpec:
    """The layout every chart shares: height, margins, the legend above, white background, light grid.

    The axis titles are set only when given (as plain text).
    """
    titles = {}
    if x_title is not None:
        titles["xaxis_title"] = plain(x_title)
    if y_title is not None:
        titles["yaxis_title"] = plain(y_title)
    fig.update_layout(
        height=height,
        margin=MARGIN,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        **titles,
        plot_bgcolor=WHITE,
    )
    fig.update_xaxes(showgrid=True, gridcolor=GRID_GREY, zeroline=False)
    fig.update_yaxes(showgrid=True, gridcolor=GRID_GREY, zeroline=False)
    return fig


# --- λ on a log scale: positions are log10 λ, with λ = 0 one decade left of the smallest positive λ ---


def lam_positions(lams: ArrayLike) -> NDArray[np.float64]:
    """x positions for λ: log10 λ, and λ = 0 one decade left of the smallest positive λ."""
    lams = np.asarray(lams, dtype=float)
    smallest = lams[lams > 0].min()
    return np.log10(np.where(lams > 0, lams, smallest / 10))


def lam_line(lams: ArrayLike, values: ArrayLike, marker_size: float = 8) -> dict[str, Any]:
    """A line along a λ axis as trace properties: λ = 0 is a point of its own, never joined to the first step.

    The gap (a NaN between them) and a marker on the λ = 0 point alone; non-finite values are gaps too.
    """
    lams = np.asarray(lams, dtype=float)
    x = lam_positions(lams)
    y = np.where(np.isfinite(values), np.asarray(values, dtype=float), np.nan)
    if lams.size < 2 or lams[0] != 0:
        return dict(x=light(x), y=light(y), mode="lines")
    x, y = np.insert(x, 1, np.nan), np.insert(y, 1, np.nan)
    sizes = np.zeros(x.size)
    sizes[0] = marker_size
    return dict(x=light(x), y=light(y), mode="lines+markers", marker=dict(size=light(sizes)))


def lam_range(lams: ArrayLike) -> list[float]:
    """A λ axis's fixed range: from λ = 0 (or the smallest λ) to the largest, in ``lam_positions``.

    Charts that follow the live λ control fix their ranges over every step: the axis then stays put while
    the reader drags (Plotly would size it again for each step, and a "you are here" label at an end
    widens it), and each frame is redrawn without a full Plotly.react.
    """
    x = lam_positions(lams)
    return [float(x.min()), float(x.max())]


def lam_axis(fig: FigureSpec, lams: ArrayLike, sparse: bool = False, **where: Any) -> None:
    """λ ticks with plain labels, and the range of ``lams`` fixed; ``sparse`` keeps every other tick, for a narrow chart."""
    ticks, labels = lam_axis_ticks(lams)
    if sparse and len(ticks) > 4:  # every other tick from 100 down, and "0" (no penalty) always
        keep = sorted({*range(len(ticks) - 1, -1, -2), *([0] if labels[0] == "0" else [])})
        ticks, labels = [ticks[k] for k in keep], [labels[k] for k in keep]
    fig.update_xaxes(tickvals=ticks, ticktext=labels, title_text="Penalty strength λ", range=lam_range(lams), **where)


#: Where each phrase of ``plain_numbers.LAM_WORDS`` is written on a story page's λ axis: the middle of its
#: range (log10 λ), strongest first. Words only: a number under a word would be one point of its range, and the
#: same word elsewhere (a caption, the λ control) names another point of it with another number.
_STORY_TICKS = (1.0, -1.0, -3.0, -5.0, -7.0)


def story_lam_axis(fig: FigureSpec, lams: ArrayLike, **where: Any) -> None:
    """A λ axis in words for the story track: 'none', 'very light', 'light', 'medium', 'strong', 'very strong'.

    Each word sits in the middle of the λ range ``plain_numbers.lam_words`` names with it, with no number (the λ
    control and the captions give the number of the reader's own λ). Faint dotted lines mark where one word's range
    ends and the next begins (instead of grid lines under the words), so a λ at a boundary, named by the word above
    it, is seen at that boundary. λ = 0 is 'none', one decade left of the smallest positive λ.
    """
    lams = np.asarray(lams, dtype=float)
    positive = lams[lams > 0]
    low, high = np.log10(positive.min()), np.log10(positive.max())
    ticks: list[float] = [float(low) - 1.0] if np.any(lams == 0) else []
    labels: list[str] = ["none"] if np.any(lams == 0) else []
    for (_, phrase), middle in reversed(list(zip(LAM_WORDS, _STORY_TICKS))):  # weakest first
        if low <= middle <= high:
            ticks.append(middle)
            labels.append(phrase.removeprefix("a ").removesuffix(" penalty"))
    for start, _ in LAM_WORDS[:-1]:  # the edges between words
        if low < np.log10(start) < high:
            fig.add_vline(
                float(np.log10(start)), line=dict(color=ZERO_GREY, width=1, dash="dot"), layer="below", **where
            )
    fig.update_xaxes(
        tickvals=ticks, ticktext=labels, title_text="Penalty", range=lam_range(lams), showgrid=False, **where
    )


def plain_log_axis(values: ArrayLike | list[ArrayLike], pad: float | None = None, **where: Any) -> dict[str, Any]:
    """Keyword arguments for a log axis over ``values`` with plain tick labels (no powers of ten).

    With ``pad`` (a share of the span, in decades, added at each end) the range is fixed too, to hold every
    value: give every value the axis will show at any step of a live chart, so the axis stays put.
    """
    values = (
        np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in values])
        if isinstance(values, list)
        else np.ravel(np.asarray(values, dtype=float))
    )
    shown = values[np.isfinite(values) & (values > 0)]
    ticks, labels = log_axis_ticks(shown.min(), shown.max()) if shown.size else ([], [])
    axis = dict(type="log", tickvals=ticks, ticktext=labels, **where)
    if pad is not None and shown.size:
        low, high = float(np.log10(shown.min())), float(np.log10(shown.max()))
        margin = pad * (high - low) if high > low else 0.1
        axis["range"] = [low - margin, high + margin]
    return axis


def you_are_here(fig: FigureSpec, x: float, label: str = "you are here") -> None:
    """A dotted vertical line at x, labelled above the plot."""
    fig.add_vline(x=x, line=HERE_LINE, annotation_text=label, annotation_position="top")


def clipped_top(*series: ArrayLike, floor: float = 0.0) -> float:
    """The top of a y axis that shows ``series`` with room to spare (non-finite values left out)."""
    values = np.concatenate([np.asarray(v, dtype=float).ravel() for v in series])
    values = values[np.isfinite(values)]
    return max(floor, 1.3 * values.max()) if values.size else 1.0


def verdict_zones(
    fig: FigureSpec,
    x: Sequence[float] | NDArray[np.float64],
    low: int,
    high: int,
    labels: Sequence[str] = ZONE_LABELS,
    colours: Sequence[str] = ZONE_COLOURS,
) -> None:
    """Shade the three verdicts along a λ axis: x[:low] memorizing, x[low:high] the band, beyond it too simple.

    ``colours`` gives the three shades (``ROLE_ZONE_COLOURS``: by the roles they stand for).
    """
    for start, stop, colour, label in zip((x[0], x[low], x[high]), (x[low], x[high], x[-1]), colours, labels):
        if stop > start:
            fig.add_vrect(
                x0=start,
                x1=stop,
                fillcolor=colour,
                opacity=ZONE_OPACITY,
                line_width=0,
                annotation_text=label,
                annotation_position="bottom",
                annotation_font_size=12,
                annotation_bgcolor=veil(0.9),  # readable where "you are here" crosses it
            )


def miss_title(unit: str) -> str:
    """The title of an axis of typical misses."""
    return f"Typical miss ({unit})" if unit else "Typical miss"


# --- The error-against-λ chart (the curve's and the many signals') ---


@figure_builder
def error_curves_figure(
    path: LamPath, index: int, unit: str, height: int = 460, by_role: bool = False, story: bool = False
) -> FigureSpec:
    """Training, held-out and cross-validated error against λ, with the zones and the best λ.

    ``by_role`` draws it in the palette's roles (training data black, new data light blue, the check on
    left-out training points black dashed, the zones in ``ROLE_ZONE_COLOURS``, the star green), with the
    y axis up to no penalty's misses on the data and a note with its unit for each line that starts above it;
    ``story`` writes the λ axis in words (``story_lam_axis``).
    """
    x = lam_positions(path.lams)
    cv = np.sqrt(path.cv_mse)
    low, high = path.good_range
    best = path.best_index
    fig = FigureSpec()
    verdict_zones(fig, x, low, high, colours=ROLE_ZONE_COLOURS if by_role else ZONE_COLOURS)
    train_colour, new_colour = (TRAINING.colour, NEW_DATA.colour) if by_role else (BLUE, VERMILLION)
    for values, name, colour, dash in (
        (path.train_rmse, "Training data", train_colour, "solid"),
        (path.test_rmse, "New data (held out)", new_colour, "solid"),
        (cv, f"Checked on left-out training points ({path.cv})", BLACK, "dash"),
    ):
        fig.add_trace(
            trace(
                "scatter",
                **lam_line(path.lams, values, marker_size=11 if by_role else 8),
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                hovertemplate=f"typical miss %{{y:{HOVER_FORMAT}}}<extra>" + name + "</extra>",
            )
        )
    fig.add_trace(
        trace(
            "scatter",
            x=[x[best]],
            y=[cv[best]],
            mode="markers",
            name="Sweet spot (best by cross-validation)",
            marker=SWEET_STAR if by_role else STAR,
            cliponaxis=False,  # whole even at an end of the λ axis
        )
    )
    you_are_here(fig, x[index])
    if story:
        story_lam_axis(fig, path.lams)
    else:
        lam_axis(fig, path.lams)
    if by_role:  # the axis fits no penalty's misses on the data (not the check's, often far above): drawn, not told
        top = clipped_top(
            path.train_rmse[low:], path.test_rmse[low:], cv[low:], path.train_rmse[:1], path.test_rmse[:1]
        )
    else:
        top = clipped_top(path.train_rmse[low:], path.test_rmse[low:], cv[low:])
    if by_role and path.lams[0] == 0:
        _no_penalty_note(fig, x, top, unit, path.test_rmse[0], path.train_rmse[0], cv[0])
    else:
        starts = ((cv, "dashed line"), (path.test_rmse, "new data line"), (path.train_rmse, "training line"))
        above = [(values[0], line) for values, line in starts if np.isfinite(values[0]) and values[0] > top]
        for start, line in above[:1]:
            fig.add_annotation(
                text=f"{line} starts at {plain_number(start)}, above the chart",
                x=x[0],
                y=0.97 * top,
                xanchor="left",
                yanchor="top",
                xshift=8,
                showarrow=False,
                font=dict(size=11, color=DARK_NOTE_GREY),
                bgcolor=veil(0.8),
            )
    fig.update_yaxes(range=[0, top], rangemode="tozero")
    fig = base_layout(fig, "Penalty" if story else "Penalty strength λ", miss_title(unit), height)
    return fig.update_layout(margin_t=75, legend_y=1.08)  # the legend above "you are here"


#: Room left of the λ = 0 point on a chart drawn by role (in decades of λ): its dots are whole, not cut by the edge.
NO_PENALTY_ROOM = 0.6


def no_penalty_words(unit: str, new: float, train: float, check: float, top: float) -> str:
    """What the dots at λ = 0 say, with each value ('with no penalty (the dots at the far left): …')."""
    parts = [
        f"new data {format_miss(new, unit)}",
        f"training data {format_miss(train, unit)}",
        f"dashed check {format_miss(check, unit)}" + (", above the chart" if check > top else ""),
    ]
    return "With no penalty (the dots at the far left):<br>" + ", ".join(parts[:2]) + ";<br>" + parts[2]


def _no_penalty_note(fig: FigureSpec, x: NDArray[np.float64], top: float, unit: str, *values: float) -> None:
    """λ = 0 made readable: room left of its dots, and a note with its three misses (one may be above the chart)."""
    fig.update_xaxes(range=[float(x[0]) - NO_PENALTY_ROOM, float(x[-1])])
    new, train, check = (float(value) for value in values)
    fig.add_annotation(
        text=no_penalty_words(unit, new, train, check, top),
        x=float(x[0]) - NO_PENALTY_ROOM,
        y=0.98 * top,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=11, color=DARK_NOTE_GREY),
        bgcolor=veil(0.85),
    )
