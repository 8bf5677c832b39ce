"""The many-signals story in words: what a ``SignalFit`` says at one λ, read aloud.

Amounts are in the unit of the column predicted (``money.amount``: "€16,900"); the penalty is named in
words with its number small (``lam_in_words``); a colour is named by its palette role's ``word``. While
the reader's λ is 0 the sentences compare it with the sweet spot, as the charts do (``charts.comparison``).
Column names come from the reader's file: the sentences are plain text (never Markdown).
"""

import numpy as np
import pandas as pd

from ..models.grid import LEAVE_ONE_OUT, N_FOLDS
from ..show.facts import L2_NEVER_ZERO
from ..show.palette import NEW_DATA, NO_PENALTY, SWEET_SPOT, TRAINING, YOUR_PENALTY
from ..show.plain_numbers import format_lam, lam_in_words, lam_small_print
from ..verdict import verdict
from .charts import MAX_LINES, comparison, paths_range
from .fit import irrelevant_features
from .money import amount, spread

#: What the reader sees while a table is fitted.
WAIT_FIT = "Fitting every signal for every λ…"
#: Above the main chart: how to read it, with the colours drawn.
WEIGHTS_CAPTION = (
    "Each bar is how far that signal moves the forecast when it is on the high side: above its average by "
    "about as much as it usually strays (for a choice, such as a promotion: when it applies). Bars to the right "
    f"raise the forecast, bars to the left lower it. {YOUR_PENALTY.word.capitalize()}: your penalty. Beside it, {SWEET_SPOT.word}: the sweet "
    f"spot, while your penalty is 0; {NO_PENALTY.word}: no penalty, once you add one."
)
#: Added to it when the table has two signals that move together (their names are in bold).
PAIR_IN_BOLD = "The two signals in bold move together."
SHARE_CAPTION = (
    "The share of all weight carried by the single biggest signal, for every penalty; the point on the far "
    "left is no penalty. The dashed line is an even split between all the bars."
)
STABILITY_CAPTION = (
    f"The model is refitted {N_FOLDS} times, each time without a different fifth of the rows. Each bar is how "
    "much that weight jumps between these refits: long bars are weights you cannot trust. The colours are the "
    "chart's above."
)
ERRORS_CAPTION = (
    f"Typical miss on the training rows ({TRAINING.word}), on the new rows ({NEW_DATA.word}) and on training "
    f"rows left out in turn ({TRAINING.word} dashes), for every penalty. The {SWEET_SPOT.word} star, the "
    "sweet spot, is the bottom of the dashed valley."
)
#: Your data's several-columns view, when the reader's choice cannot be fitted.
NO_TARGET = "Your file has no column of numbers to predict."
NO_SIGNALS = "Choose at least one signal."
#: A pair's weights count as moved when one changed by more than this share of the larger one with no
#: penalty; shares of the weight as changed when they moved by this much.
CREDIT_MOVED = 0.05
#: Two typical misses count as about the same when they differ by less than this share.
ABOUT_THE_SAME = 0.03
#: A bar counts as grown when it got bigger by more than this share of its own size and by more than
#: ``GREW_OF_LARGEST`` of the largest weight with no penalty (so rounding never counts as growing).
GREW, GREW_OF_LARGEST = 0.05, 0.005


def weights_caption(fit):
    """How to read the main chart: what a bar is, the colours drawn, and the pair in bold when there is one."""
    return WEIGHTS_CAPTION + ("" if fit.pair is None else " " + PAIR_IN_BOLD)


def unusable_columns(problem):
    """Why the chosen columns cannot be fitted (the reader's column names in it: show it Markdown-safe)."""
    return f"These columns cannot be used: {problem}"


def count_sentence(fit):
    """How many signals the table has, and how many bars they make: said once, here."""
    signals = fit.design.signals
    split = [signal.name for signal in signals if signal.categories]
    bars = len(fit.names)
    if bars == len(signals):
        return f"There are {len(signals):,} signals, one bar each."
    names = split[0] if len(split) == 1 else ", ".join(split[:-1]) + " and " + split[-1]
    each = "gets a bar for each of its choices" if len(split) == 1 else "get a bar for each of their choices"
    return f"There are {len(signals):,} signals, drawn as {bars:,} bars: {names} {each}."


def table_caption(fit):
    """The table's story and its count of signals (names from a reader's file: show it Markdown-safe)."""
    return f"{fit.table.story} {count_sentence(fit)}"


def rows_caption(fit):
    """How the reader's rows were used, and how many signals they make."""
    return f"{fit.path.n:,} rows to fit on and {fit.n_test:,} held out as new data. {count_sentence(fit)}"


def in_depth_model(n):
    """In depth: the exact model, before its scikit-learn pipeline (``n`` training rows)."""
    return (
        "Numbers (and dates, as days since the earliest date) are standardized to mean 0 and standard "
        "deviation 1 on the training rows, so a number's weight is the change in the forecast for one standard "
        "deviation of that signal (the main chart's “on the high side”); each text category becomes a 0/1 "
        "column. The model minimizes "
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
        f"weight over the {N_FOLDS} fits without one fold. Best λ on the fine grid: "
        f"{format_lam(path.lams[path.best_index])}."
    )


def weights_table(fit, index):
    """In depth: every weight with no penalty, at the sweet spot and at the reader's λ, at full precision."""
    path = fit.path
    best = path.best_index
    return pd.DataFrame(
        {
            "Signal": list(fit.names),
            "No penalty": path.coef[0],
            f"Sweet spot (λ = {format_lam(path.lams[best])})": path.coef[best],
            f"Your λ ({format_lam(path.lams[index])})": path.coef[index],
        }
    )


# --- Naming the settings a sentence compares ---


def _at(fit, row, index):
    """The setting at ``row`` named for a sentence, with its colour on the charts at the reader's row ``index``."""
    lam = fit.path.lams[row]
    if row == index:
        if lam == 0:
            return f"with no penalty, where the control starts ({YOUR_PENALTY.word})"
        return f"with your penalty ({YOUR_PENALTY.word}), {lam_in_words(lam)}"
    if row == 0:
        return f"with no penalty ({NO_PENALTY.word})"
    other = comparison(fit, index)
    return f"at {other.phrase} ({other.role.word}), {lam_in_words(lam)}"


def _rows(fit, index):
    """The two rows a sentence compares at the reader's row ``index``: (no penalty, the other)."""
    return (0, comparison(fit, index).row) if index == 0 else (0, index)


def _capital(text):
    return text[:1].upper() + text[1:]


# --- The main chart's sentences ---


def _evenness(weights):
    """The smaller weight's size as a share of the larger's (1: an even split)."""
    sizes = np.abs(weights)
    return float(sizes.min() / sizes.max()) if sizes.max() > 0 else 1.0


def _fights(pair, weights):
    """Whether the pair's weights work against each other: opposite signs for signals that rise together."""
    product = weights[0] * weights[1]
    return product < 0 if pair.correlation > 0 else product > 0


def _pair_fights(fit):
    return _fights(fit.pair, fit.path.coef[0, [fit.pair.first, fit.pair.second]])


def credit_sentence(fit, index):
    """The story's sentence under the main chart: who gets the credit with no penalty and with the other setting."""
    if fit.pair is None:
        return _credit_without_pair(fit, index)
    path, unit, pair = fit.path, fit.table.y_unit, fit.pair
    a, b = fit.names[pair.first], fit.names[pair.second]
    free_row, other_row = _rows(fit, index)
    free = path.coef[free_row, [pair.first, pair.second]]
    now = path.coef[other_row, [pair.first, pair.second]]

    def both(weights):
        return f"{a} {amount(weights[0], unit, signed=True)}, {b} {amount(weights[1], unit, signed=True)}"

    start = f"{a} and {b} move together. "
    if _fights(pair, free):
        start += (
            f"{_capital(_at(fit, free_row, index))}, they pull against each other: {both(free)}. "
            "The two mostly cancel out."
        )
    else:
        start += f"{_capital(_at(fit, free_row, index))}, they get {both(free)}."
    here = f" {_capital(_at(fit, other_row, index))}, "
    if index > 0 and np.abs(now - free).max() <= CREDIT_MOVED * np.abs(free).max():
        return start + here + f"they hardly change: {both(now)}. This penalty is still too weak to move the credit."
    if _fights(pair, now):
        less = " less hard" if np.abs(now).sum() < np.abs(free).sum() else ""
        return start + here + f"they still pull against each other,{less}: {both(now)}."
    if _fights(pair, free):
        return start + here + f"they share the credit: {both(now)}."
    if _evenness(now) > _evenness(free) + CREDIT_MOVED:
        return start + here + f"they share it more evenly: {both(now)}."
    return start + here + f"both shrink: {both(now)}."


def _short(fit, row, index):
    """The setting at ``row`` in a few words: 'with your penalty', 'at the sweet spot', 'with no penalty'."""
    if row == index:
        return "with no penalty" if fit.path.lams[row] == 0 else "with your penalty"
    return "with no penalty" if row == 0 else f"at {comparison(fit, index).phrase}"


def grown_bars(fit, free_row, other_row):
    """Indices of the bars (not the pair's) bigger at ``other_row`` than at ``free_row`` (``GREW``), biggest growth first."""
    coef = fit.path.coef
    before, after = np.abs(coef[free_row]), np.abs(coef[other_row])
    pair = () if fit.pair is None else (fit.pair.first, fit.pair.second)
    floor = GREW_OF_LARGEST * before.max()
    grown = [j for j in range(before.size) if j not in pair and after[j] > (1 + GREW) * before[j] + floor]
    return sorted(grown, key=lambda j: before[j] - after[j])


def _listed(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def others_sentence(fit, index):
    """Under the main chart: the bars that grow with the penalty, and why, and the signals known to do nothing.

    The chart compares two settings; this says what else it shows, read from the weights: not every bar
    shrinks (with the pair no longer cancelling, the credit is shared out again and some moves to other
    signals), and signals that do nothing still get some credit (luck, in few rows; L2 never zeroes a weight).
    """
    path, unit = fit.path, fit.table.y_unit
    free_row, other_row = _rows(fit, index)
    if free_row == other_row:
        return ""
    sentences = []
    grown = grown_bars(fit, free_row, other_row)
    if grown:
        told = [
            f"{fit.names[j]} {amount(path.coef[free_row, j], unit, signed=True)} → "
            f"{amount(path.coef[other_row, j], unit, signed=True)}"
            for j in grown
        ]
        verb = "grows" if len(grown) == 1 else "grow"
        sentences.append(
            f"Not every bar shrinks {_short(fit, other_row, index)}: {_listed(told)} {verb} "
            f"(first {_short(fit, free_row, index)}, then {_short(fit, other_row, index)})."
        )
        pair = fit.pair
        now = None if pair is None else path.coef[other_row, [pair.first, pair.second]]
        if pair is not None and _pair_fights(fit) and not _fights(pair, now):
            a, b = fit.names[pair.first], fit.names[pair.second]
            sentences.append(
                f"With {a} and {b} no longer cancelling each other out, the model shares out the credit again, "
                "and some of it moves to other signals."
            )
        else:
            sentences.append("As the penalty shares out the credit again, some of it moves to other signals.")
    noise = irrelevant_features(fit)
    if noise.size:
        biggest = int(noise[np.argmax(np.abs(path.coef[other_row, noise]))])
        sentences.append(
            f"{_listed(list(fit.table.irrelevant))} do nothing here, yet {fit.names[biggest]} still gets "
            f"{amount(path.coef[other_row, biggest], unit, signed=True)} {_short(fit, other_row, index)}: with only "
            f"{path.n} {fit.table.rows_called} to learn from, luck gives signals that do nothing some credit. "
            f"{L2_NEVER_ZERO}"
        )
    return " ".join(sentences)


def _typical(fit):
    """A typical value of the column predicted on the new rows (their median), or None when it is not above 0."""
    values = pd.to_numeric(fit.table.test[fit.table.target], errors="coerce") if len(fit.table.test) else None
    if values is None or not values.notna().any():
        return None
    middle = float(values.median())
    return middle if middle > 0 else None


def _of_typical(fit, other, free, one):
    """'That is about 15% of a typical week's €46,900 (no penalty: 19%).', or '' without a typical value."""
    typical = _typical(fit)
    if typical is None:
        return ""
    share = f"about {other / typical:.0%} of a typical {one}'s {amount(typical, fit.table.y_unit)}"
    if free is None:
        return f" That is {share}."
    return f" That is {share} (no penalty: {free / typical:.0%})."


def _moved(fit, row):
    """Whether any weight at ``row`` moved by more than ``CREDIT_MOVED`` of the biggest weight with no penalty."""
    coef = fit.path.coef
    return bool(np.abs(coef[row] - coef[0]).max() > CREDIT_MOVED * np.abs(coef[0]).max())


def _credit_without_pair(fit, index):
    path, unit = fit.path, fit.table.y_unit
    free_row, other_row = _rows(fit, index)
    top = int(np.argmax(np.abs(path.coef[free_row])))
    return (
        "No two signals here move closely together, so none has to fight another for the credit. "
        f"The biggest weight, {fit.names[top]}, is {amount(path.coef[free_row, top], unit, signed=True)} "
        f"{_at(fit, free_row, index)} and {amount(path.coef[other_row, top], unit, signed=True)} "
        f"{_at(fit, other_row, index)}."
    )


def forecast_sentence(fit, index):
    """How far off the forecasts of the new rows are with no penalty and with the other setting (empty without them)."""
    path, unit = fit.path, fit.table.y_unit
    free_row, other_row = _rows(fit, index)
    free, other = path.test_rmse[free_row], path.test_rmse[other_row]
    if fit.n_test == 0 or not (np.isfinite(free) and np.isfinite(other)):
        return ""
    rows = fit.table.rows_called
    one = rows[:-1] if rows.endswith("s") else rows
    start = f"Forecasting {fit.n_test:,} new {rows}, "
    if abs(other - free) <= ABOUT_THE_SAME * free:
        same = start + f"the two are about as good: off by {spread(other, unit)} for a typical {one}."
        same += _of_typical(fit, other, None, one) + " "
        if not _moved(fit, other_row):
            return same + "This penalty is still too weak to change the weights."
        return same + "Here what the penalty gains is steadier weights, not a better forecast."
    who = f"the model at {comparison(fit, index).phrase}" if index == 0 else "the model with your penalty"
    text = (
        start + f"{who} is off by {spread(other, unit)} for a typical {one}; with no penalty, by {spread(free, unit)}."
    ) + _of_typical(fit, other, free, one)
    if other > free:
        text += f" On these new {rows}, no penalty does better."
    return text


# --- In depth ---


def stability_sentence(fit, index):
    """How much the weights jump between the cross-validation folds, with no penalty and with the other setting."""
    jumps = fit.path.fold_spread
    unit = fit.table.y_unit
    free_row, other_row = _rows(fit, index)
    worst = int(np.argmax(jumps[free_row]))
    return (
        f"Refitting without a different part of the {fit.table.rows_called} each time, the weights jump by up to "
        f"{spread(jumps[free_row, worst], unit)} {_at(fit, free_row, index)}: the most is {fit.names[worst]}. "
        f"{_capital(_at(fit, other_row, index))}, they jump by up to {spread(jumps[other_row].max(), unit)}."
    )


def share_sentence(fit, index):
    """How much of all the weight the biggest signal carries, with no penalty and with the other setting."""
    path = fit.path
    share = path.biggest_share
    free_row, other_row = _rows(fit, index)
    top_free = int(np.argmax(np.abs(path.coef[free_row])))
    top = int(np.argmax(np.abs(path.coef[other_row])))
    text = (
        f"{_capital(_at(fit, free_row, index))}, the biggest weight carries {share[free_row]:.0%} of all the "
        f"weight: {fit.names[top_free]}. {_capital(_at(fit, other_row, index))}, the biggest carries "
        f"{share[other_row]:.0%}: {fit.names[top]}. An even split would give each bar {1 / len(fit.names):.0%}."
    )
    if share[other_row] < share[free_row] - CREDIT_MOVED:
        return text + " The penalty spreads the credit."
    if share[other_row] > share[free_row] + CREDIT_MOVED:
        return text + " Here the penalty shrinks the other weights more, so the biggest one's share grows."
    return text + " The penalty shrinks the weights about alike, so the share hardly changes."


def noise_sentence(fit, index):
    """Why the signals known not to matter still get weights, at this λ: luck, shrinking, never exactly zero.

    Empty when the table names no such signals (real data).
    """
    noise = irrelevant_features(fit)
    if noise.size == 0:
        return ""
    path, unit = fit.path, fit.table.y_unit
    free_row, other_row = _rows(fit, index)
    columns = ", ".join(fit.table.irrelevant)
    biggest = int(noise[np.argmax(np.abs(path.coef[free_row, noise]))])
    return (
        f"{columns}: none of these affects sales, yet each gets a weight. With only {path.n} "
        f"{fit.table.rows_called} to learn from, luck looks like a pattern: a colour that happened to fall on a few "
        f"good weeks seems to help. {_capital(_at(fit, free_row, index))}, their weights add up to "
        f"{amount(np.abs(path.coef[free_row, noise]).sum(), unit)} (biggest: {fit.names[biggest]}, "
        f"{amount(path.coef[free_row, biggest], unit, signed=True)}); {_at(fit, other_row, index)}, to "
        f"{amount(np.abs(path.coef[other_row, noise]).sum(), unit)}. {L2_NEVER_ZERO} Cross-validation cannot tell "
        "a small real effect from a small lucky one."
    )


def _band(path):
    """The penalties about as good as the sweet spot, in words."""
    low, high = path.good_range
    if low == 0:
        return f"anything from no penalty up to {lam_small_print(path.lams[high])} is about as good"
    return f"from {lam_small_print(path.lams[low])} to {lam_small_print(path.lams[high])} it is about as good"


def verdict_text(fit, index):
    """The one verdict rule's words for this λ on this table, its sweet spot, and the tone for the coloured box.

    Each table has its own sweet spot, so the same λ may get another verdict on another page: the words say
    "on this data" and give this table's sweet spot.
    """
    path = fit.path
    v = verdict(path, index)
    spot = (
        f"This table's sweet spot: {lam_in_words(path.lams[path.best_index])}; {_band(path)}. Each table has "
        "its own, so another page may give the same λ another verdict."
    )
    return f"Verdict on this data: {v.label}. {v.advice} {spot}", v.tone


def paths_caption(fit):
    """How to read the weight-paths chart; says which lines leave it only when some do."""
    _, leaving = paths_range(fit)
    text = (
        "Read from left to right: as the penalty grows the weights, taken together, shrink toward zero. The points on the far "
        "left are no penalty (λ = 0). Every line is named in the legend"
        + ("; the two thick lines are the signals that move together" if fit.pair is not None else "")
        + "; the dotted line is your penalty."
    )
    if len(fit.names) > MAX_LINES:
        text += f" Shown: the {MAX_LINES} signals with the biggest weights, of {len(fit.names):,}."
    if leaving.size:
        names = ", ".join(fit.names[j] for j in leaving)
        text += (
            f" With little or no penalty some weights are too big for the chart and leave it on the left ({names}), "
            "where the chart says so: they fight each other."
        )
    return text


def size_note(fit):
    """A plain note when there are at least as many bars (weights) as rows (where the penalty matters most)."""
    p, n = len(fit.names), fit.path.n
    if p < n:
        return None
    return (
        f"There are {p:,} weights to learn (one a bar) and only {n:,} rows to learn them from. With no penalty "
        "the model can then pass through every training row exactly, so it learns nothing it can check; the "
        "penalty is what makes a fit possible at all."
    )
