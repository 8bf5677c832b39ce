"""Driving the app in a real Chromium: one server, one browser, one way to wait.

Shared by the browser tests and the browser benchmarks. Nothing here sleeps: after
every action it waits (``wait_for_app``), as Streamlit's own e2e suite does, until the app is
connected, not running, nothing is loading and every chart is painted.

Each server writes its output (Streamlit's log, any traceback) to a file in ``LOG_DIR``; a failing
browser test shows the tail of the log of every server it used (tests/browser/conftest.py).
"""

import contextlib
import inspect
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ui import registry

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000
#: Where the servers' logs go (``APP_SERVER_LOG_DIR`` to choose); the newest ``KEPT_LOGS`` are kept.
LOG_DIR = Path(os.environ.get("APP_SERVER_LOG_DIR") or Path(tempfile.gettempdir()) / "l2lab-server-logs")
KEPT_LOGS = 50
#: Every server this process started, oldest first.
STARTED = []


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(log, lines=60):
    """The last ``lines`` lines of a server's log file."""
    try:
        text = Path(log).read_text(errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:])


def _wait_healthy(base_url, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the app server exited early with code {process.returncode}; the end of its log ({log}):\n"
                + log_tail(log)
            )
        try:
            with urllib.request.urlopen(base_url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"the app server was not healthy after {timeout} s; the end of its log ({log}):\n" + log_tail(log)
    )


class Server(str):
    """A running app server: the object is its base URL (a str, as before); ``.url``, ``.pid`` and ``.log`` too."""

    def __new__(cls, url, pid, log):
        server = super().__new__(cls, url)
        server.pid = pid
        server.log = log
        return server

    @property
    def url(self):
        return str(self)

    def log_tail(self, lines=60):
        return log_tail(self.log, lines)


def _new_log(port):
    """A fresh log file for a server on ``port``; older logs beyond the newest ``KEPT_LOGS`` are removed."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    old = sorted(LOG_DIR.glob("server-*.log"), key=lambda path: path.stat().st_mtime)
    for path in old[: max(0, len(old) - KEPT_LOGS + 1)]:
        path.unlink(missing_ok=True)
    return LOG_DIR / f"server-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{port}.log"


def start_command(root):
    """How ``make run`` starts the app in ``root``: ``deploy/start.py run`` (a checkout from before that script,
    as benchmarks compare against, ``streamlit run``)."""
    start = Path(root) / "deploy" / "start.py"
    return [sys.executable, str(start), "run"] if start.exists() else [sys.executable, "-m", "streamlit", "run"]


@contextlib.contextmanager
def serve_app(root=ROOT, env=None):
    """The app started as ``make run`` starts it (from ``root``, the project by default) on a free loopback port;
    stops it after.

    ``env``: extra environment variables for the server process.

    Yields a ``Server``: a str holding the base URL (so it can be used as before), with
    ``.url``, the server process id ``.pid`` (to read /proc/<pid>/status, for example) and
    ``.log``, the file that receives the server's output (kept after the server stops).
    """
    port = _free_port()
    log = _new_log(port)
    with log.open("wb") as output:  # the server keeps its own handle on the file
        process = subprocess.Popen(
            [
                *start_command(root),
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.fileWatcherType",
                "none",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=root,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},  # the log is current when read
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base_url, process, log)
        server = Server(base_url, process.pid, log)
        STARTED.append(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def launch_chromium():
    """Headless Chromium through Playwright; a missing browser is an error, never a skip."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"no Chromium at {CHROMIUM}: run `make test`, which installs it, or set CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


_IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""

_CHARTS_PAINTED = """() => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.every(p => p.querySelector(".main-svg") && p._fullData);
}"""


def wait_for_app(page, charts=True):
    """Until the script run is over, the app is connected and (unless ``charts=False``) every chart is painted.

    For Playwright's sync API; with its async API (a coroutine ``page.wait_for_function``)
    it returns a coroutine that does the same: ``await wait_for_app(page)``.
    """
    checks = (_IDLE, _CHARTS_PAINTED) if charts else (_IDLE,)
    if inspect.iscoroutinefunction(page.wait_for_function):
        return _wait_async(page, checks)
    for check in checks:
        page.wait_for_function(check, polling=50)
    return None


async def _wait_async(page, checks):
    for check in checks:
        await page.wait_for_function(check, polling=50)


_COUNT_RUNS = """() => {
    window.__scriptRuns = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'running') window.__scriptRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def start_counting_runs(page):
    """From now on, count the script runs the page starts (window.__scriptRuns)."""
    page.evaluate(_COUNT_RUNS)


def script_runs(page):
    return page.evaluate("() => window.__scriptRuns")


def count_finished_runs(page):
    """From now on, note what the page's websocket sends and the script runs the server finishes for it.

    Call it before the page opens the app (the ``page`` fixture does). A run that reruns only a fragment
    (the λ control's release on a light page) can be over before the page ever shows it running, so the
    ``data-test-script-state`` attribute alone may miss it; the server's "script finished" message does not.
    """
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    events = page.l2lab_socket_events = []  # "rerun" (sent) and "finished" (received), in the order they happened
    early = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN

    def on_sent(payload):
        if isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            events.append("rerun")

    def on_received(payload):
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished" and message.script_finished != early:
                events.append("finished")

    def on_socket(socket):
        socket.on("framesent", on_sent)
        socket.on("framereceived", on_received)

    page.on("websocket", on_socket)
    return events


def act_and_wait_for_rerun(page, action, timeout_ms=TIMEOUT_MS):
    """Do ``action`` (which must make the app rerun), then wait until that rerun is over."""
    events = getattr(page, "l2lab_socket_events", None)
    if events is None:  # a page that does not note its websocket's messages: watch the app's state attribute
        start_counting_runs(page)
        action()
        page.wait_for_function("() => window.__scriptRuns > 0", polling=50, timeout=timeout_ms)
    else:
        # Playwright hands over websocket messages late, in order: wait for a rerun request sent after this
        # point, then for a finished run after it (a late "finished" of an earlier run comes before it).
        mark = len(events)
        action()
        deadline = time.monotonic() + timeout_ms / 1000
        while not ("rerun" in events[mark:] and "finished" in events[mark + events[mark:].index("rerun") :]):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no script run finished within {timeout_ms / 1000:.0f} s")
            page.wait_for_timeout(20)
    wait_for_app(page)


def go_to(page, title):
    """Move to another page as a reader does: open its track's menu at the top, then pick the page."""
    target = next(entry for entry in registry.PAGES if entry.title == title)
    page.get_by_test_id("stTopNav").get_by_role("button", name=target.section).click()
    page.get_by_role("menuitem", name=title).click()


def open_app(page, path):
    page.goto(path)
    page.wait_for_selector('[data-testid="stApp"]', state="attached")
    wait_for_app(page)


def model_curve(page, chart=0):
    """y of the fitted curve as drawn in the browser, on the page's ``chart``-th live chart (the one following λ)."""
    return page.evaluate(
        """(index) => {
            const plot = document.querySelectorAll('.stepper-chart')[index];
            const trace = plot._fullData.find(t => t.name === "Model's curve");
            return Array.from(trace.y);
        }""",
        chart,
    )


def wait_for_curve_change(page, before, chart=0):
    """Until the fitted curve on the ``chart``-th live chart differs from ``before``, then until the app is idle."""
    page.wait_for_function(
        """([index, before]) => {
            const plot = document.querySelectorAll('.stepper-chart')[index];
            const trace = plot && plot._fullData && plot._fullData.find(t => t.name === "Model's curve");
            if (!trace) return false;
            const y = Array.from(trace.y);
            return y.length !== before.length || y.some((v, i) => Math.abs(v - before[i]) > 1e-9);
        }""",
        arg=[chart, before],
        polling="raf",
    )
    wait_for_app(page)


_SNAPSHOT = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => JSON.stringify([
    plot._fullData.map(trace => Array.from(trace.y || []).slice(0, 400)),
    (plot._fullLayout.shapes || []).map(shape => [shape.x0, shape.x1]),
    (plot._fullLayout.sliders || []).map(slider => slider.active),
]))"""


def charts_snapshot(page):
    """What each chart shows (trace values, line positions, slider positions), one string per chart."""
    return page.evaluate(_SNAPSHOT)


def wait_for_charts_change(page, before):
    """Until some chart shows something other than ``before``, then until the app is idle."""
    page.wait_for_function(
        f"(before) => ({_SNAPSHOT})().join('|') !== before.join('|')",
        arg=before,
        polling="raf",
    )
    wait_for_app(page)


def slider(page, label_part):
    """The thumb of the slider whose label contains ``label_part``."""
    return page.get_by_test_id("stSlider").filter(has_text=label_part).get_by_role("slider")
