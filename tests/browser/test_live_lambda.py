"""The live λ control in a real browser: charts follow the reader's hand, the server hears the release."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from core.models.grid import SLIDER_LAMS
from core.two_weights import TWO_WEIGHT_LAMS, format_two_weight_lam
from core.viewstate import DEFAULT_VIEW
from tests.apptest_helpers import live_chart_count
from tests.browser.driver import TIMEOUT_MS, count_finished_runs, go_to, open_app, wait_for_app
from tests.browser.stepper import (
    LAM_NAME,
    act_and_wait_for_rerun,
    control_step,
    drag,
    lam_at,
    lam_range,
    live_snapshot,
    live_steps,
    open_live,
    press_and_wait_for_rerun,
    query,
    record_sent_frames,
    release,
    url_lam,
    valuetext,
    wait_for_live_charts,
    wait_for_step,
)

pytestmark = pytest.mark.browser

#: Pages whose charts follow the shared λ, and how many live charts each has.
LIVE_PAGES = ("/", "/playground", "/weights", "/curves")
#: Every page with live charts (Your data has none until a file is uploaded).
ALL_PAGES = (*LIVE_PAGES, "/faq", "/why")
WHY_NAME = "Penalty strength λ (for this picture)"
DRAG = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]
DEFAULT_STEP = int(SLIDER_LAMS.tolist().index(DEFAULT_VIEW["lam"]))  # a link with no lam=
MID = "lam=0.001"
MID_STEP = 21  # λ = 0.001


def _state(page):
    return {"steps": live_steps(page), "charts": live_snapshot(page), "control": control_step(lam_range(page))}


def _sklearn_line_shows(page, lam):
    """Open the Playground's "In depth" expander (server-side text) and check its scikit-learn line's λ."""
    page.get_by_text("In depth: the exact model behind this chart").click()
    alpha_line = re.compile(rf"# alpha = n × λ = \d+ × {re.escape(repr(lam))}")
    expect(page.get_by_test_id("stCode").first).to_contain_text(alpha_line)


@pytest.mark.parametrize("path", LIVE_PAGES)
def test_a_drag_moves_every_chart_before_release_and_tells_the_server_once(page, path):
    sent = record_sent_frames(page)
    open_live(page, path, live_chart_count(path))
    control = lam_range(page)
    before = live_snapshot(page)
    during = len(sent)

    seen = drag(page, control, DRAG, on_move=_state)
    sent_during_drag = len(sent) - during

    assert sent_during_drag == 0, "no message to the server while the reader drags"
    for state in seen:  # every chart and text shows the step under the reader's hand, in the same frame
        assert state["steps"] == [state["control"]] * len(state["steps"])
    for chart in range(live_chart_count(path)):
        drawn = {state["charts"][chart] for state in seen} | {before[chart]}
        assert len(drawn) >= 5, f"chart {chart} changed only {len(drawn) - 1} times during the drag"
    step = seen[-1]["control"]
    assert step >= 36, "the drag reached the strong end"

    release(page)
    assert len(sent) - during == 1, "one message on release"
    expect(control).to_have_attribute("aria-valuetext", valuetext(step, path))
    expect(page).to_have_url(re.compile(rf"[?&]lam={re.escape(url_lam(step))}&"))
    assert set(live_steps(page)) == {step}, "the rerun keeps the step the reader let go at"

    if path != "/playground":  # the view lives in the session: the next page sees the new λ
        go_to(page, "Playground")
        wait_for_live_charts(page, live_chart_count("/playground"))
        expect(page).to_have_url(re.compile(r"/playground\?"))
        expect(lam_range(page)).to_have_attribute("aria-valuetext", valuetext(step, "/playground"))
    _sklearn_line_shows(page, lam_at(step))


@pytest.mark.parametrize("path", LIVE_PAGES)
def test_keyboard_steps_move_every_chart_and_reach_the_ends(page, path):
    open_live(page, f"{path}?{MID}", live_chart_count(path))
    control = lam_range(page)
    expect(control).to_have_attribute("aria-valuetext", valuetext(MID_STEP, path))
    assert "λ" in control.get_attribute("aria-label")
    before = live_snapshot(page)

    press_and_wait_for_rerun(page, control, "ArrowRight")
    wait_for_step(page, MID_STEP + 1)
    after = live_snapshot(page)
    assert all(old != new for old, new in zip(before, after, strict=True)), "every chart has new data"
    expect(control).to_have_attribute("aria-valuetext", valuetext(MID_STEP + 1, path))
    expect(page).to_have_url(re.compile(r"[?&]lam=0\.00178&"))

    press_and_wait_for_rerun(page, control, "End")
    wait_for_step(page, SLIDER_LAMS.size - 1)
    expect(control).to_have_attribute("aria-valuetext", valuetext(SLIDER_LAMS.size - 1, path))
    expect(page).to_have_url(re.compile(r"[?&]lam=100&"))

    press_and_wait_for_rerun(page, control, "Home")
    wait_for_step(page, 0)
    expect(control).to_have_attribute("aria-valuetext", valuetext(0, path))
    expect(page).to_have_url(re.compile(r"[?&]lam=0&"))


def test_the_why_page_has_its_own_live_control(page):
    sent = record_sent_frames(page)
    open_live(page, "/why", 2)
    control = lam_range(page, WHY_NAME)
    start = int(TWO_WEIGHT_LAMS.tolist().index(1.5))
    expect(control).to_have_attribute("aria-valuetext", f"{WHY_NAME}: 1.5")
    before = live_snapshot(page)
    during = len(sent)

    seen = drag(page, control, DRAG, on_move=_why_state)
    assert len(sent) == during, "no message to the server while the reader drags"
    for chart in range(2):
        assert len({state["charts"][chart] for state in seen} | {before[chart]}) >= 5
    for state in seen:
        assert state["steps"] == [state["control"]] * len(state["steps"])
    step = seen[-1]["control"]
    assert step > start
    release(page)
    expect(control).to_have_attribute("aria-valuetext", f"{WHY_NAME}: {format_two_weight_lam(TWO_WEIGHT_LAMS[step])}")
    assert set(live_steps(page)) == {step}
    assert query(page)["lam"] == url_lam(DEFAULT_STEP), "this picture's λ is its own, not the reader's data's"


def _why_state(page):
    return {
        "steps": live_steps(page),
        "charts": live_snapshot(page),
        "control": control_step(lam_range(page, WHY_NAME)),
    }


def _known_noise(url, path):
    """Requests that fail for reasons outside this app.

    Streamlit's page probes ``<page path>/_stcore/health`` and ``/_stcore/host-config`` first (in case the app
    is served under that path) and gets a 404 when it is not; the Material icon font from fonts.gstatic.com
    cannot load without the internet.
    """
    parsed = urlparse(url)
    if parsed.hostname == "fonts.gstatic.com":
        return True
    page_path = urlparse(path).path.rstrip("/")
    return bool(page_path) and parsed.path in (f"{page_path}/_stcore/health", f"{page_path}/_stcore/host-config")


def _record_problems(page, path):
    problems = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")
            if message.type == "error" and not _known_noise(message.location.get("url", ""), path)
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: None if _known_noise(request.url, path) else problems.append(f"failed: {request.url}"),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 and not _known_noise(response.url, path)
            else None
        ),
    )
    return problems


@pytest.mark.parametrize("path", [*ALL_PAGES, "/your-data"])
def test_no_errors_in_the_browser(page, path):
    problems = _record_problems(page, path)
    if path in ALL_PAGES:
        open_live(page, path, live_chart_count(path))
        control = lam_range(page, WHY_NAME if path == "/why" else LAM_NAME)
        press_and_wait_for_rerun(page, control, "ArrowRight")
        wait_for_app(page)
    else:
        open_app(page, path)
    assert problems == []


@pytest.fixture
def phone(browser, app_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, base_url=app_url
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    count_finished_runs(page)
    yield page
    context.close()


_WIDTHS = """() => ({
    page: document.documentElement.scrollWidth,
    controls: [...document.querySelectorAll('input.stepper-range')].map(control => {
        const box = control.getBoundingClientRect();
        return {left: box.left, right: box.right, scroll: control.parentElement.scrollWidth,
                client: control.parentElement.clientWidth};
    }),
    charts: [...document.querySelectorAll('.stepper-chart')].map(chart => {
        const box = chart.getBoundingClientRect();
        return {left: box.left, right: box.right, svg: chart.querySelector('.main-svg').getBoundingClientRect().width};
    }),
})"""


@pytest.mark.parametrize("path", ALL_PAGES)
def test_fits_a_phone_screen(phone, path):
    open_live(phone, path, live_chart_count(path))
    widths = phone.evaluate(_WIDTHS)
    assert widths["page"] <= 390, "no sideways scrolling"
    for control in widths["controls"]:
        assert control["left"] >= 0 and control["right"] <= 390
        assert control["scroll"] <= control["client"], "the control does not scroll sideways"
    for chart in widths["charts"]:
        assert chart["left"] >= 0 and chart["right"] <= 390 and chart["svg"] <= 390


@pytest.mark.parametrize(
    "lam, note, step",
    [
        ("banana", "could not be read", DEFAULT_STEP),
        ("-1", "out of range", 0),
        ("1e99", "out of range", SLIDER_LAMS.size - 1),
        ("0.0013", "between the steps", MID_STEP),
    ],
)
def test_a_bad_lam_in_the_link_gets_a_plain_note(page, lam, note, step):
    problems = _record_problems(page, "/")
    open_live(page, f"/?lam={lam}", live_chart_count("/"))
    alert = page.get_by_test_id("stAlert").filter(has_text="penalty strength λ")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text(note)
    expect(lam_range(page)).to_have_attribute("aria-valuetext", valuetext(step, "/"))
    wait_for_step(page, step)
    expect(page).to_have_url(re.compile(rf"[?&]lam={re.escape(url_lam(step))}&"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert problems == []


def test_released_step_survives_a_rerun_from_another_control(page):
    """After the release, a rerun caused by another widget keeps the λ the reader chose."""
    open_live(page, "/playground", live_chart_count("/playground"))
    control = lam_range(page)
    press_and_wait_for_rerun(page, control, "ArrowRight")
    degree = page.get_by_test_id("stSlider").filter(has_text="degree").get_by_role("slider")
    degree.focus()
    act_and_wait_for_rerun(page, lambda: degree.press("ArrowLeft"))
    wait_for_step(page, DEFAULT_STEP + 1)
    expect(control).to_have_attribute("aria-valuetext", valuetext(DEFAULT_STEP + 1, "/playground"))


def test_a_touch_drag_on_a_phone_moves_the_chart_and_tells_the_server_on_lifting(phone):
    sent = record_sent_frames(phone)
    open_live(phone, f"/?{MID}", 1)
    control = lam_range(phone)
    before = live_snapshot(phone)
    control.scroll_into_view_if_needed()  # touch points are in the viewport
    box = control.bounding_box()
    y = box["y"] + box["height"] / 2
    start = box["x"] + box["width"] * MID_STEP / (SLIDER_LAMS.size - 1)  # on the thumb
    touch = phone.context.new_cdp_session(phone)
    during = len(sent)

    def touch_at(kind, x):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch_at("touchStart", start)
    drawn = set()
    for move in range(1, 9):
        touch_at("touchMove", start + (box["x"] + box["width"] - 10 - start) * move / 8)
        phone.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        drawn.add(live_snapshot(phone)[0])
    assert len(sent) == during, "no message to the server while the finger moves"
    assert len(drawn - {before[0]}) >= 4, "the chart follows the finger"
    step = control_step(control)
    act_and_wait_for_rerun(phone, lambda: touch_at("touchEnd", 0))
    assert len(sent) > during
    expect(phone).to_have_url(re.compile(rf"[?&]lam={re.escape(url_lam(step))}&"))
