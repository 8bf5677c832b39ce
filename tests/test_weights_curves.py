"""The Weights and Overfitting-curves pages, driven through AppTest."""

import numpy as np
import pytest
from sklearn.linear_model import Ridge
from sklearn.model_selection import LeaveOneOut, cross_val_score

from core.curve.data import load_dataset
from core.models.path import ridge_path
from core.show import palette
from core.viewstate import snap_lam
from tests.apptest_helpers import (
    decode,
    figures,
    lam_value,
    live_data,
    live_texts,
    open_page,
    release_lam,
    trace,
    widget,
)

WEIGHTS, CURVES, PLAYGROUND = "pages/weights.py", "pages/curves.py", "pages/playground.py"
ALL_PAGES = [None, "pages/playground.py", WEIGHTS, CURVES, "pages/faq.py"]


def figure_data_of(figure):
    """Every trace's y values, every line's x position and every slider's position: what λ must move."""
    parts = [decode(data["y"]) for data in figure["data"] if "y" in data]
    parts += [
        np.array([shape["x0"]], dtype=float)
        for shape in figure["layout"].get("shapes", [])
        if isinstance(shape.get("x0"), (int, float))
    ]
    parts += [np.array([slider["active"]], dtype=float) for slider in figure["layout"].get("sliders", [])]
    return parts


def changed(before, after):
    if len(before) != len(after):
        return True
    return any(a.shape != b.shape or not np.allclose(a, b, equal_nan=True) for a, b in zip(before, after))


@pytest.mark.parametrize("page, charts", [(WEIGHTS, 3), (CURVES, 1)])  # the story page: one main chart
def test_every_figure_on_the_page_follows_lam(page, charts):
    """Every chart is live: it follows λ in the browser, and after release the server draws the same step."""
    at = open_page(page)
    before = figures(at)
    assert len(before) == charts and len(live_data(at, "chart")) == charts
    release_lam(at, 0.1)
    after = figures(at)
    for index, (old, new) in enumerate(zip(before, after)):
        assert changed(figure_data_of(old), figure_data_of(new)), f"figure {index} did not follow λ"


@pytest.mark.parametrize("page", [WEIGHTS, CURVES])
def test_degree_slider_changes_the_figures(page):
    at = open_page(page)
    before = figures(at)
    widget(at.slider, "degree").set_value(4).run()
    after = figures(at)
    assert changed(figure_data_of(before[0]), figure_data_of(after[0]))
    assert at.query_params["degree"] == "4"


def test_weight_bars_are_the_core_weights_in_spreads_of_y():
    at = open_page(WEIGHTS, lam="0.01", degree="6")
    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 6)
    bars = figures(at)[0]
    _, now = trace(bars, "Your λ")
    _, unpenalized = trace(bars, "No penalty (λ = 0)")
    sd = dataset.y_train.std()
    np.testing.assert_allclose(now, np.abs(path.coef[path.index_of(0.01)]) / sd, rtol=1e-6)
    np.testing.assert_allclose(unpenalized, np.abs(path.coef[0]) / sd, rtol=1e-6)
    sentence = live_texts(at)[0]
    assert sentence.startswith("Without the penalty the largest weight is")


def test_weights_sentence_at_zero_lam_names_memorizing():
    at = open_page(WEIGHTS, lam="0")
    assert "memorizing" in live_texts(at)[0]


def test_weight_bars_at_zero_lam_compare_with_the_sweet_spot():
    """While the reader's λ is 0, the bars beside no penalty's are the sweet spot's, labelled so (no twins)."""
    at = open_page(WEIGHTS)
    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 15)
    bars = figures(at)[0]
    names = [data["name"] for data in bars["data"] if data["type"] == "bar"]
    assert names == ["No penalty: your λ = 0", "Sweet spot, for comparison"]
    _, sweet = trace(bars, "Sweet spot, for comparison")
    np.testing.assert_allclose(sweet, np.abs(path.coef[path.best_index]) / dataset.y_train.std(), rtol=1e-6)
    colours = [data["marker"]["color"] for data in bars["data"] if data["type"] == "bar"]
    assert colours == [palette.NO_PENALTY.colour, palette.SWEET_SPOT.colour]
    assert "green bars show the sweet spot" in live_texts(at)[0]


def test_weight_paths_keep_lam_zero_apart_and_say_where_lines_leave():
    at = open_page(WEIGHTS)
    paths = figures(at)[1]
    lines = [data for data in paths["data"] if data.get("mode", "").startswith("lines")]
    assert len(lines) == 15
    for line in lines:
        x = decode(line["x"])
        assert np.isnan(x[1]), "λ = 0 is a point of its own, not joined to the first step"
        assert line["line"]["color"] not in {role.colour for role in palette.ROLES}
    notes = [note["text"] for note in paths["layout"]["annotations"]]
    assert any("lines off the chart" in note for note in notes)


@pytest.fixture(scope="module")
def wave_best_lam():
    """The cross-validated best λ for the default view, by scikit-learn's own leave-one-out."""
    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 15)
    Z = path.features.transform(dataset.x_train)
    n = dataset.x_train.size
    lams = path.lams[1::2]
    cv_errors = [
        -cross_val_score(
            Ridge(alpha=n * lam, solver="svd"), Z, dataset.y_train, cv=LeaveOneOut(), scoring="neg_mean_squared_error"
        ).mean()
        for lam in lams
    ]
    return snap_lam(lams[int(np.argmin(cv_errors))])


@pytest.mark.parametrize("page", ALL_PAGES)
def test_sweet_spot_button_moves_lam_to_the_cross_validated_best(page, wave_best_lam):
    at = open_page(page, lam="100", data="wave", degree="15")
    next(b for b in at.button if b.label == "Move λ to the sweet spot").click().run()
    assert at.session_state["view"]["lam"] == wave_best_lam
    assert lam_value(at) == pytest.approx(wave_best_lam)
    assert at.query_params["lam"] == f"{wave_best_lam:.3g}"


def test_error_curves_figure_marks_the_best_and_the_band():
    at = open_page(CURVES, data="tips", degree="10")
    dataset = load_dataset("tips")
    path = ridge_path(dataset.x_train, dataset.y_train, 10, x_test=dataset.x_test, y_test=dataset.y_test)
    errors = figures(at)[0]
    x, held_out = trace(errors, "New data (held out)")
    assert np.isnan(x[1]) and np.isnan(held_out[1]), "λ = 0 is a point of its own, not joined to the first step"
    np.testing.assert_allclose(np.delete(held_out, 1), path.test_rmse, rtol=1e-6)
    _, best = trace(errors, "Sweet spot (best by cross-validation)")
    assert best[0] == pytest.approx(np.sqrt(path.cv_mse[path.best_index]), rel=1e-6)
    annotations = " ".join(note["text"] for note in errors["layout"]["annotations"])
    assert "about as good" in annotations and "you are here" in annotations
    assert "one standard error" in " ".join(block.value for block in at.markdown)


def test_degree_figure_shows_the_u_at_this_lam_and_without_penalty():
    at = open_page(PLAYGROUND, lam="0.001")
    dataset = load_dataset("wave")
    degree_chart = figures(at)[1]
    degrees, held_out = trace(degree_chart, "New data, your λ")
    _, unpenalized = trace(degree_chart, "New data, no penalty")
    assert list(degrees) == list(range(1, 21))
    for degree in (1, 8, 20):
        path = ridge_path(dataset.x_train, dataset.y_train, degree, x_test=dataset.x_test, y_test=dataset.y_test)
        assert held_out[degree - 1] == pytest.approx(path.test_rmse[path.index_of(1e-3)], rel=1e-6)
        assert unpenalized[degree - 1] == pytest.approx(path.test_rmse[0], rel=1e-6)


def test_degree_figure_at_zero_lam_compares_with_each_degree_s_sweet_spot():
    at = open_page(PLAYGROUND)
    dataset = load_dataset("wave")
    degree_chart = figures(at)[1]
    names = [data["name"] for data in degree_chart["data"]]
    assert "New data, no penalty" not in names  # it would lie exactly under "New data, your λ"
    _, tuned = trace(degree_chart, "New data, sweet spot")
    for degree in (1, 8, 20):
        path = ridge_path(dataset.x_train, dataset.y_train, degree, x_test=dataset.x_test, y_test=dataset.y_test)
        assert tuned[degree - 1] == pytest.approx(path.test_rmse[path.best_index], rel=1e-6)


def test_resampled_fits_are_wild_without_penalty_and_a_bundle_with_it():
    spreads = []
    for lam, chart in (("0", 0), ("0", 1), ("0.001", 1), ("100", 1)):
        at = open_page("pages/faq.py", lam=lam)  # the fits to resampled data live on Questions
        # left: no penalty, always; right: the sweet spot while λ is 0 (the comparison rule), then the reader's λ
        _, lines = trace(figures(at)[chart], "Fits to resampled data")
        curves = lines.reshape(20, -1)[:, :-1]
        assert curves.shape[0] == 20
        spreads.append(np.nanstd(curves, axis=0).mean())
    assert all(spreads[0] > 2 * spread for spread in spreads[1:])


@pytest.mark.parametrize("page", [WEIGHTS, CURVES])
def test_state_carries_to_and_from_the_page(page):
    at = open_page("pages/playground.py", lam="0.01", degree="6", data="step", n="40")
    at.switch_page(page).run()
    assert not at.exception
    assert lam_value(at) == pytest.approx(0.01)
    assert widget(at.slider, "degree").value == 6
    assert at.query_params["data"] == "step" and at.query_params["n"] == "40"
    release_lam(at, 1.0)
    at.switch_page("pages/playground.py").run()
    assert lam_value(at) == pytest.approx(1.0)


def test_guess_first_hides_the_answer_until_revealed():
    at = open_page(PLAYGROUND)
    assert len(figures(at)) == 2, "the error chart with the answer waits for a guess"
    widget(at.select_slider, "Your guess").set_value(1e-6).run()
    next(b for b in at.button if b.label == "Reveal the answer").click().run()
    assert len(figures(at)) == 3
    message = next(info.value for info in at.info if info.value.startswith("Your guess"))
    assert "λ = 0.000001" in message and "λ = 0.0001" in message
    assert "About 8 slider steps away (100 times less)" in message


def test_weight_total_axis_tops_with_the_number_its_sentence_gives_and_lam_zero_has_room():
    from core.curve import weight_charts, words
    from core.show.plain_numbers import plain_number

    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)
    off = weight_charts.no_penalty_total_off(path)
    assert off is not None
    layout = weight_charts.weight_total_figure(path, 0).to_plotly_json()["layout"]
    top = layout["yaxis"]["range"][1]
    assert top > np.log10(off) + 0.1, "room above the largest penalized total"
    assert layout["yaxis"]["ticktext"][-1] == plain_number(off)
    assert f"{plain_number(off)} or less" in words.total_summary(path, 0)
    zero = weight_charts.lam_positions(path.lams)[0]
    for axis in ("xaxis", "xaxis2"):
        assert layout[axis]["range"][0] < zero - 0.3, "λ = 0's dot clear of the y tick labels"
    note = next(a for a in layout["annotations"] if "far above the chart" in a["text"])
    assert note["xanchor"] == "right", "the note sits top right, away from the line's start at the left"


def test_degree_figure_puts_the_almost_zero_note_beside_its_marker():
    from core.curve import charts
    from core.curve.fit import degree_sweep

    dataset = load_dataset("wave")
    sweep = degree_sweep(dataset)
    layout = charts.degree_figure(sweep, 0, 15, dataset.y_unit).to_plotly_json()["layout"]
    (marker,) = [note for note in layout["annotations"] if note["text"] == "▼"]
    (words,) = [note for note in layout["annotations"] if "training miss is" in note["text"]]
    assert f"from degree {int(marker['x'])}" in words["text"]
    assert abs(words["x"] - marker["x"]) <= 1, "the note sits next to its ▼, not at the far left"
