"""The Many-signals page (/signals), driven through AppTest, and its charts against the core."""

import numpy as np
import pytest

from core import signal_charts, signal_data, signal_story
from core.explain import verdict
from core.path import SLIDER_LAMS
from core.viewstate import snap_lam
from tests.apptest_helpers import decode, figures, live_data, live_texts, open_page, release_lam, trace

PAGE = "pages/signals.py"


@pytest.fixture(scope="module")
def shop():
    return signal_story.fit_table(signal_data.shop_table())


def test_page_draws_every_live_chart_and_sentence():
    at = open_page(PAGE)
    assert not at.exception
    assert len(live_data(at, "chart")) == 5 and len(figures(at)) == 5
    texts = live_texts(at)
    assert texts[0].startswith("Verdict: ")
    assert any("Online ads ($k) and Online clicks (thousands) move together" in t for t in texts)
    code = [c.value for c in at.code]
    assert any("Ridge(alpha=n * lam)" in c and "OneHotEncoder()" in c for c in code)


def test_no_penalty_memorizes_and_the_sweet_spot_shares_the_credit(shop):
    at = release_lam(open_page(PAGE), 0.0)
    texts = live_texts(at)
    assert texts[0].startswith("Verdict: memorizing")
    bars = figures(at)[0]
    x, names = trace(bars, "No penalty")
    j = list(names).index("Online clicks (thousands)")
    assert x[j] == pytest.approx(shop.path.coef[0, shop.names.index("Online clicks (thousands)")], rel=1e-6)

    best = snap_lam(shop.path.lams[shop.path.best_index])
    at = release_lam(at, best)
    assert live_texts(at)[0].startswith("Verdict: about right")
    pair = next(t for t in live_texts(at) if "move together" in t)
    assert "share the credit" in pair


@pytest.mark.parametrize("key", ["diabetes", "tips"])
def test_real_tables_can_be_chosen(key):
    at = open_page(PAGE)
    at.selectbox[0].set_value(key).run()
    assert not at.exception
    assert len(figures(at)) == 5


@pytest.mark.parametrize("name", ["weights", "paths", "share", "stability", "errors"])
def test_each_step_is_the_chart_built_for_its_lam(shop, name):
    rows = np.array([shop.path.index_of(lam) for lam in SLIDER_LAMS])
    builder = getattr(signal_charts, f"{name}_figure")
    stepped = signal_charts.stepped(builder, shop, rows)
    for step in (0, 17, 41):
        assert stepped.figure_at(step) == builder(shop, int(rows[step])).figure()


def test_share_chart_marks_this_lams_share(shop):
    row = shop.path.index_of(0.1)
    figure = signal_charts.share_figure(shop, row).figure().to_plotly_json()
    _, y = trace(figure, "This λ")
    assert decode(y)[0] == pytest.approx(100 * shop.path.biggest_share[row], rel=1e-6)
    assert verdict(shop.path, row).key == "about_right"
