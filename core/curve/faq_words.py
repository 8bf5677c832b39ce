"""The Questions page's demos in words: each sentence computed from what its chart or table shows.

A colour is named by its role's word (``core.show.palette``); the Questions page is a go-deeper page, so λ is
written with its exact number. A spread too big to picture is said with a phrase ("far off the chart"), not in
millions or billions.
"""

from dataclasses import dataclass

import numpy as np

from ..show.palette import NEW_DATA, NO_PENALTY, TRAINING
from ..show.plain_numbers import format_lam, format_miss

#: A pick whose miss on new data is at most this share above the best λ's "lands close" to it.
CLOSE = 0.1


def _said(miss, unit):
    """A miss as a sentence says it; None when it runs into millions (a phrase says it better)."""
    text = format_miss(miss, unit)
    return None if any(word in text for word in ("million", "billion", "trillion")) else text


@dataclass(frozen=True)
class SpreadShown:
    """The right-hand picture of the steadiness demo at one step: its spread, and how a sentence names it."""

    spread: float
    phrase: str  # "at the sweet spot", "with your penalty", ...
    colour: str  # its role's word
    lam: float
    middle: float = float("nan")  # how far the fits sit apart in the middle third of the curve
    edge: float = float("nan")  # ... and at the more spread of its two ends (the outer tenth on each side)


#: The ends "still spread" when the fits sit this many times farther apart there than in the middle third.
EDGE_RATIO = 2.0
#: An end whose fits spread more than this many times the middle's is told in words, not by its number.
FAR_SPREAD = 10


def middle_and_edge(curves):
    """How far the fits (shape (fit, x)) sit from their average in the middle third, and at the wider of the two ends.

    The median spread over the middle third of x, and over the outer tenth at each end (the larger of the two):
    the ends are where a forecast starts, and where the fits of a bundle still fan out when the middle agrees.
    """
    width = np.nanstd(np.asarray(curves, dtype=float), axis=0)
    n = width.size
    tenth = max(1, n // 10)
    middle = float(np.nanmedian(width[n // 3 : n - n // 3]))
    edge = float(max(np.nanmedian(width[:tenth]), np.nanmedian(width[-tenth:])))
    return middle, edge


def spread_sentences(free_spread, shown, stiff, unit, off_chart, synthetic):
    """The steadiness demo at every step: no penalty's fits (left) against the fits drawn beside them (right).

    ``free_spread`` is how far no penalty's fits typically sit from their average; ``shown`` a ``SpreadShown``
    per step (the comparison while the reader's λ is 0, the reader's λ after); ``stiff`` per step whether that
    setting is too simple; ``off_chart`` whether no penalty's fits leave the chart.
    """
    first = (
        "Each line is the model fitted to a fresh sample from the same curve. "
        if synthetic
        else "Each line is the model fitted to a different resample of the training rows. "
    )
    free_said = _said(free_spread, unit)
    if off_chart:
        left = (
            f"Left, with no penalty ({NO_PENALTY.word}), the fits disagree so much that most shoot far off the chart"
            + (f" (at a typical point they move by about {free_said} between samples)." if free_said else ".")
        )
    else:
        left = (
            f"Left, with no penalty ({NO_PENALTY.word}), the curve moves by about {free_said} between samples "
            "at a typical point."
        )

    def edge_spread(here):
        # a few wild fits at an end make its typical spread a number no chart shows: say it in words
        if here.edge > FAR_SPREAD * here.middle:
            return "far apart: a few of them leave the chart"
        return f"about {format_miss(here.edge, unit)}"

    def sentence(here, too_stiff):
        right = (
            f" Right, {here.phrase} ({here.colour}, λ = {format_lam(here.lam)}), the curve moves by about "
            f"{format_miss(here.spread, unit)} at a typical point"
        )
        ratio = here.spread / free_spread if free_spread > 0 else 1.0
        if ratio < 0.5 and here.edge > EDGE_RATIO * here.middle:
            then = (
                f": in the middle the fits agree (about {format_miss(here.middle, unit)}), but at the ends they still "
                f"spread ({edge_spread(here)}). The edges, and the future beyond them, are the "
                "shakiest part even with a penalty."
            )
        elif ratio < 0.5:
            then = ": the fits agree, so any one of them is more trustworthy."
        elif ratio < 0.9:
            then = ": a little steadier than with no penalty."
        else:
            then = ": about as unsteady as with no penalty, so this little penalty barely helps."
        if too_stiff:
            then = ": they agree, but on a curve too stiff to follow the pattern (too simple)."
        return first + left + right + then

    return [sentence(here, too_stiff) for here, too_stiff in zip(shown, stiff)]


@dataclass(frozen=True)
class PickedAndBest:
    """One row of the cross-validation table: the λ it picked and the λ best on the new data, with their misses."""

    title: str
    picked: float
    best: float
    picked_miss: float
    best_miss: float

    @property
    def close(self):
        return self.picked_miss <= (1 + CLOSE) * self.best_miss

    @property
    def worse_by(self):
        """How much bigger the pick's miss is than the best λ's, in whole percent."""
        return round(100 * (self.picked_miss / self.best_miss - 1))


def cross_validation_sentence(rows):
    """What the table shows: where cross-validation's pick lands close to the best λ on new data, and where not."""
    close = [row for row in rows if row.close]
    far = [row for row in rows if not row.close]
    said = []
    if close:
        names = " and ".join(", ".join(f"“{row.title}”" for row in close).rsplit(", ", 1))
        said.append(
            f"On {names}, its pick misses the new data about as little as the best λ did "
            f"(within {round(100 * CLOSE)}%), even where the two λ differ: many λ do about as well."
        )
    for row in far:
        said.append(
            f"On “{row.title}” it lands further off: it chose λ = {format_lam(row.picked)} where "
            f"λ = {format_lam(row.best)} was best, and its miss on new data is {row.worse_by}% bigger than the "
            "best λ's (the table gives both). Cross-validation judges with the training data alone, "
            "and a small sample can mislead it. It is still the honest way to choose: the best λ on the new "
            "data is known only here, because this page keeps new data aside, which a real project does not have "
            "when it chooses."
        )
    return " ".join(said)


def gap_sentence(train_miss, new_miss, lam, unit):
    """The gap chart's two bars at the reader's λ, read aloud."""
    times = new_miss / train_miss if train_miss > 0 else np.inf
    how = (
        "The miss on new data is far larger (the model may be memorizing): more penalty would likely help."
        if times > 2
        else "The two are not far apart: no sign that more penalty would help."
        if times < 1.3
        else "The miss on new data is clearly larger: compare a stronger penalty before you decide."
    )
    return (
        f"At your λ = {format_lam(lam)}: typical miss {format_miss(train_miss, unit)} on the data it learned from "
        f"({TRAINING.word}) and {format_miss(new_miss, unit)} on new data it never saw ({NEW_DATA.word}). {how}"
    )


def l1_switched_off_sentences(lams, lasso_lams, lasso, degree):
    """What the L2-and-L1 chart shows at each λ of ``lams``: how L1 switches weights off as λ grows, and at yours."""
    off = (np.abs(lasso) < 1e-12).sum(axis=1)
    grows = f"As λ grows (left to right), L2 keeps all {degree} weights, only smaller"
    if off.max() == 0:
        grows += f"; on this chart L1 switches none off either, up to λ = {format_lam(lasso_lams[-1])}."
    else:
        first, most = int(np.argmax(off > 0)), int(np.argmax(off))
        grows += (
            f"; L1 switches them off, setting them to exactly 0: the first at λ = {format_lam(lasso_lams[first])}, "
            f"{off[most]} of {degree} at λ = {format_lam(lasso_lams[most])}."
        )

    def here(lam):
        if lam < lasso_lams[0]:
            if lam == 0:
                return " Your λ = 0, no penalty, is left of the chart: there the two are the same model, every weight in use."
            return f" Your λ = {format_lam(lam)} is left of the chart."
        count = int(off[int(np.argmin(np.abs(np.log(lasso_lams) - np.log(lam))))])
        return f" At your λ = {format_lam(lam)}, L1 has switched off {count} of {degree}."

    return [grows + here(float(lam)) for lam in lams]
