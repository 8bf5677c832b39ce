"""The one-curve story in words: amounts in the reader's units, the verdict, and captions drawn from the numbers.

Every caption here is computed from the data on the chart, so it says what the chart shows on
this data (a U or an L, lines that cross zero, a curve that falls then rises). The verdict itself
is the one rule of ``core.verdict``; this module says it for a curve. Sentences with ``story=True``
are for the story track: λ in words with its number small (``lam_in_words``); without it, for the
go-deeper pages, λ's exact number. A colour is named by its role's word (``core.show.palette``).
"""

import numpy as np

from ..models.grid import LEAVE_ONE_OUT, N_FOLDS
from ..show.kit import ROLE_ZONE_WORDS
from ..show.palette import NEW_DATA, NO_PENALTY, SWEET_SPOT, TRAINING
from ..show.plain_numbers import (
    format_lam,
    format_miss,
    lam_in_words,
    lam_words,
    ordinal,
    plain_number,
)
from ..verdict import MEMORIZING, TOO_SIMPLE, known_errors, reading, verdict
from .charts import compared_setting
from .data import N_HELD_OUT
from .weight_charts import no_penalty_total_off, total_sizes

#: What the reader sees while the fits are computed.
WAIT_FIT = "Fitting the curve for every λ…"
WAIT_LASSO = "Comparing with the lasso…"
WAIT_DEGREES = "Trying every degree…"
WAIT_RESAMPLES = "Refitting on resampled data…"
#: A change smaller than this share of a miss is "flat" in a caption (the eye does not see it either).
FLAT = 0.05


def lam_named(lam, story=False):
    """λ as a sentence names it: 'a medium penalty (λ = 0.00032)' on the story track, 'λ = 0.00032' deeper."""
    return lam_in_words(lam) if story else f"λ = {format_lam(lam)}"


def _at(lam, story=False):
    """How a sentence about one λ starts: 'With no penalty', 'With a light penalty (λ under 0.0001)', 'At λ = 0.001'."""
    if lam == 0:
        return "With no penalty"
    return f"With {lam_in_words(lam)}" if story else f"At λ = {format_lam(lam)}"


#: How each cross-validation checks a model, in words (``RidgePath.cv``).
_CV_IN_WORDS = {
    LEAVE_ONE_OUT: "Leaving each training point out in turn and checking the miss on it",
    f"{N_FOLDS}-fold": f"Splitting the training rows into {N_FOLDS} parts and checking each part on a model fitted "
    f"to the other {N_FOLDS - 1}",
}


# --- The verdict (one rule, core/verdict.py) ---


def new_miss(path):
    """Typical miss on new data for every λ: held out when there are held-out points, else cross-validated."""
    held_out = known_errors(path.test_rmse)
    return np.sqrt(path.cv_mse) if held_out is None else held_out


def sample_sentence(dataset):
    """Which points the model learns from and which it is checked on: why 18 days of a year of daily sales."""
    n, m, points = dataset.x_train.size, dataset.x_test.size, dataset.point_name
    if dataset.period:
        return (
            f"The model sees only {n:,} {points} picked from {dataset.period}: the {TRAINING.word} dots. So few that "
            f"luck weighs heavily, as it does when a business has little history. The {NEW_DATA.word} dots are "
            f"{m:,} other {points} of {dataset.period}, kept back to check the model on {points} it never saw."
        )
    return (
        f"The model learns from {n:,} {points}: the {TRAINING.word} dots. The {NEW_DATA.word} dots are {m:,} "
        f"other {points} it never saw, kept back to check it."
    )


#: Home's legend names for the training and held-out points: the two students' story on the chart.
STORY_POINT_NAMES = ("Training data (the practice questions)", "New data (the exam)")


def your_penalty_name(lam):
    """The legend's name for the reader's curve beside a curve compared with: 'Your penalty: none', '…: medium'."""
    return "Your penalty: " + (
        "none (no penalty)" if lam == 0 else lam_words(lam).removeprefix("a ").removesuffix(" penalty")
    )


def verdict_advice(path, index, unit=""):
    """What the verdict at this λ means and what to do, in words (the sentences after "Verdict: …")."""
    here = reading(path, index)
    new = new_miss(path)
    best_new = new[here.spot.best]
    if here.verdict is MEMORIZING:
        luck = (
            " These new points happen to suit this curve, but checking on every training point in turn shows it "
            "memorizes."
            if new[index] <= best_new
            else ""
        )
        return (
            "The curve chases the luck in its training points."
            + luck
            + (" More penalty would make it steadier and lower the miss on new data.")
        )
    if here.verdict is TOO_SIMPLE:
        both = "even the miss on training data is above" if here.both_high else "the miss on new data is above"
        return (
            f"Both misses are high and close together: {both} the {format_miss(best_new, unit)} of the sweet spot. "
            "A small gap is not good news here. Less penalty would lower both misses."
        )
    return "No other penalty does clearly better on new data."


def verdict_text(path, index, unit=""):
    """The verdict box at every λ step: "Verdict: <label>." and what it means and what to do."""
    return f"Verdict: {verdict(path, index).label}. {verdict_advice(path, index, unit)}"


def verdict_sentence(path, index, unit=""):
    """The verdict for this λ in words, with the two misses and what to do."""
    return (
        f"Typical miss on training data: {format_miss(path.train_rmse[index], unit)}. "
        f"On new data: {format_miss(new_miss(path)[index], unit)}. " + verdict_text(path, index, unit)
    )


def train_miss_text(path, index, unit=""):
    """The typical miss on the training data at this λ, in the data's units."""
    return f"Typical miss on training data: {format_miss(path.train_rmse[index], unit)}"


def new_miss_text(path, index, unit=""):
    """The typical miss on the held-out (new) data at this λ, in the data's units."""
    return f"Typical miss on new data: {format_miss(path.test_rmse[index], unit)}"


def sweet_spot_sentence(path, index, unit="", story=False):
    """The one sweet spot (the star, found without the new data), its "about as good" band, and where the reader stands.

    The held-out points only say how the sweet spot does on them; the λ that happened to do best on them
    stays in the In depth box, under another name (``held_out_best_sentence``).
    """
    here = reading(path, index)
    spot = here.spot
    held_out = (
        ""
        if np.isnan(path.test_rmse[spot.best])
        else f" On the new data it misses by {format_miss(path.test_rmse[spot.best], unit)}."
    )
    check = _CV_IN_WORDS.get(path.cv, "Checking on points the model did not see")
    low, high = path.lams[spot.low], path.lams[spot.high]
    band = (
        f"Every penalty from {lam_words(low)} to {lam_words(high)}"
        if story and lam_words(low) != lam_words(high)
        else f"Every λ from {format_lam(low)} to {format_lam(high)}"
        if not story
        else f"Every penalty near it, {lam_words(low)}"
    )
    yours = f"Your penalty, {lam_in_words(path.lams[index])}," if story else f"Your λ = {format_lam(path.lams[index])}"
    return (
        f"The sweet spot, the {SWEET_SPOT.word} star, is **{lam_named(path.lams[spot.best], story)}**. It was found "
        f"without peeking at the new data, by {check[0].lower()}{check[1:]}: there it has the lowest miss, typically "
        f"{format_miss(np.sqrt(path.cv_mse[spot.best]), unit)}.{held_out} {band} ({SWEET_SPOT.word} band) is about "
        f"as good by the check on left-out training points: the differences there are too small to trust."
        f"{_band_on_new_data(path, spot, unit, story)} {yours} is **{here.verdict.label}**."
    )


WORSE_ON_NEW = 1.25  # a band end whose new-data miss is this much above the sweet spot's is told


def _band_on_new_data(path, spot, unit, story):
    """How the new data turned out at the band's ends, when an end did clearly worse than the sweet spot; else ''."""
    if known_errors(path.test_rmse) is None or spot.low == spot.high:
        return ""
    at_spot = path.test_rmse[spot.best]
    ends = [(end, name) for end, name in ((spot.low, "weak"), (spot.high, "strong")) if end != spot.best]
    worse = [(end, name) for end, name in ends if path.test_rmse[end] > WORSE_ON_NEW * at_spot]
    if not worse:
        return ""
    end, name = max(worse, key=lambda pair: path.test_rmse[pair[0]])
    which = f"the {name} end" if story else f"λ = {format_lam(path.lams[end])}"
    return (
        f" On the new data {which} did worse: {format_miss(path.test_rmse[end], unit)} against "
        f"{format_miss(at_spot, unit)} at the sweet spot (the band is chosen without the new data)."
    )


def held_out_best_sentence(path, unit=""):
    """In depth: the λ that happened to do best on these held-out points, named apart from the sweet spot.

    It is known only afterwards, from the new data, so it never picks anything; '' when there are no held-out points.
    """
    if known_errors(path.test_rmse) is None:
        return ""
    luckiest = int(np.nanargmin(path.test_rmse))
    return (
        f"Afterwards, on these particular held-out points, λ = {format_lam(path.lams[luckiest])} happened to do best "
        f"({format_miss(path.test_rmse[luckiest], unit)}, against {format_miss(path.test_rmse[path.best_index], unit)} "
        "at the sweet spot). A real project cannot know it in advance: it is not the sweet spot, only how the "
        "choice turned out on one set of new points."
    )


def guess_verdict(path, guess):
    """How close a reader's guess came to the cross-validated best λ, in slider steps and as a factor."""
    spot = reading(path, path.index_of(guess)).spot
    best = path.lams[spot.best]
    if guess == 0:
        closeness = "No penalty at all: for this curve that lets it memorize."
    else:
        factor = max(guess, best) / min(guess, best)
        steps = abs(np.log10(guess / best)) / 0.25
        closeness = (
            "Spot on: within the band of λ that are about as good."
            if path.lams[spot.low] <= guess <= path.lams[spot.high]
            else f"About {steps:.0f} slider steps away ({plain_number(factor)} times {'more' if guess > best else 'less'})."
        )
    return (
        f"Your guess: λ = {format_lam(guess)}. The sweet spot (the star, found by checking on unseen points) is "
        f"λ = {format_lam(best)}, and "
        f"anything from {format_lam(path.lams[spot.low])} to {format_lam(path.lams[spot.high])} is about as good. "
        f"{closeness}"
    )


# --- Captions computed from what the chart shows ---


def noise_caption(unit, amount):
    """Under the made-up data's sliders, in plain words: how scattered the points are, in the data's units.

    ``amount`` is the noise in the data's units (``data.noise_in_units``). No setting's number and no sample's
    number: a reader reads the scatter in euros, and a new sample as another draw of the same kind of data.
    """
    return (
        "Noise is how scattered the points are around the true pattern: now a typical point sits about "
        f"{format_miss(amount, unit)} from it. New sample draws a different set of points of the same kind. The "
        f"new data are {N_HELD_OUT} more points drawn the same way."
    )


#: Under every error-against-λ chart of the curve: what the zones' shades mean (``kit.ROLE_ZONE_COLOURS``).
ZONES_CAPTION = (
    "The shading gives the verdict for each penalty: {} where the model memorizes, {} where it is about right, {} "
    "where it is too stiff. The black dashed line is the check on training points left out in turn: its lowest "
    "point is the star. No penalty sits at the far left, set apart from the rest."
).format(*ROLE_ZONE_WORDS)

#: The story λ axis's boundaries (``core.show.kit.story_lam_axis``), said under its chart.
WORD_EDGES_CAPTION = (
    "Faint dotted lines mark where one word's range of penalties ends and the next begins; a penalty right on a line "
    "is named by the word to its right."
)


#: The guess-first challenge's question.
GUESS_PROMPT = (
    "Where do you think the sweet spot is, the λ with the lowest miss on data the model did not learn from? "
    "Set your guess, then reveal the answer. "
    "(Hint: the charts above and the Weights page can help.)"
)


def unpenalized_swing(leaves_chart):
    """What the curve with no penalty does between its training points: said once, for the fit and the weights."""
    if leaves_chart:
        return "between and around them it swings so far that it leaves the chart"
    return "between them it bends to follow each point's luck"


def fit_summary(path, index, leaves_chart, story=False, compared=False):
    """One sentence on what the fit chart shows right now (the misses are shown beside it).

    ``compared`` says the chart also draws a curve for comparison (the sweet spot's at λ = 0, else no
    penalty's): the sentence names it by its colour.
    """
    where = _at(path.lams[index], story)
    if leaves_chart:
        text = f"{where} the model's curve swings far beyond the data between and around the points."
    else:
        text = f"{where} the model's curve stays within the range of the data."
    if compared:
        other = compared_setting(path, index)
        text += (
            f" The {NO_PENALTY.word} dotted curve has no penalty, drawn for comparison."
            if other.role == NO_PENALTY
            else f" The {other.role.word} curve is {other.phrase}, drawn for comparison."
        )
    return text


def training_fit(path, index, unit="", n=None):
    """How close to perfect the model is on the data it learned from, against new data: the fact said once.

    'Almost perfect' only when the training miss is under a tenth of the new-data miss.
    """
    train, new = path.train_rmse[index], new_miss(path)[index]
    days = f"the {n} points it learned from" if n else "the points it learned from"
    closeness = "almost perfectly, " if train < 0.1 * new else ""
    return (
        f"{_at(path.lams[index])} the model fits {days} {closeness}with a typical miss of {format_miss(train, unit)}; "
        f"on new data it misses by {format_miss(new, unit)}."
    )


#: What a weight is counted in when the data have no words of their own.
SWINGS = "the usual ups and downs of your data"


def swings_of(dataset):
    """What a weight of 1 moves the curve by, in the data's words: 'the usual ups and downs of daily sales'."""
    name = getattr(dataset, "y_name", "")
    return f"the usual ups and downs of {name}" if name else SWINGS


def weights_sentence(path, index, swings=SWINGS, leaves_chart=True):
    """The weights chart read aloud; ``swings`` says what a weight of 1 moves the curve by (``swings_of``).

    ``leaves_chart`` says whether the curve with no penalty leaves its chart (``unpenalized_swing``, said the
    same way under the curve). At λ = 0 the bars compare with the sweet spot's.
    """
    sizes = np.abs(path.coef) / (path.y_sd or 1.0)
    unpenalized = plain_number(sizes[0].max())
    if index == 0:
        other = compared_setting(path, index)
        return (
            f"There is no penalty now: the largest weight is {unpenalized} times {swings}. "
            "Such giant weights cancel each other out, so the curve still passes near the training points, "
            f"but {unpenalized_swing(leaves_chart)}. That is the sign of memorizing. The {other.role.word} bars "
            f"show {other.phrase} for comparison: its largest weight is {plain_number(sizes[other.row].max())} "
            "times."
        )
    now = sizes[index]
    largest = int(np.argmax(now))
    share = now[largest] / now.sum() if now.sum() > 0 else 0.0
    balance = (
        "and no single ingredient dominates"
        if share < 0.5
        else f"and one ingredient (the {ordinal(largest + 1)}) carries most of the weight"
    )
    return (
        f"Without the penalty the largest weight is {unpenalized} times {swings}: giant weights that cancel each "
        f"other out. With this penalty it is {plain_number(now.max())} times, {balance}."
    )


def _sign_changes(weights):
    """How many weights (columns) change sign as λ grows (rows), ignoring values that are exactly 0."""
    signs = np.sign(weights)
    changed = [np.any(np.diff(column[column != 0]) != 0) for column in signs.T]
    return int(np.sum(changed))


def _grow_before_shrinking(sizes):
    """How many weights (columns) grow by more than ``FLAT`` somewhere as λ grows (rows)."""
    running_min = np.minimum.accumulate(sizes, axis=0)
    return int(np.sum(np.any(sizes > (1 + FLAT) * running_min, axis=0)))


def _with_this(path, index):
    """'With no penalty' at λ = 0, else 'With this penalty': how a sentence about the current λ starts."""
    return "With no penalty" if path.lams[index] == 0 else "With this penalty"


def paths_summary(path, index, swings=SWINGS):
    """The weight-paths chart read aloud: how big the weights are, and whether they shrink smoothly on this data."""
    weights = path.coef / (path.y_sd or 1.0)
    shown = weights[max(reading(path, index).spot.low, 1) :]  # the chart's y range covers these
    sizes = np.abs(weights)
    start = (
        f"{_with_this(path, index)} the largest weight is {plain_number(sizes[index].max())} times {swings}; "
        f"at λ = {format_lam(path.lams[-1])} it is {plain_number(sizes[-1].max())} times. "
    )
    crossing = _sign_changes(shown)
    growing = _grow_before_shrinking(np.abs(shown))
    if crossing:
        change = f"{crossing} of the {path.degree} lines cross zero on the way"
    elif growing:
        change = f"{growing} of the {path.degree} weights grow for a while before they shrink"
    else:
        return start + "Every weight shrinks steadily toward zero as the penalty grows."
    return start + (
        f"All weights end near zero, but not smoothly: {change}. "
        "The weights work as a team: as the penalty pulls the biggest ones in, the others take over part of "
        "their work, so do not read much into one weight's sign."
    )


def total_summary(path, index, swings=SWINGS):
    """One sentence on the total-size and free-weights chart (the free weights rounded to a whole number)."""
    total = total_sizes(path)[index]
    used = int(np.rint(path.df[index]))
    off = no_penalty_total_off(path) if path.lams[index] == 0 else None
    size = (
        f"{_with_this(path, index)} all weights together measure {plain_number(total)} times {swings}. "
        if off is None
        else f"{_with_this(path, index)}, all weights together are far above the chart: {plain_number(total)} on its "
        f"scale, where any penalty keeps them at {plain_number(off)} or less. "
    )
    if used >= path.degree:
        return size + f"The model uses all {path.degree} weights freely: nothing holds them back."
    return size + (
        f"The model bends about as much as a curve with {used} free {'weight' if used == 1 else 'weights'} of "
        f"{path.degree} would: the penalty holds the others back."
    )


def shape_of(values):
    """'falls', 'rises', 'falls then rises', 'falls then flat' or 'flat' for a curve, with ``FLAT`` tolerance."""
    values = np.asarray(values, dtype=float)
    finite = np.flatnonzero(np.isfinite(values))
    values = values[finite]
    lowest = int(np.argmin(values))
    falls = values[0] > (1 + FLAT) * values[lowest]
    rises = values[-1] > (1 + FLAT) * values[lowest]
    if falls and rises:
        return "falls then rises", int(finite[lowest])
    if falls:
        return "falls then flat", int(finite[lowest])
    if rises:
        return "rises", int(finite[lowest])
    return "flat", int(finite[lowest])


def curves_summary(path, index, unit="", story=False):
    """The error-against-λ chart read aloud: whether the miss on new data falls then rises on this data."""
    new = new_miss(path)
    shape, lowest = shape_of(new)
    low_miss, first, last = format_miss(new[lowest], unit), format_miss(new[0], unit), format_miss(new[-1], unit)
    strongest = lam_words(path.lams[-1]) if story else f"λ = {format_lam(path.lams[-1])}"
    said = {
        "falls then rises": f"falls from {first} with no penalty to {low_miss} at its lowest, then rises to {last} "
        f"with {strongest}."
        if story
        else f"falls from {first} with no penalty to {low_miss} at its lowest, then rises to {last} at {strongest}.",
        "falls then flat": f"falls from {first} with no penalty to {low_miss} at its lowest and stays near that: "
        "on this data even a strong penalty does little harm.",
        "rises": f"is lowest with little or no penalty ({low_miss}). It rises to {last} with a lot: this curve "
        "hardly memorizes, so a penalty mostly makes it too stiff.",
        "flat": f"stays between {low_miss} and {format_miss(np.nanmax(new), unit)} whatever the penalty: "
        "on this data the penalty changes little.",
    }
    if shape == "falls then rises":
        said[shape] += " Too little penalty memorizes; too much is too stiff."
    here = reading(path, index)
    held_out = known_errors(path.test_rmse) is not None
    line = f"the {NEW_DATA.word} “New data (held out)” line" if held_out else "the miss checked on unseen points"
    text = f"On this data {line} {said[shape]}"
    if shape.startswith("falls") and new[0] < (1 + 5 * FLAT) * new[lowest]:
        text += (
            " The penalty's gain on the typical miss is modest here. Its bigger gain is a steadier curve: see how "
            "much the fit jumps between samples on the Questions page."
        )
    if held_out and not here.spot.low <= lowest <= here.spot.high:
        text += (
            f" Its lowest point lies outside the {SWEET_SPOT.word} band: these particular new points favour a different λ. "
            "The sweet spot and the verdict follow the check on the training points, as a real project must, "
            "since it has no new data to peek at."
        )
    return text


def framework_settings(lam, n):
    """How to write this λ in other tools, with the data's n: rows of (tool, setting, note)."""
    return [
        (
            "scikit-learn",
            f"Ridge(alpha={n * lam:.6g})",
            f"alpha = n × λ with n = {n} rows, on standardized features, intercept not penalized.",
        ),
        (
            "Keras",
            f"kernel_regularizer=keras.regularizers.l2({lam:.6g})",
            'With loss="mse": Keras adds l2 × Σw² to the mean loss, exactly our λ.',
        ),
        (
            "PyTorch",
            f"torch.optim.SGD(..., weight_decay={2 * lam:.6g})",
            "With nn.MSELoss() (a mean): weight decay adds wd × w to the gradient, the gradient of (wd/2)·Σw², so "
            "wd = 2λ. Keep the bias in a group with weight_decay=0. AdamW's decoupled decay is a different penalty.",
        ),
    ]


def sklearn_code(degree, n, lam):
    """The scikit-learn lines that reproduce this exact fit, to show and to run."""
    # Plain Python numbers: the repr of a numpy scalar ("np.float64(0.03)") is not runnable here.
    degree, n, lam = int(degree), int(n), float(lam)
    if lam == 0:
        return (
            "import numpy as np\n"
            "# λ = 0 is plain least squares; a Legendre basis computes it exactly\n"
            f"model = np.polynomial.Legendre.fit(x_train, y_train, deg={degree})\n"
            "y_curve = model(x_curve)"
        )
    return (
        "from sklearn.linear_model import Ridge\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler\n"
        "\n"
        f"# alpha = n × λ = {n} × {lam!r}\n"
        "model = make_pipeline(\n"
        "    MinMaxScaler(),\n"
        f"    PolynomialFeatures({degree}, include_bias=False),\n"
        "    StandardScaler(),\n"
        f'    Ridge(alpha={n * lam!r}, solver="svd"),\n'
        ")\n"
        "model.fit(x_train.reshape(-1, 1), y_train)\n"
        "y_curve = model.predict(x_curve.reshape(-1, 1))"
    )
