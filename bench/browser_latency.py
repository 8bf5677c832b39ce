"""How fast the λ charts follow the reader in a real Chromium: drag frames, arrow keys, first chart.

Run from the project root:

    .venv/bin/python bench/browser_latency.py [--presses 15] [--visits 3] [--baseline REVISION] [paths ...]

(default paths: / /playground /weights /curves). One Chromium, one app server (two with
``--baseline``: the second serves the app as it was at that git revision, for example ``main``, and
every measurement alternates between the two, so both see the same spell of machine load).

Measured with the page's own clock (``performance.now()``). "Painted" is the end of the first frame
rendered after the change: a loop queues a ``setTimeout(0)`` from every ``requestAnimationFrame``, which
runs once that frame has been rendered; a change made before a frame's turn to render (in an event
handler, or in a ``requestAnimationFrame`` callback such as the one where ``Plotly.animate`` does its
work) is painted by that frame. The live charts say when they have drawn a step (``data-step``).

  drag          per page: a real mouse drag across the whole λ control (60 pointer moves, one per
                frame). Per pointer event that moved the control, the time until every live chart on the
                page shows the control's step and is painted (p50, p95). Then, in the same page, a replay
                of the same steps with ``Plotly.react`` on every chart (as the control drew every frame
                before issue 22), each step from a fresh task after a paint, measured the same way: the
                ratio drag / replay is the figure that survives a noisy machine. Also: how the frames
                were drawn (the quick path or a full react), how often the charts changed, the messages
                sent to the server before and on release, and the share of the drag the main thread spent
                in long tasks (> 50 ms).
  λ key         per page: an arrow key press (Playwright's ``press``) until every λ chart has the new step
                and is painted (p50, p95); each press waits for the server's rerun before the next.
  first chart   a fresh browser (empty cache) opening / (median of --visits, after one visit that warms
                the server): time from the start of navigation to each milestone: the page's HTML,
                Streamlit's scripts downloaded, websocket open, first message from the server, plotly.js
                downloaded (the live control loads it from app/static/) and run, the first chart painted.

The load average is printed at the start, after each page and at the end: on a shared machine, read the
absolute times beside it, and trust the ratios from one run.
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.apptest_helpers import live_chart_count  # noqa: E402
from tests.browser.driver import (  # noqa: E402
    TIMEOUT_MS,
    count_finished_runs,
    launch_chromium,
    open_app,
    serve_app,
    slider,
    wait_for_app,
)
from tests.browser.stepper import (  # noqa: E402
    act_and_wait_for_rerun,
    record_sent_frames,
)

PATHS = ["/", "/playground", "/weights", "/curves"]
#: How many charts follow λ on each page (the same in the older app: /curves had a fourth, fixed, preview).


def following(path):
    """How many live charts follow λ on ``path`` (read from the app itself, as the browser tests do)."""
    return live_chart_count(path.split("?")[0])


DRAG_MOVES = 60
RERUN_WAIT_MS = 15_000

# Installed before any page script: marks for the first chart, Plotly's arrival and the websocket.
_INIT = """(() => {
    const marks = window.__marks = {};
    const first = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
    let plotly;
    Object.defineProperty(window, 'Plotly', {
        configurable: true,
        get() { return plotly; },
        set(value) { plotly = value; first('plotly'); },
    });
    const Socket = window.WebSocket;
    window.WebSocket = function (...args) {
        const socket = new Socket(...args);
        first('wsCreated');
        socket.addEventListener('open', () => first('wsOpen'));
        socket.addEventListener('message', () => first('wsMessage'));
        return socket;
    };
    Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
    window.WebSocket.prototype = Socket.prototype;
    const look = () => {
        if (document.querySelector('.js-plotly-plot .main-svg')) setTimeout(() => first('chart'), 0);
        else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
})();"""

_MILESTONES = """() => {
    const m = window.__marks;
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const scripts = resources.filter(r => r.initiatorType === 'script' && r.name.includes('/static/js/'));
    const plotly = resources.find(r => /[/]static[/]plotly[^/]*[.]js$/.test(r.name));
    return {
        html: navigation.responseEnd,
        scripts: scripts.length ? Math.max(...scripts.map(r => r.responseEnd)) : null,
        script_bytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
        ws_open: m.wsOpen ?? null,
        ws_message: m.wsMessage ?? null,
        plotly_start: plotly ? plotly.startTime : null,
        plotly_loaded: plotly ? plotly.responseEnd : null,
        plotly_run: m.plotly ?? null,
        plotly_bytes: plotly ? plotly.encodedBodySize : 0,
        chart: m.chart ?? null,
    };
}"""

# The charts' fingerprints, and a loop that looks at them once per rendered frame.
_BENCH = """() => {
    if (window.__bench) return;
    const fingerprint = () => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
        let sum = 0;
        for (const trace of plot._fullData || []) {
            for (const values of [trace.x, trace.y]) {
                if (!values) continue;
                for (let i = 0; i < values.length; i++) {
                    const v = +values[i];
                    if (Number.isFinite(v)) sum += v * (i % 7 + 1);
                }
            }
        }
        for (const shape of (plot._fullLayout || {}).shapes || []) sum += 3 * (+shape.x0 || 0) + 5 * (+shape.x1 || 0);
        return sum;
    });
    const afterPaint = (check) => requestAnimationFrame(() => setTimeout(check, 0));
    const changedCharts = (before, now) =>
        now.length === before.length ? now.filter((value, i) => value !== before[i]).length : 0;
    window.__bench = {fingerprint, afterPaint, changedCharts};
}"""

# Which frame paints what the page holds now: a loop numbers the frames and notes when each was rendered.
_FRAMES = """() => {
    if (window.__frames) return;
    const w = window.__frames = {frame: 0, rendered: new Map()};
    const loop = () => {
        w.frame += 1;
        const frame = w.frame;
        setTimeout(() => { w.rendered.set(frame, performance.now()); w.rendered.delete(frame - 600); }, 0);
        requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    // a change made now is painted by the current frame if it has not been rendered yet, else by the next
    w.paintFrame = () => (w.rendered.has(w.frame) ? w.frame + 1 : w.frame);
    w.paintedAt = (frame) => new Promise((resolve) => {
        const poll = () => (w.rendered.has(frame) ? resolve(w.rendered.get(frame)) : setTimeout(poll, 1));
        poll();
    });
}"""

# The live charts (div.stepper-chart, each with data-step); a resolver for "every chart shows step".
_LIVE = """() => {
    if (window.__live) return;
    const charts = () => [...document.querySelectorAll('.stepper-chart')];
    const control = () => document.querySelector('input.stepper-range');
    // calls done(paintedAt) once every live chart shows `step` (now or later)
    const whenAt = (step, done) => {
        const plots = charts();
        const check = () => plots.length > 0 && plots.every(plot => plot.dataset.step === String(step));
        const finish = () => window.__frames.paintedAt(window.__frames.paintFrame()).then(done);
        if (check()) { finish(); return () => {}; }
        const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); finish(); } });
        plots.forEach(plot => observer.observe(plot, {attributes: true, attributeFilter: ['data-step']}));
        return () => observer.disconnect();
    };
    window.__live = {charts, control, whenAt};
}"""

_KEY_WATCH_LIVE = """() => {
    const {control, whenAt} = window.__live;
    const input = control();
    window.__keyResult = new Promise((resolve) => {
        let cancel = () => {};
        const timer = setTimeout(() => { cancel(); resolve(null); }, 20000);
        document.addEventListener('keydown', () => {
            const pressed = performance.now();
            // the control's new value is set by the key's default action, after this listener
            setTimeout(() => { cancel = whenAt(input.value, (at) => { clearTimeout(timer); resolve(at - pressed); }); }, 0);
        }, {capture: true, once: true});
    });
}"""

_KEY_WATCH = """([following]) => {
    const {fingerprint, afterPaint, changedCharts} = window.__bench;
    const before = fingerprint();
    window.__keyResult = new Promise((resolve) => {
        let pressed = null;
        const deadline = performance.now() + 20000;
        document.addEventListener('keydown', () => { pressed = performance.now(); }, {capture: true, once: true});
        const check = () => {
            if (pressed !== null && changedCharts(before, fingerprint()) >= following) resolve(performance.now() - pressed);
            else if (performance.now() > deadline) resolve(null);
            else afterPaint(check);
        };
        afterPaint(check);
    });
}"""

_DRAG_WATCH = """() => {
    const {charts, control} = window.__live;
    const input = control();
    const plots = charts();
    const watch = window.__drag = {
        pending: [], latencies: [], steps: [], kinds: {}, updates: 0, busy: 0, start: performance.now(), waits: [],
    };
    const long = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.startTime >= watch.start) watch.busy += entry.duration;
    });
    long.observe({type: 'longtask'});
    watch.longObserver = long;
    let pointer = null;
    const onPointer = () => { pointer = performance.now(); };
    window.addEventListener('pointermove', onPointer, {capture: true});
    input.addEventListener('input', () => { watch.pending.push(pointer ?? performance.now()); pointer = null; }, {capture: true});
    watch.stopPointer = () => window.removeEventListener('pointermove', onPointer, {capture: true});
    const observer = new MutationObserver(() => {
        const step = input.value;
        if (!watch.pending.length || !plots.every(plot => plot.dataset.step === step)) return;
        const started = watch.pending;
        watch.pending = [];
        watch.updates += 1;
        watch.steps.push(Number(step));
        const kind = plots.map(plot => plot.dataset.draw || 'react').join(' ');
        watch.kinds[kind] = (watch.kinds[kind] || 0) + 1;
        const wait = window.__frames.paintedAt(window.__frames.paintFrame()).then((at) => {
            for (const start of started) watch.latencies.push(at - start);
        });
        watch.waits.push(wait);
    });
    plots.forEach(plot => observer.observe(plot, {attributes: true, attributeFilter: ['data-step', 'data-draw']}));
    watch.observer = observer;
}"""

_DRAG_RESULT = """async () => {
    const watch = window.__drag;
    watch.observer.disconnect();
    watch.stopPointer();
    await Promise.all(watch.waits);
    for (const entry of watch.longObserver.takeRecords()) if (entry.startTime >= watch.start) watch.busy += entry.duration;
    watch.longObserver.disconnect();
    return {
        latencies: watch.latencies, steps: watch.steps, kinds: watch.kinds, updates: watch.updates,
        busy: watch.busy / (performance.now() - watch.start),
    };
}"""

# The same steps again, each a Plotly.react of every live chart (from a fresh task after a paint, as an input
# event would come), with the step's figure assembled from the chart's own data: public plotly.js calls only.
_REPLAY = """async (steps) => {
    const TYPES = {i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray, i2: Int16Array, u2: Uint16Array,
                   i4: Int32Array, u4: Uint32Array, f4: Float32Array, f8: Float64Array};
    const plain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
    const decode = (v) => {
        if (Array.isArray(v)) return v.map(decode);
        if (!plain(v)) return v;
        if ('bdata' in v && TYPES[v.dtype]) {
            const text = atob(v.bdata);
            const bytes = new Uint8Array(text.length);
            for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
            const flat = new TYPES[v.dtype](bytes.buffer);
            if (v.shape === undefined || !String(v.shape).includes(',')) return flat;
            const [rows, columns] = String(v.shape).split(',').map(Number);
            return Array.from({length: rows}, (_, r) => flat.subarray(r * columns, (r + 1) * columns));
        }
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    };
    const merge = (base, patch) => {
        const out = Object.assign({}, base);
        for (const [k, v] of Object.entries(patch)) {
            if (v === null) delete out[k];
            else if (plain(v) && plain(out[k])) out[k] = merge(out[k], v);
            else out[k] = v;
        }
        return out;
    };
    const copy = (v) => Array.isArray(v) ? v.map(copy) : plain(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) : v;
    const charts = window.__live.charts().map((plot) => {
        let root = plot;
        while (root && !root.__stepper) root = root.parentElement;
        const data = root.__stepper.data;
        const base = decode(data.base);
        const figures = data.patches.map((patch) => {
            patch = decode(patch);
            return {
                data: base.data.map((trace, i) => merge(trace, patch.data[i] || {})),
                layout: Object.assign(merge(base.layout, patch.layout), {uirevision: 'stepper'}),
            };
        });
        return {plot, figures, config: (root.__stepper && root.__stepper.config) || {}};
    });
    const frames = window.__frames;
    const latencies = [];
    for (const step of steps) {
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        const start = performance.now();
        for (const chart of charts) {
            const figure = chart.figures[step];
            await Plotly.react(chart.plot, copy(figure.data), copy(figure.layout), chart.config);
        }
        latencies.push(await frames.paintedAt(frames.paintFrame()) - start);
    }
    return latencies;
}"""


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def lam_control(page):
    """The λ control: the live range input, or in the older app Streamlit's slider thumb."""
    live = page.locator("input.stepper-range")
    return live.first if live.count() else slider(page, "Penalty strength λ").first


def lam_track(page):
    """The box a drag moves across: the range input, or the older slider's whole widget."""
    live = page.locator("input.stepper-range")
    if live.count():
        live.first.scroll_into_view_if_needed()  # Home's control sits below its three small pictures
        return live.first.bounding_box(), None
    widget = page.get_by_test_id("stSlider").filter(has_text="Penalty strength λ").first
    return widget.bounding_box(), widget.get_by_role("slider").bounding_box()


def open_ready(page, path, following):
    """Open ``path`` and wait until its λ charts are painted (the live charts load after the script run)."""
    open_app(page, path)
    page.wait_for_function(
        """(count) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= count""", arg=following
    )
    wait_for_app(page)
    for script in (_BENCH, _FRAMES, _LIVE):
        page.evaluate(script)


def load_average():
    return os.getloadavg()[0]


class Reader:
    """One reader of one server: a fresh browser context for each page visited."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.context = self.page = self.sent = None
        self.keys = {}
        self.drags = {}

    def visit(self, path):
        """A new browser context on ``path``, its λ charts painted."""
        self.close()
        self.context = self.browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=self.base_url)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.sent = record_sent_frames(self.page)
        count_finished_runs(self.page)
        open_ready(self.page, path, following(path))

    @property
    def live(self):
        """Does the page have the live λ control (the app since issue 10)?"""
        return self.page.locator(".stepper-chart").count() > 0

    def press(self, path, key):
        page = self.page
        if self.live:
            page.evaluate(_KEY_WATCH_LIVE)
        else:
            page.evaluate(_KEY_WATCH, [following(path)])
        control = lam_control(page)
        control.focus()
        latencies = []

        def press():
            control.press(key)
            latencies.append(page.evaluate("() => window.__keyResult"))

        # The server's rerun, before the next press (the older app's slider can drop a press: then there is none).
        with contextlib.suppress(PlaywrightTimeout):
            act_and_wait_for_rerun(page, press, timeout_ms=RERUN_WAIT_MS)
        wait_for_app(page)
        if latencies[0] is None:
            raise RuntimeError(f"{path}: the λ charts did not change within 20 s of {key}")
        self.keys.setdefault(path, []).append(latencies[0])

    def drag_across(self, path):
        """A mouse drag across the λ control of ``path`` (visited already), then the react replay of its steps."""
        page = self.page
        if not self.live:
            return
        box = lam_track(page)[0]
        y = box["y"] + box["height"] / 2
        start, end = box["x"] + 8, box["x"] + box["width"] - 8
        page.mouse.move(start, y)
        page.evaluate(_DRAG_WATCH)
        sent_before = len(self.sent)
        page.mouse.down()
        for move in range(1, DRAG_MOVES + 1):
            page.mouse.move(start + (end - start) * move / DRAG_MOVES, y)
            page.evaluate("() => new Promise(done => requestAnimationFrame(done))")
        page.wait_for_timeout(200)
        result = page.evaluate(_DRAG_RESULT)
        sent_during = len(self.sent) - sent_before
        act_and_wait_for_rerun(page, page.mouse.up)
        sent_after = len(self.sent) - sent_before - sent_during
        replay = page.evaluate(_REPLAY, result["steps"])
        self.drags[path] = result | {
            "replay": replay,
            "sent_during": sent_during,
            "sent_after": sent_after,
            "load": load_average(),
        }

    def close(self):
        if self.context is not None:
            self.context.close()
            self.context = None


def first_chart(browser, base_url):
    """Milestones (ms from navigation start) for a fresh browser opening /."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(_INIT)
    page = context.new_page()
    try:
        page.goto("/")
        page.wait_for_function("() => window.__marks && window.__marks.chart !== undefined", polling=50)
        return page.evaluate(_MILESTONES)
    finally:
        context.close()


@contextlib.contextmanager
def baseline_tree(revision):
    """The whole project as it was at git ``revision``, in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="l2lab-baseline-") as folder:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        yield Path(folder)


def ms(value):
    return "–" if value is None or value != value else f"{value:.0f}"


def ratio(now, before):
    return f"{now / before:.2f}×" if now and before and before == before and now == now else "–"


def pair(values, form=ms):
    """ "p50 / p95" of ``values``."""
    return f"{form(percentile(values, 0.5))} / {form(percentile(values, 0.95))}" if values else "–"


def report(labels, readers, paths, firsts):
    lines = []
    two = len(labels) == 2
    head = "| measure | " + " | ".join(labels) + (f" | {labels[0]} / {labels[1]} |" if two else " |")
    rule = "|---|" + "".join("---:|" for _ in labels) + ("---:|" if two else "")
    lines += [head, rule]

    def add(name, cells, tail=""):
        lines.append(f"| {name} | " + " | ".join(cells) + (f" | {tail} |" if two else " |"))

    def ratios(a, b):
        if not a or not b:
            return "–"
        return f"{ratio(percentile(a, 0.5), percentile(b, 0.5))} / {ratio(percentile(a, 0.95), percentile(b, 0.95))}"

    for path in paths:
        drags = [reader.drags.get(path) for reader in readers]
        if not any(drags):
            continue
        add(
            f"drag {path}: pointer → all charts painted, p50 / p95",
            [pair(d["latencies"]) if d else "–" for d in drags],
            ratios(*(d and d["latencies"] for d in drags)) if two else "",
        )
        add(
            f"drag {path}: `Plotly.react` replay of the same frames, p50 / p95",
            [pair(d["replay"]) if d else "–" for d in drags],
        )
        add(
            f"drag {path}: drag / replay, p50 / p95",
            [ratios(d["latencies"], d["replay"]) if d else "–" for d in drags],
        )
        add(
            f"drag {path}: frames drawn (each chart: frame = quick path)",
            [", ".join(f"{kind}: {count}" for kind, count in d["kinds"].items()) if d else "–" for d in drags],
        )
        add(
            f"drag {path}: chart updates / messages before release / on release",
            [f"{d['updates']} / {d['sent_during']} / {d['sent_after']}" if d else "–" for d in drags],
        )
        add(f"drag {path}: main thread in long tasks (%)", [ms(100 * d["busy"]) if d else "–" for d in drags])
        add(f"drag {path}: load average (1 min) after", [f"{d['load']:.2f}" if d else "–" for d in drags])
    for path in paths:
        keys = [reader.keys.get(path, []) for reader in readers]
        add(f"λ key {path}: all λ charts new, p50 / p95", [pair(k) for k in keys], ratios(*keys) if two else "")
    names = {
        "html": "first visit /: page HTML",
        "scripts": "… Streamlit's scripts downloaded",
        "ws_open": "… websocket open",
        "ws_message": "… first message from the server",
        "plotly_start": "… plotly.js requested",
        "plotly_loaded": "… plotly.js downloaded",
        "plotly_run": "… plotly.js run (window.Plotly set)",
        "chart": "… first chart painted",
    }
    for key, name in names.items():
        values = [
            statistics.median([f[key] for f in runs]) if all(f[key] is not None for f in runs) else None
            for runs in firsts
        ]
        add(name, [ms(value) for value in values], ratio(*values) if two else "")
    add("… Streamlit's scripts (MB, compressed)", [f"{runs[0]['script_bytes'] / 1e6:.1f}" for runs in firsts])
    add("… plotly.js (MB)", [f"{runs[0]['plotly_bytes'] / 1e6:.1f}" for runs in firsts])
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=15, help="arrow-key presses per page (default 15)")
    parser.add_argument("--visits", type=int, default=3, help="fresh-browser visits of / (median; default 3)")
    parser.add_argument("--no-drag", action="store_true", help="skip the drags")
    parser.add_argument(
        "--baseline",
        metavar="REVISION",
        help="also serve the app as it was at this git revision and measure both in turn (ratios in the table)",
    )
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    print(f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs", flush=True)
    with contextlib.ExitStack() as stack:
        servers = [("now", stack.enter_context(serve_app()))]
        if args.baseline:
            tree = stack.enter_context(baseline_tree(args.baseline))
            servers.append((args.baseline, stack.enter_context(serve_app(tree))))
        browser = stack.enter_context(launch_chromium())
        for _, server in servers:  # the server's first run of / imports and fits: not what a reader waits for
            first_chart(browser, server.url)
        firsts = [[] for _ in servers]
        for _ in range(args.visits):
            for runs, (_, server) in zip(firsts, servers, strict=True):
                runs.append(first_chart(browser, server.url))
        print(f"first visits done, load average {load_average():.2f}", flush=True)
        readers = [Reader(browser, server.url) for _, server in servers]
        for path in args.paths:
            if not args.no_drag:
                for reader in readers:
                    reader.visit(path)
                    reader.drag_across(path)
            for reader in readers:
                reader.visit(f"{path}?lam=0.001")  # the same start in both apps (their defaults differ)
            for press in range(args.presses):
                key = "ArrowLeft" if press % 8 >= 4 else "ArrowRight"  # wander around the default λ
                for reader in readers:
                    reader.press(path, key)
            print(f"{path} done, load average {load_average():.2f}", flush=True)
        lines = report([label for label, _ in servers], readers, args.paths, firsts)
        for reader in readers:
            reader.close()
    print("\n" + "\n".join(lines))
    print(f"\nms unless stated; load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
