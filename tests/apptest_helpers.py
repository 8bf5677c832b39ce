"""Reading what an AppTest run drew, the way a reader would see it."""

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

TIMEOUT = 60
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page=None, **query):
    """Run the app (optionally switched to ``page``, e.g. "pages/playground.py") with a query string."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at):
    """Every Plotly figure on the page, as plain dicts."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def decode(values):
    """A Plotly data array as numpy: base64 typed arrays decoded, labels kept as text."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).astype(float)
    if values and isinstance(values[0], str):
        return np.asarray(values)
    return np.asarray(values, dtype=float)


def trace(figure, name):
    """x and y of the trace called ``name``."""
    for data in figure["data"]:
        if data.get("name") == name:
            return decode(data["x"]), decode(data["y"])
    raise AssertionError(f"no trace named {name!r} in {[d.get('name') for d in figure['data']]}")


def model_curve(at, index=0):
    return trace(figures(at)[index], "Model's curve")


def widget(elements, label_part):
    """The one widget whose label contains ``label_part``."""
    found = [element for element in elements if label_part in element.label]
    assert len(found) == 1, [element.label for element in elements]
    return found[0]
