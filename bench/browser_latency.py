"""How fast the λ charts follow the reader in a real Chromium: drag, arrow keys, first chart.

Run from the project root:

    .venv/bin/python bench/browser_latency.py [--presses 15] [--baseline REVISION] [paths ...]

(default paths: / /playground /weights /curves). One Chromium, one app server (two with
``--baseline``: the second serves the app as it was at that git revision, and every measurement
alternates between the two, so both see the same spell of machine load; the table gives the ratios).

Measured with the page's own clock (``performance.now()``); "painted" means the first moment after the
frame that drew the change: a ``setTimeout(0)`` queued in that frame's ``requestAnimationFrame``, which
runs once the frame has been rendered.

  drag          on the heaviest page (--drag-page, default /curves): a mouse drag across the whole λ
                control, one pointer move per frame. Per input event, the time until every live chart
                shows the control's step and is painted (p50, p95); how many times the charts changed
                before the mouse was released; websocket frames the browser sent before the release
                (the app as it was before the live control has no input events and no chart changes);
                and the share of the drag the page's main thread spent in long tasks (> 50 ms).
  λ key         per page: an arrow key press (Playwright's ``press``) until every λ chart has new data
                and is painted (p50, p95); each press waits for the server's rerun before the next.
  first chart   a fresh browser (empty cache) opening / (median of --visits, after one visit that warms
                the server): time from the start of navigation to each milestone: the page's HTML, Streamlit's scripts downloaded, websocket open, first message
                from the server, plotly.min.js downloaded and run (the live control loads it itself;
                the older app bundles Plotly in a Streamlit chunk), and the first chart painted.
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

from tests.browser.driver import (  # noqa: E402
    TIMEOUT_MS,
    launch_chromium,
    open_app,
    serve_app,
    slider,
    wait_for_app,
)
from tests.browser.stepper import act_and_wait_for_rerun, count_finished_runs, record_sent_frames  # noqa: E402

PATHS = ["/", "/playground", "/weights", "/curves"]
#: How many charts follow λ on each page (the same in the older app: /curves had a fourth, fixed, preview).
FOLLOWING = {"/": 1, "/playground": 1, "/weights": 3, "/curves": 3, "/faq": 3}
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
    const plotly = resources.find(r => r.name.includes('plotly.min.js'));
    return {
        html: navigation.responseEnd,
        scripts: scripts.length ? Math.max(...scripts.map(r => r.responseEnd)) : null,
        script_bytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
        ws_open: m.wsOpen ?? null,
        ws_message: m.wsMessage ?? null,
        plotly_start: plotly ? plotly.startTime : null,
        plotly_loaded: plotly ? plotly.responseEnd : null,
        plotly_run: m.plotly ?? null,
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
    const {fingerprint, afterPaint} = window.__bench;
    const control = document.querySelector('input.stepper-range');
    const watch = window.__drag = {pending: [], latencies: [], updates: 0, stop: false, busy: 0, start: performance.now()};
    const long = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.startTime >= watch.start) watch.busy += entry.duration;
    });
    long.observe({type: 'longtask'});
    watch.observer = long;
    if (control) control.addEventListener('input', () => watch.pending.push(performance.now()), {capture: true});
    let last = JSON.stringify(fingerprint());
    const check = () => {
        const now = JSON.stringify(fingerprint());
        if (now !== last) { watch.updates += 1; last = now; }
        const charts = [...document.querySelectorAll('.stepper-chart')];
        if (control && watch.pending.length && charts.every(chart => chart.dataset.step === control.value)) {
            const at = performance.now();
            for (const start of watch.pending) watch.latencies.push(at - start);
            watch.pending = [];
        }
        if (!watch.stop) afterPaint(check);
    };
    afterPaint(check);
}"""

_DRAG_RESULT = """() => {
    const watch = window.__drag;
    watch.stop = true;
    for (const entry of watch.observer.takeRecords()) if (entry.startTime >= watch.start) watch.busy += entry.duration;
    watch.observer.disconnect();
    return {latencies: watch.latencies, updates: watch.updates, busy: watch.busy / (performance.now() - watch.start)};
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
    page.evaluate(_BENCH)


class Reader:
    """One reader of one server: a fresh browser context for each page visited."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.context = self.page = self.sent = None
        self.keys = {}
        self.drag = None

    def visit(self, path):
        """A new browser context on ``path``, its λ charts painted."""
        self.close()
        self.context = self.browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=self.base_url)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.sent = record_sent_frames(self.page)
        open_ready(self.page, path, FOLLOWING[path.split("?")[0]])

    def press(self, path, key):
        page = self.page
        page.evaluate(_KEY_WATCH, [FOLLOWING[path]])
        control = lam_control(page)
        control.focus()
        count_finished_runs(page)
        control.press(key)
        latency = page.evaluate("() => window.__keyResult")
        if latency is None:
            raise RuntimeError(f"{path}: the λ charts did not change within 20 s of {key}")
        self.keys.setdefault(path, []).append(latency)
        # The server's rerun, before the next press (the older app's slider can drop a press: then there is none).
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function("() => window.__finishedRuns > 0", polling=50, timeout=RERUN_WAIT_MS)
        wait_for_app(page)

    def drag_across(self):
        page = self.page
        box, thumb = lam_track(page)
        y = box["y"] + box["height"] / 2 if thumb is None else thumb["y"] + thumb["height"] / 2
        start = box["x"] + 8 if thumb is None else thumb["x"] + thumb["width"] / 2
        end = box["x"] + box["width"] - 8
        page.mouse.move(start, y)
        page.evaluate(_DRAG_WATCH)
        sent_before = len(self.sent)
        page.mouse.down()
        for move in range(1, DRAG_MOVES + 1):
            page.mouse.move(start + (end - start) * move / DRAG_MOVES, y)
            page.evaluate("() => new Promise(done => requestAnimationFrame(done))")
        page.wait_for_timeout(100)
        result = page.evaluate(_DRAG_RESULT)
        sent_during = len(self.sent) - sent_before
        act_and_wait_for_rerun(page, page.mouse.up)
        self.drag = {
            "latencies": result["latencies"],
            "updates": result["updates"],
            "busy": result["busy"],
            "sent_during": sent_during,
            "sent_after": len(self.sent) - sent_before - sent_during,
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


def report(labels, readers, drag_page, paths, firsts):
    lines = []
    head = "| measure | " + " | ".join(labels) + (" | now / before |" if len(labels) == 2 else " |")
    rule = "|---|" + "|".join("---:" for _ in labels) + ("|---:|" if len(labels) == 2 else "|")
    lines += [head, rule]

    def add(name, values, compare=True):
        cells = [ms(value) if not isinstance(value, str) else value for value in values]
        tail = (" | " + (ratio(*values) if compare else "")) if len(labels) == 2 else ""
        lines.append(f"| {name} | " + " | ".join(cells) + tail + " |")

    drags = [reader.drag for reader in readers]
    add(f"drag {drag_page}: input → all charts painted, p50", [percentile(d["latencies"], 0.5) for d in drags], False)
    add(f"drag {drag_page}: input → all charts painted, p95", [percentile(d["latencies"], 0.95) for d in drags], False)
    add(f"drag {drag_page}: main thread in long tasks (%)", [100 * d["busy"] for d in drags], False)
    add(f"drag {drag_page}: chart updates before release", [str(d["updates"]) for d in drags], False)
    add(f"drag {drag_page}: messages to the server before release", [str(d["sent_during"]) for d in drags], False)
    add(f"drag {drag_page}: messages on release", [str(d["sent_after"]) for d in drags], False)
    for path in paths:
        for name, share in (("p50", 0.5), ("p95", 0.95)):
            add(f"λ key {path}: all λ charts new, {name}", [percentile(r.keys[path], share) for r in readers])
    names = {
        "html": "first visit /: page HTML",
        "scripts": "… Streamlit's scripts downloaded",
        "ws_open": "… websocket open",
        "ws_message": "… first message from the server",
        "plotly_start": "… plotly.min.js requested",
        "plotly_loaded": "… plotly.min.js downloaded",
        "plotly_run": "… plotly.min.js run (window.Plotly set)",
        "chart": "… first chart painted",
    }
    for key, name in names.items():
        add(
            name,
            [
                statistics.median([f[key] for f in runs]) if all(f[key] is not None for f in runs) else None
                for runs in firsts
            ],
        )
    add("… Streamlit's scripts (MB, compressed)", [f"{runs[0]['script_bytes'] / 1e6:.1f}" for runs in firsts], False)
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=15, help="arrow-key presses per page (default 15)")
    parser.add_argument("--visits", type=int, default=3, help="fresh-browser visits of / (median; default 3)")
    parser.add_argument("--drag-page", default="/curves", help="the page to drag on (default /curves)")
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
        readers = [Reader(browser, server.url) for _, server in servers]
        for reader in readers:
            reader.visit(args.drag_page)
            reader.drag_across()
        for path in args.paths:
            for reader in readers:
                reader.visit(f"{path}?lam=0.001")  # the same start in both apps (their defaults differ)
            for press in range(args.presses):
                key = "ArrowLeft" if press % 8 >= 4 else "ArrowRight"  # wander around the default λ
                for reader in readers:
                    reader.press(path, key)
            print(f"{path} done", flush=True)
        lines = report([label for label, _ in servers], readers, args.drag_page, args.paths, firsts)
        for reader in readers:
            reader.close()
    print("\n" + "\n".join(lines))
    print(f"\nms unless stated; load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
