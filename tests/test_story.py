"""One story across the pages: the same verdict for the same view, plain numbers, plain words.

Each page's plain text is what a reader reads outside the "In depth" boxes: markdown, captions,
info boxes and the live texts at the view's λ.
"""

import itertools
import re

import numpy as np
import pytest

from core import verdict as verdict_rule
from core.curve.data import load_dataset, next_days
from core.models.grid import SLIDER_LAMS
from core.models.path import ridge_path
from core.show import facts, glossary, palette
from core.show.plain_numbers import format_miss, lam_in_words, log_axis_ticks
from core.verdict import VERDICTS
from tests.apptest_helpers import (
    decode,
    figures,
    live_data,
    live_figure,
    live_texts,
    open_page,
    plain_text,
    release_lam,
    trace,
)
from tests.reading_ease import NOT_PLAIN, flesch_reading_ease
from ui import registry

PAGES = {page.path: None if page.is_home else page.file for page in registry.PAGES}
#: The pages that speak a verdict on the shared view (Your data, before an upload, shows a worked example).
VERDICT_PAGES = ["/", "/playground", "/curves", "/faq"]
#: The pages of the one-curve story (the café in €).
CURVE_PAGES = {"/", "/playground", "/curves", "/weights", "/your-data"}


def verdict_words(at):
    """The verdict labels the page shows now (from every live text), in page order."""
    return {verdict.label for verdict in VERDICTS for text in live_texts(at) if verdict.label in text}


def _open_at(page, data, lam):
    """``page`` showing ``data`` at ``lam``: set by letting go of the λ control, as a reader does, where there is one."""
    if page == "/why":  # its own picture, with its own control
        return open_page(PAGES[page])
    at = open_page(PAGES[page], data=data)
    has_control = any(control["group"] == "lam" for control in live_data(at, "control"))
    return release_lam(at, lam) if has_control else open_page(PAGES[page], data=data, lam=f"{lam:g}")


def _path(data):
    dataset = load_dataset(data)
    return dataset, ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)


@pytest.mark.parametrize("data", ["wave", "tips"])
@pytest.mark.parametrize("lam", [0.0, 0.001, 100.0])
def test_every_page_shows_the_same_verdict_for_the_same_view(data, lam):
    _, path = _path(data)
    expected = verdict_rule.verdict(path, path.index_of(lam)).label
    for page in VERDICT_PAGES:
        at = _open_at(page, data, lam)
        assert verdict_words(at) == {expected}, (page, verdict_words(at))
        assert any(text.startswith(f"Verdict: {expected}.") for text in live_texts(at)), page


def test_the_verdicts_differ_across_those_views():
    """The test above can fail: the views chosen cover all three verdicts."""
    _, path = _path("wave")
    labels = {verdict_rule.verdict(path, path.index_of(lam)).label for lam in (0.0, 0.001, 100.0)}
    assert labels == {verdict.label for verdict in VERDICTS}


@pytest.mark.parametrize("lam", [0.0, 0.001])
@pytest.mark.parametrize("page", list(PAGES))
def test_plain_text_is_plain_english(page, lam):
    at = _open_at(page, "wave", lam)
    text = plain_text(at)
    assert flesch_reading_ease(text) >= 60, (page, flesch_reading_ease(text))
    assert not NOT_PLAIN.search(text), (page, NOT_PLAIN.search(text).group())
    for word in ("Amber", "standard error", "standard deviation", "polynomial", "x¹", "RMSE"):
        if page != "/faq":  # the glossary names the experts' words once
            assert word not in text, (page, word)
    for miss in re.finditer(r"±(?:([€$£])[\d.,]+|[\d.,]+(?: million| billion)?( \S+)?)", text):
        if page in CURVE_PAGES:  # the café's money, its sign first: ±€204
            assert miss.group(1) == "€", (page, miss.group())
        if miss.group(1):  # money, its sign first, on any page
            continue
        assert miss.group(2) in (" thousand", None) or page == "/why", (page, miss.group())
        assert miss.group(2) is not None or page == "/why", (page, miss.group())


def test_glossary_links_land_on_the_glossary():
    at = open_page(PAGES["/faq"])
    anchors = {subheader.proto.anchor for subheader in at.subheader}
    assert {glossary.anchor(term.word) for term in glossary.TERMS} <= anchors
    assert "glossary" in {header.proto.anchor for header in at.header}
    linked = set()
    for page in PAGES:
        at = open_page(PAGES[page])
        for block in [*at.markdown, *at.caption]:
            linked |= set(re.findall(r"\(/faq#([\w-]+)\)", block.value))
    assert len(linked) >= 8 and linked <= anchors | {"glossary"}, linked


def test_the_rule_is_stated_once_and_the_gap_is_a_hint():
    curves, faq = open_page(PAGES["/curves"]), open_page(PAGES["/faq"])
    (_rule,) = [block for block in curves.markdown if verdict_rule.RULE_IN_WORDS in block.value]
    assert "the-rule" in {subheader.proto.anchor for subheader in curves.subheader}
    assert any(verdict_rule.GAP_HINT_IN_WORDS in block.value for block in faq.markdown)
    assert not any(verdict_rule.RULE_IN_WORDS in block.value for block in faq.markdown)
    home = open_page()
    assert any("(/curves#the-rule)" in block.value for block in home.markdown)


def test_home_lists_questions_for_a_vendor_with_their_pages():
    at = open_page()
    (section,) = [block.value for block in at.markdown if glossary.VENDOR_QUESTIONS[0].question in block.value]
    for item in glossary.VENDOR_QUESTIONS:
        assert item.question in section
        assert item.page == "/" or f"]({item.page})" in section


def test_questions_page_keeps_tool_settings_in_depth_and_short_headers():
    at = open_page(PAGES["/faq"])
    (in_depth,) = [block for block in at.expander if "scikit-learn, Keras and PyTorch" in block.label]
    assert in_depth.label.startswith("In depth") and len(in_depth.table) == 1
    assert all(len(column) <= 15 for column in at.dataframe[0].value.columns)
    assert "sidebar" in at.markdown[0].value and "just below" in at.markdown[0].value


def test_your_data_shows_an_example_result_not_the_sample_chart():
    at = open_page(PAGES["/your-data"])  # the view shows the café's sales; the example is a shop's sales file
    (chart,) = live_data(at, "chart")
    figure = live_figure(chart, chart["index"])
    dataset, path = _path("line")
    train_x, _ = trace(figure, "Training data")
    np.testing.assert_allclose(train_x, dataset.x_train, rtol=1e-6)  # the example's months, not the wave's days
    assert "True pattern" not in {item.get("name") for item in figure["data"]}  # shown as a real file: no truth
    assert chart["index"] == int(np.argmin(np.abs(SLIDER_LAMS - path.lams[path.best_index])))
    (example,) = [block.value for block in at.markdown if "example" in block.value.lower() and "λ" in block.value]
    assert f"Recommended penalty (the sweet spot): {lam_in_words(path.lams[path.best_index])}" in example
    assert format_miss(path.test_rmse[path.best_index], dataset.y_unit) in example
    assert "Verdict: about right" in example and "Verdict: memorizing (too wiggly)" in example


def test_a_log_axis_within_one_decade_still_has_readable_ticks():
    """Misses between 0.2 and 0.7 fall between the ticks 0.1 and 1: such an axis gets 0.2 and 0.5."""
    assert log_axis_ticks(0.2, 0.7) == ([0.2, 0.5], ["0.2", "0.5"])
    values, labels = log_axis_ticks(0.25, 0.45)
    assert labels == ["0.3", "0.4"] and values == pytest.approx([0.3, 0.4])
    assert log_axis_ticks(0.002, 150)[1] == ["0.001", "0.01", "0.1", "1", "10", "100", "1,000"]


def test_home_opens_on_memorizing_with_the_before_and_after_beside_it():
    """Overfitting first: the live chart memorizes (through its points, swinging far), and three pictures
    show no penalty, the sweet spot and too much, each with its own verdict, with no touch."""
    home = open_page()
    assert verdict_words(home) == {"memorizing (too wiggly)"}
    assert any("swings far beyond the data" in text for text in live_texts(home)), "visibly memorizing"
    pictures = [figure for figure in figures(home) if figure["layout"].get("title")]
    assert [figure["layout"]["title"]["text"] for figure in pictures] == ["No penalty", "Sweet spot", "Too much"]
    curves = [figure["data"][-1] for figure in pictures]
    assert [curve["line"]["color"] for curve in curves] == [
        palette.NO_PENALTY.colour,
        palette.SWEET_SPOT.colour,
        palette.TOO_MUCH.colour,
    ]
    assert [curve["line"]["dash"] for curve in curves] == ["dot", "solid", "solid"]
    # The three pictures differ: each curve is a different fit.
    ys = [decode(curve["y"]) for curve in curves]
    assert all(np.abs(a - b).max() > 100 for a, b in itertools.combinations(ys, 2))
    captions = " ".join(caption.value for caption in home.caption)
    for label in ("memorizing (too wiggly)", "about right", "too simple (too stiff)"):
        assert label in captions


def test_home_live_chart_compares_with_the_sweet_spot_until_lam_moves():
    home = open_page()
    _, path = _path("wave")
    live_chart = next(
        figure for figure in figures(home) if any(d.get("name") == "Model's curve" for d in figure["data"])
    )
    curve_x, sweet = trace(live_chart, "Sweet spot")
    np.testing.assert_allclose(sweet, path.predict(curve_x)[path.best_index], rtol=1e-5)
    _, mine = trace(live_chart, "Model's curve")
    assert np.abs(sweet - mine).max() > 100
    assert "No penalty" not in {d.get("name") for d in live_chart["data"]}
    release_lam(home, 0.001)
    live_chart = next(
        figure for figure in figures(home) if any(d.get("name") == "Model's curve" for d in figure["data"])
    )
    names = {d.get("name") for d in live_chart["data"]}
    assert "No penalty" in names and "Sweet spot" not in names
    assert any("pink dotted curve has no penalty" in text for text in live_texts(home))
    moved = {d.get("name"): d for d in live_chart["data"]}
    assert moved["Model's curve"]["line"]["color"] == palette.YOUR_PENALTY.colour  # orange once λ moves


def test_home_draws_no_penalty_the_same_way_everywhere_and_names_the_points_by_the_story():
    """At λ = 0 the reader's curve is no penalty's: pink dotted, as in the small pictures, not orange."""
    home = open_page()
    live_chart = next(
        figure for figure in figures(home) if any(d.get("name") == "Model's curve" for d in figure["data"])
    )
    drawn = {d.get("name"): d for d in live_chart["data"]}
    line = drawn["Model's curve"]["line"]
    assert (line["color"], line.get("dash")) == (palette.NO_PENALTY.colour, palette.NO_PENALTY.dash)
    assert "Your penalty: none (no penalty)" in drawn
    assert {"Training data (the practice questions)", "New data (the exam)"} <= set(drawn)
    assert "pink dotted while there is none" in plain_text(home)


def test_home_forecasts_the_next_two_weeks_and_flags_what_lies_outside_the_data():
    home = open_page()
    forecast = next(figure for figure in figures(home) if any(d.get("name") == "What happened" for d in figure["data"]))
    names = [d.get("name") for d in forecast["data"]]
    assert names == ["Days it learned from", "What happened", "No penalty", "Sweet spot"]
    dataset, _ = _path("wave")
    happened_x, happened = trace(forecast, "What happened")
    assert happened_x.size == 14 and happened_x.min() > dataset.x_train.max()
    np.testing.assert_allclose(happened, next_days(dataset)[1], rtol=1e-6)
    notes = " ".join(note["text"] for note in forecast["layout"]["annotations"])
    assert "off the chart" in notes and "not in the data" in notes
    (said,) = [block.value for block in home.markdown if "after the data" in block.value]
    assert "outside anything in its data" in said
    assert said.count("off by") == 2
    assert any(facts.TEACHING_MODEL in caption.value for caption in home.caption)


def test_home_speaks_to_a_buyer():
    home = open_page()
    text = " ".join(block.value for block in home.markdown)
    assert "The bottom line." in text and facts.L2_IS_STANDARD in text
    assert "What miss to accept." in text and "typical day" in text
    assert "How much history helps." in text
    for item in glossary.VENDOR_QUESTIONS:
        assert f"Good answer: {item.good}" in text and f"Red flag: {item.red_flag}" in text
