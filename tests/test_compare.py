"""The one comparison rule (core.show.compare, docs/story.md "Before and after at first sight"): while the reader's λ
is 0 a chart compares it with the sweet spot, once λ moves with no penalty; and when the sweet spot is λ = 0 itself,
never with a twin of the reader's own setting, in the rule and in every story that draws it."""

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest

from core.curve import charts as curve_charts
from core.curve import weight_charts
from core.curve import words as curve_words
from core.feedback import charts as feedback_charts
from core.feedback import phrases
from core.models.grid import SLIDER_LAMS
from core.models.path import ridge_path
from core.network import charts as network_charts
from core.network import fit as network_fit
from core.show.compare import compared_with
from core.show.palette import NO_PENALTY, SWEET_SPOT, TOO_MUCH, YOUR_PENALTY
from core.show.plain_numbers import lam_in_words
from core.verdict import SweetSpot

#: A sweet spot at row 12 of the slider, its band up to row 20.
BEST, BAND_END = 12, 20


def test_once_lam_moves_the_comparison_is_no_penalty():
    for row in range(1, SLIDER_LAMS.size):
        other = compared_with(SLIDER_LAMS, row, BEST, BAND_END)
        assert (other.row, other.role, other.phrase, other.label) == (0, NO_PENALTY, "no penalty", "No penalty")
        assert not other.is_sweet_spot


def test_while_lam_is_0_the_comparison_is_the_sweet_spot():
    other = compared_with(SLIDER_LAMS, 0, BEST, BAND_END)
    assert (other.row, other.role, other.phrase) == (BEST, SWEET_SPOT, "the sweet spot") and other.is_sweet_spot
    assert other.label == f"Sweet spot: {lam_in_words(SLIDER_LAMS[BEST])}"


def test_a_sweet_spot_at_0_is_compared_with_the_strongest_penalty_about_as_good():
    other = compared_with(SLIDER_LAMS, 0, best=0, band_end=7)
    assert (other.row, other.role) == (7, SWEET_SPOT) and not other.is_sweet_spot
    assert other.phrase == "the strongest penalty about as good as none"
    assert other.label == f"Strongest penalty about as good as none: {lam_in_words(SLIDER_LAMS[7])}"


def test_when_every_penalty_is_worse_than_none_the_smallest_is_drawn_as_too_much():
    other = compared_with(SLIDER_LAMS, 0, best=0, band_end=0)
    assert (other.row, other.role) == (1, TOO_MUCH) and not other.is_sweet_spot
    assert other.phrase == "the smallest penalty, already worse than none"
    assert other.label == f"Smallest penalty, already worse than none: {lam_in_words(SLIDER_LAMS[1])}"


def test_the_comparison_is_never_the_readers_own_setting():
    lams = np.array([0.0, 1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    for row in range(lams.size):
        for best in range(lams.size):
            for band_end in range(best, lams.size):
                other = compared_with(lams, row, best, band_end)
                assert other.row != row, (row, best, band_end)
                assert (other.role == NO_PENALTY) == (row > 0)


@pytest.mark.parametrize(
    ("lams", "row", "best", "band_end"),
    [
        ([0.0], 0, 0, 0),  # nothing to compare with
        ([1e-3, 1e-2], 0, 0, 1),  # no λ = 0 row
        ([0.0, 1e-2, 1e-3], 0, 1, 2),  # not increasing
        ([0.0, 1e-3, 1e-2], 3, 1, 2),  # no such row
        ([0.0, 1e-3, 1e-2], 0, 2, 1),  # the band ends before the sweet spot
    ],
)
def test_a_path_or_row_it_cannot_read_is_refused(lams, row, best, band_end):
    with pytest.raises(ValueError):
        compared_with(lams, row, best, band_end)


# --- Every story draws the rule, also where the sweet spot is λ = 0 ---


@pytest.fixture(scope="module")
def curve_at_zero():
    """A curve's path whose cross-validated error is lowest with no penalty (as a reader's data may be)."""
    rng = np.random.default_rng(0)
    x = np.linspace(0, 1, 30)
    path = ridge_path(x, 2 * x + rng.normal(0, 0.1, x.size), 3)
    # The error grows with the penalty, slowly at first: every λ up to 0.05 is about as good as none.
    return dataclasses.replace(path, cv_mse=1.0 + path.lams, cv_se=np.full(path.lams.size, 0.05))


def test_a_curve_whose_sweet_spot_is_0_is_drawn_beside_the_strongest_about_as_good(curve_at_zero):
    path = curve_at_zero
    assert path.best_index == 0 and path.good_range[1] > 0
    compare = curve_charts.comparison_at(path, 0, lambda row: row)
    assert compare.values == path.good_range[1] and compare.colour == SWEET_SPOT.colour
    assert compare.name.startswith("Strongest penalty about as good as none: ")
    assert curve_charts.comparison_at(path, 5, lambda row: row).values == 0  # once λ moves: no penalty
    said = curve_words.fit_summary(path, 0, False, compared=True)
    assert said.endswith("The green curve is the strongest penalty about as good as none, drawn for comparison.")
    bars = weight_charts.weight_bars_figure.spec(path, 0).data
    assert bars[1]["name"].endswith(", for comparison") and not bars[1]["name"].startswith("Sweet spot")
    assert not np.allclose(bars[0]["y"], bars[1]["y"], rtol=0.01)  # the two sets of bars are told apart


def test_the_curve_story_keeps_the_sweet_spot_when_it_has_a_penalty(curve_at_zero):
    path = dataclasses.replace(curve_at_zero, cv_mse=np.abs(np.arange(curve_at_zero.lams.size) - 50.0))
    assert path.best_index == 50
    compare = curve_charts.comparison_at(path, 0, lambda row: row)
    assert (compare.values, compare.name, compare.colour) == (50, "Sweet spot", SWEET_SPOT.colour)


def test_feedback_whose_sweet_spot_is_0_names_what_it_draws_instead():
    size = SLIDER_LAMS.size
    path = SimpleNamespace(lams=SLIDER_LAMS, cv_log_loss=np.linspace(1.0, 2.0, size), cv_log_loss_se=np.zeros(size))
    other, yours = feedback_charts.both(path, 0)
    assert (other.row, other.role, yours.row, yours.role) == (1, TOO_MUCH, 0, YOUR_PENALTY)
    assert other.name.startswith("Smallest penalty, already worse than none: ")
    assert phrases.named(path, other).startswith("at the smallest penalty, already worse than none (dark blue), ")
    assert phrases.named(path, yours) == "with your setting (orange), no penalty (λ = 0)"


def test_a_network_whose_sweet_spot_is_0_is_not_drawn_beside_itself():
    path = SimpleNamespace(lams=SLIDER_LAMS, spot=SweetSpot(best=0, low=0, high=4))
    assert network_fit.compared_row(path, 0) == 4 and network_fit.compared_row(path, 9) == 9
    assert network_charts.compared_role(path, 0) == SWEET_SPOT
    assert network_charts.compared_role(path, 9) == YOUR_PENALTY
    assert network_charts.compared_title(path, 0).startswith("The strongest penalty about as good as none: λ = ")
