"""The Questions page: each demo runs and follows its control; the framework scaling is right."""

import re

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from core import PolynomialRidge
from core.curve import words
from core.curve.data import DATASET_TITLES, SHAPES, load_dataset
from core.models.lasso import lasso_weights
from core.models.path import ridge_path
from core.show.plain_numbers import format_lam
from tests.apptest_helpers import decode, figures, live_data, live_texts, open_page, release_lam, trace, widget

PAGE = "pages/faq.py"


def test_every_demo_runs():
    at = open_page(PAGE)
    assert len(figures(at)) == 5 and len(live_data(at, "chart")) == 3
    assert len(at.dataframe) == 1 and len(at.table) == 1
    headers = [header.value for header in at.header]
    assert headers[:2] == ["Does it make my model smarter?", "Do I have to set it myself?"]
    assert "Glossary" in headers
    (tools,) = [block for block in at.expander if "scikit-learn, Keras and PyTorch" in block.label]
    assert tools.label.startswith("In depth") and len(tools.table) == 1


def test_shared_lam_moves_the_demos_that_use_it():
    at = open_page(PAGE, lam="1e-06")
    before = figures(at)
    release_lam(at, 1.0)
    after = figures(at)
    _, steady_before = trace(before[1], "Fits to resampled data")
    _, steady_after = trace(after[1], "Fits to resampled data")
    spread = [np.nanmean(np.nanstd(lines.reshape(20, -1)[:, :-1], axis=0)) for lines in (steady_before, steady_after)]
    assert spread[1] < spread[0]
    assert decode(before[2]["data"][0]["x"]).tolist() != decode(after[2]["data"][0]["x"]).tolist()
    assert before[4]["layout"]["shapes"][0]["x0"] != after[4]["layout"]["shapes"][0]["x0"]


def test_too_much_slider_flattens_the_curve():
    at = open_page(PAGE)
    widget(at.select_slider, "Push the penalty").set_value(0.001).run()
    _, bendy = trace(figures(at)[3], "Model's curve")
    widget(at.select_slider, "Push the penalty").set_value(100.0).run()
    _, flat = trace(figures(at)[3], "Model's curve")
    assert np.ptp(flat) < 0.5 * np.ptp(bendy)
    assert "too simple (too stiff)" in " ".join(caption.value for caption in at.caption)


def test_the_gap_demo_speaks_with_the_one_verdict():
    at = open_page(PAGE, lam="0", degree="20")
    (verdict,) = [text for text in live_texts(at) if text.startswith("Verdict")]
    assert "memorizing" in verdict
    release_lam(at, 0.001)
    widget(at.slider, "degree").set_value(15).run()
    (verdict,) = [text for text in live_texts(at) if text.startswith("Verdict")]
    assert "about right" in verdict


def test_cross_validation_table_compares_pick_and_best():
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert list(table["Data"]) == [DATASET_TITLES["wave"], DATASET_TITLES["step"], DATASET_TITLES["tips"]]
    dataset = load_dataset("tips")
    path = ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)
    assert table["Sweet spot λ"].iloc[2] == format_lam(path.lams[path.best_index])
    assert table["Best λ"].iloc[2] == format_lam(path.lams[path.test_rmse.argmin()])
    step = load_dataset("step")
    step_path = ridge_path(step.x_train, step.y_train, 15, x_test=step.x_test, y_test=step.y_test)
    assert table["Best λ"].iloc[1] == format_lam(step_path.lams[step_path.test_rmse.argmin()])
    none_best = [
        DATASET_TITLES[key]
        for key in ("wave", "step", "tips")
        if (path := _held_out(key)).lams[path.test_rmse.argmin()] == 0
    ]
    why_none = [block.value for block in at.markdown if "reads 0 (off)" in block.value]
    if none_best:  # said only where no penalty did best on the new data
        assert f"as for “{none_best[0]}”" in why_none[0] and "some data need none" in why_none[0]
    else:
        assert not why_none


def _held_out(key):
    dataset = load_dataset(key)
    return ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)


@pytest.mark.parametrize("lam", [1e-4, 0.01, 1.0])
def test_scikit_learn_setting_in_the_table_reproduces_our_fit(lam):
    dataset = load_dataset("wave")
    n = dataset.x_train.size
    setting = words.framework_settings(lam, n)[0][1]
    alpha = float(re.fullmatch(r"Ridge\(alpha=(.+)\)", setting).group(1))
    path = ridge_path(dataset.x_train, dataset.y_train, 15)
    Z = path.features.transform(dataset.x_train)
    ours = PolynomialRidge(15, lam).fit(dataset.x_train, dataset.y_train)
    theirs = Ridge(alpha=alpha, solver="svd").fit(Z, dataset.y_train)
    np.testing.assert_allclose(theirs.coef_, ours.coef_, rtol=1e-5, atol=1e-8)


def test_lasso_scaling_minimizes_our_l1_objective():
    dataset = load_dataset("wave")
    # The café in thousands of € (its shape's own units), where coordinate descent converges to 1e-10 quickly.
    y_train = dataset.y_train / SHAPES["wave"].scale
    path = ridge_path(dataset.x_train, y_train, 6)
    Z = path.features.transform(dataset.x_train)
    y = y_train - y_train.mean()
    lam = 0.01

    def objective(w):
        return np.mean((y - Z @ w) ** 2) + lam * np.abs(w).sum()

    ours = lasso_weights(path, dataset.x_train, y_train, [lam])[0]
    other_scalings = [
        Lasso(alpha=a, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(Z, y).coef_
        for a in (lam, lam / 4, 2 * lam)
    ]
    assert all(objective(ours) < objective(w) for w in other_scalings)
    reference = Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(Z, y).coef_
    np.testing.assert_allclose(ours, reference, atol=1e-4)
