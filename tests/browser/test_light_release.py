"""A light release: on a page whose only λ-dependent output is live, a release reruns the λ control alone.

For every page marked light (``rerun_page=False``): one simulated reader (bench/reader_protocol.py, what
Chromium sends) lets go of λ. The server runs the control's fragment only, sends a few kilobytes, and writes
the new λ into the URL. Then the reader asks for a whole-page run at that λ: every element it sends must be
the one the reader already has (same hash), except the live texts, which the browser shows at the
control's step whatever their data say. So nothing on a light page is left showing the old λ. The pages that
draw more from λ on the server rerun whole, as before.
"""

import asyncio
import concurrent.futures

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.reader_protocol import Tab
from tests.browser.driver import serve_app

pytestmark = pytest.mark.load

LIGHT = ["/", "/weights", "/curves"]
# /signals prints every weight at the reader's λ in its In depth box.
WHOLE = ["/playground", "/signals", "/feedback", "/faq"]
FINISHED = ForwardMsg.ScriptFinishedStatus
STEP = 20
LIGHT_KB = 8


def run_async(coroutine_function, *args):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_function(*args)).result()


def _live_text(entry):
    kind, element, _, _ = entry
    return kind == "bidi_component" and "-live_text_" in element.bidi_component.id


async def _release_then_whole_page(url, path):
    tab = Tab(url, path)
    await tab.open()
    link_before = tab.query_string
    release = await tab.release(STEP)
    after_release = dict(tab.elements)
    link_after = tab.query_string
    whole = await tab.rerun()  # what a whole-page run at the new λ draws
    await tab.close()
    return link_before, release, after_release, link_after, whole, dict(tab.elements)


@pytest.fixture(scope="module")
def server():
    with serve_app() as url:
        yield url


@pytest.mark.parametrize("path", LIGHT)
def test_a_release_on_a_light_page_reruns_the_control_alone_and_leaves_nothing_stale(server, path):
    link_before, release, shown, link, whole, redrawn = run_async(_release_then_whole_page, server, path)
    assert release.status == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY and release.exceptions == []
    assert release.bytes < LIGHT_KB * 1024, f"{release.bytes / 1024:.0f} KB for a release"
    assert link != link_before and "lam=1e-03" not in link_before
    assert whole.status == FINISHED.FINISHED_SUCCESSFULLY and whole.exceptions == []
    assert set(redrawn) == set(shown)
    stale = [(at, entry[0]) for at, entry in redrawn.items() if not _live_text(entry) and entry[3] != shown[at][3]]
    assert stale == [], f"{path}: elements drawn from λ on the server, left as they were by a light release: {stale}"


@pytest.mark.parametrize("path", WHOLE)
def test_a_release_on_a_page_that_draws_more_from_lam_reruns_the_page(server, path):
    _, release, _, link, _, _ = run_async(_release_then_whole_page, server, path)
    assert release.status == FINISHED.FINISHED_SUCCESSFULLY and release.exceptions == []
    assert "lam=" in link
