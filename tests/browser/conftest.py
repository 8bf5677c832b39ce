import pytest
from playwright.sync_api import expect

from tests.browser.driver import TIMEOUT_MS, launch_chromium, serve_app


@pytest.fixture(scope="session")
def app_url():
    with serve_app() as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    try:
        with launch_chromium() as chromium:
            yield chromium
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture
def page(browser, app_url):
    """A fresh reader: a new browser context, and no exception box left when the test ends."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=app_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    expect(page.get_by_test_id("stException")).to_have_count(0)
    context.close()
