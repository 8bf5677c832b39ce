"""Time from a λ arrow-key press to every chart showing the new λ, in a real Chromium.

Run from the project root: .venv/bin/python bench/browser_latency.py [--presses 20] [paths ...]
(default paths: / /playground /weights /curves). With ``--baseline REVISION`` a second server runs
the app as it was at that git revision; each page is opened on both and their
λ presses alternate (same browser, same spell of machine load), and the ratio of the medians is printed.

One server, one Chromium, a fresh browser context (a new reader) per page, pages in the
order given (so a page may find the server's cache warmed by an earlier one, as a real
reader would). Per page:
  first chart   navigation to the script run over and every chart painted (ms), for a new
                reader (empty browser cache: Streamlit's ~7 MB of scripts, Plotly 4.7 MB of it);
  again         the same, opening the page again after the λ steps (scripts from the browser cache);
  λ step        from the key press (Playwright's ``press``) until the charts have changed,
                the app is idle again and every chart is painted: p50 and p95 (ms);
and where a step's time goes, medians over the presses, from the page's own clock:
  to run        key down until the app shows its script as running (the widget's message
                out, the server starting the rerun, the news back);
  run           running until not running: the server script, with the page drawing the
                new elements as they stream in;
  after run     from the end of the run until the first chart showed the new λ (0 when it
                had already changed);
  busy          main-thread time in long tasks (> 50 ms) during the step: mostly Plotly redrawing;
and the size of what is drawn: charts, traces, points (length of every trace's x or y).
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.driver import (  # noqa: E402
    _SNAPSHOT,
    TIMEOUT_MS,
    launch_chromium,
    open_app,
    serve_app,
    slider,
    wait_for_app,
)

PATHS = ["/", "/playground", "/weights", "/curves"]

_INSTRUMENT = """() => {
    if (window.__marks) return;
    const marks = window.__marks = {keys: [], states: [], long: []};
    document.addEventListener('keydown', () => marks.keys.push(performance.now()), true);
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => marks.states.push(
        [app.getAttribute('data-test-script-state'), performance.now()]
    )).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) marks.long.push([entry.startTime, entry.duration]);
    }).observe({type: 'longtask'});
}"""

_CHANGED = f"""(before) => {{
    const now = ({_SNAPSHOT})();
    const changed = now.length === before.length && now.some((chart, i) => chart !== before[i]);
    if (changed && window.__changedAt === undefined) window.__changedAt = performance.now();
    return changed;
}}"""

_SIZES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => [
    plot._fullData.length,
    plot._fullData.reduce((sum, t) => sum + Math.max((t.x || []).length, (t.y || []).length), 0),
])"""

_BREAKDOWN = """() => {
    const m = window.__marks, key = m.keys[m.keys.length - 1], changed = window.__changedAt;
    const running = m.states.find(([state, at]) => state === 'running' && at >= key);
    const done = m.states.find(([state, at]) => state === 'notRunning' && running && at >= running[1]);
    const busy = m.long.filter(([start, length]) => start + length > key && start < changed)
        .reduce((sum, [start, length]) => sum + Math.min(start + length, changed) - Math.max(start, key), 0);
    return {
        to_run: running ? running[1] - key : null,
        run: running && done ? done[1] - running[1] : null,
        after_run: done ? Math.max(0, changed - done[1]) : null,
        busy: busy,
    };
}"""


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def snapshot(page):
    return page.evaluate(f"() => ({_SNAPSHOT})()")


class Reader:
    """One browser context on one page of one server, pressing the λ slider's arrow keys."""

    def __init__(self, browser, base_url, path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        started = time.perf_counter()
        open_app(self.page, path)
        self.first_chart = time.perf_counter() - started
        self.sizes = self.page.evaluate(_SIZES)
        self.page.evaluate(_INSTRUMENT)
        self.thumb = slider(self.page, "λ")
        self.thumb.focus()
        self.steps, self.parts = [], []
        self.path, self.reload = path, None

    def press(self, key):
        before = snapshot(self.page)
        self.page.evaluate("() => { window.__changedAt = undefined; }")
        started = time.perf_counter()
        self.thumb.press(key)
        self.page.wait_for_function(_CHANGED, arg=before, polling="raf")
        wait_for_app(self.page)
        self.steps.append(time.perf_counter() - started)
        self.parts.append(self.page.evaluate(_BREAKDOWN))

    def reopen(self):
        """The page opened again in the same browser context: scripts come from the browser's cache."""
        started = time.perf_counter()
        open_app(self.page, self.path)
        self.reload = time.perf_counter() - started

    def close(self):
        self.context.close()


def measure(readers, presses):
    """Press every reader's λ in turn (so a busy spell hits all alike), ``presses`` times each."""
    for press in range(presses):
        key = "ArrowLeft" if press % 8 >= 4 else "ArrowRight"  # wander around the default λ
        for reader in readers:
            reader.press(key)
    for reader in readers:
        reader.reopen()


def median_of(parts, name):
    values = [part[name] for part in parts if part[name] is not None]
    return statistics.median(values) if values else float("nan")


def row(label, reader):
    steps, parts, sizes = reader.steps, reader.parts, reader.sizes
    return (
        f"| {label} | {reader.first_chart * 1e3:.0f} | {reader.reload * 1e3:.0f} | "
        f"{statistics.median(steps) * 1e3:.0f} | "
        f"{percentile(steps, 0.95) * 1e3:.0f} | {median_of(parts, 'to_run'):.0f} | "
        f"{median_of(parts, 'run'):.0f} | {median_of(parts, 'after_run'):.0f} | "
        f"{median_of(parts, 'busy'):.0f} | {len(sizes)} | {sum(s[0] for s in sizes)} | "
        f"{sum(s[1] for s in sizes):,} |"
    )


@contextlib.contextmanager
def baseline_tree(revision):
    """The app as it was at git ``revision`` (app.py, ui/, core/, pages/, .streamlit/), in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="l2lab-baseline-") as folder:
        archive = subprocess.run(
            ["git", "archive", revision, "app.py", "ui", "core", "pages", ".streamlit"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        yield Path(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument(
        "--baseline",
        metavar="REVISION",
        help="also serve the app as it was at this git revision, press both "
        "in turn (same run, same browser) and print the ratio of the medians",
    )
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    print(f"{args.presses} λ presses per page; load average at start {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    header = (
        "page",
        "first chart",
        "again",
        "λ step p50",
        "λ step p95",
        "to run",
        "run",
        "after run",
        "busy",
        "charts",
        "traces",
        "points",
    )
    lines = ["| " + " | ".join(header) + " |", "|---|" + "|".join("---:" for _ in header[1:]) + "|"]
    ratios = []
    with contextlib.ExitStack() as stack:
        servers = [("", stack.enter_context(serve_app()))]
        if args.baseline:
            tree = stack.enter_context(baseline_tree(args.baseline))
            servers.append((f" ({args.baseline})", stack.enter_context(serve_app(tree))))
        browser = stack.enter_context(launch_chromium())
        if not args.baseline:
            print("\n" + "\n".join(lines))
        for path in args.paths:
            readers = [(path + label, Reader(browser, server.url, path)) for label, server in servers]
            measure([reader for _, reader in readers], args.presses)
            for label, reader in readers:
                lines.append(row(label, reader))
                if not args.baseline:
                    print(lines[-1], flush=True)
                reader.close()
            if args.baseline:
                now, before = (statistics.median(reader.steps) for _, reader in readers)
                ratios.append(
                    f"{path}: λ step p50 {now * 1e3:.0f} ms now, {before * 1e3:.0f} ms at {args.baseline}: "
                    f"{now / before:.2f}×"
                )
    if args.baseline:
        print("\n" + "\n".join(lines + [""] + ratios))
    print(f"\nms; load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
