"""Every page, driven through Streamlit's AppTest: widgets in, figures and words out."""

import re

import numpy as np
import pytest

from core.curve.data import load_dataset
from core.models.grid import SLIDER_LAMS
from core.viewstate import DEFAULT_VIEW
from tests.apptest_helpers import (
    figures,
    lam_value,
    live_data,
    live_figure,
    live_texts,
    model_curve,
    open_page,
    release_lam,
    trace,
    widget,
)

PAGES = [None, "pages/playground.py"]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_and_draws_a_chart(page):
    at = open_page(page)
    assert len(figures(at)) >= 1
    x, y = model_curve(at)
    assert x.size == y.size == 300 and np.isfinite(y).all()
    assert at.query_params["lam"] == "0" and at.query_params["degree"] == "15"  # overfitting first


@pytest.mark.parametrize("page", PAGES)
def test_lam_slider_changes_the_curve_and_the_url(page):
    at = open_page(page)
    assert lam_value(at) == 0.0
    (control,) = live_data(at, "control")
    assert "λ" in control["label"] and len(control["labels"]) == SLIDER_LAMS.size
    assert control["labels"][0] == "no penalty (λ = 0)" and control["labels"][-1] == "a very strong penalty (λ = 100)"
    assert not re.search(r"\d[eE][+-]?\d", "".join(control["labels"]))
    _, before = model_curve(at)
    release_lam(at, 0.1)
    _, after = model_curve(at)
    assert np.abs(after - before).max() > 1e-3
    assert at.query_params["lam"] == "0.1"


def test_every_lam_step_changes_the_curve():
    at = open_page("pages/playground.py")
    chart = live_data(at, "chart")[0]  # the data and the curve
    previous = None
    for step in range(SLIDER_LAMS.size):
        _, curve = trace(live_figure(chart, step), "Model's curve")
        assert np.isfinite(curve).all()
        if previous is not None:
            assert np.abs(curve - previous).max() > 1e-6, step
        previous = curve


@pytest.mark.parametrize("step", [0, 16, 37])
def test_the_browser_steps_equal_what_the_server_draws_after_release(step):
    at = open_page("pages/playground.py")
    chart = live_data(at, "chart")[0]  # the data and the curve
    lam = float(SLIDER_LAMS[step])
    _, held_in_browser = trace(live_figure(chart, step), "Model's curve")
    texts_in_browser = [data["texts"][step] for data in live_data(at, "text")]
    release_lam(at, lam)
    _, drawn_after = model_curve(at)
    np.testing.assert_array_equal(held_in_browser, drawn_after)
    assert live_texts(at) == texts_in_browser
    assert float(at.query_params["lam"]) == pytest.approx(lam, rel=1e-3)


def test_degree_slider_changes_the_curve():
    at = open_page("pages/playground.py")
    _, before = model_curve(at)
    widget(at.slider, "degree").set_value(3).run()
    _, after = model_curve(at)
    assert np.abs(after - before).max() > 1e-3
    assert at.query_params["degree"] == "3"


def test_playground_shows_errors_in_units_and_a_verdict():
    at = open_page("pages/playground.py", lam="0", degree="20")
    misses = [text for text in live_texts(at) if text.startswith("Typical miss on")]
    assert [text.split(":")[0] for text in misses] == ["Typical miss on training data", "Typical miss on new data"]
    assert all(": ±" in text for text in misses)
    assert "memorizing (too wiggly)" in verdict(at)
    release_lam(at, 100.0)
    assert "too simple (too stiff)" in verdict(at)
    release_lam(at, 1e-3)
    widget(at.slider, "degree").set_value(15).run()
    assert "about right" in verdict(at)


def verdict(at):
    (text,) = [text for text in live_texts(at) if text.startswith("Verdict")]
    return text


def test_real_dataset_speaks_in_its_units():
    at = open_page("pages/playground.py", data="tips")
    misses = [text for text in live_texts(at) if text.startswith("Typical miss on")]
    assert len(misses) == 2 and all(re.search(r": ±\$\d", text) for text in misses)  # money, its sign first
    x, _ = trace(figures(at)[0], "Training data")
    dataset = load_dataset("tips")
    np.testing.assert_allclose(np.sort(x), np.sort(dataset.x_train), rtol=1e-6)


def test_url_restores_the_whole_view():
    query = dict(lam="0.01", degree="7", data="step", n="50", noise="0.5", seed="3")
    at = open_page("pages/playground.py", **query)
    assert lam_value(at) == pytest.approx(0.01)
    assert widget(at.slider, "degree").value == 7
    assert at.selectbox[0].value == "step"
    assert widget(at.slider, "Training points").value == 50
    assert widget(at.slider, "Noise").value == pytest.approx(0.5)
    x, _ = trace(figures(at)[0], "Training data")
    assert x.size == 50
    assert {key: at.query_params[key] for key in query} == query
    assert not at.info


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"lam": "banana"}, {"lam": 0.0}),
        ({"degree": "many"}, {"degree": 15}),
        ({"data": "nope"}, {"data": "wave"}),
        ({"seed": "x1"}, {"seed": DEFAULT_VIEW["seed"]}),
        ({"lam": "5e9"}, {"lam": 100.0}),
        ({"degree": "99"}, {"degree": 20}),
        ({"n": "3"}, {"n": 10}),
    ],
)
def test_bad_url_values_fall_back_or_clamp_with_a_note(query, expected):
    at = open_page(None, **query)
    assert len(at.info) == 1
    for text in query.values():
        assert text not in at.info[0].value
    at.switch_page("pages/playground.py").run()
    assert not at.exception
    view = at.session_state["view"]
    assert {key: view[key] for key in expected} == pytest.approx(expected)
    assert not at.info, "the note is shown once"


def test_lam_between_grid_values_snaps_to_the_nearest():
    at = open_page("pages/playground.py", lam="0.0009")
    assert lam_value(at) == pytest.approx(1e-3)
    assert at.query_params["lam"] == "0.001"


def test_choices_carry_across_pages():
    at = open_page("pages/playground.py")
    release_lam(at, 0.01)
    widget(at.slider, "degree").set_value(9).run()
    at.selectbox[0].set_value("gapminder").run()
    at.switch_page("pages/home.py").run()
    assert lam_value(at) == pytest.approx(0.01)
    assert at.query_params["lam"] == "0.01" and at.query_params["data"] == "gapminder"
    at.switch_page("pages/playground.py").run()
    assert widget(at.slider, "degree").value == 9
    assert at.selectbox[0].value == "gapminder"


def test_new_sample_draws_new_points():
    at = open_page("pages/playground.py")
    x_before, _ = trace(figures(at)[0], "Training data")
    next(b for b in at.button if b.label == "New sample").click().run()
    x_after, _ = trace(figures(at)[0], "Training data")
    assert at.query_params["seed"] == str(DEFAULT_VIEW["seed"] + 1)
    assert not np.allclose(x_before, x_after)


def test_reset_and_copy_link():
    at = open_page("pages/playground.py", lam="0.1", degree="4", data="tips")
    next(b for b in at.button if b.label == "Copy link to this view").click().run()
    assert at.code[0].value.endswith(
        f"?lam=0.1&degree=4&data=tips&n={DEFAULT_VIEW['n']}&noise=0.3&seed={DEFAULT_VIEW['seed']}"
    )
    next(b for b in at.button if b.label == "Reset").click().run()
    assert at.session_state["view"] == DEFAULT_VIEW
    assert lam_value(at) == DEFAULT_VIEW["lam"]
    assert at.query_params["data"] == "wave"


@pytest.mark.parametrize("lam", ["0", "1e-06", "0.001", "1"])
def test_printed_sklearn_code_reproduces_the_chart(lam):
    at = open_page("pages/playground.py", lam=lam, degree="12")
    code = next(block.value for block in at.code if "model" in block.value)
    dataset = load_dataset("wave")
    curve_x, curve_y = model_curve(at)
    namespace = {"x_train": dataset.x_train, "y_train": dataset.y_train, "x_curve": curve_x}
    exec(code, namespace)  # the code a reader copies from the page
    np.testing.assert_allclose(namespace["y_curve"], curve_y, rtol=0, atol=1e-8 * dataset.y_train.std())


def test_exploding_fit_clips_the_axis_and_says_so():
    at = open_page("pages/playground.py", lam="0", degree="20", n="22")
    figure = figures(at)[0]
    low, high = figure["layout"]["yaxis"]["range"]
    _, curve = model_curve(at)
    assert curve.max() > high or curve.min() < low
    notes = [note for note in figure["layout"]["annotations"] if "off the chart" in note["text"]]
    assert notes, "a note says where the curve leaves the chart"
    for note in notes:  # at the edge it leaves by, over the place it leaves
        assert note["y"] in (low, high) and curve_x_min(figure) <= note["x"] <= curve_x_max(figure)
    assert any("far beyond the data" in text for text in live_texts(at))


def curve_x_min(figure):
    return trace(figure, "Model's curve")[0].min()


def curve_x_max(figure):
    return trace(figure, "Model's curve")[0].max()
