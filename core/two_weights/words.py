"""Two weights in words: the sentences under the L2 and L1 pictures of the "Why it works" page."""

from ..show.plain_numbers import format_miss
from .maths import l2_size

#: How the text names the rings drawn (``figure``): the bowl's map lines in light grey (``CONTOUR_GREY``), and the one
#: through the chosen point in dark grey dashes (``TOUCH_GREY``). Neither is a role of the palette.
RINGS = "light grey rings"
TOUCHING_RING = "dark grey dashed ring"

#: What the reader sees while the pictures are drawn.
WAIT_PICTURES = "Drawing the pictures for every λ…"


def format_two_weight_lam(lam):
    """The two-weight picture's λ as its own slider shows it: '0 (off)', '0.015', '100'.

    Unlike ``core.show.plain_numbers.format_lam`` (two significant digits, for the fitted curve's λ grid), every
    value of ``TWO_WEIGHT_LAMS`` is written in full: 100, not 1e+02.
    """
    return "0 (off)" if lam == 0 else f"{float(lam):g}"


def format_weight(value):
    """A weight for reading: '0' only when exactly zero, never '0.00' for a small non-zero weight."""
    value = float(value)
    if value == 0:
        return "0"
    if abs(value) < 0.005:
        return f"{value:.1g}"
    return f"{value:.2f}"


def _share_in_words(share):
    """How big the penalized weights are next to the unpenalized ones, in words: 'about half as big'."""
    for limit, words in (
        (0.9, "almost as big as"),
        (0.7, "about three quarters as big as"),
        (0.4, "about half as big as"),
        (0.25, "about a third as big as"),
    ):
        if share >= limit:
            return words
    return "a small part of what they are"


def _names(indices):
    return " and ".join(f"weight {j + 1}" for j in indices)


def ridge_caption(pic):
    """The L2 chart in one sentence."""
    w = pic.ridge
    if pic.lam == 0:
        return (
            f"With no penalty (λ = 0) the L2 point is the bottom of the error bowl, weight 1 = {format_weight(w[0])} "
            f"and weight 2 = {format_weight(w[1])}, and the circle is simply as large as it needs to be to reach it."
        )
    share = l2_size(w) / l2_size(pic.best)
    zero = [j for j in (0, 1) if w[j] == 0]
    ending = f"{_names(zero)} is exactly zero" if zero else "neither weight is exactly zero"
    return (
        f"At λ = {format_two_weight_lam(pic.lam)} the L2 point (weight 1 = {format_weight(w[0])}, weight 2 = "
        f"{format_weight(w[1])}) sits where the circle just touches a ring, the {TOUCHING_RING}: together the weights are "
        f"{_share_in_words(share)} with no penalty, and {ending}."
    )


def lasso_caption(pic):
    """The L1 chart in one sentence."""
    w = pic.lasso
    if pic.lam == 0:
        return (
            f"With no penalty (λ = 0) the L1 point is the same bottom of the bowl, weight 1 = {format_weight(w[0])} "
            f"and weight 2 = {format_weight(w[1])}, and the diamond is simply as large as it needs to be to reach it."
        )
    zero = [j for j in (0, 1) if w[j] == 0]
    start = f"At λ = {format_two_weight_lam(pic.lam)} the L1 point "
    if len(zero) == 2:
        return start + "is at zero itself: the penalty is so strong that both weights are exactly 0."
    if zero:
        kept = 1 - zero[0]
        return (
            start + f"sits on the diamond's corner on the weight {kept + 1} axis: weight {kept + 1} = "
            f"{format_weight(w[kept])} and weight {zero[0] + 1} is exactly 0."
        )
    return (
        start + f"(weight 1 = {format_weight(w[0])}, weight 2 = {format_weight(w[1])}) sits on a side of the "
        "diamond, not yet on a corner, so both weights are still in use."
    )


def weights_line(before, after):
    """'Weight 1: 1.00 → 0.41; weight 2: 0.30 → 0.24'."""
    return "; ".join(
        f"{'Weight' if j == 0 else 'weight'} {j + 1}: {format_weight(before[j])} → {format_weight(after[j])}"
        for j in (0, 1)
    )


def ridge_verdict(pic):
    w, best = pic.ridge, pic.best
    if pic.lam == 0:
        return "No penalty: these are the best weights for the data."
    grew = [j for j in (0, 1) if abs(w[j]) > abs(best[j])]
    if grew:
        return (
            f"Together the weights are smaller, though {_names(grew)} grew a little: ridge takes most from the "
            "larger weight, so two overlapping clues share the work more evenly. Neither is switched off."
        )
    return "Both weights are smaller, and both are still in use: ridge shrinks, it never switches a weight off."


def lasso_verdict(pic):
    w = pic.lasso
    if pic.lam == 0:
        return "No penalty: these are the best weights for the data."
    zero = [j for j in (0, 1) if w[j] == 0]
    if len(zero) == 2:
        return "L1 has switched both weights off: the model now predicts the average for everyone."
    if zero:
        return f"L1 has switched {_names(zero)} off: it is exactly zero, so that clue is no longer used at all."
    return "L1 still uses both weights; a bit more penalty and the smaller one reaches its corner."


def ridge_verdict_line(pic):
    """The weights before and after, and what L2 did to them."""
    return f"{weights_line(pic.best, pic.ridge)}. {ridge_verdict(pic)}"


def lasso_verdict_line(pic):
    """The weights before and after, and what L1 did to them."""
    return f"{weights_line(pic.best, pic.lasso)}. {lasso_verdict(pic)}"


def price_sentence(lam, pic, curves_page):
    """What smaller weights cost on the flats the model learned from (nothing at λ = 0).

    ``curves_page`` is the title of the page that shows the gain on new data (from the page registry).
    """
    if lam == 0:
        return ""
    misses = [format_miss(100 * miss, "thousand €") for miss in (pic.best_miss, pic.ridge_miss, pic.lasso_miss)]
    return (
        f"The price of smaller weights: on the flats the model learned from, the typical miss on the price grows "
        f"from {misses[0]} with no penalty to {misses[1]} with L2 and {misses[2]} with L1. That is expected: "
        "with no penalty the weights fit these flats as well as they can. The gain comes on new flats, which "
        "this picture does not have: there a moderate penalty often misses less, because the weights no longer "
        f"chase luck. The page “{curves_page}” shows that gain, on data with new points set aside for the check."
    )
