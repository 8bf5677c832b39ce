"""The Many-signals page (/signals), driven through AppTest, and its charts against the core."""

import numpy as np
import pytest

from core.models.grid import SLIDER_LAMS
from core.show.facts import L2_NEVER_ZERO
from core.signals import charts as signal_charts
from core.signals import data as signal_data
from core.signals import fit as signal_fit
from core.signals import words as signal_words
from core.signals.money import amount
from core.verdict import verdict
from core.viewstate import snap_lam
from tests.apptest_helpers import decode, figures, live_data, live_texts, open_page, release_lam, trace

PAGE = "pages/signals.py"


@pytest.fixture(scope="module")
def shop():
    return signal_fit.fit_table(signal_data.shop_table())


def test_page_draws_every_live_chart_and_sentence():
    at = open_page(PAGE)
    assert not at.exception
    assert len(live_data(at, "chart")) == 5 and len(figures(at)) == 5
    texts = live_texts(at)
    assert texts[0].startswith("Online ads (thousand €) and Online clicks (thousands) move together")
    assert any(text.startswith("Verdict on this data: ") for text in texts)
    code = [c.value for c in at.code]
    assert any("Ridge(alpha=n * lam)" in c and "OneHotEncoder()" in c for c in code)


def test_no_penalty_memorizes_and_the_sweet_spot_shares_the_credit(shop):
    at = release_lam(open_page(PAGE), 0.0)
    verdict_text = next(t for t in live_texts(at) if t.startswith("Verdict on this data: "))
    assert verdict_text.startswith("Verdict on this data: memorizing")
    bars = figures(at)[0]
    x, names = trace(bars, "Your penalty: none")
    j = list(names).index("Online clicks (thousands)")
    assert x[j] == pytest.approx(shop.path.coef[0, shop.names.index("Online clicks (thousands)")], rel=1e-6)

    best = snap_lam(shop.path.lams[shop.path.best_index])
    at = release_lam(at, best)
    verdict_text = next(t for t in live_texts(at) if t.startswith("Verdict on this data: "))
    assert verdict_text.startswith("Verdict on this data: about right")
    credit = next(t for t in live_texts(at) if "move together" in t)
    assert "they share the credit" in credit


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
    _, y = trace(figure, "Your penalty")
    assert decode(y)[0] == pytest.approx(100 * shop.path.biggest_share[row], rel=1e-6)
    assert verdict(shop.path, row).key == "about_right"


def test_shop_money_is_in_euros_and_the_miss_axis_has_one_bracket(shop):
    assert not [c for c in shop.table.train.columns if "$" in c]
    assert shop.table.y_unit == "€" and shop.table.target == "Weekly sales (€)"
    figure = signal_charts.errors_figure(shop, 0).figure().to_plotly_json()
    assert figure["layout"]["yaxis"]["title"]["text"] == "Typical miss (€)"


def test_every_signal_is_named_in_the_paths_legend(shop):
    figure = signal_charts.paths_figure(shop, 0).figure().to_plotly_json()
    lines = [t for t in figure["data"] if t.get("type") == "scatter"]
    assert sorted(t["name"] for t in lines) == sorted(shop.names)
    assert all(t.get("showlegend", True) for t in lines)
    assert figure["layout"]["legend"]["orientation"] == "v"


def test_the_paths_caption_says_lines_leave_the_chart_only_when_they_do(shop):
    top, leaving = signal_charts.paths_range(shop)
    assert leaving.size == 0 and top >= np.abs(shop.path.coef).max()
    assert "leave" not in signal_words.paths_caption(shop)
    # A table whose no-penalty weights are 10 times its settled ones: the chart cuts them off and says which.
    coef = shop.path.coef.copy()
    coef[shop.path.lams < 1e-4, 3] *= 10
    wild = signal_fit.SignalFit(shop.table, shop.design, _with_coef(shop.path, coef), shop.pair, shop.n_test)
    top, leaving = signal_charts.paths_range(wild)
    assert list(leaving) == [3] and top < np.abs(coef[:, 3]).max()
    assert f"leave it on the left ({shop.names[3]})" in signal_words.paths_caption(wild)


def _with_coef(path, coef):
    import dataclasses

    return dataclasses.replace(path, coef=coef)


def test_signals_that_do_not_matter_are_explained_with_their_weights(shop):
    noise = signal_fit.irrelevant_features(shop)
    assert sorted(shop.names[j] for j in noise) == sorted(
        ["Staff on shift", "Rain (mm)", "Newsletter length (words)"]
        + [f"Shop-window colour = {c}" for c in ("blue", "green", "red")]
    )
    row = shop.path.best_index
    sentence = signal_words.noise_sentence(shop, row)
    total = np.abs(shop.path.coef[row, noise]).sum()
    assert f"to {amount(total, '€')}." in sentence
    assert L2_NEVER_ZERO in sentence
    assert (shop.path.coef[row, noise] != 0).all()
    assert signal_words.noise_sentence(signal_fit.fit_table(signal_data.diabetes_table()), 0) == ""


def test_the_share_sentence_says_what_its_chart_shows(shop):
    """With no penalty the biggest weight carries 25%, at the sweet spot 13%: the penalty spreads the credit."""
    share = shop.path.biggest_share
    assert share[shop.path.best_index] < share[0] - signal_words.CREDIT_MOVED
    sentence = signal_words.share_sentence(shop, 0)
    assert f"carries {share[0]:.0%}" in sentence and f"carries {share[shop.path.best_index]:.0%}" in sentence
    assert "The penalty spreads the credit." in sentence
    assert "takes over" not in sentence


def test_the_verdict_speaks_of_this_data_and_its_sweet_spot(shop):
    text, tone = signal_words.verdict_text(shop, shop.path.index_of(0.001))
    assert text.startswith("Verdict on this data: memorizing") and tone == "warn"
    assert (
        "This table's sweet spot: a strong penalty (λ = 0.089); from λ = 0.014 to λ = 0.28 it is about as good" in text
    )
