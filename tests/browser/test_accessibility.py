"""axe-core finds no WCAG 2.2 AA violation on any page: at its first view and after a λ change.

axe leaves what lies outside the viewport unchecked ("incomplete"), so the viewport is made as tall as
the page before each audit.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.driver import open_app, wait_for_app
from tests.browser.stepper import LAM_NAME, lam_range, press_and_wait_for_rerun
from ui import registry

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_PAGE_HEIGHT = """() => Math.max(...[...document.querySelectorAll(
    '[data-testid="stMainBlockContainer"], [data-testid="stMain"], body')].map(e => e.scrollHeight))"""


def violations(page):
    """axe's WCAG 2.2 AA violations on the whole page, as 'rule: target' lines."""
    height = page.evaluate(_PAGE_HEIGHT)
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 100, 16_000)})
    wait_for_app(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    found = [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:160]}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]
    page.set_viewport_size({"width": 1400, "height": 1000})
    return found


@pytest.mark.parametrize("entry", registry.PAGES, ids=lambda entry: entry.path)
def test_no_violations_at_first_view_and_after_a_lam_change(page, entry):
    open_app(page, entry.path)
    assert violations(page) == [], entry.path
    control = lam_range(page, LAM_NAME)
    if control.count():
        press_and_wait_for_rerun(page, control, "End")
        assert violations(page) == [], f"{entry.path} after a λ change"
