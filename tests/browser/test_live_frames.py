"""Identical pictures: after a drag's quick frames and after the release, every live chart draws the server's figure.

While the reader drags, the stepper redraws a chart the quick way (``Plotly.animate`` without a redraw, then
a ``relayout`` of what changed; components/stepper/stepper.js); on release it draws the step in full. Both
must show exactly what the server builds for that λ: the server's figure is taken from the app itself run with
``AppTest`` and released at the same step, drawn afresh by Plotly in the same page, and compared with the
live chart trace by trace (drawn x, y, text), axis by axis (ranges, and the server's own fixed ranges), shape by
shape and note by note.
"""

import math

import pytest

from tests.apptest_helpers import live_chart_count, live_data, live_figure, open_page, release_step
from tests.browser.stepper import control_step, drag, lam_range, open_live, release, wait_for_step

pytestmark = pytest.mark.browser

WHY_NAME = "Penalty strength λ (for this picture)"
#: path: (page script for AppTest, the control's name, its group)
PAGES = {
    "/": (None, "Penalty strength λ", "lam"),
    "/playground": ("pages/playground.py", "Penalty strength λ", "lam"),
    "/weights": ("pages/weights.py", "Penalty strength λ", "lam"),
    "/curves": ("pages/curves.py", "Penalty strength λ", "lam"),
    "/faq": ("pages/faq.py", "Penalty strength λ", "lam"),
    "/why": ("pages/why.py", WHY_NAME, "why"),
    "/signals": ("pages/signals.py", "Penalty strength λ", "lam"),
    "/feedback": ("pages/feedback.py", "Penalty strength λ", "lam"),
}
#: Pages whose every frame must take the quick path (the server fixes their axes over every step).
QUICK = {"/", "/playground", "/weights", "/curves", "/faq", "/why"}
#: Stops well inside the control, so the drag ends at a step the charts have not started from.
DRAG = [0.1, 0.2, 0.3, 0.45, 0.6, 0.7]

# What a chart shows: every trace's drawn values, every axis's range, shapes and notes.
_PICTURE = """(gd) => {
    const values = (v) => v === undefined || v === null ? null
        : (Array.isArray(v) || ArrayBuffer.isView(v)) ? Array.from(v, x => (typeof x === 'number' && !Number.isFinite(x)) ? null : x)
        : v;
    const axes = Object.keys(gd._fullLayout).filter(key => /^[xy]axis[0-9]*$/.test(key)).sort();
    return {
        traces: gd._fullData.map(t => ({type: t.type, name: t.name, visible: t.visible, x: values(t.x), y: values(t.y),
                                        z: t.z ? Array.from(t.z, row => values(row)) : null, text: values(t.text)})),
        ranges: Object.fromEntries(axes.map(key => [key, gd._fullLayout[key].range.map(Number)])),
        autorange: Object.fromEntries(axes.map(key => [key, gd._fullLayout[key].autorange])),
        shapes: (gd._fullLayout.shapes || []).map(s => [s.xref, s.yref, s.x0, s.x1, s.y0, s.y1, s.visible]),
        notes: (gd._fullLayout.annotations || []).map(a => [a.text, a.xref, a.yref, a.x, a.y, a.visible]),
    };
}"""

# The chart's SVG as text, attributes (and a style's declarations) sorted and Plotly's random ids (the plot's, each trace's) named by place.
_SVG = """(gd) => {
    const canon = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent;
        if (node.nodeType !== Node.ELEMENT_NODE) return '';
        // a style's declarations sorted too: a frame may set the same properties in another order
        const value = (a) => a.name !== 'style' ? a.value
            : a.value.split(';').map(d => d.trim()).filter(Boolean).sort().join('; ');
        const attributes = [...node.attributes].filter(a => !(a.name === 'class' && a.value === ''))
            .map(a => `${a.name}=${value(a)}`).sort().join(' ');
        return `<${node.tagName} ${attributes}>${[...node.childNodes].map(canon).join('')}</${node.tagName}>`;
    };
    let svg = [...gd.querySelectorAll('.main-svg')].map(canon).join('\\n');
    svg = svg.replace(new RegExp(`([a-zA-Z-])${gd._fullLayout._uid}`, 'g'), '$1PLOT');
    gd._fullData.forEach((t, i) => { svg = svg.replace(new RegExp(`([a-zA-Z-])${t.uid}`, 'g'), `$1TRACE${i}`); });
    return svg;
}"""

_LIVE_PICTURES = f"""() => [...document.querySelectorAll('.stepper-chart')].map(gd => ({{
    draw: gd.dataset.draw, step: gd.dataset.step, picture: ({_PICTURE})(gd), svg: ({_SVG})(gd),
}}))"""

# The server's figure drawn afresh by Plotly (the live chart's config, as wide as it) in the same page.
_SERVER_PICTURE = f"""async ([index, figure]) => {{
    const live = document.querySelectorAll('.stepper-chart')[index];
    let root = live;
    while (root && !root.__stepper) root = root.parentElement;
    const fresh = document.createElement('div');
    fresh.style.width = `${{live.clientWidth}}px`;
    document.body.append(fresh);
    try {{
        await Plotly.newPlot(fresh, figure.data, figure.layout, root.__stepper.config);
        return {{picture: ({_PICTURE})(fresh), svg: ({_SVG})(fresh)}};
    }} finally {{
        Plotly.purge(fresh);
        fresh.remove();
    }}
}}"""


def _server_figures(script, group, step):
    """The figure of every live chart of the page, as the server builds it once the reader lets go at ``step``."""
    at = open_page(script)
    at = release_step(at, step, group)
    charts = [data for data in live_data(at, "chart") if data["group"] == group]
    (control,) = [data for data in live_data(at, "control") if data["group"] == group]
    assert control["index"] == step, "the server took the released step"
    return [live_figure(data, data.get("index", step)) for data in charts]


def _close(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isclose(a, b, rel_tol=1e-12))


def _assert_same_picture(live, server, where):
    assert len(live["traces"]) == len(server["traces"]), where
    for i, (mine, theirs) in enumerate(zip(live["traces"], server["traces"], strict=True)):
        assert mine == theirs, f"{where}: trace {i} ({theirs['name']!r}) is drawn differently"
    assert live["ranges"].keys() == server["ranges"].keys(), where
    for axis, theirs in server["ranges"].items():
        assert all(_close(a, b) for a, b in zip(live["ranges"][axis], theirs, strict=True)), (
            f"{where}: {axis} range {live['ranges'][axis]} is not the server's {theirs}"
        )
    assert live["autorange"] == server["autorange"], where
    assert live["shapes"] == server["shapes"], f"{where}: shapes"
    assert live["notes"] == server["notes"], f"{where}: notes"


def _assert_fixed_ranges_kept(live, figure, where):
    """Where the server's figure fixes an axis range, the live chart shows exactly that range."""
    for axis, settings in figure["layout"].items():
        if axis[1:5] == "axis" and isinstance(settings, dict) and "range" in settings:
            assert all(_close(a, float(b)) for a, b in zip(live["ranges"][axis], settings["range"], strict=True)), (
                f"{where}: {axis} shows {live['ranges'][axis]}, the server fixed {settings['range']}"
            )


@pytest.mark.parametrize("path", list(PAGES))
def test_frames_and_the_release_draw_the_servers_figure(page, path):
    script, name, group = PAGES[path]
    count = live_chart_count(path)
    open_live(page, path, count)
    control = lam_range(page, name)
    start = control_step(control)

    drag(page, control, DRAG)
    step = control_step(control)
    assert step != start, "the drag moved the control"
    wait_for_step(page, step)
    during = page.evaluate(_LIVE_PICTURES)
    if path in QUICK:
        assert [chart["draw"] for chart in during] == ["frame"] * count, "every chart drew the drag the quick way"

    release(page)
    wait_for_step(page, step)
    after = page.evaluate(_LIVE_PICTURES)
    assert [chart["draw"] for chart in after] == ["react"] * count, "the release draws every chart in full"

    figures = _server_figures(script, group, step)
    assert len(figures) == count
    for index, figure in enumerate(figures):
        server = page.evaluate(_SERVER_PICTURE, [index, figure])
        for moment, live in (("during the drag", during[index]), ("after the release", after[index])):
            where = f"{path} chart {index} at step {step}, {moment}"
            _assert_same_picture(live["picture"], server["picture"], where)
            _assert_fixed_ranges_kept(live["picture"], figure, where)
        if path in QUICK:  # the quick path's drawing, element by element
            assert during[index]["svg"] == server["svg"], f"{path} chart {index} at step {step}: the SVG differs"
