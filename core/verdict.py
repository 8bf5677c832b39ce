"""One verdict for any model with a penalty setting: memorizing, about right or too simple.

The rule works on per-setting arrays, so any λ path can use it (polynomial ridge, many
signals, a classifier): the error on the training data, the cross-validated error and
its standard error, and the held-out error when it is known. Errors are "lower is
better" and on one scale (all squared errors, or all log-loss; for accuracy pass
1 − accuracy). The settings are ordered from the weakest penalty to the strongest.

The rule (``RULE_IN_WORDS`` says it for a reader):

- the **sweet-spot band** is the run of settings around the lowest cross-validated error
  whose cross-validated error is within one standard error of that lowest one;
- inside the band the model is **about right**, with a weaker penalty it is **memorizing
  (too wiggly)**, with a stronger one it is **too simple (too stiff)**.

``reading(path, index)`` and ``verdict(path, index)`` apply the rule to any λ path (a curve's, many
signals', a classifier's): each story then says it in its own words.

The gap between the new-data and training errors is a hint, not the verdict: measured on
the built-in datasets (bench/verdict_gap.py), no fixed ratio separates memorizing from the
rest. The cross-validated gap at the band's weak edge runs from 1.04 to 1.60 (5th to 95th
percentile), and when "gap > 1.5" fires the view is memorizing only 66% of the time. With
too much penalty both errors are high and close together (``GAP_HINT_IN_WORDS``).
"""

from dataclasses import dataclass
from typing import Literal, Protocol, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray


@dataclass(frozen=True)
class Verdict:
    """A verdict's name in code, its label for a reader, one sentence of advice and its box's tone.

    ``tone`` colours the box the verdict is shown in (``core.show.live.TONES``): "good" for about
    right, "warn" for either side of it.
    """

    key: Literal["memorizing", "about_right", "too_simple"]
    label: str
    advice: str
    tone: Literal["good", "warn"]


MEMORIZING = Verdict(
    "memorizing",
    "memorizing (too wiggly)",
    "The model follows the noise in its training examples, luck and all. More penalty would make it steadier.",
    "warn",
)
ABOUT_RIGHT = Verdict(
    "about_right",
    "about right",
    "On points the model did not see, no other setting does clearly better.",
    "good",
)
TOO_SIMPLE = Verdict(
    "too_simple",
    "too simple (too stiff)",
    "The penalty is so strong that the model misses the real pattern. Both misses are high, on the "
    "training data and on new data, so they sit close together. Less penalty would lower both.",
    "warn",
)
VERDICTS = (MEMORIZING, ABOUT_RIGHT, TOO_SIMPLE)

RULE_IN_WORDS = (
    "Judge a model by its miss on data it did not learn from, found with its training data alone. "
    "Try a range of penalties, from very weak to very strong. For each one, leave one training point, or a small group, "
    "out in turn: let the model learn from the rest, note its miss on the points left out, and repeat until every "
    "point has been left out once. The smallest miss marks the sweet spot. From there, step to weaker and to stronger penalties for as "
    "long as the miss stays within the margin of error of the smallest: that whole range is about right. "
    "A weaker penalty than the range is memorizing (too wiggly). A stronger one is too simple (too stiff)."
)
GAP_HINT_IN_WORDS = (
    "A big gap between the two misses is a warning sign, not a verdict. "
    "The gap never quite closes: at the sweet spot of 9 in 10 of our examples, the miss on new data is "
    "3 to 36% above the miss on training data. With a lot of data, a model can memorize with a gap of only a few "
    "percent. And with too much penalty the gap is small because both misses are high."
)


@dataclass(frozen=True)
class SweetSpot:
    """Indices of the setting with the lowest cross-validated error and of its band's first and last setting."""

    best: int
    low: int
    high: int

    def verdict(self, index: int) -> Verdict:
        """The verdict for the setting at ``index``: memorizing below the band, too simple above it."""
        if index < self.low:
            return MEMORIZING
        if index > self.high:
            return TOO_SIMPLE
        return ABOUT_RIGHT


def _per_setting(values: ArrayLike, name: str, size: int | None = None) -> NDArray[np.float64]:
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a 1-D array with one value per setting.")
    if size is not None and values.size != size:
        raise ValueError(f"{name} has {values.size} values but there are {size} settings.")
    return values


def sweet_spot(cv_error: ArrayLike, cv_se: ArrayLike) -> SweetSpot:
    """The sweet-spot band: the run around the lowest cross-validated error within one standard error of it.

    Parameters
    ----------
    cv_error, cv_se : array-like of shape (L,)
        Cross-validated error and its standard error for each setting, weakest penalty first.
        A setting whose error is not finite (it could not be judged) is never in the band.

    Returns
    -------
    SweetSpot
    """
    cv_error = _per_setting(cv_error, "cv_error")
    cv_se = _per_setting(cv_se, "cv_se", cv_error.size)
    finite = np.isfinite(cv_error)
    if not finite.any():
        raise ValueError("no setting has a finite cross-validated error.")
    best = int(np.argmin(np.where(finite, cv_error, np.inf)))
    margin = cv_se[best] if np.isfinite(cv_se[best]) else 0.0
    within = finite & (cv_error <= cv_error[best] + margin)
    low = best
    while low > 0 and within[low - 1]:
        low -= 1
    high = best
    while high < within.size - 1 and within[high + 1]:
        high += 1
    return SweetSpot(best, low, high)


@dataclass(frozen=True)
class Reading:
    """The verdict for one setting and the numbers a sentence about it needs (on the errors' own scale).

    Attributes
    ----------
    verdict : Verdict
    spot : SweetSpot
    train_error : float
        The error on the training data at this setting.
    new_error : float
        The error on new data at this setting: held-out when known, otherwise cross-validated.
    best_new_error : float
        The same kind of error at the sweet spot's best setting.
    gap : float
        ``new_error / train_error`` (∞ when the training error is 0).
    """

    verdict: Verdict
    spot: SweetSpot
    train_error: float
    new_error: float
    best_new_error: float
    gap: float

    @property
    def both_high(self) -> bool:
        """True when even the training error is above the best new-data error: a sure sign of too much penalty."""
        return self.train_error > self.best_new_error


def read_setting(
    train_error: ArrayLike,
    cv_error: ArrayLike,
    cv_se: ArrayLike,
    index: int,
    held_out_error: ArrayLike | None = None,
) -> Reading:
    """The verdict for the setting at ``index`` of a penalty path, with the numbers behind it.

    Parameters
    ----------
    train_error, cv_error, cv_se : array-like of shape (L,)
        Per setting, weakest penalty first: the error on the training data, the
        cross-validated error and its standard error, all on one scale.
    index : int
        The setting to judge.
    held_out_error : array-like of shape (L,), optional
        The error on held-out data, when there are any; the reading's ``new_error`` uses it.

    Returns
    -------
    Reading
        ``reading.verdict`` depends on the band alone, so it always agrees with the band drawn.
    """
    cv_error = _per_setting(cv_error, "cv_error")
    train_error = _per_setting(train_error, "train_error", cv_error.size)
    new = cv_error if held_out_error is None else _per_setting(held_out_error, "held_out_error", cv_error.size)
    index = int(index)
    if not 0 <= index < cv_error.size:
        raise ValueError(f"index must be from 0 to {cv_error.size - 1}, got {index}.")
    spot = sweet_spot(cv_error, cv_se)
    train, new_here = float(train_error[index]), float(new[index])
    gap = new_here / train if train > 0 else np.inf
    return Reading(spot.verdict(index), spot, train, new_here, float(new[spot.best]), float(gap))


def known_errors(errors: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """Per-setting held-out errors, or None when there were no held-out points (all NaN)."""
    return None if np.all(np.isnan(errors)) else errors


class SquaredErrorPath(Protocol):
    """A λ path read on squared errors (``RidgePath``, ``SignalPath``)."""

    @property
    def train_rmse(self) -> NDArray[np.float64]: ...
    @property
    def test_rmse(self) -> NDArray[np.float64]: ...
    @property
    def cv_mse(self) -> NDArray[np.float64]: ...
    @property
    def cv_se(self) -> NDArray[np.float64]: ...


class LogLossPath(Protocol):
    """A classifier's λ path, read on log-loss (``LogisticPath``)."""

    @property
    def train_log_loss(self) -> NDArray[np.float64]: ...
    @property
    def test_log_loss(self) -> NDArray[np.float64]: ...
    @property
    def cv_log_loss(self) -> NDArray[np.float64]: ...
    @property
    def cv_log_loss_se(self) -> NDArray[np.float64]: ...


def reading(path: SquaredErrorPath | LogLossPath, index: int) -> Reading:
    """The verdict for the λ at ``index`` of a path, with its numbers (a ``Reading``).

    A path with squared errors (``RidgePath``, ``SignalPath``: ``train_rmse``, ``cv_mse``, ``cv_se``,
    ``test_rmse``) is read on squared errors; a classifier's path (``LogisticPath``: ``train_log_loss``,
    ``cv_log_loss``, ``cv_log_loss_se``, ``test_log_loss``) on log-loss.
    """
    if hasattr(path, "cv_log_loss"):
        losses = cast(LogLossPath, path)
        return read_setting(
            losses.train_log_loss,
            losses.cv_log_loss,
            losses.cv_log_loss_se,
            index,
            known_errors(losses.test_log_loss),
        )
    return read_setting(
        np.square(path.train_rmse), path.cv_mse, path.cv_se, index, known_errors(np.square(path.test_rmse))
    )


def verdict(path: SquaredErrorPath | LogLossPath, index: int) -> Verdict:
    """Verdict for the λ at ``index`` of a path: below the sweet-spot band memorizing, above it too simple."""
    return reading(path, index).verdict
