"""The "Why it works" page: the two-weight problem against scikit-learn, its pictures, and the page (AppTest)."""

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge, lars_path

from core import two_weights as tw
from tests.apptest_helpers import decode, figures, lam_step, live_data, open_page, release_step, trace

WHY = "pages/why.py"
SAMPLE_LAMS = [0.01, 0.1, 0.47, 1.0, 1.5, 2.2, 3.3, 10.0, 100.0]


@pytest.fixture(scope="module")
def p():
    return tw.problem()


def direct_mse(p, w):
    """E(w) straight from the definition: mean squared residual with the intercept ȳ."""
    residual = p.y - p.y.mean() - p.Z @ np.asarray(w, dtype=float)
    return float(np.mean(residual**2))


def error_surface(w1_values, w2_values):
    """E on a grid: rows follow w2, columns w1 (Plotly's ``z`` layout for a contour plot)."""
    w1, w2 = np.meshgrid(np.asarray(w1_values, dtype=float), np.asarray(w2_values, dtype=float))
    return tw.mse(w1, w2)


def l1_kkt_gap(p, w, lam):
    """How far w is from optimal for (1/n)‖y − ȳ − Zw‖² + λ‖w‖₁ (0 when optimal; the problem is convex).

    Optimality: g = (2/n)·Zᵀ(y − ȳ − Zw) equals λ·sign(wⱼ) where wⱼ ≠ 0, and |gⱼ| ≤ λ where wⱼ = 0.
    """
    g = 2.0 / p.n * p.Z.T @ (p.y - p.y.mean() - p.Z @ w)
    gaps = [abs(g[j] - lam * np.sign(w[j])) if w[j] != 0 else max(0.0, abs(g[j]) - lam) for j in range(2)]
    return max(gaps)


# --- The problem is what the page says it is ---


def test_problem_is_exact_as_documented(p):
    assert p.n == tw.N == 50
    np.testing.assert_allclose(p.Z.mean(axis=0), 0, atol=1e-14)
    np.testing.assert_allclose(p.Z.std(axis=0), 1, rtol=1e-14)
    assert np.corrcoef(p.Z.T)[0, 1] == pytest.approx(tw.CORRELATION, abs=1e-14)
    ols = LinearRegression().fit(p.Z, p.y)
    np.testing.assert_allclose(ols.coef_, tw.BEST, atol=1e-12)
    np.testing.assert_allclose(p.best, tw.BEST, atol=1e-12)
    assert np.sqrt(direct_mse(p, p.best)) == pytest.approx(tw.NOISE, rel=1e-12)
    assert not p.Z.flags.writeable and not p.y.flags.writeable


def test_slider_runs_from_zero_to_a_strong_penalty():
    lams = tw.TWO_WEIGHT_LAMS
    assert lams[0] == 0 and lams[-1] == 100 and np.all(np.diff(lams) > 0)
    assert tw.DEFAULT_LAM in lams
    assert [tw.format_two_weight_lam(lam) for lam in lams[:4]] == ["0 (off)", "0.01", "0.015", "0.022"]
    assert tw.format_two_weight_lam(100.0) == "100"
    assert np.isin(lams, tw.PATH_LAMS).all()


def test_mse_surface_is_the_mean_squared_error(p):
    w1, w2 = np.linspace(-1, 2, 7), np.linspace(-1, 1.5, 5)
    surface = error_surface(w1, w2)
    assert surface.shape == (5, 7)
    for row, b in enumerate(w2):
        for col, a in enumerate(w1):
            assert surface[row, col] == pytest.approx(direct_mse(p, [a, b]), rel=1e-12)
    assert surface.min() >= p.best_mse


# --- L2 against scikit-learn ---


@pytest.mark.parametrize("lam", SAMPLE_LAMS)
def test_ridge_point_is_sklearn_ridge_with_alpha_n_lam(p, lam):
    ours = tw.ridge_point(lam)
    for solver in ("auto", "svd", "cholesky"):
        theirs = Ridge(alpha=p.n * lam, solver=solver).fit(p.Z, p.y).coef_
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-13)
    # and it minimizes our objective (1/n)‖y − ȳ − Zw‖² + λ‖w‖²: its gradient is zero
    gradient = -2.0 / p.n * p.Z.T @ (p.y - p.y.mean() - p.Z @ ours) + 2.0 * lam * ours
    np.testing.assert_allclose(gradient, 0, atol=1e-13)


def test_ridge_at_zero_is_least_squares(p):
    np.testing.assert_allclose(tw.ridge_point(0.0), LinearRegression().fit(p.Z, p.y).coef_, atol=1e-13)


def test_ridge_path_rows_are_ridge_points_and_its_size_only_shrinks():
    lams, ridge, _ = tw.paths()
    for row in (0, 10, 100, len(lams) - 1):
        np.testing.assert_allclose(ridge[row], tw.ridge_point(lams[row]), rtol=1e-13)
    sizes = np.hypot(ridge[:, 0], ridge[:, 1])
    assert np.all(np.diff(sizes) < 0), "the ridge point moves strictly toward zero as λ grows"
    assert sizes[-1] / sizes[0] < 0.02  # at the right end of the slider the L2 point is near 0
    assert np.all(ridge != 0), "ridge never sets a weight exactly to zero"


def test_ridge_point_is_where_the_circle_touches_the_bowl(p):
    """The L2 point is the lowest error on its circle, and the bowl's slope there points at the centre."""
    for lam in (0.22, 1.5, 10.0):
        w = tw.ridge_point(lam)
        x, y = tw.circle(tw.l2_size(w), points=3601)
        on_circle = tw.mse(x, y)
        assert on_circle.min() >= tw.mse(*w) - 1e-6
        slope = 2.0 * p.gram @ (w - p.best)
        np.testing.assert_allclose(slope, -2.0 * lam * w, atol=1e-12)


# --- L1 against scikit-learn: alpha = λ/2 ---


@pytest.mark.parametrize("lam", SAMPLE_LAMS)
def test_lasso_point_is_sklearn_lasso_with_alpha_half_lam(p, lam):
    ours = tw.lasso_point(lam)
    theirs = Lasso(alpha=lam / 2, tol=1e-14, max_iter=1_000_000).fit(p.Z, p.y).coef_
    np.testing.assert_allclose(ours, theirs, atol=1e-9)
    # the scaling, checked independently of scikit-learn's documentation: ours solves (1/n)‖…‖² + λ‖w‖₁ ...
    assert l1_kkt_gap(p, ours, lam) < 1e-8
    # ... and alpha = λ (the tempting mistake) does not
    if lam < 2.0 * np.abs(p.Z.T @ (p.y - p.y.mean()) / p.n).max():  # below that both fits are all zeros
        wrong = Lasso(alpha=lam, tol=1e-14, max_iter=1_000_000).fit(p.Z, p.y).coef_
        assert l1_kkt_gap(p, wrong, lam) > 1e-3


@pytest.mark.parametrize("lam", [0.1, 0.47, 1.0, 1.5, 2.2])
def test_lasso_point_agrees_with_the_exact_lars_path(p, lam):
    """LARS gives the L1 path exactly (piecewise linear between its knots), with scikit-learn's same alpha."""
    alphas, _, coefs = lars_path(p.Z, p.y - p.y.mean(), method="lasso")
    exact = [np.interp(lam / 2, alphas[::-1], coefs[j, ::-1]) for j in range(2)]
    np.testing.assert_allclose(tw.lasso_point(lam), exact, atol=1e-9)


def test_lasso_sets_weights_exactly_to_zero_at_large_lam():
    first, first_lam, both_lam = tw.switch_off_lams()
    assert (first, first_lam, both_lam) == (1, pytest.approx(0.9), pytest.approx(2.3))
    assert tw.lasso_point(0.68)[1] != 0
    one_off = tw.lasso_point(1.5)
    assert one_off[1] == 0.0 and one_off[0] > 0.3  # exactly zero, not merely small
    assert tw.lasso_point(2.2)[0] > 0
    np.testing.assert_array_equal(tw.lasso_point(3.3), [0.0, 0.0])
    np.testing.assert_array_equal(tw.lasso_point(100.0), [0.0, 0.0])


def test_lasso_path_is_sklearn_lasso_path_in_the_callers_order():
    lams = np.array([1.5, 0.0, 0.1, 100.0, 0.47])
    path = tw.two_weight_lasso_path(lams)
    for lam, row in zip(lams, path):
        np.testing.assert_allclose(row, tw.lasso_point(lam), atol=1e-9)
    _, _, lasso = tw.paths()
    sizes = np.abs(lasso).sum(axis=1)
    assert np.all(np.diff(sizes) <= 1e-12), "the diamond only shrinks as λ grows"
    assert np.all(lasso[-1] == 0)


def test_lasso_point_is_the_lowest_error_on_its_diamond():
    for lam in (0.47, 1.5):
        w = tw.lasso_point(lam)
        size = tw.l1_size(w)
        t = np.linspace(0, 1, 2001)
        edges = [
            (size * (1 - t), size * t),
            (-size * t, size * (1 - t)),
            (-size * (1 - t), -size * t),
            (size * t, -size * (1 - t)),
        ]
        lowest = min(tw.mse(x, y).min() for x, y in edges)
        assert lowest >= tw.mse(*w) - 1e-6


def test_negative_or_infinite_lam_is_refused():
    for bad in (-0.1, np.inf, np.nan):
        with pytest.raises(ValueError):
            tw.ridge_point(bad)
        with pytest.raises(ValueError):
            tw.lasso_point(bad)


# --- The pictures ---


def test_contour_lines_are_lines_of_equal_error(p):
    for excess in (0.04, 0.5, 1.3):
        x, y = tw.ellipse(excess)
        for a, b in zip(x[::10], y[::10]):
            assert direct_mse(p, [a, b]) == pytest.approx(p.best_mse + excess, rel=1e-12)


@pytest.mark.parametrize("kind, lam", [("L2", 1.5), ("L1", 1.5), ("L2", 0.0), ("L1", 100.0)])
def test_figure_draws_the_shape_through_the_chosen_point(p, kind, lam):
    fig = (tw.ridge_figure if kind == "L2" else tw.lasso_figure)(lam).to_plotly_json()
    pic = tw.picture(lam)
    w = pic.ridge if kind == "L2" else pic.lasso
    names = [data["name"] for data in fig["data"]]
    assert names == [
        "Same-error contours",
        "Penalty circle" if kind == "L2" else "Penalty diamond",
        "Chosen point's contour",
        "Path for every λ",
        "Path so far",
        "Best with no penalty",
        "Chosen weights",
    ]
    point = fig["data"][-1]
    assert (point["x"][0], point["y"][0]) == (pytest.approx(w[0], abs=1e-12), pytest.approx(w[1], abs=1e-12))
    shape = fig["data"][1]
    x, y = decode(shape["x"]), decode(shape["y"])
    if kind == "L2":
        np.testing.assert_allclose(np.hypot(x, y), tw.l2_size(w), rtol=1e-6, atol=1e-7)
    else:
        np.testing.assert_allclose(np.abs(x) + np.abs(y), tw.l1_size(w), rtol=1e-6, atol=1e-7)
    so_far = fig["data"][4]
    assert decode(so_far["x"])[-1] == pytest.approx(w[0], abs=1e-6)
    assert decode(so_far["y"])[-1] == pytest.approx(w[1], abs=1e-6)
    # circles look like circles: one unit is as long on both axes
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x" and fig["layout"]["yaxis"]["scaleratio"] == 1


def test_a_corner_is_pointed_out_only_when_a_weight_is_exactly_zero():
    def notes(figure):
        return [note["text"] for note in figure.to_plotly_json()["layout"].get("annotations", [])]

    assert notes(tw.lasso_figure(0.47)) == []
    assert notes(tw.lasso_figure(1.5)) == ["on a corner: weight 2 = 0"]
    assert notes(tw.lasso_figure(100.0)) == ["both weights exactly 0"]
    assert notes(tw.ridge_figure(100.0)) == []


def test_words_for_weights_never_round_a_live_weight_to_zero():
    assert tw.format_weight(0.0) == "0"
    assert tw.format_weight(0.004) == "0.004"
    assert tw.format_weight(0.0113) == "0.01"
    assert tw.format_weight(0.4125) == "0.41"
    pic = tw.picture(100.0)
    assert "0.01" in tw.weights_line(pic.best, pic.ridge) and "→ 0;" not in tw.weights_line(pic.best, pic.ridge)
    assert tw.weights_line(pic.best, pic.lasso) == "Weight 1: 1.00 → 0; weight 2: 0.30 → 0"


def test_captions_say_what_each_chart_shows_now():
    start, middle, corner, end = (tw.picture(lam) for lam in (0.0, 0.47, 1.5, 100.0))
    assert tw.ridge_caption(start).startswith("With no penalty (λ = 0)")
    assert "side of the diamond" in tw.lasso_caption(middle) and "both weights are still in use" in tw.lasso_caption(
        middle
    )
    assert "corner on the weight 1 axis" in tw.lasso_caption(corner) and "weight 2 is exactly 0" in tw.lasso_caption(
        corner
    )
    assert "both weights are exactly 0" in tw.lasso_caption(end)
    assert "neither weight is exactly zero" in tw.ridge_caption(end)
    assert "about half as big as with no penalty" in tw.ridge_caption(tw.picture(1.5))  # 46% of the size
    for pic in (middle, corner, end):
        assert "radius" not in tw.ridge_caption(pic) and "%" not in tw.ridge_caption(pic)
    assert tw.lasso_verdict(corner).startswith("L1 has switched weight 2 off")
    assert "grew a little" in tw.ridge_verdict(tw.picture(0.15))  # ridge evens out correlated weights first
    for pic in (start, middle, corner, end):
        for sentence in (tw.ridge_caption(pic), tw.lasso_caption(pic)):
            assert sentence.count(". ") == 0 and sentence.endswith("."), "one sentence"


# --- The page (AppTest) ---


def picture_lam(at):
    """The λ the picture's own control shows."""
    return float(tw.TWO_WEIGHT_LAMS[lam_step(at, group="why")])


def set_picture_lam(at, lam):
    return release_step(at, int(np.flatnonzero(lam == tw.TWO_WEIGHT_LAMS)[0]), group="why")


def picture_texts(at):
    return [data["texts"][data["index"]] for data in live_data(at, "text") if data["group"] == "why"]


def chosen(figure):
    x, y = trace(figure, "Chosen weights")
    return np.array([x[0], y[0]])


def test_page_runs_and_opens_at_the_default(p):
    at = open_page(WHY)
    assert picture_lam(at) == tw.DEFAULT_LAM
    (control,) = [data for data in live_data(at, "control") if data["group"] == "why"]
    assert control["labels"][:2] == ["0 (off)", "0.01"] and control["labels"][-1] == "100"
    ridge_fig, lasso_fig = figures(at)
    np.testing.assert_allclose(chosen(ridge_fig), Ridge(alpha=p.n * 1.5).fit(p.Z, p.y).coef_, atol=1e-9)
    np.testing.assert_allclose(chosen(lasso_fig), [0.4, 0.0], atol=1e-9)
    texts = picture_texts(at)
    assert texts[0] == tw.ridge_caption(tw.picture(1.5)) and texts[2] == tw.lasso_caption(tw.picture(1.5))
    assert "L1 has switched weight 2 off" in texts[3] and "Weight 1: 1.00 → 0.41; weight 2: 0.30 → 0.24" in texts[1]
    text = " ".join(block.value for block in at.markdown)
    assert "Ridge(alpha=n·λ)" in text and "Lasso(alpha=λ/2)" in text


def test_the_slider_moves_both_pictures_and_their_captions():
    at = open_page(WHY)
    before = figures(at)
    set_picture_lam(at, 0.1)
    after = figures(at)
    for old, new in zip(before, after):
        assert not np.allclose(chosen(old), chosen(new))
        assert not np.allclose(decode(old["data"][1]["x"]), decode(new["data"][1]["x"]))  # the shape resized
    ridge_caption, _, lasso_caption, _, _ = picture_texts(at)
    assert "λ = 0.1 " in ridge_caption and "λ = 0.1 " in lasso_caption
    assert "both weights are still in use" in lasso_caption

    set_picture_lam(at, 100.0)
    np.testing.assert_array_equal(chosen(figures(at)[1]), [0.0, 0.0])
    texts = picture_texts(at)
    assert "both weights are exactly 0" in texts[2]
    assert "switched both weights off" in texts[3]

    set_picture_lam(at, 0.0)
    texts = picture_texts(at)
    assert texts[0].startswith("With no penalty (λ = 0)") and texts[2].startswith("With no penalty (λ = 0)")
    np.testing.assert_allclose(chosen(figures(at)[0]), tw.BEST, atol=1e-12)


def test_this_slider_leaves_the_readers_own_lam_alone():
    at = open_page(WHY, lam="0.01")
    set_picture_lam(at, 4.7)
    assert at.session_state["view"]["lam"] == pytest.approx(0.01)
    assert at.query_params["lam"] == "0.01"


def test_the_words_name_the_page_and_the_rings_as_drawn():
    """The page's title comes from the registry; the ring the circle touches is named as the figure draws it."""
    from core.show.palette import TOUCH_GREY
    from ui import registry

    pic = tw.picture(1.5)
    said = tw.price_sentence(1.5, pic, registry.BY_PATH["/curves"].title)
    assert "“The sweet spot”" in said and "real numbers" not in said and "Overfitting curves" not in said
    assert f"the {tw.TOUCHING_RING}" in tw.ridge_caption(pic) and "dashed" in tw.TOUCHING_RING
    (touching,) = [t for t in tw.ridge_figure(1.5).data if t.name == "Chosen point's contour"]
    assert touching.line.color == TOUCH_GREY and touching.line.dash == "dash"
