"""Every colour the charts draw, in one place: each role has one colour on every page.

The eight Okabe–Ito colours, safe for colour-blind readers, carry the roles (training data
black, new data sky blue, the model's curve vermillion, no penalty purple, the sweet spot's
band green, …); greys and veils are for grids, frames, notes and shading. No other module
holds a colour literal.
"""

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


def veil(opacity):
    """White at ``opacity``: behind a label that must stay readable where lines cross it."""
    return f"rgba(255, 255, 255, {opacity})"
