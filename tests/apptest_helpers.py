"""Reading what an AppTest run drew, the way a reader would see it."""

import base64
import functools
import json
import re
from pathlib import Path

import numpy as np
from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX
from streamlit.testing.v1 import AppTest

from core.models.grid import SLIDER_LAMS
from core.show import live

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


@functools.cache
def live_chart_count(path):
    """How many live charts the registered page at ``path`` draws on its first view (read from the app itself)."""
    from ui import registry

    page = registry.BY_PATH[path]
    return len(live_data(open_page(None if page.is_home else page.file), "chart"))


def _in_page_order(node):
    """Every element under ``node`` (a block), depth first, in the order the page draws them."""
    for child in getattr(node, "children", {}).values():
        if getattr(child, "children", None) is not None and not hasattr(child, "proto"):
            yield from _in_page_order(child)
        else:
            yield child
            yield from _in_page_order(child)


def live_data(at, kind=None):
    """The data every live λ element (``ui.live``) was given, in page order; only ``kind`` if given."""
    found = []
    for element in _in_page_order(at.main):
        if getattr(element, "type", None) == "bidi_component" or type(element).__name__ == "UnknownElement":
            proto = getattr(element, "proto", None)
            if proto is None or not getattr(proto, "json", ""):
                continue
            data = json.loads(proto.json)
            assert isinstance(data, dict), f"a live element got data that is not JSON: {proto.json[:80]}"
            if "kind" in data and (kind is None or data["kind"] == kind):
                found.append(data)
    return found


def live_figure(data, step):
    """A live chart's figure at ``step``, as plain dicts."""
    patch = data["patches"][step]
    return {
        "data": [live.merge(trace, trace_patch) for trace, trace_patch in zip(data["base"]["data"], patch["data"])],
        "layout": live.merge(data["base"]["layout"], patch["layout"]),
    }


def live_texts(at):
    """Every live text as the reader sees it now."""
    return [data["texts"][data["index"]] for data in live_data(at, "text")]


def figures(at):
    """Every Plotly figure on the page, as plain dicts, in page order (live charts at the server's λ)."""
    found = []
    for element in _in_page_order(at.main):
        if getattr(element, "type", None) == "plotly_chart":
            found.append(json.loads(element.proto.spec))
        elif hasattr(element, "proto") and getattr(element.proto, "json", ""):
            data = json.loads(element.proto.json)
            assert isinstance(data, dict), f"a live element got data that is not JSON: {element.proto.json[:80]}"
            if data.get("kind") == "chart":
                step = data["index"] if "index" in data else lam_step(at, data["group"])
                found.append(live_figure(data, step))
    return found


def lam_step(at, group="lam"):
    """The step of the live control of ``group`` the server drew (for λ, the position in SLIDER_LAMS)."""
    (control,) = [data for data in live_data(at, "control") if data["group"] == group]
    return control["index"]


def lam_value(at):
    return float(SLIDER_LAMS[lam_step(at)])


def release_lam(at, lam):
    """What the browser sends when the reader lets go of the λ control at ``lam``; then the rerun."""
    return release_step(at, int(np.flatnonzero(np.isclose(SLIDER_LAMS, lam, rtol=1e-9, atol=0))[0]))


def release_step(at, step, group="lam"):
    """What the browser sends when the reader lets go of the live control of ``group`` at ``step``; then the rerun."""
    (control,) = [
        element
        for element in _in_page_order(at.main)
        if hasattr(element, "proto")
        and getattr(element.proto, "json", "")
        and json.loads(element.proto.json).get("kind") == "control"
        and json.loads(element.proto.json).get("group") == group
    ]
    states = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{control.proto.id}{EVENT_DELIM}events"
    trigger.json_trigger_value = json.dumps([{"event": "release", "value": step}])
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


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
    """x and y of the model's curve on the ``index``-th chart that draws one (small pictures have none)."""
    with_curve = [figure for figure in figures(at) if any(d.get("name") == "Model's curve" for d in figure["data"])]
    assert len(with_curve) > index, "no chart draws the model's curve"
    return trace(with_curve[index], "Model's curve")


def widget(elements, label_part):
    """The one widget whose label contains ``label_part``."""
    found = [element for element in elements if label_part in element.label]
    assert len(found) == 1, [element.label for element in elements]
    return found[0]


PLAIN_KINDS = {"markdown", "caption", "info", "success", "warning", "error", "title", "header", "subheader"}


def _is_in_depth(block):
    return getattr(block, "type", None) == "expander" and str(getattr(block, "label", "")).startswith("In depth")


def _elements(node):
    """Every element under ``node`` in page order, leaving out "In depth" expanders."""
    for child in getattr(node, "children", {}).values():
        if _is_in_depth(child):
            continue
        yield child
        yield from _elements(child)


def _live_text(element):
    proto = getattr(element, "proto", None)
    if getattr(element, "type", None) != "bidi_component" or proto is None or not getattr(proto, "json", ""):
        return None
    data = json.loads(proto.json)
    return data["texts"][data["index"]] if data.get("kind") == "text" else None


def _unmarked(text):
    """Markdown as the reader sees it: link targets, emphasis and list marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text))
    text = re.sub(r"[*_`#]+", "", text)
    return re.sub(r"^\s*[-•]\s+", "", text, flags=re.MULTILINE)


def plain_text(at):
    """The page's plain text, in page order, without the "In depth" expanders."""
    parts = []
    for element in _elements(at.main):
        kind = getattr(element, "type", None)
        if kind in PLAIN_KINDS:
            parts.append(_unmarked(element.value))
        else:
            live = _live_text(element)
            if live is not None:
                parts.append(live)
    return "\n".join(part for part in parts if part.strip())
