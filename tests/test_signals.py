"""core.models.signals / core.models.design: ridge on a table of many signals, checked against scikit-learn's printed pipeline.

References: ``make_pipeline(ColumnTransformer([StandardScaler() on numbers, OneHotEncoder() on
categories]), Ridge(alpha=n*lam, solver="svd"))``; ``RidgeCV(store_cv_results=True)`` (exact
leave-one-out) and ``cross_val_score(Ridge(alpha=n*lam), Z, y, cv=KFold(5, shuffle=True,
random_state=0))`` on the features Z transformed once with the scaling fitted on all training rows.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge, RidgeCV
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from core.models import design
from core.models.signals import SignalRidge, signal_path
from core.signals import data as signal_data
from core.signals import fit as signal_fit
from core.signals import words as signal_words
from core.verdict import verdict

LAMS = np.concatenate([[0.0], np.logspace(-6, 1, 15)])
RTOL = 1e-8


def relative(ours, reference):
    return np.max(np.abs(np.asarray(ours) - reference)) / np.max(np.abs(reference))


def mixed_table(n, numbers, seed, near_duplicate=True):
    """Random numbers (one a near-copy of another), two text categories and a date; y from a few of them."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({f"n{j}": rng.normal(j, 1 + j, n) for j in range(numbers)})
    if near_duplicate:
        frame["n0 again"] = frame["n0"] + 1e-3 * rng.standard_normal(n)
    frame["colour"] = rng.choice(["red", "green", "blue"], n)
    frame["shop"] = rng.choice(["a", "b", "c", "d"], n)
    frame["day"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    frame["y"] = frame["n0"] - 2 * frame["n1"] + (frame["colour"] == "red") * 3 + rng.standard_normal(n)
    return frame


def sklearn_pipeline(plan, n, lam):
    return make_pipeline(
        ColumnTransformer(
            [("numbers", StandardScaler(), plan.numbers), ("categories", OneHotEncoder(), plan.categories)],
        ),
        Ridge(alpha=n * lam, solver="svd"),
    )


def with_days(frame, plan):
    """The table as the pipeline sees it: each date column as days since its earliest date."""
    frame = frame.copy()
    for signal in plan.signals:
        if signal.kind == design.DATE:
            frame[signal.name] = (frame[signal.name] - signal.origin) / pd.Timedelta(days=1)
    return frame


@pytest.fixture(scope="module", params=[(80, 5, 0), (30, 40, 1), (12, 20, 2)], ids=["n>p", "p>n", "p>>n"])
def case(request):
    n, numbers, seed = request.param
    frame = mixed_table(n, numbers, seed)
    plan, X, y = design.build(frame, "y")
    return frame, plan, X, y, signal_path(X, y, LAMS, scaled=plan.scaled, names=plan.feature_names)


def test_weights_and_predictions_equal_the_printed_pipeline(case):
    frame, plan, X, y, path = case
    table = with_days(frame, plan)
    columns = [s.name for s in plan.signals]
    for i, lam in enumerate(LAMS[1:], 1):
        model = sklearn_pipeline(plan, len(y), lam).fit(table[columns], y)
        ridge = model[-1]
        assert relative(path.coef[i], ridge.coef_) < RTOL, lam
        assert abs(path.intercept[i] - ridge.intercept_) < RTOL * max(1.0, abs(ridge.intercept_))
        assert relative(path.predict(X)[i], model.predict(table[columns])) < RTOL


def test_leave_one_out_equals_ridgecv(case):
    _, _, X, y, path = case
    Z = (X - path.mean) / path.scale
    reference = RidgeCV(alphas=len(y) * LAMS[1:], store_cv_results=True).fit(Z, y).cv_results_.mean(axis=0)
    assert path.cv == "leave-one-out"
    np.testing.assert_allclose(path.cv_mse[1:], reference, rtol=RTOL)


def test_no_penalty_is_the_minimum_norm_least_squares_fit(case):
    _, _, X, y, path = case
    Z = (X - path.mean) / path.scale
    Zc = Z - Z.mean(axis=0)
    reference = np.linalg.lstsq(Zc, y - y.mean(), rcond=max(Z.shape) * np.finfo(float).eps)[0]
    assert relative(path.coef[0], reference) < 1e-6
    if X.shape[1] + 1 > len(y):  # more signals than rows: every point is fitted exactly, leave-one-out cannot judge
        assert path.train_rmse[0] < 1e-8 * path.y_sd
        assert np.isinf(path.cv_mse[0])


def test_df_counts_the_free_weights(case):
    _, _, X, y, path = case
    Z = (X - path.mean) / path.scale
    s = np.linalg.svd(Z - Z.mean(axis=0), compute_uv=False)
    for i in (3, 9):
        alpha = len(y) * LAMS[i]
        assert path.df[i] == pytest.approx(np.sum(s**2 / (s**2 + alpha)), rel=1e-10)


@pytest.fixture(scope="module")
def large_case():
    frame = mixed_table(12_000, 6, 3)
    plan, X, y = design.build(frame, "y")
    return plan, X, y, signal_path(X, y, LAMS, scaled=plan.scaled)


def test_large_route_equals_ridge_and_five_fold_cross_val_score(large_case):
    plan, X, y, path = large_case
    assert path.cv == "5-fold"
    Z = (X - path.mean) / path.scale
    np.testing.assert_allclose(path.mean, np.where(plan.scaled, X.mean(axis=0), 0.0), rtol=1e-10, atol=1e-12)
    folds = KFold(5, shuffle=True, random_state=0)
    for i in (2, 6, 10, 15):
        alpha = len(y) * LAMS[i]
        ridge = Ridge(alpha=alpha, solver="svd").fit(Z, y)
        assert relative(path.coef[i], ridge.coef_) < RTOL
        assert path.intercept[i] == pytest.approx(ridge.intercept_, rel=RTOL)
        scores = -cross_val_score(Ridge(alpha=alpha, solver="svd"), Z, y, cv=folds, scoring="neg_mean_squared_error")
        assert path.cv_mse[i] == pytest.approx(scores.mean(), rel=RTOL)
        assert path.cv_se[i] == pytest.approx(scores.std(ddof=1) / np.sqrt(5), rel=1e-6)


def test_held_out_error_is_the_rmse_of_the_predictions(large_case):
    plan, X, y, _ = large_case
    path = signal_path(X[:9_000], y[:9_000], LAMS, scaled=plan.scaled, X_test=X[9_000:], y_test=y[9_000:])
    misses = path.predict(X[9_000:]) - y[9_000:]
    np.testing.assert_allclose(path.test_rmse, np.sqrt(np.mean(misses**2, axis=1)), rtol=1e-8)


def test_fold_weights_are_the_fits_without_each_fold():
    frame = mixed_table(60, 4, 5)
    plan, X, y = design.build(frame, "y")
    path = signal_path(X, y, LAMS, scaled=plan.scaled)
    Z = (X - path.mean) / path.scale
    for k, (train, _) in enumerate(KFold(5, shuffle=True, random_state=0).split(Z)):
        ridge = Ridge(alpha=len(y) * LAMS[8], solver="svd").fit(Z[train], y[train])
        assert relative(path.fold_coef[k, 8], ridge.coef_) < 1e-7


def test_estimator_equals_standard_scaler_and_ridge():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(40, 6)) * [1, 10, 100, 1, 1, 1], rng.normal(size=40)
    ours = SignalRidge(lam=0.01).fit(X, y)
    reference = make_pipeline(StandardScaler(), Ridge(alpha=40 * 0.01, solver="svd")).fit(X, y)
    assert ours.fit(X, y) is ours
    assert relative(ours.coef_, reference[-1].coef_) < RTOL
    assert relative(ours.predict(X), reference.predict(X)) < RTOL


# --- Bad input ------------------------------------------------------------------------------------


def test_unusable_columns_are_left_out_with_a_plain_note():
    rng = np.random.default_rng(0)
    n = 3_000
    frame = pd.DataFrame(
        {
            "y": rng.normal(size=n),
            "good": rng.normal(size=n),
            "empty": np.full(n, np.nan),
            "constant": np.ones(n),
            "copy of good": None,
            "ids": [f"customer {i}" for i in range(n)],
            "region": rng.choice(["north", "south"], n),
        }
    )
    frame["copy of good"] = frame["good"]
    plan = design.plan_design(frame, "y")
    assert [s.name for s in plan.signals] == ["good", "region"]
    notes = " ".join(plan.notes)
    for name, reason in (
        ("empty", "no values"),
        ("constant", "same value in every row"),
        ("copy of good", "same values as good"),
        ("ids", "3,000 different texts"),
    ):
        assert f"Left out {name}: " in notes and reason in notes


def test_rows_with_missing_values_are_left_out_and_counted():
    frame = mixed_table(50, 3, 6)
    frame.loc[[3, 7], "n1"] = np.nan
    plan, X, _ = design.build(frame, "y")
    assert X.shape[0] == 48 and "Left out 2 rows" in plan.notes[-1]


def test_two_hundred_signals_and_more_than_rows():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(150, 200)), rng.normal(size=150)
    path = signal_path(X, y, LAMS)
    assert np.isfinite(path.coef).all() and path.df[0] <= 149
    table = signal_data.SignalTable(
        "t", "t", "", "y", "", pd.DataFrame(X, columns=[f"s{j}" for j in range(200)]).assign(y=y), pd.DataFrame()
    )
    fit = signal_fit.fit_table(table)
    assert fit.more_signals_than_rows and "only 150 rows" in signal_words.size_note(fit)


def test_a_million_rows_does_not_crash():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(1_000_000, 12))
    y = X[:, 0] + rng.normal(size=1_000_000)
    path = signal_path(X, y)
    assert path.cv == "5-fold" and np.isfinite(path.cv_mse[1:]).all()
    assert path.coef[path.best_index, 0] == pytest.approx(1.0, abs=0.01)


# --- The shipped tables and their story ----------------------------------------------------------


def test_the_shop_memorizes_without_a_penalty_and_shares_the_credit_with_it():
    fit = signal_fit.fit_table(signal_data.shop_table())
    path = fit.path
    assert len(fit.table.train) == signal_data.SHOP_WEEKS
    assert verdict(path, 0).key == "memorizing"
    names = {fit.names[fit.pair.first], fit.names[fit.pair.second]}
    assert names == {"Online ads (thousand €)", "Online clicks (thousands)"}
    free = path.coef[0, [fit.pair.first, fit.pair.second]]
    best = path.coef[path.best_index, [fit.pair.first, fit.pair.second]]
    assert free[0] * free[1] < 0 < best[0] * best[1]  # opposite signs with no penalty, shared credit at the best
    assert path.biggest_share[path.best_index] < path.biggest_share[0]
    assert path.test_rmse[path.best_index] < path.test_rmse[0]
    assert path.fold_spread[path.best_index].max() < path.fold_spread[0].max()


@pytest.mark.parametrize("key", ["diabetes", "tips"])
def test_real_tables_ship_with_installed_packages(key):
    fit = signal_fit.fit_table(signal_data.load_signal_table(key))
    assert fit.n_test > 50 and np.isfinite(fit.path.test_rmse).all()
    assert not fit.design.notes


def test_the_printed_pipeline_is_valid_python_naming_the_columns():
    plan = design.plan_design(mixed_table(20, 2, 0), "y")
    code = design.pipeline_code(plan, 20, 0.01)
    compile(code, "pipeline", "exec")
    assert "OneHotEncoder()" in code and "Ridge(alpha=n * lam)" in code and "'colour'" in code
