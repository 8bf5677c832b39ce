"""The simulated reader (bench/reader_protocol.py) against the real thing, and what bad client messages do.

- One release from a simulated reader makes the server do what a real Chromium's release does: the same
  BackMsg (query string, page, widget states, trigger, cached hashes) and the same reply (every message's
  type, delta path, element kind and hash, ref_hash where the browser holds the message, the same bytes).
- A release the page cannot use (a control it does not show, a step off the grid, a malformed value)
  is ignored: never an exception element, and the page still runs.
"""

import asyncio
import concurrent.futures
from urllib.parse import urlencode

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.reader_protocol import Tab, check_loopback
from core.viewstate import DEFAULT_VIEW, view_to_params
from tests.browser.driver import (
    TIMEOUT_MS,
    act_and_wait_for_rerun,
    count_finished_runs,
    open_app,
    serve_app,
    wait_for_app,
)

PAGES = ["/curves", "/feedback"]
FINISHED = ForwardMsg.ScriptFinishedStatus
DONE = (FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def run_async(coroutine_function, *args):
    """``asyncio.run`` in a thread of its own: Playwright's sync API keeps an event loop in the test's thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_function(*args)).result()


def _reply_summary(frames):
    """Per ForwardMsg: its type, delta path, element kind, hash (what decides what the browser shows)."""
    summary = []
    for data in frames:
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        detail = ""
        if kind == "delta":
            detail = message.delta.WhichOneof("type")
            if detail == "new_element":
                detail = message.delta.new_element.WhichOneof("type")
        elif kind == "ref_hash":
            detail = message.ref_hash
        elif kind == "page_info_changed":
            detail = message.page_info_changed.query_string
        elif kind == "script_finished":
            detail = message.script_finished
        summary.append((kind, tuple(message.metadata.delta_path), detail, message.hash))
    # The reply starts with the run's new_session (a status message of the page load may still trail in before it).
    first = next(i for i, entry in enumerate(summary) if entry[0] == "new_session")
    return summary[first:]


def _rerun_fields(message):
    rerun = message.rerun_script
    widgets = {}
    for widget in rerun.widget_states.widgets:
        widgets[widget.id] = widget.SerializeToString(deterministic=True)
    return dict(
        query_string=rerun.query_string,
        page_script_hash=rerun.page_script_hash,
        page_name=rerun.page_name,
        widgets=widgets,
        cached=sorted(rerun.cached_message_hashes),
        context=rerun.context_info.SerializeToString(deterministic=True),
    )


def _chromium_release(browser, url, path):
    """Open ``path`` in Chromium, press → on the λ control; the release's BackMsg and the frames that answered it."""
    log = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()

        def on_socket(socket):
            socket.on("framesent", lambda payload: log.append(("sent", payload)))
            socket.on("framereceived", lambda payload: log.append(("received", payload)))

        page.on("websocket", on_socket)
        count_finished_runs(page)
        open_app(page, path)
        # A fresh server's first run for a page other than "/" restarts through app.py: wait for the real one,
        # which draws the control and writes the view into the URL.
        page.wait_for_function("() => location.search.includes('lam=')", polling=50)
        page.locator("input.stepper-range").wait_for()
        wait_for_app(page)
        thumb = page.locator("input.stepper-range")
        thumb.focus()
        act_and_wait_for_rerun(page, lambda: thumb.press("ArrowRight"))
        page.wait_for_timeout(300)  # let Playwright hand over the last frames
    finally:
        context.close()
    last_sent = max(i for i, (direction, _) in enumerate(log) if direction == "sent")
    message = BackMsg()
    message.ParseFromString(log[last_sent][1])
    return message, [payload for direction, payload in log[last_sent + 1 :] if direction == "received"]


async def _simulated_release(url, path, step):
    tab = Tab(url, path)
    frames = []
    await tab.open()
    message = tab.release_message(step)
    handle = tab._handle

    def keep(data):
        frames.append(data)
        handle(data)

    tab._handle = keep
    result = await tab.send(message)
    await tab.close()
    return message, frames, result


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_a_simulated_release_is_what_chromium_sends_and_gets(browser, path):
    with serve_app() as url:  # a fresh server each: both readers then meet the same warm caches
        # Chromium first: its first page load on a fresh server warms the caches the simulated reader then finds.
        chromium_message, chromium_frames = _chromium_release(browser, url, path)
        assert chromium_message.WhichOneof("type") == "rerun_script"
        trigger = [
            w for w in chromium_message.rerun_script.widget_states.widgets if w.id.endswith("lam_control__events")
        ]
        assert len(trigger) == 1 and trigger[0].json_trigger_value == '[{"event":"release","value":1}]'
        message, frames, result = run_async(_simulated_release, url, path, 1)
    assert _rerun_fields(message) == _rerun_fields(chromium_message)
    assert message.SerializeToString(deterministic=True) == chromium_message.SerializeToString(deterministic=True)
    ours, theirs = _reply_summary(frames), _reply_summary(chromium_frames)
    assert [entry[:3] for entry in ours] == [entry[:3] for entry in theirs]
    assert [entry[3] for entry in ours] == [entry[3] for entry in theirs]  # the same elements, byte for byte
    assert sum(map(len, frames[-len(ours) :])) == sum(map(len, chromium_frames[-len(theirs) :]))
    assert result.exceptions == []


# --- Bad client messages ---


async def _bad_messages(url):
    """(what was sent, its RunResult, the tab's query string after) for each bad message."""
    outcomes = []

    async def send(label, tab, message):
        result = await tab.send(message)
        outcomes.append((label, result, tab.query_string, len(tab.elements)))

    curves = Tab(url, "/curves")
    await curves.open()
    for payload in (
        '[{"event":"release","value":42}]',
        '[{"event":"release","value":-1}]',
        '[{"event":"release","value":1.5}]',
        '[{"event":"release","value":"3"}]',
        '[{"event":"release","value":true}]',
        '[{"event":"release","value":null}]',
        '[{"event":"release"}]',
        '[{"event":"other","value":3}]',
        "[1,2]",
        "{}",
        "not json",
    ):
        await send(f"/curves {payload}", curves, curves.release_message(payload))
    for path in ("/why", "/your-data"):
        other = Tab(url, path)
        await other.open()
        # The λ control's release, stale: the page the message names does not show that control.
        stale = curves.release_message(5)
        stale.rerun_script.page_script_hash = other.page_script_hash
        await send(f"/curves' release naming {path}", curves, stale)
        curves = Tab(url, "/curves")
        await curves.open()
        # A release for a control id this session has never seen.
        await send(
            f"{path} with another session's control",
            other,
            other.release_message(5, widget_id=curves.events_id("lam_control")),
        )
        await other.close()
    why = Tab(url, "/why")
    await why.open()
    for payload in ('[{"event":"release","value":999}]', '[{"event":"release","value":true}]', "garbage"):
        await send(f"/why {payload}", why, why.release_message(payload, key="why_lam"))
    await why.close()
    await curves.close()
    return outcomes


@pytest.mark.load
def test_bad_client_messages_are_ignored():
    with serve_app() as url:
        outcomes = run_async(_bad_messages, url)
    default_link = urlencode(view_to_params(DEFAULT_VIEW))
    for label, result, link, shown in outcomes:
        assert result.exceptions == [], (label, result.exceptions)
        assert result.status in DONE, label
        assert shown > 5, (label, "the page still runs")
        if label.startswith("/curves ["):
            assert link == default_link, (label, "λ did not move")


def test_readers_go_to_this_machine_only():
    for url in ("http://127.0.0.1:8501", "http://localhost:8501", "http://[::1]:8501", "http://127.0.0.2:1"):
        check_loopback(url)
    for url in ("http://10.0.0.1:8501", "http://example.org", "http://0.0.0.0:8501", "http://192.168.1.2"):
        with pytest.raises(ValueError):
            check_loopback(url)
        with pytest.raises(ValueError):
            Tab(url)
