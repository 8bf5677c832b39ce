"""Two weights in words: the sentences under the L2 and L1 pictures of the "Why it works" page."""

from .maths import l2_size


def format_two_weight_lam(lam):
    """The two-weight picture's λ as its own slider shows it: '0 (off)', '0.015', '100'.

    Unlike ``core.explain.format_lam`` (two significant digits, for the fitted curve's λ grid), every
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
        f"{format_weight(w[1])}) sits where the circle just touches a grey ring: together the weights are "
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
