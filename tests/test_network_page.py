"""The "In a neural network" page (AppTest): live charts and texts, the first view's contrast, the sweet spot,
the printed scikit-learn lines, plain words."""

import numpy as np
import pytest

from core.models.grid import SLIDER_LAMS
from core.network import data, fit
from core.show.palette import NO_PENALTY, SWEET_SPOT, YOUR_PENALTY
from core.verdict import ABOUT_RIGHT, MEMORIZING, TOO_SIMPLE
from tests.apptest_helpers import decode, figures, lam_step, live_data, live_texts, open_page, plain_text, release_lam
from tests.reading_ease import NOT_PLAIN, flesch_reading_ease

NETWORK = "pages/network.py"


@pytest.fixture(scope="module")
def path():
    return fit.load_path(fit.PATH_FILE, SLIDER_LAMS)


@pytest.fixture
def at():
    return open_page(NETWORK)  # no link: the app's default λ = 0


def _chances(figure):
    """The chances of a complaint a customers' picture draws."""
    (contour,) = [trace for trace in figure["data"] if trace["type"] == "contour"]
    return decode(contour["z"])


def _title(figure):
    return figure["layout"]["title"]["text"]


def _titles(figure):
    return [note["text"] for note in figure["layout"]["annotations"][:2]]


def test_first_view_shows_the_contrast_against_the_sweet_spot(at, path):
    assert lam_step(at) == 0
    charts = live_data(at, "chart")
    assert len(charts) == 5 and len(figures(at)) == 5
    for chart in charts:
        assert len(chart["patches"]) == SLIDER_LAMS.size
        assert "index" not in chart  # the charts take their step from the control
    for text in live_data(at, "text"):
        assert len(text["texts"]) == SLIDER_LAMS.size
    free, answer, loss, size, _ = figures(at)
    best = path.spot.best
    sweet = f"The sweet spot: λ = {SLIDER_LAMS[best]:g} (by cross-validation)"
    assert (_title(free), _title(answer)) == ("With no penalty", sweet)
    assert _titles(loss) == ["With no penalty", sweet]
    probability = fit.grid_probability(path, data.problem())
    np.testing.assert_allclose(_chances(free), probability[0].ravel(), atol=1e-6)
    np.testing.assert_allclose(_chances(answer), probability[best].ravel(), atol=1e-6)
    assert np.abs(_chances(free) - _chances(answer)).max() > 0.5, "the first view shows two different pictures"
    # The roles' colours: no penalty pink dotted, the sweet spot green.
    assert [trace["line"]["color"] for trace in (free["data"][0], answer["data"][0])] == [
        NO_PENALTY.colour,
        SWEET_SPOT.colour,
    ]
    assert free["data"][0]["line"]["dash"] == "dot"
    assert [trace["name"] for trace in size["data"]] == ["With no penalty", sweet]
    texts = live_texts(at)
    assert texts[0].startswith(f"Verdict with no penalty: {MEMORIZING.label}.")
    assert "At the sweet spot (λ = 0.01)" in texts[1]


def test_released_lam_moves_every_chart_and_text(at, path):
    release_lam(at, 0.01)
    assert at.query_params["lam"] == "0.01"
    step = lam_step(at)
    free, answer, loss, size, lam_chart = figures(at)
    assert _title(answer) == "Your λ = 0.01" and _title(free) == "With no penalty"
    assert answer["data"][0]["line"]["color"] == YOUR_PENALTY.colour
    np.testing.assert_allclose(_chances(answer), fit.grid_probability(path, data.problem())[step].ravel(), atol=1e-6)
    new = [trace for trace in loss["data"] if trace.get("name") == "New customers"]
    np.testing.assert_allclose(decode(new[1]["y"]), path.history.losses["new"][step, 1:], rtol=1e-6)
    np.testing.assert_allclose(decode(size["data"][1]["y"]), path.history.weight_size[step, 1:], rtol=1e-6)
    here = [shape for shape in lam_chart["layout"]["shapes"] if shape.get("line", {}).get("dash") == "dot"]
    assert here[-1]["x0"] == pytest.approx(np.log10(0.01))
    assert live_texts(at)[0].startswith(f"Verdict at λ = 0.01: {ABOUT_RIGHT.label}.")
    release_lam(at, 100.0)
    assert live_texts(at)[0].startswith(f"Verdict at λ = 100: {TOO_SIMPLE.label}.")
    assert "expects no one to complain" in live_texts(at)[1]


def test_the_lam_carries_to_and_from_other_pages():
    at = open_page(NETWORK, lam="0.001")
    assert lam_step(at) == 21
    at.switch_page("pages/playground.py").run()
    assert lam_step(at) == 21


def test_sweet_spot_button(at, path):
    (button,) = [button for button in at.button if "sweet spot" in button.label]
    button.click().run()
    assert lam_step(at) == path.spot.best
    assert live_texts(at)[0].startswith(f"Verdict at λ = 0.01: {ABOUT_RIGHT.label}.")


def test_in_depth_states_the_alpha_mapping_and_its_code_reproduces_the_page(at, path):
    (expander,) = [block for block in at.expander if block.label.startswith("In depth")]
    text = " ".join(element.value for element in expander.markdown)
    for needed in ("alpha = 2·n·λ", "alpha = 160·λ", "kernel_regularizer", "weight_decay", "AdamW", "Early stopping"):
        assert needed in text, needed
    (code,) = expander.code
    assert "lam = 0.01  # the sweet spot (your λ is 0)" in code.value
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    scope = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        exec(code.value, scope)
    problem = data.problem()
    ours = path.networks.take(path.spot.best).predict_proba(problem.Z_test)[0]
    assert np.abs(scope["net"].predict_proba(problem.X_test)[:, 1] - ours).max() < 1e-6


@pytest.mark.parametrize("lam", ["0", "0.01"])
def test_plain_text_is_plain_english(lam):
    text = plain_text(open_page(NETWORK, lam=lam))
    assert flesch_reading_ease(text) >= 60, flesch_reading_ease(text)
    assert not NOT_PLAIN.search(text), NOT_PLAIN.search(text).group()
    assert "e-" not in text and "alpha" not in text


def test_without_the_shipped_file_the_page_trains_the_same_networks(monkeypatch, tmp_path, path):
    """A missing (or stale) file: the first visit trains the networks (with a progress bar) and draws the same."""
    from ui.network import models

    monkeypatch.setattr(fit, "PATH_FILE", tmp_path / "missing.npz")
    monkeypatch.setattr(models, "_PATH", {})
    at = open_page(NETWORK, lam="0.01")
    trained = models._PATH["page"]
    assert trained is not path
    np.testing.assert_allclose(trained.test_log_loss, path.test_log_loss, rtol=1e-9)
    np.testing.assert_allclose(trained.cv_log_loss, path.cv_log_loss, rtol=1e-9)
    assert live_texts(at)[0].startswith(f"Verdict at λ = 0.01: {ABOUT_RIGHT.label}.")
    assert not at.exception


def test_the_lam_chart_draws_the_zones_and_star_by_their_roles_and_names_them_so(at, path):
    """The zones are pink, green and dark blue and the star green, as on every page; the text names them so."""
    from core.network import charts, words
    from core.show.kit import ROLE_ZONE_COLOURS, ROLE_ZONE_WORDS, SWEET_STAR

    lam_chart = figures(at)[4]
    (star,) = [trace for trace in lam_chart["data"] if trace.get("marker", {}).get("symbol") == "star"]
    assert star["marker"]["color"] == SWEET_STAR["color"] == SWEET_SPOT.colour
    shaded = [shape["fillcolor"] for shape in lam_chart["layout"]["shapes"] if shape.get("type") == "rect"]
    assert shaded and set(shaded) <= set(ROLE_ZONE_COLOURS), shaded
    for word in ROLE_ZONE_WORDS:
        assert word in words.LAM_INTRO
    assert "Sorting feedback page, with the same customers" not in plain_text(at)
    assert charts.lam_figure(path, 0).data  # builds at the first step


def test_the_lam_chart_leaves_room_left_of_lam_zero(path):
    """λ = 0's dots and the "you are here" line there sit right of the axis's left edge, clear of the y tick labels."""
    from core.network import charts
    from core.show.kit import lam_positions

    layout = charts.lam_figure(path, 0).to_plotly_json()["layout"]
    assert layout["xaxis"]["range"][0] < lam_positions(path.lams)[0] - 0.3


def test_customers_on_the_edges_have_room_inside_the_frame():
    """Late deliveries are capped at 14 days: the picture's axes reach past every customer, so none sits on the frame."""
    problem = data.problem()
    for column, grid in ((0, problem.grid_value), (1, problem.grid_days)):
        low, high = problem.X_train[:, column].min(), problem.X_train[:, column].max()
        room = 0.02 * (grid[-1] - grid[0])
        assert grid[0] < low - room and grid[-1] > high + room
