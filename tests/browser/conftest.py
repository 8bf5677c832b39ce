import pytest
from playwright.sync_api import expect

from tests.browser import driver
from tests.browser.driver import TIMEOUT_MS, launch_chromium, serve_app

LOG_LINES = 80
_FIRST_SERVER = pytest.StashKey[int]()


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
    driver.count_finished_runs(page)
    yield page
    expect(page.get_by_test_id("stException")).to_have_count(0)
    context.close()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    item.stash[_FIRST_SERVER] = len(driver.STARTED)


def _servers_used(item):
    """The app servers a test used: the ones its fixtures hold and the ones started while it ran."""
    held = [value for value in getattr(item, "funcargs", {}).values() if isinstance(value, driver.Server)]
    started = driver.STARTED[item.stash.get(_FIRST_SERVER, len(driver.STARTED)) :]
    return held + [server for server in started if not any(server is other for other in held)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test shows the end of each app server's log (its tracebacks) in its report."""
    report = yield
    if report.failed:
        for server in _servers_used(item):
            report.sections.append(
                (f"app server {server.url}: last {LOG_LINES} lines of {server.log}", server.log_tail(LOG_LINES))
            )
    return report
