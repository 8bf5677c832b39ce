"""The live λ steps: every step the browser holds equals the figure built directly for that λ."""

import base64
import json

import numpy as np
import pytest

from core.curve import charts, weight_charts
from core.curve.data import from_columns, load_dataset
from core.curve.fit import degree_sweep, resampled_curves
from core.models.grid import SLIDER_LAMS
from core.models.lasso import lasso_weights
from core.models.path import ridge_path
from core.show import kit, live

LASSO_LAMS = SLIDER_LAMS[SLIDER_LAMS >= 1e-6]


def plain_json(value):
    """A figure's JSON with Plotly's typed arrays decoded, so two encodings of the same numbers compare equal."""
    if isinstance(value, dict):
        if "bdata" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).astype(float)
            return array.reshape([int(size) for size in value["shape"].split(",")]) if "shape" in value else array
        return {key: plain_json(item) for key, item in value.items() if key != "template"}
    if isinstance(value, list):
        if value and all(isinstance(item, (int, float)) and not isinstance(item, bool) for item in value):
            return np.asarray(value, dtype=float)
        return [plain_json(item) for item in value]
    return value


def assert_same(actual, expected, where="figure"):
    if isinstance(expected, np.ndarray) or isinstance(actual, np.ndarray):
        np.testing.assert_array_equal(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), err_msg=where)
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), (where, sorted(actual), sorted(expected))
        for key in expected:
            assert_same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_same(a, e, f"{where}[{i}]")
    else:
        assert actual == expected, (where, actual, expected)


def assert_every_step_equals(stepped, build_figure):
    """Each step of ``stepped``, as the browser would assemble it, equals ``build_figure(step)``."""
    browser = json.loads(json.dumps(stepped.to_browser()))  # exactly what the component receives
    for step in range(stepped.n_steps):
        patch = browser["patches"][step]
        assembled = {
            "data": [live.merge(t, p) for t, p in zip(browser["base"]["data"], patch["data"])],
            "layout": live.merge(browser["base"]["layout"], patch["layout"]),
        }
        expected = json.loads(build_figure(step).to_json())
        assert_same(plain_json(assembled), plain_json(expected), f"step {step}")


@pytest.fixture(scope="module")
def wave():
    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)
    curve_x = charts.curve_grid(dataset)
    rows = np.array([path.index_of(lam) for lam in SLIDER_LAMS])
    return dataset, path, curve_x, path.predict(curve_x), rows


def test_fit_chart_steps(wave):
    dataset, path, curve_x, curves, rows = wave

    def compare(k):
        return charts.comparison_at(path, rows[k], curves.__getitem__)

    stepped = live.stepped(
        lambda k: charts.fit_figure.spec(dataset, curve_x, curves[rows[k]], height=400, compare=compare(k)), len(rows)
    )
    assert stepped.n_steps == SLIDER_LAMS.size
    assert_every_step_equals(
        stepped, lambda k: charts.fit_figure(dataset, curve_x, curves[rows[k]], height=400, compare=compare(k))
    )
    changed = [bool(patch["data"][-1]) for patch in stepped.patches[1:]]
    assert all(changed), "the model's curve moves at every step"


@pytest.mark.parametrize(
    "build",
    [weight_charts.weight_bars_figure, weight_charts.weight_paths_figure, weight_charts.weight_total_figure],
    ids=["bars", "paths", "total"],
)
def test_weight_chart_steps(wave, build):
    _, path, _, _, rows = wave
    assert_every_step_equals(build.steps(rows, path), lambda k: build(path, rows[k]))


def test_error_curve_steps(wave):
    dataset, path, _, _, rows = wave
    stepped = kit.error_curves_figure.steps(rows, path, unit=dataset.y_unit)
    assert_every_step_equals(stepped, lambda k: kit.error_curves_figure(path, rows[k], dataset.y_unit))


def test_degree_and_spaghetti_steps(wave):
    dataset, _, curve_x, _, rows = wave
    sweep = degree_sweep(dataset)
    stepped = live.stepped(lambda k: charts.degree_figure.spec(sweep, rows[k], 15, dataset.y_unit), rows.size)
    assert_every_step_equals(stepped, lambda k: charts.degree_figure(sweep, rows[k], 15, dataset.y_unit))
    resampled = resampled_curves(dataset, 15, curve_x, SLIDER_LAMS)
    stepped = charts.spaghetti_figure.steps(resampled, dataset, curve_x, height=320)
    assert_every_step_equals(stepped, lambda k: charts.spaghetti_figure(dataset, curve_x, resampled[k], height=320))


def test_l2_l1_steps(wave):
    dataset, path, _, _, _ = wave
    lasso = lasso_weights(path, dataset.x_train, dataset.y_train, LASSO_LAMS)
    stepped = weight_charts.l2_l1_paths_figure.steps(SLIDER_LAMS, path, LASSO_LAMS, lasso)
    assert_every_step_equals(
        stepped, lambda k: weight_charts.l2_l1_paths_figure(path, LASSO_LAMS, lasso, SLIDER_LAMS[k])
    )


def _curve_charts(wave):
    """Every chart of the curve story that follows the λ control, stepped over the control's steps."""
    dataset, path, curve_x, curves, rows = wave
    sweep = degree_sweep(dataset)
    resampled = resampled_curves(dataset, 15, curve_x, SLIDER_LAMS)
    lasso = lasso_weights(path, dataset.x_train, dataset.y_train, LASSO_LAMS)
    top = float(np.max(np.maximum(path.train_rmse[rows], path.test_rmse[rows])))
    return {
        "fit": live.stepped(
            lambda k: charts.fit_figure.spec(
                dataset, curve_x, curves[rows[k]], compare=charts.comparison_at(path, rows[k], curves.__getitem__)
            ),
            rows.size,
        ),
        "weight bars": weight_charts.weight_bars_figure.steps(rows, path),
        "weight paths": weight_charts.weight_paths_figure.steps(rows, path),
        "weight total": weight_charts.weight_total_figure.steps(rows, path),
        "error curves": kit.error_curves_figure.steps(rows, path, unit=dataset.y_unit),
        "error curves, story": kit.error_curves_figure.steps(rows, path, unit=dataset.y_unit, by_role=True, story=True),
        "degree": live.stepped(lambda k: charts.degree_figure.spec(sweep, rows[k], 15, dataset.y_unit), rows.size),
        "spaghetti": charts.spaghetti_figure.steps(resampled, dataset, curve_x, height=320),
        "gap": live.stepped(
            lambda k: weight_charts.gap_figure.spec(path.train_rmse[rows[k]], path.test_rmse[rows[k]], top=top),
            rows.size,
        ),
        "l2 l1": weight_charts.l2_l1_paths_figure.steps(SLIDER_LAMS, path, LASSO_LAMS, lasso),
    }


def _axis(trace, letter):
    """The layout key of the axis a trace is drawn on ("xaxis", "yaxis2", …)."""
    ref = trace.get(f"{letter}axis", letter)
    return f"{letter}axis{ref[1:]}"


def test_curve_charts_keep_their_axes_still_while_lambda_moves(wave):
    """No step changes an axis, and every axis whose data move has a fixed range: the browser then draws each
    frame of a drag without a full redraw (Plotly would size such an axis again for every step)."""
    for name, stepped in _curve_charts(wave).items():
        layout = stepped.base["layout"]
        moving = set()
        for patch in stepped.patches:
            assert not [key for key in patch["layout"] if key[1:5] == "axis"], f"{name}: a step changes an axis"
            for trace, trace_patch in zip(stepped.base["data"], patch["data"]):
                moving |= {_axis(trace, letter) for letter in "xy" if letter in trace_patch}
            for item in patch["layout"].get("shapes", []) + patch["layout"].get("annotations", []):
                moving |= {_axis(item, letter) for letter in "xy" if item.get(f"{letter}ref", "").startswith(letter)}
        for axis in moving:
            settings = layout.get(axis, {})
            assert "range" in settings and settings.get("autorange") in (None, False), f"{name}: {axis} is not fixed"


def test_dates_on_the_x_axis_reach_the_browser_as_json():
    rng = np.random.default_rng(0)
    days = np.arange(60.0)
    dataset = from_columns(
        days, np.sin(days / 9) + 0.1 * rng.standard_normal(60), title="t", x_label="day", y_label="sales",
        split="forecast", x_origin=np.datetime64("2024-01-01", "ms"),
    )  # fmt: skip
    path = ridge_path(dataset.x_train, dataset.y_train, 6)
    curve_x = charts.curve_grid(dataset)
    curves = path.predict(curve_x)
    rows = np.array([path.index_of(lam) for lam in SLIDER_LAMS])
    stepped = charts.fit_figure.steps(curves[rows], dataset, curve_x)
    text = json.dumps(stepped.to_browser())  # raises if anything is not plain JSON
    assert "2024-01-01" in text
    assert_every_step_equals(stepped, lambda k: charts.fit_figure(dataset, curve_x, curves[rows[k]]))


def test_steps_must_draw_the_same_traces():
    def build(step):
        return weight_charts.gap_figure.spec(1.0, 2.0) if step == 0 else charts.fit_figure.spec(*_tiny())

    with pytest.raises(ValueError, match="same traces"):
        live.stepped(build, 2)
    with pytest.raises(ValueError, match="at least 1"):
        live.stepped(build, 0)


def _tiny():
    dataset = load_dataset("wave")
    curve_x = charts.curve_grid(dataset)
    return dataset, curve_x, np.zeros_like(curve_x)


@pytest.mark.parametrize(
    "base, new",
    [
        ({"a": 1, "b": {"c": 2, "d": 3}}, {"a": 1, "b": {"c": 5, "d": 3}}),
        ({"a": 1, "b": {"c": 2}}, {"b": {"c": 2, "e": [1, 2]}}),
        ({"a": [1, 2], "b": "x"}, {"a": [1, 3], "b": "x", "c": {"d": None}}),
        ({"y": {"dtype": "f8", "bdata": "AAAA"}}, {"y": {"dtype": "f4", "bdata": "AAAA"}}),
        ({"m": {"color": "red", "size": 4}}, {"m": {"color": "red"}}),
    ],
)
def test_merge_of_diff_gives_the_new_dict(base, new):
    patch = live.diff(base, new)
    expected = {
        k: ({kk: vv for kk, vv in v.items() if vv is not None} if isinstance(v, dict) else v) for k, v in new.items()
    }
    assert live.merge(base, patch) == expected or live.merge(base, patch) == new
    assert live.diff(new, new) == {}


def test_two_dimensional_arrays_keep_their_shape():
    import plotly.graph_objects as go

    z = np.arange(12.0).reshape(3, 4)
    ours = live.to_json_value(z)
    plotly_own = json.loads(go.Figure(go.Heatmap(z=z)).to_json())["data"][0]["z"]
    assert ours == plotly_own
    np.testing.assert_array_equal(plain_json(ours), z)


def test_numpy_values_are_encoded_as_plotly_does():
    encoded = live.to_json_value({"y": np.array([1.5, -2.0]), "n": np.int64(3), "t": np.array(["2024-01-02"], "M8[D]")})
    assert encoded["n"] == 3 and encoded["t"] == ["2024-01-02T00:00:00"]
    assert encoded["y"]["dtype"] == "f8"
    np.testing.assert_array_equal(np.frombuffer(base64.b64decode(encoded["y"]["bdata"]), "f8"), [1.5, -2.0])


def test_stepped_texts_check_their_tones():
    texts = live.stepped_text(["a", "b"], ["good", "warn"])
    assert texts.n_steps == 2 and texts.to_browser() == {"texts": ["a", "b"], "tones": ["good", "warn"]}
    with pytest.raises(ValueError, match="tones"):
        live.stepped_text(["a"], ["loud"])
    with pytest.raises(ValueError, match="tones for"):
        live.stepped_text(["a", "b"], ["good"])
