"""Every colour the charts draw, in one place: each role has one colour on every page.

The eight Okabe–Ito colours, safe for colour-blind readers, carry the roles (``ROLES``: training
data black, new data light blue, your penalty orange, no penalty pink, the sweet spot green, too
much penalty dark blue, the true pattern grey); greys and veils are for grids, frames, notes and
shading. Text that names a colour takes the role's ``word``, so the name matches what is drawn.
No other module holds a colour literal (tests/test_palette.py).
"""

from dataclasses import dataclass

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
WHITE = "white"
#: One colour per line, in this order, where a chart draws a line per weight or signal.
LINE_COLOURS = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, BLACK, YELLOW)

#: Grid lines behind every chart.
GRID_GREY = "#e6e6e6"
#: A reference line at zero; the band beyond the training data.
ZERO_GREY = "#999999"
#: The dashed line of an even split.
EVEN_GREY = "#888888"
#: A chart's frame (the decision boundary's axes).
FRAME_GREY = "#9a9a9a"
#: The axes through zero on the two-weight pictures.
AXIS_GREY = "#7f7f7f"
#: The error bowl's contour lines, and the one through the chosen point.
CONTOUR_GREY, TOUCH_GREY = "#b3b3b3", "#4d4d4d"
#: Small notes written on a chart, and a darker one.
NOTE_GREY, DARK_NOTE_GREY = "#555555", "#333333"
#: The density shade of big data: from a few points to many.
SHADE_FEW, SHADE_MANY = "#f0f0f0", "#5a5a5a"
#: The inside of L2's circle and L1's diamond (BLUE, faint).
SHAPE_FILL = "rgba(0,114,178,0.10)"


def veil(opacity: float) -> str:
    """White at ``opacity``: behind a label that must stay readable where lines cross it."""
    return f"rgba(255, 255, 255, {opacity})"


def tint(colour: str, opacity: float) -> str:
    """A palette colour ("#RRGGBB") at ``opacity``: an area shaded in that colour."""
    red, green, blue = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"


@dataclass(frozen=True)
class Role:
    """What a colour means on every chart: its colour, the word the text uses for it, and its line style."""

    colour: str
    word: str
    dash: str = "solid"


#: The points a model learns from.
TRAINING = Role(BLACK, "black")
#: Points the model never saw while it learned.
NEW_DATA = Role(SKY_BLUE, "light blue")
#: The model at the reader's penalty.
YOUR_PENALTY = Role(VERMILLION, "orange")
#: The model with no penalty at all.
NO_PENALTY = Role(PURPLE, "pink", "dot")
#: The model at the sweet spot (the penalty cross-validation picks), and its band.
SWEET_SPOT = Role(GREEN, "green")
#: The model with far too much penalty.
TOO_MUCH = Role(BLUE, "dark blue")
#: The true pattern behind made-up data.
TRUE_PATTERN = Role(NOTE_GREY, "grey", "dash")
ROLES = (TRAINING, NEW_DATA, YOUR_PENALTY, NO_PENALTY, SWEET_SPOT, TOO_MUCH, TRUE_PATTERN)


def grey_ramp(position: int, count: int, light: int = 0xC8, dark: int = 0x2A) -> str:
    """A grey from light (``position`` 0) to dark (``count`` − 1): lines that are one family, told apart by order.

    For lines that carry no role (one per weight, say): the palette's roles keep their colours for what
    they mean.
    """
    share = position / max(count - 1, 1)
    level = round(light + (dark - light) * share)
    return f"#{level:02x}{level:02x}{level:02x}"
