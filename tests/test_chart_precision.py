"""Charts draw a reader's values where they are, at any magnitude: float32 only where it is exact enough.

The drawn positions are read back from the figures as the browser gets them (Plotly's base64
typed arrays, decoded as ENGINEERING.md shows).
"""

import json

import numpy as np
import pytest

from core.curve.charts import offset_title, y_offset
from core.show import live
from core.show.figspec import FigureSpec, trace
from core.show.kit import light
from core.show.precision import TOLERANCE, settle
from tests.apptest_helpers import decode, figures, open_page, widget

PAGE = "pages/your-data.py"
WAVE = np.sin(np.arange(40) * 0.7)
EXTREMES = {
    "1e44": 1e44 * (1 + 0.1 * WAVE),
    "1e-50": 1e-50 * (1 + 0.1 * WAVE),
    "9.19e9 ± 0.2": 9_192_631_770 + 0.2 * WAVE,
}


def encoded(figure):
    """The figure's data as the browser receives them."""

    return json.loads(figure.to_json())["data"]


def test_ordinary_values_still_go_as_float32():
    spec = FigureSpec().add_trace(trace("scatter", x=light(np.arange(50.0)), y=light(np.linspace(-3, 40, 50))))
    (data,) = encoded(spec.figure())
    assert data["x"]["dtype"] == "f4" and data["y"]["dtype"] == "f4"


@pytest.mark.parametrize("name", EXTREMES)
def test_extreme_values_are_sent_as_they_are(name):
    ys = EXTREMES[name]
    spec = FigureSpec().add_trace(trace("scatter", x=light(np.arange(40.0)), y=light(ys), mode="markers"))
    (data,) = encoded(spec.figure())
    assert data["x"]["dtype"] == "f4", "x needs no more than float32"
    drawn = decode(data["y"])
    np.testing.assert_array_equal(drawn, ys)
    assert np.unique(drawn).size == np.unique(ys).size == 40


def test_a_wild_curve_on_a_chart_with_a_fixed_range_at_a_large_offset():
    """The λ = 0 curve shoots to ±1e12 but crosses the window 9,192,631,770 ± 1: its values there must be exact."""
    x = np.linspace(0, 1, 300)
    curve = 9_192_631_770 + 1e12 * (x - 0.5) ** 3
    spec = FigureSpec().add_trace(trace("scatter", x=light(x), y=light(curve)))
    spec.update_yaxes(range=[9_192_631_769, 9_192_631_771])
    (data,) = encoded(spec.figure())
    inside = np.abs(curve - 9_192_631_770) < 1
    np.testing.assert_array_equal(decode(data["y"])[inside], curve[inside])


def test_float32_is_kept_when_its_error_is_below_the_tolerance():
    ys = 1000 + np.linspace(0, 500, 100)
    (data,) = settle([{"y": light(ys)}], {})
    assert data["y"].dtype == np.float32
    assert np.abs(data["y"] - ys).max() <= TOLERANCE * 500


def test_arrays_a_builder_sends_at_full_precision_stay_so():
    ys = np.linspace(0, 1, 10)
    (data,) = settle([{"y": ys}], {})
    assert data["y"] is ys


def test_log_axes_use_float32_unless_values_leave_its_range():
    layout = {"yaxis": {"type": "log"}}
    (ordinary,) = settle([{"y": light(np.geomspace(1e-6, 1e9, 30))}], layout)
    (tiny,) = settle([{"y": light(np.geomspace(1e-45, 1, 30))}], layout)
    assert ordinary["y"].dtype == np.float32 and tiny["y"].dtype == np.float64


def test_stepped_figures_settle_every_step():
    def build(step):
        ys = EXTREMES["9.19e9 ± 0.2"] if step else np.linspace(0, 1, 40)
        return FigureSpec().add_trace(trace("scatter", x=light(np.arange(40.0)), y=light(ys)))

    stepped = live.stepped(build, 2)
    first, second = stepped.json_at(0)["data"][0], stepped.json_at(1)["data"][0]
    assert live.to_json_value(first["y"])["dtype"] == "f4"
    np.testing.assert_array_equal(decode(live.to_json_value(second["y"])), EXTREMES["9.19e9 ± 0.2"])


# ----------------------------------------------------------------------------- Your data, as a reader uploads it


def uploaded(ys):
    text = "x,y\n" + "".join(f"{i},{float(y)!r}\n" for i, y in enumerate(ys))
    at = open_page(PAGE)
    at.file_uploader[0].upload("extreme.csv", text.encode(), "text/csv").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def float_arrays(figure):
    for data in figure["data"]:
        for key in ("x", "y"):
            values = data.get(key)
            if isinstance(values, dict) and "bdata" in values:
                yield data.get("name"), key, values["dtype"], decode(values)


@pytest.mark.parametrize("name", EXTREMES)
def test_your_data_draws_extreme_values_where_they_are(name):
    ys = EXTREMES[name]
    at = uploaded(ys)
    charts = figures(at)
    points = {}
    for figure in charts:
        for trace_name, key, _, values in float_arrays(figure):
            assert not np.isnan(values).all(), f"{trace_name} {key} is not drawn at all"
    for trace_name, key, _, values in float_arrays(charts[0]):
        if key == "y" and trace_name in ("Training data", "New data (held out)"):
            points[trace_name] = values
    title = charts[0]["layout"]["yaxis"]["title"]["text"]
    offset = float(title.split(" − ")[1].replace(",", "")) if " − " in title else 0.0
    drawn = np.sort(np.concatenate(list(points.values())))
    np.testing.assert_array_equal(drawn + offset, np.sort(ys))  # every point at its own height, exactly
    curve = {n: v for n, k, _, v in float_arrays(charts[0]) if k == "y"}["Model's curve"]
    assert np.isfinite(curve).all() and np.unique(curve).size > 10
    low, high = charts[0]["layout"]["yaxis"]["range"]
    assert low < drawn.min() < drawn.max() < high


def test_a_large_offset_is_drawn_from_a_round_number_the_axis_names():
    at = uploaded(EXTREMES["9.19e9 ± 0.2"])
    chart = figures(at)[0]
    assert chart["layout"]["yaxis"]["title"]["text"] == "y − 9,192,631,770"
    training = {n: v for n, k, _, v in float_arrays(chart) if k == "y"}["Training data"]
    assert np.abs(training).max() <= 0.2 + 1e-6  # short tick labels: −0.2 … 0.2


def test_your_data_keeps_float32_for_ordinary_values():
    at = uploaded(100 + 20 * WAVE)
    dtypes = {(n, k): dtype for n, k, dtype, _ in float_arrays(figures(at)[0])}
    assert dtypes[("Training data", "y")] == "f4" and dtypes[("New data (held out)", "y")] == "f4"


@pytest.mark.parametrize("name", ["1e44", "9.19e9 ± 0.2"])
def test_several_columns_draw_extreme_targets(name):
    ys = EXTREMES[name]
    rng = np.random.default_rng(1)
    text = "a,b,c,target\n" + "".join(
        f"{rng.normal():.6f},{rng.normal():.6f},{rng.normal():.6f},{float(y)!r}\n" for y in ys
    )
    at = open_page(PAGE)
    at.file_uploader[0].upload("extreme.csv", text.encode(), "text/csv").run()
    widget(at.radio, "What to look at").set_value("Several columns (signals)").run()
    widget(at.selectbox, "Column to predict").set_value("target").run()
    assert not at.exception and not at.error
    for figure in figures(at):
        for trace_name, key, _, values in float_arrays(figure):
            finite = values[np.isfinite(values)]
            assert finite.size, f"{trace_name} {key} is not drawn at all"
            assert np.abs(finite).max() < 1e300


@pytest.mark.parametrize(
    "window, title",
    [
        ((9_192_631_769.7, 9_192_631_770.3), "y − 9,192,631,770"),
        ((-5_000_000_001.0, -4_999_999_999.0), "y + 5,000,000,000"),
        ((0.9e44, 1.1e44), "y"),  # powers of ten label these well: no offset
        ((1990.0, 2020.0), "y"),
        ((-3.0, 40.0), "y"),
    ],
)
def test_which_windows_are_drawn_from_an_offset(window, title):
    assert offset_title("y", y_offset(window)) == title
