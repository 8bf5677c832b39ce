"""The Many-signals story page (docs/story.md): one idea, one chart and one takeaway; before and after at
first sight; numbers a reader reads; one palette with meanings; charts that do not look broken."""

import json
import re

import numpy as np
import pytest

from core.models.grid import SLIDER_LAMS
from core.show import palette
from core.show.facts import L2_NEVER_ZERO
from core.signals import charts, data, fit, words
from core.signals.money import amount, spread
from tests.apptest_helpers import decode, figures, live_data, live_texts, open_page, plain_text, release_lam, trace
from tests.test_story_numbers import number_problems

PAGE = "pages/signals.py"


@pytest.fixture(scope="module")
def shop():
    return fit.fit_table(data.shop_table())


@pytest.fixture(scope="module")
def first_view():
    return open_page(PAGE)


def _outside_in_depth(node):
    """The elements the reader sees without opening an "In depth" expander, in page order."""
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == "expander" and str(getattr(child, "label", "")).startswith("In depth"):
            continue
        yield child
        yield from _outside_in_depth(child)


def _story_charts(at):
    charts_seen = []
    for element in _outside_in_depth(at.main):
        proto = getattr(element, "proto", None)
        if getattr(element, "type", None) != "bidi_component" or not getattr(proto, "json", ""):
            continue
        if json.loads(proto.json).get("kind") == "chart":
            charts_seen.append(element)
    return charts_seen


# --- One idea, one chart, one takeaway, then Next ---


def test_the_story_shows_one_chart_and_keeps_the_rest_in_depth(first_view):
    at = first_view
    assert len(_story_charts(at)) == 1 and len(figures(at)) == 5
    labels = [e.label for e in at.expander]
    for topic in ("each weight as the penalty grows", "how steady", "biggest signal", "do not matter", "verdict"):
        assert any(label.startswith("In depth") and topic in label for label in labels), topic
    assert [e.label for e in at.expander if "exact model" in e.label]
    assert any(block.value.startswith("**The takeaway.**") for block in at.markdown)
    (link,) = [link.proto for link in at.get("page_link") if link.proto.label.startswith("Next:")]
    assert link.label == "Next: Sorting feedback"


# --- Before and after at first sight ---


def _bars(figure):
    return {item["name"]: item for item in figure["data"]}


def test_first_view_compares_your_penalty_with_the_sweet_spot(first_view, shop):
    path = shop.path
    weights, _, stability = figures(first_view)[:3]
    for figure, values in ((weights, path.coef), (stability, path.fold_spread)):
        bars = _bars(figure)
        assert set(bars) == {"Sweet spot: a strong penalty (λ = 0.089)", "Your penalty: none"}
        spot, yours = bars["Sweet spot: a strong penalty (λ = 0.089)"], bars["Your penalty: none"]
        assert spot["marker"]["color"] == palette.SWEET_SPOT.colour
        assert yours["marker"]["color"] == palette.YOUR_PENALTY.colour
        names = list(decode(yours["y"]))
        order = [shop.names.index(name) for name in names]
        np.testing.assert_allclose(decode(spot["x"]), values[path.best_index, order], rtol=1e-6)
        np.testing.assert_allclose(decode(yours["x"]), values[0, order], rtol=1e-6)
        assert not np.allclose(decode(spot["x"]), decode(yours["x"]))


def test_once_lam_moves_the_comparison_is_no_penalty(shop):
    at = release_lam(open_page(PAGE), 0.1)
    row = shop.path.index_of(0.1)
    bars = _bars(figures(at)[0])
    assert set(bars) == {"No penalty", "Your penalty: a strong penalty (λ = 0.1)"}
    assert bars["No penalty"]["marker"]["color"] == palette.NO_PENALTY.colour
    x, names = trace(figures(at)[0], "No penalty")
    order = [shop.names.index(name) for name in names]
    np.testing.assert_allclose(x, shop.path.coef[0, order], rtol=1e-6)
    x, _ = trace(figures(at)[0], "Your penalty: a strong penalty (λ = 0.1)")
    np.testing.assert_allclose(x, shop.path.coef[row, order], rtol=1e-6)


def test_the_shipped_shop_shows_the_lesson_on_first_view(first_view, shop):
    """The pair visibly fights with no penalty and shares at the sweet spot, and the first view says so."""
    pair = [shop.pair.first, shop.pair.second]
    free, spot = shop.path.coef[0, pair], shop.path.coef[shop.path.best_index, pair]
    assert free[0] < 0 < free[1] and np.abs(free).max() > 2 * np.abs(spot).max()  # a big plus, a minus
    assert (spot > 0).all() and spot.min() > 0.5 * spot.max()  # two pluses of about the same size
    credit = live_texts(first_view)[0]
    assert "they pull against each other" in credit and "they share the credit" in credit
    assert f"{amount(free[0], '€', signed=True)}, " in credit and f"{amount(spot[1], '€', signed=True)}." in credit
    text = plain_text(first_view)
    assert "takes over" not in text and "lean too hard" not in text
    assert "a minus on the other" in text


def test_a_table_whose_sweet_spot_is_no_penalty_is_compared_with_the_strongest_about_as_good(shop):
    import dataclasses

    path = dataclasses.replace(shop.path, cv_mse=np.linspace(1.0, 2.0, shop.path.lams.size))
    assert path.best_index == 0
    at_zero = dataclasses.replace(shop, path=path)
    setting = charts.comparison(at_zero, 0)
    assert setting.row == path.good_range[1] > 0 and setting.name.startswith("Strongest penalty about as good")


# --- Numbers a reader reads ---


def test_money_is_written_in_its_unit():
    assert amount(16928.2, "€", signed=True) == "+€16,900"
    assert amount(-7716.19, "€") == "−€7,720"
    assert spread(7224.2, "€") == "±€7,220"
    assert amount(0.687, "$") == "$0.69" and amount(0.003, "$") == "less than $0.01"
    assert amount(52.43, "points") == "52.4 points" and amount(12.34, "") == "12.3"
    assert amount(1.8e9, "€") == "€1,800,000,000"  # written out, never "million"


def test_every_amount_on_the_story_is_in_euros_and_the_count_is_said_once(first_view, shop):
    text = plain_text(first_view)
    assert not re.search(r"\d thousand €", text) and "€16,900" in text and "±€7,220" in text
    assert not re.search(r"±\d", text), "a spread with no unit"
    assert len(shop.table.signals) == 12 and len(shop.names) == 16
    counts = re.findall(r"\b(\d+|eleven|twelve|sixteen) (?:signals|things|bars)\b", text)
    assert counts == ["12", "16"], counts  # "There are 12 signals, drawn as 16 bars", once
    assert text.count(words.count_sentence(shop).split(",")[0]) == 1


@pytest.mark.parametrize("key", sorted(data.SIGNAL_TABLES))
def test_the_story_sentences_read_plainly_at_every_lam(key):
    table_fit = fit.fit_table(data.load_signal_table(key))
    for row in table_fit.path.slider_rows:
        for sentence in (words.credit_sentence, words.forecast_sentence):
            text = sentence(table_fit, int(row))
            assert not number_problems(text), (key, int(row), number_problems(text))


def test_lam_is_named_in_words_with_its_number_small(shop):
    tiny = int(shop.path.slider_rows[1])
    assert SLIDER_LAMS[1] == pytest.approx(1e-8)
    credit = words.credit_sentence(shop, tiny)
    assert "a very light penalty (λ under 0.0001)" in credit and "0.00000001" not in credit


# --- One palette with meanings ---


def test_colours_named_in_the_text_are_the_roles_drawn(first_view):
    text = plain_text(first_view).lower()
    assert "purple" not in text
    named = {role.word for role in palette.ROLES if re.search(rf"\b{role.word}\b", text)}
    assert named == {palette.YOUR_PENALTY.word, palette.SWEET_SPOT.word, palette.NO_PENALTY.word}
    drawn = {item["marker"]["color"] for item in figures(first_view)[0]["data"]}
    assert drawn == {palette.YOUR_PENALTY.colour, palette.SWEET_SPOT.colour}


def test_the_error_chart_draws_the_roles(shop):
    figure = charts.errors_figure(shop, 0).figure().to_plotly_json()
    colours = {item.get("name"): item.get("line", {}).get("color") for item in figure["data"]}
    assert colours["Training data"] == palette.TRAINING.colour
    assert colours["New data (held out)"] == palette.NEW_DATA.colour
    (star,) = [item for item in figure["data"] if item.get("marker", {}).get("symbol") == "star"]
    assert star["marker"]["color"] == palette.SWEET_SPOT.colour


# --- Charts that do not look broken ---


@pytest.mark.parametrize("name", ["paths", "share"])
def test_no_penalty_is_a_point_of_its_own_on_lam_axes(shop, name):
    figure = getattr(charts, f"{name}_figure")(shop, 0).figure().to_plotly_json()
    lines = [item for item in figure["data"] if item.get("type") == "scatter" and np.size(decode(item["x"])) > 3]
    assert lines
    for item in lines:
        x = decode(item["x"])
        assert np.isnan(x[1]) and np.isfinite(x[0]) and np.isfinite(x[2:]).all(), item.get("name")


def test_a_line_that_leaves_the_paths_chart_says_so_where_it_leaves(shop):
    import dataclasses

    coef = shop.path.coef.copy()
    coef[shop.path.lams < 1e-4, 3] *= 10
    wild = dataclasses.replace(shop, path=dataclasses.replace(shop.path, coef=coef))
    figure = charts.paths_figure(wild, 0).figure().to_plotly_json()
    top = figure["layout"]["yaxis"]["range"][1]
    ((j, x, edge, biggest),) = charts.leaving_points(wild)
    assert j == 3 and abs(edge) == pytest.approx(top) and abs(biggest) > top
    notes = [note for note in figure["layout"]["annotations"] if "leaves the chart" in note["text"]]
    (note,) = notes
    assert note["x"] == pytest.approx(x) and note["y"] == pytest.approx(edge)
    assert shop.names[3][:20] in note["text"] and amount(biggest, "€", signed=True) in note["text"]
    assert not [n for n in charts.paths_figure(shop, 0).figure().layout.annotations if "leaves" in n.text]


def test_the_pair_is_bold_on_the_bars_and_the_caption_says_so(first_view, shop):
    axis = figures(first_view)[0]["layout"]["yaxis"]
    assert axis["type"] == "category"
    bold = [text for text in axis["ticktext"] if text.startswith("<b>")]
    assert sorted(bold) == sorted(f"<b>{shop.names[j]}</b>" for j in (shop.pair.first, shop.pair.second))
    assert words.PAIR_IN_BOLD in words.weights_caption(shop)
    assert words.PAIR_IN_BOLD not in words.weights_caption(fit.fit_table(data.load_signal_table("tips")))


# --- Each claim said once ---


def test_l2_never_zero_is_the_shared_fact(shop):
    sentence = words.noise_sentence(shop, 0)
    assert L2_NEVER_ZERO in sentence and "rarely" not in sentence


def test_the_live_texts_follow_every_step(first_view):
    texts = live_data(first_view, "text")
    assert texts and all(len(item["texts"]) == SLIDER_LAMS.size for item in texts)


def test_a_readers_column_named_with_its_money_gets_amounts_in_it():
    assert data.unit_in_name("Weekly sales (€)") == "€" and data.unit_in_name("Tip ($)") == "$"
    assert data.unit_in_name("Price (thousand €)") == "" and data.unit_in_name("sales") == ""


def test_the_words_name_the_bars_that_grow_and_the_signals_that_do_nothing(first_view, shop):
    """Under the chart the words are read from the weights: every bar that grows at the sweet spot is named with
    its two amounts, a do-nothing signal's credit is told, and no sentence says every weight stays small."""
    best = shop.path.best_index
    grown = words.grown_bars(shop, 0, best)
    coef = shop.path.coef
    assert grown and all(abs(coef[best, j]) > abs(coef[0, j]) for j in grown)
    said = words.others_sentence(shop, 0)
    for j in grown:
        assert (
            f"{shop.names[j]} {amount(coef[0, j], '€', signed=True)} → {amount(coef[best, j], '€', signed=True)}"
            in said
        )
    assert "no longer cancelling" in said and L2_NEVER_ZERO in said
    assert "Shop-window colour = green still gets −€1,990" in said
    text = plain_text(first_view)
    assert said in text and "each weight stays small" not in text and "typical swing" not in text
    assert "That is about 15% of a typical week's €46,800 (no penalty: 19%)." in text
