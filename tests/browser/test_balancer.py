"""`make serve` for real, on loopback: two app processes behind HAProxy, and readers in a real Chromium.

- Each reader's session stays on its process: their uploaded file is still there after every release.
- A process killed mid-run loses only its own readers: their browsers reconnect to a fresh session
  (through the balancer, to a live process) and see none of the other readers' data; the other
  process's readers go on as before. The killed process is started again.
- Ctrl-C (SIGINT) to deploy/serve.py stops HAProxy and every app process.

HAProxy is installed by scripts/ensure-haproxy.sh (Debian's package, as root) when it is missing.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy.serve import ROOT, free_port
from tests.browser.driver import TIMEOUT_MS, act_and_wait_for_rerun, count_finished_runs, open_app, wait_for_app
from tests.browser.test_load import reader_csv

pytestmark = [pytest.mark.browser, pytest.mark.load]

READERS = 4
RELEASES = 2
UPLOAD = '[data-testid="stFileUploader"] input[type=file]'
COOKIE = "L2LAB_PROCESS"

_SHOWN = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => ({
    title: (plot._fullLayout && plot._fullLayout.yaxis.title.text) || '',
    training: Array.from(((plot._fullData || []).find(t => t.name === 'Training data') || {y: []}).y),
}))"""


_COUNT_DISCONNECTS = """() => {
    window.__disconnects = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') window.__disconnects += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
}"""


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by its parent) is not alive
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def balancer(tmp_path_factory):
    installed = subprocess.run(["sh", str(ROOT / "scripts" / "ensure-haproxy.sh")], capture_output=True, text=True)
    if installed.returncode != 0:
        pytest.fail("HAProxy is needed: " + installed.stderr)
    folder = tmp_path_factory.mktemp("serve")
    status_file = folder / "status.json"
    port = free_port()
    command = [sys.executable, str(ROOT / "deploy" / "serve.py"), "--port", str(port), "--processes", "2"]
    command += ["--bind", "127.0.0.1", "--status-file", str(status_file), "--log-dir", str(folder / "logs")]
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not status_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("deploy/serve.py did not start:\n" + (folder / "serve.log").read_text())
        time.sleep(0.2)
    status = json.loads(status_file.read_text())
    status["status_file"] = status_file
    yield status
    children = [status["balancer_pid"], *json.loads(status_file.read_text())["app_pids"], *status["app_pids"]]
    process.send_signal(signal.SIGINT)  # what Ctrl-C does
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("deploy/serve.py did not stop on SIGINT")
    log.close()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if alive(pid)], "deploy/serve.py left processes running"


def shown(page):
    return page.evaluate(_SHOWN)


def shows_own_data(page, y_name, value_range):
    charts = shown(page)
    fit = charts[0] if charts else {"title": "", "training": []}
    return (
        fit["title"] == y_name
        and fit["training"]
        and value_range[0] <= min(fit["training"])
        and max(fit["training"]) < value_range[1]
    )


def others_data(page, own_name):
    """Chart titles that name another reader's column."""
    return [c["title"] for c in shown(page) if "output_reader" in c["title"] and c["title"] != own_name]


def open_readers(browser, url, tmp_path):
    readers = []
    for number in range(READERS):
        csv, y_name, value_range = reader_csv(tmp_path, number)
        context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        count_finished_runs(page)
        open_app(page, "/your-data")
        page.locator(UPLOAD).set_input_files(str(csv))
        page.wait_for_function(
            "(name) => { const p = document.querySelector('.js-plotly-plot');"
            " return !!p && !!p._fullLayout && p._fullLayout.yaxis.title.text === name; }",
            arg=y_name,
            polling=100,
        )
        wait_for_app(page)
        process = next(c["value"] for c in context.cookies() if c["name"] == COOKIE)
        readers.append(dict(context=context, page=page, y_name=y_name, range=value_range, process=process))
    return readers


def press_right(page):
    """Move the λ control one step; wait for the rerun it causes to end."""
    thumb = page.locator("input.stepper-range")
    thumb.focus()
    act_and_wait_for_rerun(page, lambda: thumb.press("ArrowRight"))


def release(page):
    """Move the λ control one step; wait until the server's rerun has written the new λ into the link."""
    link = page.evaluate("() => location.search")
    press_right(page)
    page.wait_for_function("(before) => location.search !== before", arg=link, polling=50)


def close(readers):
    for reader in readers:
        reader["context"].close()


def test_each_reader_stays_on_the_process_that_holds_their_file(browser, balancer, tmp_path):
    readers = open_readers(browser, balancer["url"], tmp_path)
    try:
        assert {reader["process"] for reader in readers} == {"app1", "app2"}, "the balancer used both processes"
        for _ in range(RELEASES):
            for reader in readers:
                release(reader["page"])
                assert shows_own_data(reader["page"], reader["y_name"], reader["range"]), reader["y_name"]
                assert reader["page"].get_by_test_id("stException").count() == 0
        for reader in readers:  # the same process all along
            assert next(c["value"] for c in reader["context"].cookies() if c["name"] == COOKIE) == reader["process"]
    finally:
        close(readers)


def test_a_killed_process_loses_only_its_own_readers(browser, balancer, tmp_path):
    readers = open_readers(browser, balancer["url"], tmp_path)
    try:
        victims = [r for r in readers if r["process"] == "app1"]
        others = [r for r in readers if r["process"] != "app1"]
        assert victims and others
        for reader in victims:
            reader["page"].evaluate(_COUNT_DISCONNECTS)
        killed = balancer["app_pids"][0]
        os.kill(killed, signal.SIGKILL)
        for reader in victims:
            page = reader["page"]
            # The browser notices, reconnects by itself through the balancer (to a live process) and keeps
            # drawing what it had; its next rerun is a fresh session there: the file went with its process.
            page.wait_for_function("() => window.__disconnects > 0", polling=100, timeout=90_000)
            wait_for_app(page, charts=False)
            press_right(page)
            assert not shows_own_data(page, reader["y_name"], reader["range"]), "a fresh session"
            assert others_data(page, reader["y_name"]) == [], "a reconnected reader sees another reader's data"
            assert page.get_by_test_id("stException").count() == 0
        for reader in others:
            release(reader["page"])
            assert shows_own_data(reader["page"], reader["y_name"], reader["range"]), reader["y_name"]
            assert reader["page"].get_by_test_id("stException").count() == 0
        for reader in victims:  # and they carry on in their fresh session
            open_app(reader["page"], "/curves")
            release(reader["page"])
            assert others_data(reader["page"], reader["y_name"]) == []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            restarted = json.loads(balancer["status_file"].read_text())["app_pids"][0]
            if restarted != killed and alive(restarted):
                break
            time.sleep(0.5)
        else:
            pytest.fail("the killed app process was not started again")
    finally:
        close(readers)
