"""The error-against-degree chart (the Playground's) read aloud: its caption at each step, and each line's shape
told from the values drawn (a U, an L, or the line as it is: where it is low, its jumps, where it ends)."""

import numpy as np

from ..show.palette import NEW_DATA, NO_PENALTY, SWEET_SPOT, TRAINING
from ..show.plain_numbers import format_miss
from .words import FLAT, shape_of


def _degree_run(degrees):
    """'degree 4', 'degrees 3 to 9' or 'degrees 3, 5 and 8'."""
    degrees = [int(d) for d in degrees]
    if len(degrees) == 1:
        return f"degree {degrees[0]}"
    if degrees == list(range(degrees[0], degrees[-1] + 1)):
        return f"degrees {degrees[0]} to {degrees[-1]}"
    return "degrees " + ", ".join(map(str, degrees[:-1])) + f" and {degrees[-1]}"


#: A point of a line this much above both neighbours is a jump the line's shape sentence names.
JUMP = 0.5

_SHAPE_SAID = {
    "falls then rises": "falls, then climbs again (a U)",
    "falls then flat": "falls, then stays about level (an L, not a U)",
    "rises": "is near its lowest for simple curves and climbs at high degrees",
    "flat": "hardly changes with the degree",
}


def _degree_runs(degrees):
    """'degree 4', 'degrees 4 to 7' or 'degrees 4 to 7 and 12 to 15': whole runs of degrees in a row."""
    degrees = [int(d) for d in degrees]
    runs, start = [], 0
    for k in range(1, len(degrees) + 1):
        if k == len(degrees) or degrees[k] != degrees[k - 1] + 1:
            runs.append(degrees[start:k])
            start = k
    if len(runs) == 1:
        return _degree_run(runs[0])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]} to {run[-1]}" for run in runs]
    return "degrees " + ", ".join(parts[:-1]) + f" and {parts[-1]}"


def line_shape(values, degrees, unit=""):
    """The drawn line against the degree read from its values: (phrase, shape), shape None when it is no U or L.

    A line whose degrees near its lowest (within ``FLAT``) are one run, with no jump (a point ``JUMP`` above both
    neighbours), takes its shape's words ('falls, then climbs again (a U)'); any other line is told as drawn: where
    it is near its lowest, its jumps, and where it ends.
    """
    values, degrees = np.asarray(values, dtype=float), np.asarray(degrees)
    shape, best = shape_of(values)
    finite = np.isfinite(values)
    near = degrees[finite & (values <= (1 + FLAT) * values[best])]
    middle = np.arange(1, values.size - 1)
    jumps = middle[values[middle] > (1 + JUMP) * np.maximum(values[middle - 1], values[middle + 1])]
    one_run = int(near[-1]) - int(near[0]) + 1 == near.size
    if one_run and not jumps.size:
        return _SHAPE_SAID[shape], shape
    phrase = f"is near its lowest, about {format_miss(values[best], unit)}, at {_degree_runs(near)}"
    phrase += "".join(f", jumps to {format_miss(values[k], unit)} at degree {degrees[k]}" for k in jumps)
    return phrase + f", and ends at {format_miss(values[-1], unit)} at degree {degrees[-1]}", None


def degree_summary(sweep, lam_index, unit=""):
    """The error-against-degree chart read aloud from the lines it draws: a U, an L, or the line as drawn, and why."""
    here = sweep.test_rmse[:, lam_index]
    free = sweep.test_rmse[:, 0]
    degrees = sweep.degrees
    said_here, shape_here = line_shape(here, degrees, unit)
    best_here = shape_of(here)[1]
    why = {
        "falls then rises": "the extra flexibility goes into memorizing.",
        "falls then flat": "the penalty stops the extra flexibility from doing harm.",
        "rises": "this data needs little flexibility, and the extra goes into memorizing.",
        "flat": "the penalty keeps even the most flexible curve steady.",
    }
    last = f"degree {degrees[-1]}"
    yours = "with no penalty" if sweep.lams[lam_index] == 0 else "with your penalty"
    if shape_here is None:
        sentences = [f"On this data, {yours}, the miss on new data {said_here}."]
    else:
        lowest = (
            f"It is lowest at the highest degree, {degrees[-1]} ({format_miss(here[-1], unit)})."
            if best_here == degrees.size - 1
            else f"It is lowest at degree {degrees[best_here]} ({format_miss(here[best_here], unit)}) and "
            f"{format_miss(here[-1], unit)} at {last}."
        )
        sentences = [f"On this data, {yours}, the miss on new data {said_here}: {why[shape_here]}", lowest]
    if lam_index == 0:
        tuned = sweep.sweet_spot_test_rmse
        said_tuned, shape_tuned = line_shape(tuned, degrees, unit)
        best_tuned = shape_of(tuned)[1]
        numbers = (
            f", {format_miss(tuned[best_tuned], unit)} at degree {degrees[best_tuned]} and "
            f"{format_miss(tuned[-1], unit)} at {last}"
            if shape_tuned is not None
            else ""
        )
        sentences.append(
            f"The {SWEET_SPOT.word} line gives each degree its own sweet spot: then the miss on new data "
            f"{said_tuned}{numbers}."
        )
    else:
        said_free, shape_free = line_shape(free, degrees, unit)
        best_free = shape_of(free)[1]
        numbers = (
            f": {format_miss(free[best_free], unit)} at degree {degrees[best_free]}, "
            f"{format_miss(free[-1], unit)} at {last}"
            if shape_free is not None
            else ""
        )
        sentences.append(f"With no penalty it {said_free}{numbers}.")
        better_free = degrees[free < (1 - FLAT / 5) * here]  # clearly better: by more than 1%
        sentences.extend(_why_no_penalty_wins(better_free, degrees))
    return " ".join(sentences)


def degree_caption(compare_sweet_spot):
    """Above the error-against-degree chart: what it draws at this step (the comparison line is the sweet spot's
    while the reader's λ is 0, else no penalty's, as ``charts.degree_figure`` draws it)."""
    compared = (
        f"{SWEET_SPOT.word}: new data with each degree at its own sweet spot (your λ is 0, so no penalty is the "
        f"{NEW_DATA.word} line itself)"
        if compare_sweet_spot
        else f"{NO_PENALTY.word} dotted: new data with no penalty"
    )
    return (
        "Each point is the typical miss for one curve flexibility, called the degree: degree 1 is a straight line, "
        f"and each step up allows one more bend. {TRAINING.word.capitalize()}: training data, and "
        f"{NEW_DATA.word}: new data, both with your λ. For comparison, {compared}."
    )


def _why_no_penalty_wins(better_free, degrees):
    """Sentences on the degrees where no penalty beats the reader's penalty (none if there are none)."""
    if better_free.size == 0:
        return []
    contiguous = np.array_equal(better_free, np.arange(better_free[0], better_free[0] + better_free.size))
    if contiguous and better_free[-1] <= degrees[degrees.size // 2]:
        return [
            f"At {_degree_run(better_free)} no penalty does better. A curve with few weights is too stiff to "
            "memorize, so a penalty only holds it back from the real pattern."
        ]
    if 2 * better_free.size >= degrees.size:
        return [
            f"At {better_free.size} of the {degrees.size} degrees no penalty does better: on this data your penalty "
            "holds the curve back from the real pattern more than it stops memorizing."
        ]
    return [f"At {_degree_run(better_free)} no penalty also does better on these particular held-out points."]
