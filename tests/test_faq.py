"""The Questions page: each demo runs and follows its control; the framework scaling is right."""

import re

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from core import PolynomialRidge
from core.curve import faq_words, weight_charts, words
from core.curve.data import DATASET_TITLES, SHAPES, load_dataset
from core.curve.fit import LASSO_LAMS
from core.models.lasso import lasso_weights
from core.models.path import ridge_path
from core.show.palette import NO_PENALTY, SWEET_SPOT, YOUR_PENALTY
from core.show.plain_numbers import format_lam
from tests.apptest_helpers import (
    decode,
    figures,
    live_data,
    live_texts,
    open_page,
    plain_text,
    release_lam,
    trace,
    widget,
)

PAGE = "pages/faq.py"


def test_every_demo_runs():
    at = open_page(PAGE)
    assert len(figures(at)) == 5 and len(live_data(at, "chart")) == 3
    assert len(at.dataframe) == 1 and len(at.table) == 1
    headers = [header.value for header in at.header]
    assert headers[:2] == ["Does it make my model smarter?", "Do I have to set it myself?"]
    assert "Glossary" in headers
    (tools,) = [block for block in at.expander if "scikit-learn, Keras and PyTorch" in block.label]
    assert tools.label.startswith("In depth") and len(tools.table) == 1


def test_shared_lam_moves_the_demos_that_use_it():
    at = open_page(PAGE, lam="1e-06")
    before = figures(at)
    release_lam(at, 1.0)
    after = figures(at)
    _, steady_before = trace(before[1], "Fits to resampled data")
    _, steady_after = trace(after[1], "Fits to resampled data")
    spread = [np.nanmean(np.nanstd(lines.reshape(20, -1)[:, :-1], axis=0)) for lines in (steady_before, steady_after)]
    assert spread[1] < spread[0]
    assert decode(before[2]["data"][0]["x"]).tolist() != decode(after[2]["data"][0]["x"]).tolist()
    assert before[4]["layout"]["shapes"][0]["x0"] != after[4]["layout"]["shapes"][0]["x0"]


def test_too_much_slider_flattens_the_curve():
    at = open_page(PAGE)
    widget(at.select_slider, "Push the penalty").set_value(0.001).run()
    _, bendy = trace(figures(at)[3], "Model's curve")
    widget(at.select_slider, "Push the penalty").set_value(100.0).run()
    _, flat = trace(figures(at)[3], "Model's curve")
    assert np.ptp(flat) < 0.5 * np.ptp(bendy)
    assert "too simple (too stiff)" in " ".join(caption.value for caption in at.caption)


def test_the_gap_demo_speaks_with_the_one_verdict():
    at = open_page(PAGE, lam="0", degree="20")
    (verdict,) = [text for text in live_texts(at) if text.startswith("Verdict")]
    assert "memorizing" in verdict
    release_lam(at, 0.001)
    widget(at.slider, "degree").set_value(15).run()
    (verdict,) = [text for text in live_texts(at) if text.startswith("Verdict")]
    assert "about right" in verdict


PICKED, BEST = "Sweet spot λ", "Hindsight λ"


def test_cross_validation_table_compares_pick_and_best():
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert list(table["Data"]) == [DATASET_TITLES["wave"], DATASET_TITLES["step"], DATASET_TITLES["tips"]]
    dataset = load_dataset("tips")
    path = ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)
    assert table[PICKED].iloc[2] == format_lam(path.lams[path.best_index])
    assert table[BEST].iloc[2] == format_lam(path.lams[path.test_rmse.argmin()])
    step = load_dataset("step")
    step_path = ridge_path(step.x_train, step.y_train, 15, x_test=step.x_test, y_test=step.y_test)
    assert table[BEST].iloc[1] == format_lam(step_path.lams[step_path.test_rmse.argmin()])
    none_best = [
        DATASET_TITLES[key]
        for key in ("wave", "step", "tips")
        if (path := _held_out(key)).lams[path.test_rmse.argmin()] == 0
    ]
    why_none = [block.value for block in at.markdown if "reads 0 (off)" in block.value]
    if none_best:  # said only where no penalty did best on the new data
        assert f"as for “{none_best[0]}”" in why_none[0] and "some data need none" in why_none[0]
    else:
        assert not why_none


def test_the_table_sentence_says_where_the_pick_lands_close_and_where_not():
    """The sentence is read from the table: a pick that misses clearly more than the best λ is named, with both."""
    at = open_page(PAGE)
    table = at.dataframe[0].value
    (said,) = [block.value for block in at.markdown if "its pick misses the new data" in block.value]
    for key, row in zip(("wave", "step", "tips"), table.itertuples(index=False)):
        path = _held_out(key)
        picked, best = path.test_rmse[path.best_index], path.test_rmse.min()
        if picked > (1 + faq_words.CLOSE) * best:
            assert f"On “{row.Data}” it lands further off: it chose λ = {row[1]} where λ = {row[3]} was best" in said
        else:
            assert f"“{row.Data}”" in said.split("its pick misses")[0]
    assert "lands close to the λ that really was best" not in plain_text(at)


def test_cross_validation_sentence_can_say_all_are_close_or_none():
    close = faq_words.PickedAndBest("A", 0.001, 0.002, 100.0, 99.0)
    far = faq_words.PickedAndBest("B", 1e-8, 3.2e-5, 572.0, 400.0)
    assert "lands further off" not in faq_words.cross_validation_sentence([close])
    said = faq_words.cross_validation_sentence([far])
    assert "On “B” it lands further off" in said and "its miss on new data is 43% bigger" in said
    assert "its pick misses" not in said


def test_the_steadiness_pictures_differ_at_no_penalty_and_say_what_they_draw():
    """λ = 0 on first view: left no penalty, right the sweet spot (the comparison rule), never twins."""
    at = open_page(PAGE, lam="0")
    left, right = figures(at)[:2]
    _, free = trace(left, "Fits to resampled data")
    _, steady = trace(right, "Fits to resampled data")
    assert free.shape == steady.shape and not np.allclose(free, steady, equal_nan=True)
    assert left["layout"]["title"]["text"] == "No penalty"
    assert right["layout"]["title"]["text"].startswith("Sweet spot")
    assert left["data"][0]["line"]["color"] == NO_PENALTY.colour
    assert right["data"][0]["line"]["color"] == SWEET_SPOT.colour
    (said,) = [text for text in live_texts(at) if text.startswith("Each line")]
    assert f"with no penalty ({NO_PENALTY.word})" in said and f"at the sweet spot ({SWEET_SPOT.word}" in said
    assert "billion" not in said and "million" not in said
    release_lam(at, 0.001)
    right = figures(at)[1]
    assert right["layout"]["title"]["text"] == "Your penalty: λ = 0.001"
    assert right["data"][0]["line"]["color"] == YOUR_PENALTY.colour
    (said,) = [text for text in live_texts(at) if text.startswith("Each line")]
    assert f"with your penalty ({YOUR_PENALTY.word}, λ = 0.001)" in said


def test_the_gap_sentence_reads_the_two_bars():
    at = open_page(PAGE, lam="0")
    bars = figures(at)[2]
    assert list(bars["data"][0]["y"]) == ["Training data", "New data"]
    (said,) = [text for text in live_texts(at) if text.startswith("At your λ = 0")]
    assert all(text in said for text in bars["data"][0]["text"])
    assert "weaker and stronger" in plain_text(at) and "(/curves#the-rule)" in " ".join(m.value for m in at.markdown)
    # the rule checks on data left out of training, not on the new data the sweet spot never sees
    assert "compare the miss on new data" not in plain_text(at)
    assert "left out of training (the check the sweet spot uses)" in plain_text(at)


def test_the_l2_l1_chart_marks_your_lam_and_where_lines_leave():
    at = open_page(PAGE, lam="0")
    chart = figures(at)[4]
    notes = [note["text"] for note in chart["layout"]["annotations"]]
    assert any("◀ your λ = 0 (no penalty) is left of here" in note for note in notes)
    top = chart["layout"]["yaxis"]["range"][1]
    leaves = any(np.nanmax(np.abs(decode(line["y"]))) > top for line in chart["data"])
    assert leaves == any("lines off the chart" in note for note in notes)  # a line that leaves says so
    assert chart["layout"]["xaxis"]["range"] == chart["layout"]["xaxis2"]["range"]
    assert chart["layout"]["xaxis"]["range"][0] > np.log10(LASSO_LAMS[0]) - 0.5  # no empty stretch on the left
    (said,) = [text for text in live_texts(at) if text.startswith("As λ grows")]
    assert "L1 switches them off" in said and "left of the chart" in said
    release_lam(at, 0.1)
    notes = [note["text"] for note in figures(at)[4]["layout"]["annotations"]]
    assert notes.count("your λ") == 2
    (said,) = [text for text in live_texts(at) if text.startswith("As λ grows")]
    assert re.search(r"At your λ = 0\.1, L1 has switched off [1-9]\d* of 15\.", said)


def _held_out(key):
    dataset = load_dataset(key)
    return ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)


@pytest.mark.parametrize("lam", [1e-4, 0.01, 1.0])
def test_scikit_learn_setting_in_the_table_reproduces_our_fit(lam):
    dataset = load_dataset("wave")
    n = dataset.x_train.size
    setting = words.framework_settings(lam, n)[0][1]
    alpha = float(re.fullmatch(r"Ridge\(alpha=(.+)\)", setting).group(1))
    path = ridge_path(dataset.x_train, dataset.y_train, 15)
    Z = path.features.transform(dataset.x_train)
    ours = PolynomialRidge(15, lam).fit(dataset.x_train, dataset.y_train)
    theirs = Ridge(alpha=alpha, solver="svd").fit(Z, dataset.y_train)
    np.testing.assert_allclose(theirs.coef_, ours.coef_, rtol=1e-5, atol=1e-8)


def test_lasso_scaling_minimizes_our_l1_objective():
    dataset = load_dataset("wave")
    # The café in thousands of € (its shape's own units), where coordinate descent converges to 1e-10 quickly.
    y_train = dataset.y_train / SHAPES["wave"].scale
    path = ridge_path(dataset.x_train, y_train, 6)
    Z = path.features.transform(dataset.x_train)
    y = y_train - y_train.mean()
    lam = 0.01

    def objective(w):
        return np.mean((y - Z @ w) ** 2) + lam * np.abs(w).sum()

    ours = lasso_weights(path, dataset.x_train, y_train, [lam])[0]
    other_scalings = [
        Lasso(alpha=a, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(Z, y).coef_
        for a in (lam, lam / 4, 2 * lam)
    ]
    assert all(objective(ours) < objective(w) for w in other_scalings)
    reference = Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(Z, y).coef_
    np.testing.assert_allclose(ours, reference, atol=1e-4)


def test_l2_lines_that_leave_the_chart_say_so_in_their_panel():
    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 15)
    lasso = lasso_weights(path, dataset.x_train, dataset.y_train, LASSO_LAMS)
    chart = weight_charts.l2_l1_paths_figure(path, LASSO_LAMS, 0.01 * lasso, 0.001)  # a small lasso: L2 sets the axis
    notes = [note for note in chart.layout.annotations if "lines off the chart" in note.text]
    assert notes and {note.xref for note in notes} == {"x"}  # in the L2 panel, where the lines leave
    assert [note.text for note in chart.layout.annotations].count("your λ") == 2


def test_steadiness_sentence_says_the_ends_still_spread_when_they_do():
    """At the sweet spot the fits agree in the middle, but the sentence must not say they agree everywhere."""
    import numpy as np

    from core.curve import faq_words

    x = np.linspace(0, 1, 100)
    calm = np.array([x + 0.01 * k for k in range(20)])
    fanned = calm.copy()
    fanned[:3, -5:] += 50.0  # a few fits shoot off at the right end, as in the café's
    for curves, ends_spread in ((calm, False), (fanned, True)):
        middle, edge = faq_words.middle_and_edge(curves)
        shown = faq_words.SpreadShown(0.1, "at the sweet spot", "green", 0.0001, middle, edge)
        (said,) = faq_words.spread_sentences(10.0, [shown], [False], "", False, True)
        assert ("shakiest part" in said) is ends_spread
        assert ("the fits agree, so any one" in said) is not ends_spread
