"""The one-curve story's pages speak of λ in words, the number small, and keep λ live."""

import re

import pytest

from core.show.plain_numbers import lam_in_words
from tests.apptest_helpers import live_data, open_page, plain_text, release_lam
from ui import registry

STORY_CURVE_PAGES = ["/", "/curves", "/your-data"]
#: λ's number as the story writes it: only in brackets after its words ("a light penalty (λ under 0.0001)").
LAM_NUMBER = re.compile(r"λ (?:= [\d.,]+|under 0\.0001)")


def _open(path, lam):
    page = registry.BY_PATH[path]
    at = open_page(None if page.is_home else page.file)
    has_control = any(control["group"] == "lam" for control in live_data(at, "control"))
    return release_lam(at, lam) if has_control and lam else at


@pytest.mark.parametrize("lam", [0.0, 1e-5, 0.001])
@pytest.mark.parametrize("path", STORY_CURVE_PAGES)
def test_story_pages_name_lam_in_words_with_its_number_small(path, lam):
    text = plain_text(_open(path, lam))
    for number in LAM_NUMBER.finditer(text):
        before = text[: number.start()]
        assert before.endswith("penalty ("), (path, text[max(0, number.start() - 60) : number.end()])
    if path != "/your-data":  # before an upload, the page shows an example, not the view
        assert lam_in_words(lam) in text or (lam == 0 and "no penalty" in text.lower()), (path, lam)


def test_the_check_of_lam_words_can_fail():
    bare = "Your λ = 0.00032 is about right"
    assert not bare[: LAM_NUMBER.search(bare).start()].endswith("penalty (")
    named = "a medium penalty (λ = 0.00032)"
    assert named[: LAM_NUMBER.search(named).start()].endswith("penalty (")


@pytest.mark.parametrize("path", STORY_CURVE_PAGES)
def test_story_controls_and_charts_stay_live(path):
    """λ-dependent charts and texts on the story pages follow the control: one step per slider λ."""
    at = _open(path, 0.0)
    for data in live_data(at):
        if data["kind"] == "chart" and "index" not in data:
            assert len(data["patches"]) == 42, path
        if data["kind"] == "text":
            assert len(data["texts"]) == 42, path


def test_a_forecast_below_nothing_is_called_impossible():
    """A café cannot sell less than €0: a forecast total below it is named impossible, a sign of memorizing."""
    from types import SimpleNamespace

    import numpy as np

    from core.curve import buyer

    dataset = SimpleNamespace(y_unit="€", y_train=np.array([1000.0, 3000.0]))
    future = (np.arange(3.0), np.array([2000.0, 2000.0, 2000.0]))
    wild = buyer.forecast_sentences(dataset, future, [("With no penalty", np.array([-9000.0, 100.0, 2000.0]))])
    assert "cannot sell less than nothing" in wild and "impossible" in wild
    calm = buyer.forecast_sentences(dataset, future, [("At the sweet spot", np.array([1900.0, 2100.0, 2000.0]))])
    assert "impossible" not in calm and "cannot sell" not in calm
