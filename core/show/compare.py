"""The one comparison rule: what a chart draws beside the reader's λ (docs/story.md, "Before and after at first sight").

A first view has no penalty, so a chart that compared the reader's λ with no penalty would draw identical
twins. The rule: while the reader's λ is 0, a chart compares it with the sweet spot; once λ moves, with no
penalty. ``compared_with`` decides it for any story's path: which row is drawn beside the reader's, in which
palette role, and how a legend and a sentence name it. Every story draws and words its comparisons from it.

When the sweet spot is λ = 0 itself (a reader's data can be like that), the sweet spot and the reader's λ = 0
are the same model, and comparing them would draw twins again. Then the comparison is the strongest penalty
still about as good as none: the last λ of the sweet spot's band (within one standard error of the best,
``core.verdict.sweet_spot``), green like the band, and named for what it is. It shows how much penalty costs
nothing here, and it differs from λ = 0 as much as any setting about as good can; the nearest λ (the grid's
next step, 0.00000001) would draw the same picture as λ = 0. Should the band hold λ = 0 alone, every penalty
is worse than none: the path's smallest penalty is drawn, in too much penalty's dark blue (the verdict's
"too simple" zone it lies in), and named "already worse than none".
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .palette import NO_PENALTY, SWEET_SPOT, TOO_MUCH, Role
from .plain_numbers import lam_in_words


@dataclass(frozen=True)
class Compared:
    """The setting a chart draws beside the reader's λ.

    Attributes
    ----------
    row : int
        Its row of the path.
    role : Role
        Its palette role: ``NO_PENALTY`` once the reader's λ moves; ``SWEET_SPOT`` while it is 0 (the sweet
        spot, or the strongest penalty about as good as none when the sweet spot is λ = 0); ``TOO_MUCH`` when
        no penalty is about as good as none.
    phrase : str
        How a sentence names it: "no penalty", "the sweet spot", "the strongest penalty about as good as
        none", "the smallest penalty, already worse than none".
    label : str
        How a legend or a panel's title names it: "No penalty", "Sweet spot: a light penalty (λ under
        0.0001)", "Strongest penalty about as good as none: …", "Smallest penalty, already worse than none: …".
    is_sweet_spot : bool
        True when it is the sweet spot itself.
    """

    row: int
    role: Role
    phrase: str
    label: str
    is_sweet_spot: bool = False


def compared_with(lams: ArrayLike, row: int, best: int, band_end: int) -> Compared:
    """What a chart draws beside the reader's λ at ``row``: the sweet spot while λ is 0, else no penalty.

    Parameters
    ----------
    lams : array-like of shape (L,)
        The path's λ values, increasing from 0 (row 0 is no penalty); at least two.
    row : int
        The reader's row of the path.
    best : int
        The sweet spot's row (the lowest cross-validated error).
    band_end : int
        The last row of the sweet spot's band: the strongest penalty within one standard error of the best.
        Read only when ``best`` is 0, so a caller that would have to compute the band may pass ``best``.

    Returns
    -------
    Compared
        Never the reader's own row: no penalty (row 0) once λ moves; while λ is 0, the sweet spot, or when the
        sweet spot is λ = 0, the strongest penalty about as good (``band_end``), or when none is, row 1 (the
        module's docstring says why).

    Raises
    ------
    ValueError
        When ``lams`` is not an increasing run from 0 of at least two values, or a row is not one of its rows,
        or ``band_end`` comes before ``best``.
    """
    lams = np.asarray(lams, dtype=float)
    if lams.ndim != 1 or lams.size < 2 or lams[0] != 0 or not np.all(np.diff(lams) > 0):
        raise ValueError("lams must be at least two λ values, increasing from 0.")
    for name, value in (("row", row), ("best", best), ("band_end", band_end)):
        if not 0 <= value < lams.size:
            raise ValueError(f"{name} = {value} is not a row of the {lams.size} λ values.")
    if band_end < best:
        raise ValueError(f"band_end = {band_end} comes before the sweet spot's row, best = {best}.")
    if lams[row] > 0:
        return Compared(0, NO_PENALTY, "no penalty", "No penalty")
    if best > 0:
        return Compared(int(best), SWEET_SPOT, "the sweet spot", f"Sweet spot: {lam_in_words(lams[best])}", True)
    if band_end > 0:
        about = "strongest penalty about as good as none"
        return Compared(
            int(band_end), SWEET_SPOT, f"the {about}", f"{about.capitalize()}: {lam_in_words(lams[band_end])}"
        )
    worse = "smallest penalty, already worse than none"
    return Compared(1, TOO_MUCH, f"the {worse}", f"{worse.capitalize()}: {lam_in_words(lams[1])}")
