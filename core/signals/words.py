"""The many-signals story in words: what a ``SignalFit`` says at one λ, read aloud.

Column names come from the reader's file: the sentences are plain text (never Markdown).
"""

import numpy as np

from ..models.grid import LEAVE_ONE_OUT, N_FOLDS
from ..show.plain_numbers import format_lam, plain_number
from ..verdict import verdict
from .charts import MAX_LINES, paths_range
from .fit import irrelevant_features

#: What the reader sees while a table is fitted.
WAIT_FIT = "Fitting every signal for every λ…"
#: Above each chart: how to read it.
WEIGHTS_CAPTION = (
    "Each bar is how much the prediction moves when that signal is one typical swing (its usual distance from its average) "
    "higher, or, for a category, when the row is in it. Purple: no penalty. Orange: the λ you chose."
)
SHARE_CAPTION = (
    "The share of all weight carried by the single biggest signal, for every λ. The dashed line is an even "
    "split between all the signals."
)
STABILITY_CAPTION = (
    "The model is refitted five times, each time without a different fifth of the rows. Each bar is how "
    "much that weight moves between these refits: long bars are weights you cannot trust."
)
ERRORS_CAPTION = (
    "Typical miss on the training rows, on held-out rows and by cross-validation, for every λ. "
    "The sweet spot is the bottom of the valley."
)
#: Your data's several-columns view, when the reader's choice cannot be fitted.
NO_TARGET = "Your file has no column of numbers to predict."
NO_SIGNALS = "Choose at least one signal."


def unusable_columns(problem):
    """Why the chosen columns cannot be fitted (the reader's column names in it: show it Markdown-safe)."""
    return f"These columns cannot be used: {problem}"


def rows_caption(fit):
    """How the reader's rows were used, and how many signals they make."""
    return (
        f"{fit.path.n:,} rows to fit on and {fit.n_test:,} held out as new data; {len(fit.names):,} signals "
        "(a text column counts once per category)."
    )


def in_depth_model(n):
    """In depth: the exact model, before its scikit-learn pipeline (``n`` training rows)."""
    return (
        "Numbers (and dates, as days since the earliest date) are standardized to mean 0 and standard "
        "deviation 1 on the training rows; each text category becomes a 0/1 column. The model minimizes "
        "(1/n)·Σ(residual²) + λ·Σw², the intercept not penalized, so it equals scikit-learn's `Ridge` with "
        "alpha = n·λ on those columns. The pipeline below, fitted on the training rows, gives the same "
        f"weights (n = {n:,} training rows; lam is set to the sweet spot, change it to any λ):"
    )


def in_depth_cross_validation(path):
    """In depth: how the path was cross-validated, and its best λ on the fine grid."""
    cv = (
        "exact leave-one-out (closed form: eᵢ / (1 − hᵢᵢ))"
        if path.cv == LEAVE_ONE_OUT
        else f"{path.cv} cross-validation (KFold({N_FOLDS}, shuffle=True, random_state=0))"
    )
    return (
        f"Cross-validation: {cv}, with the scaling fitted once on all training rows and alpha = n·λ in every "
        "fold. λ = 0 is the minimum-norm least-squares fit. Stability bars: the standard deviation of each "
        "weight over the five fits without one fold. Best λ on the fine grid: "
        f"{format_lam(path.lams[path.best_index])}."
    )


def _amount(value, unit):
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{plain_number(abs(value))}" + (f" {unit}" if unit else "")


def weight_sentence(fit, index):
    """Which signal matters most now, and how that compares with no penalty."""
    path, unit = fit.path, fit.table.y_unit
    now, free = path.coef[index], path.coef[0]
    top = int(np.argmax(np.abs(now)))
    top_free = int(np.argmax(np.abs(free)))
    share = path.biggest_share
    if index == 0:
        return (
            f"No penalty: the biggest weight is {fit.names[top_free]}, {_amount(free[top_free], unit)}"
            f"{_per(fit, top_free)}, carrying {share[0]:.0%} of all the weight."
        )
    return (
        f"At λ = {format_lam(path.lams[index])} the biggest weight is {fit.names[top]}: {_amount(now[top], unit)}"
        f"{_per(fit, top)}, {share[index]:.0%} of all the weight (with no penalty: {fit.names[top_free]}, "
        f"{_amount(free[top_free], unit)}, {share[0]:.0%})."
    )


def _per(fit, j):
    return " per typical swing" if fit.design.scaled[j] else " when it applies"


def pair_sentence(fit, index):
    """The two signals that move together: their weights with and without the penalty."""
    if fit.pair is None:
        return "No two signals move closely together here, so no pair of weights has to fight for the same credit."
    path, unit, pair = fit.path, fit.table.y_unit, fit.pair
    a, b = fit.names[pair.first], fit.names[pair.second]
    free = path.coef[0, [pair.first, pair.second]]
    now = path.coef[index, [pair.first, pair.second]]
    opposite = _pair_fights(fit)
    start = (
        f"{a} and {b} move together (correlation {pair.correlation:.2f}; 1 would be perfectly in step). "
        "With no penalty their weights are "
        f"{_amount(free[0], unit)} and {_amount(free[1], unit)}"
        + (": they pull in opposite directions and mostly cancel. " if opposite else ". ")
    )
    if index == 0:
        return start + "Add a penalty to see how it moves the credit between them."
    here = f"At λ = {format_lam(path.lams[index])} they are {_amount(now[0], unit)} and {_amount(now[1], unit)}: "
    if np.abs(now - free).max() <= CREDIT_MOVED * np.abs(free).max():
        return start + here + "hardly changed, so this penalty is still too weak to move the credit between them."
    if _fights(pair, now):
        return start + here + "they still pull against each other."
    if opposite or _evenness(now) > _evenness(free) + CREDIT_MOVED:
        return start + here + "the penalty makes them share the credit."
    return start + here + "the penalty shrinks both."


#: A pair's weights count as moved when one changed by more than this share of the larger one with no
#: penalty; and as sharing the credit more evenly when the smaller's share of the larger grew by this.
CREDIT_MOVED = 0.05


def _evenness(weights):
    """The smaller weight's size as a share of the larger's (1: an even split)."""
    sizes = np.abs(weights)
    return float(sizes.min() / sizes.max()) if sizes.max() > 0 else 1.0


def _fights(pair, weights):
    """Whether the pair's weights work against each other: opposite signs for signals that rise together."""
    product = weights[0] * weights[1]
    return product < 0 if pair.correlation > 0 else product > 0


def stability_sentence(fit, index):
    """How much the weights jump between the cross-validation folds, now and with no penalty."""
    spread = fit.path.fold_spread
    unit = fit.table.y_unit
    worst_free = int(np.argmax(spread[0]))
    return (
        f"Refitting without one part of the rows at a time, the weights move by up to "
        f"{_amount(spread[index].max(), unit).lstrip('+')} at this λ; with no penalty up to "
        f"{_amount(spread[0, worst_free], unit).lstrip('+')} ({fit.names[worst_free]})."
    )


def verdict_text(fit, index):
    """The one verdict rule's words for this λ on this table, its sweet spot, and the tone for the coloured box.

    Each table has its own sweet spot, so the same λ may get another verdict on another page: the words say
    "on this data" and give this table's sweet spot.
    """
    path = fit.path
    v = verdict(path, index)
    low, high = path.good_range
    spot = (
        f"This table's sweet spot: λ = {format_lam(path.lams[path.best_index])} ({format_lam(path.lams[low])} to "
        f"{format_lam(path.lams[high])} is about as good). Each table has its own, so another page may give the "
        "same λ another verdict."
    )
    return f"Verdict on this data: {v.label}. {v.advice} {spot}", v.tone


def share_sentence(fit, index):
    """How much of all the weight the biggest signal carries, now and with no penalty, and what that means here."""
    path = fit.path
    share = path.biggest_share
    top_free = int(np.argmax(np.abs(path.coef[0])))
    even = 1.0 / len(fit.names)
    start = (
        f"With no penalty the biggest weight ({fit.names[top_free]}) carries {share[0]:.0%} of all the weight; "
        f"an even split over the {len(fit.names)} signals would give each {even:.0%}."
    )
    if index > 0:
        start += f" At λ = {format_lam(path.lams[index])} the biggest carries {share[index]:.0%}."
    if share[0] >= 0.5:
        if index > 0 and share[index] > share[0] - CREDIT_MOVED:
            return (
                start
                + " Without a penalty that one signal takes over, and this penalty is still too weak to change that."
            )
        if share[1:].min() > share[0] - CREDIT_MOVED:
            return start + " That one signal takes over, and even a strong penalty leaves it in front here."
        return start + " Without a penalty that one signal takes over; the penalty spreads the credit."
    unit = fit.table.y_unit
    total = np.abs(path.coef).sum(axis=1)
    change = (
        " So no single signal takes over here, even with no penalty. What the penalty changes is the size of the "
        f"weights: all of them together add up to {_amount(total[0], unit).lstrip('+')} with no penalty"
    )
    if index > 0:
        change += f" and {_amount(total[index], unit).lstrip('+')} at this λ"
        dropped = total[0] - total[index] > CREDIT_MOVED * total[0]
        if dropped and fit.pair is not None and _pair_fights(fit) and _pair_share_of_drop(fit, index) > 0.5:
            change += ", most of the drop coming from the two signals that move together (above)"
    return start + change + "."


def _pair_share_of_drop(fit, index):
    """Which part of the drop in the weights' total size (no penalty → this λ) comes from the pair."""
    pair = [fit.pair.first, fit.pair.second]
    coef = np.abs(fit.path.coef)
    drop = coef[0].sum() - coef[index].sum()
    return (coef[0, pair].sum() - coef[index, pair].sum()) / drop if drop > 0 else 0.0


def _pair_fights(fit):
    return _fights(fit.pair, fit.path.coef[0, [fit.pair.first, fit.pair.second]])


def noise_sentence(fit, index):
    """Why the signals known not to matter still get weights, at this λ: luck, shrinking, never exactly zero.

    Empty when the table names no such signals (real data).
    """
    noise = irrelevant_features(fit)
    if noise.size == 0:
        return ""
    path, unit = fit.path, fit.table.y_unit
    columns = ", ".join(fit.table.irrelevant)
    now, free = path.coef[index, noise], path.coef[0, noise]
    biggest = int(noise[np.argmax(np.abs(now))])
    lead = (
        f"{columns}: none of these affects sales, yet each gets a weight. With only {path.n} weeks to learn from, "
        "luck looks like a pattern: a colour that happened to fall on a few good weeks seems to help. "
    )
    if index == 0:
        here = (
            f"With no penalty their weights add up to {_amount(np.abs(free).sum(), unit).lstrip('+')} "
            f"(biggest: {fit.names[biggest]}, {_amount(path.coef[0, biggest], unit)}). "
        )
    else:
        here = (
            f"At λ = {format_lam(path.lams[index])} their weights add up to "
            f"{_amount(np.abs(now).sum(), unit).lstrip('+')} (with no penalty "
            f"{_amount(np.abs(free).sum(), unit).lstrip('+')}); the biggest is {fit.names[biggest]}, "
            f"{_amount(path.coef[index, biggest], unit)}. "
        )
    return (
        lead + here + "The penalty shrinks such weights, but L2 never makes one exactly zero, at any λ, and "
        "cross-validation cannot tell a small real effect from a small lucky one. A different penalty, L1 (the "
        "lasso), can set weights to exactly zero and drop signals altogether (see Questions)."
    )


def paths_caption(fit):
    """How to read the weight-paths chart; says which lines leave it only when some do."""
    _, leaving = paths_range(fit)
    text = (
        "Read from left to right: the weights shrink toward zero as the penalty grows. Every line is named in "
        "the legend; the dotted line is your λ."
    )
    if len(fit.names) > MAX_LINES:
        text += f" Shown: the {MAX_LINES} signals with the biggest weights, of {len(fit.names):,}."
    if leaving.size:
        names = ", ".join(fit.names[j] for j in leaving)
        text += (
            f" With little or no penalty some weights are too big for the chart and leave it on the left ({names}): "
            "they fight each other."
        )
    return text


def size_note(fit):
    """A plain note when there are at least as many features as rows (where the penalty matters most)."""
    p, n = len(fit.names), fit.path.n
    if p < n:
        return None
    return (
        f"There are {p:,} signals (a category counts once per value) and only {n:,} rows to fit them on. With no "
        "penalty the model can then pass through every training row exactly, so it learns nothing it can check; "
        "the penalty is what makes a fit possible at all."
    )
