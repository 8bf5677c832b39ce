"""core.models.path.ridge_path, every λ at once, checked against scikit-learn refits and numpy.

References: the sklearn pipeline and ``Ridge(solver="svd")`` per λ, ``cross_val_score`` with
``LeaveOneOut`` (at a few λ, it is slow) and ``RidgeCV(gcv_mode="svd", store_cv_results=True)``,
whose per-point leave-one-out squared errors cover every λ > 0 quickly; at λ = 0, least squares
on a Legendre design with ``LinearRegression`` and ``numpy.polynomial.Legendre.fit``.
"""

import numpy as np
import pytest
from numpy.polynomial import Legendre, legendre
from sklearn.linear_model import LinearRegression, Ridge, RidgeCV
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import LeaveOneOut, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

from core import PolynomialRidge
from core.curve.data import load_dataset
from core.models.grid import LAM_GRID, SLIDER_LAMS
from core.models.path import ridge_path
from core.verdict import verdict

# name, n, degree, x kind
CASES = [
    ("unit-n30-d12", 30, 12, "unit"),
    ("years-n25-d15", 25, 15, "years"),
    ("wide-n60-d8", 60, 8, "wide"),
    ("unit-n15-d5", 15, 5, "unit"),
    ("wide-n40-d20", 40, 20, "wide"),
    ("wave-dataset-d15", 30, 15, "wave"),
    ("trend-n30-d10", 30, 10, "trend"),  # a straight line in much noise: every large λ is about as good
]


def make_case(name, n, degree, kind):
    rng = np.random.default_rng([len(name), n, degree])
    if kind == "wave":
        data = load_dataset("wave")
        return data.x_train, data.y_train, data.x_test, data.y_test
    if kind == "trend":
        x, x_test = rng.uniform(0, 1, n), rng.uniform(0.05, 0.95, 50)
        return x, x + rng.standard_normal(n), x_test, x_test + rng.standard_normal(50)
    low, high = {"unit": (0, 1), "years": (1990, 2025), "wide": (0, 5000)}[kind]
    x = rng.uniform(low, high, n)
    x_test = rng.uniform(x.min(), x.max(), 50)
    scale, offset = 10 ** rng.uniform(-1, 3), 10 ** rng.uniform(0, 4)

    def truth(v):
        return scale * np.sin(2 * np.pi * (v - low) / (high - low)) + offset

    noise = 0.3 * scale
    return x, truth(x) + noise * rng.standard_normal(n), x_test, truth(x_test) + noise * rng.standard_normal(50)


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def case(request):
    name, n, degree, kind = request.param
    x, y, x_test, y_test = make_case(name, n, degree, kind)
    path = ridge_path(x, y, degree, x_test=x_test, y_test=y_test)
    pipeline_features = make_pipeline(MinMaxScaler(), PolynomialFeatures(degree, include_bias=False), StandardScaler())
    Z = pipeline_features.fit_transform(x[:, None])
    return dict(x=x, y=y, x_test=x_test, y_test=y_test, degree=degree, n=x.size, path=path, Z=Z)


@pytest.fixture(scope="module")
def loo_reference(case):
    """scikit-learn's leave-one-out squared errors, one column per λ of LAM_GRID."""
    x, y, Z, n, degree = case["x"], case["y"], case["Z"], case["n"], case["degree"]
    squared = np.empty((n, LAM_GRID.size))
    ridge_cv = RidgeCV(alphas=n * LAM_GRID[1:], gcv_mode="svd", store_cv_results=True).fit(Z, y)
    squared[:, 1:] = ridge_cv.cv_results_
    t = (x - x.min()) / (x.max() - x.min())
    design = legendre.legvander(2 * t - 1, degree)[:, 1:]
    squared[:, 0] = -cross_val_score(
        LinearRegression(),
        design,
        y,
        cv=LeaveOneOut(),
        scoring="neg_mean_squared_error",
    )
    mse = squared.mean(axis=0)
    se = squared.std(axis=0, ddof=1) / np.sqrt(n)
    return squared, mse, se


def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


# --- The grid ---------------------------------------------------------------------------------


def test_lam_grid():
    assert LAM_GRID.size == 202 and LAM_GRID[0] == 0
    np.testing.assert_array_equal(LAM_GRID[1:], np.logspace(-8, 2, 201))
    assert np.all(np.diff(LAM_GRID) > 0)
    slider = np.concatenate([[0.0], np.logspace(-8, 2, 41)])
    np.testing.assert_array_equal(SLIDER_LAMS, slider)
    assert np.isin(slider, LAM_GRID).all()  # bit-for-bit members of the grid


# --- Fits ------------------------------------------------------------------------------------


def test_features_equal_sklearn(case):
    path, x, Z = case["path"], case["x"], case["Z"]
    assert path.degree == case["degree"]
    assert max_abs(path.features.transform(x), Z) <= 1e-9
    assert path.y_sd == pytest.approx(np.std(case["y"]), rel=1e-14)


def test_predictions_equal_estimator_for_every_lam(case):
    path, x, y, x_test = case["path"], case["x"], case["y"], case["x_test"]
    on_train, on_test = path.predict(x), path.predict(x_test)
    assert on_train.shape == (LAM_GRID.size, x.size)
    for i, lam in enumerate(path.lams):
        model = PolynomialRidge(case["degree"], lam).fit(x, y)
        assert max_abs(on_train[i], model.predict(x)) <= 1e-9 * y.std(), lam
        assert max_abs(on_test[i], model.predict(x_test)) <= 1e-9 * y.std(), lam


def test_lam_zero_is_numpy_least_squares(case):
    path, x, y, x_test = case["path"], case["x"], case["y"], case["x_test"]
    reference = Legendre.fit(x, y, case["degree"])
    assert max_abs(path.predict(x)[0], reference(x)) <= 1e-8 * y.std()
    assert max_abs(path.predict(x_test)[0], reference(x_test)) <= 1e-8 * y.std()
    assert path.df[0] == case["degree"]


def test_coef_equal_sklearn_ridge_svd(case):
    path, y, Z, n = case["path"], case["y"], case["Z"], case["n"]
    for i in range(1, path.lams.size):
        ridge = Ridge(alpha=n * path.lams[i], solver="svd").fit(Z, y)
        assert max_abs(path.coef[i], ridge.coef_) <= 1e-9 * np.max(np.abs(ridge.coef_)), path.lams[i]
        assert abs(path.intercept[i] - ridge.intercept_) <= 1e-9 * y.std() + 1e-13 * abs(ridge.intercept_)


def test_training_and_held_out_rmse(case):
    path, x, y, x_test, y_test, n = (case[k] for k in ("path", "x", "y", "x_test", "y_test", "n"))
    for i in range(0, path.lams.size, 8):
        lam = path.lams[i]
        if lam == 0:
            reference = Legendre.fit(x, y, case["degree"])
            fit, new = reference(x), reference(x_test)
        else:
            pipe = make_pipeline(
                MinMaxScaler(),
                PolynomialFeatures(case["degree"], include_bias=False),
                StandardScaler(),
                Ridge(alpha=n * lam, solver="svd"),
            ).fit(x[:, None], y)
            fit, new = pipe.predict(x[:, None]), pipe.predict(x_test[:, None])
        train = np.sqrt(mean_squared_error(y, fit))
        test = np.sqrt(mean_squared_error(y_test, new))
        assert path.train_rmse[i] == pytest.approx(train, rel=1e-7, abs=1e-9 * y.std()), lam
        assert path.test_rmse[i] == pytest.approx(test, rel=1e-9), lam


def test_without_held_out_data_test_rmse_is_nan(case):
    path = ridge_path(case["x"], case["y"], case["degree"])
    assert np.isnan(path.test_rmse).all()
    np.testing.assert_array_equal(path.train_rmse, case["path"].train_rmse)


def test_df_is_trace_of_hat_matrix(case):
    path, Z, n = case["path"], case["Z"], case["n"]
    gram = Z.T @ Z
    moderate = np.flatnonzero((path.lams >= 1e-4) & (path.lams <= 100))
    assert moderate.size > 70
    for i in moderate:
        hat = Z @ np.linalg.inv(gram + n * path.lams[i] * np.eye(case["degree"])) @ Z.T
        assert path.df[i] == pytest.approx(np.trace(hat), rel=1e-8)
    assert np.all(np.diff(path.df) < 0)  # more penalty, fewer effective weights
    assert 0 < path.df[-1] < path.df[1] <= case["degree"]


# --- Leave-one-out ----------------------------------------------------------------------------


@pytest.mark.parametrize("index", [1, 60, 120, 201])
def test_loo_equals_cross_val_score_leave_one_out(case, index):
    path, y, Z, n = case["path"], case["y"], case["Z"], case["n"]
    scores = cross_val_score(
        Ridge(alpha=n * path.lams[index], solver="svd"),
        Z,
        y,
        cv=LeaveOneOut(),
        scoring="neg_mean_squared_error",
    )
    assert path.cv_mse[index] == pytest.approx(-scores.mean(), rel=1e-9)
    assert path.cv_se[index] == pytest.approx(scores.std(ddof=1) / np.sqrt(n), rel=1e-9)


def test_loo_every_lam_equals_sklearn(case, loo_reference):
    path = case["path"]
    _, mse, se = loo_reference
    np.testing.assert_allclose(path.cv_mse[1:], mse[1:], rtol=1e-9)
    np.testing.assert_allclose(path.cv_se[1:], se[1:], rtol=1e-9)


def test_loo_at_lam_zero_equals_least_squares_leave_one_out(case, loo_reference):
    """1e-8 relative, unless a point nearly fixes its own fit.

    The shortcut eᵢ/(1 − hᵢᵢ) cannot know 1 − hᵢᵢ better than a few ε in absolute terms,
    so a leverage of 1 − 1.5e-8 (case wide-n40-d20: degree 20 on 40 points) limits any such
    method to a relative accuracy of about 4ε/(1 − max h) ≈ 6e-8. Refitting without the point
    (what scikit-learn does) has no such limit; we checked it against exact rational arithmetic.
    """
    path, x, degree = case["path"], case["x"], case["degree"]
    _, mse, se = loo_reference
    t = (x - x.min()) / (x.max() - x.min())
    q, _ = np.linalg.qr(legendre.legvander(2 * t - 1, degree))
    leverage = np.sum(q**2, axis=1)
    rtol = max(1e-8, 4 * np.finfo(float).eps / (1 - leverage.max()))
    assert rtol < 1e-7
    assert path.cv_mse[0] == pytest.approx(mse[0], rel=rtol)
    assert path.cv_se[0] == pytest.approx(se[0], rel=rtol)


def _run_around(values, best, threshold):
    """Indices [low, high] of the run of values <= threshold that contains best."""
    outside = np.flatnonzero(~(values <= threshold))
    below, above = outside[outside < best], outside[outside > best]
    low = below.max() + 1 if below.size else 0
    high = above.min() - 1 if above.size else values.size - 1
    return low, high


def test_best_index_and_good_range(case, loo_reference):
    path = case["path"]
    _, mse, se = loo_reference
    best = path.best_index
    assert best == int(np.argmin(path.cv_mse))
    assert mse[best] <= mse.min() * (1 + 1e-9)  # the best by scikit-learn's numbers too
    threshold = mse[best] + se[best]
    tight = _run_around(mse, best, threshold * (1 - 1e-9))
    loose = _run_around(mse, best, threshold * (1 + 1e-9))
    low, high = path.good_range
    assert loose[0] <= low <= tight[0] and tight[1] <= high <= loose[1]
    # Verdicts: memorizing below the range, about right in it, too simple above it.
    keys = [verdict(path, i).key for i in range(path.lams.size)]
    assert keys == ["memorizing"] * low + ["about_right"] * (high - low + 1) + ["too_simple"] * (
        path.lams.size - high - 1
    )


def test_good_range_is_not_trivial_somewhere():
    """Guard against a test suite where every good range is the whole grid or one point."""
    ranges = []
    for name, n, degree, kind in CASES:
        x, y, *_ = make_case(name, n, degree, kind)
        ranges.append(ridge_path(x, y, degree).good_range)
    assert any(0 < low < high < LAM_GRID.size - 1 for low, high in ranges), ranges
    # A range reaching the top λ from a best below it, and one reaching λ = 0.
    assert any(low < high == LAM_GRID.size - 1 for low, high in ranges), ranges
    assert any(low == 0 < high for low, high in ranges), ranges


def test_lam_zero_with_too_few_distinct_x_cannot_be_judged():
    """16 distinct years, degree 20: least squares is not unique; the λ = 0 row is not judged."""
    rng = np.random.default_rng(3)
    x = rng.integers(2000, 2016, 40).astype(float)
    y = (x - 2008) ** 2 + rng.standard_normal(40)
    path = ridge_path(x, y, 20)
    assert np.isinf(path.cv_mse[0]) and np.isinf(path.cv_se[0])
    assert path.best_index > 0 and np.isfinite(path.cv_mse[1:]).all()
    assert np.isfinite(path.predict(x)).all()
    with pytest.raises(ValueError, match="smaller degree"):
        PolynomialRidge(20, 0).fit(x, y)
    # λ > 0 is unaffected: it still equals scikit-learn.
    Z = path.features.transform(x)
    for i in (1, 100, 201):
        ridge = Ridge(alpha=40 * path.lams[i], solver="svd").fit(Z, y)
        assert max_abs(path.predict(x)[i], ridge.predict(Z)) <= 1e-9 * y.std()


def test_grid_without_zero():
    rng = np.random.default_rng(11)
    x, y = rng.uniform(0, 1, 20), rng.standard_normal(20)
    lams = [1e-3, 1e-1]
    path = ridge_path(x, y, 6, lams=lams)
    assert path.legendre_coef is None and path.coef.shape == (2, 6)
    for i, lam in enumerate(lams):
        pipe = make_pipeline(
            MinMaxScaler(),
            PolynomialFeatures(6, include_bias=False),
            StandardScaler(),
            Ridge(alpha=20 * lam, solver="svd"),
        ).fit(x[:, None], y)
        assert max_abs(path.predict(x)[i], pipe.predict(x[:, None])) <= 1e-9 * y.std()


# --- index_of and bad grids -------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_path():
    rng = np.random.default_rng(5)
    return ridge_path(rng.uniform(0, 1, 20), rng.standard_normal(20), 4)


def test_index_of_grid_values(small_path):
    assert small_path.index_of(0) == 0 and small_path.index_of(0.0) == 0
    for i, lam in enumerate(LAM_GRID):
        assert small_path.index_of(lam) == i
    for k, lam in enumerate(SLIDER_LAMS[1:]):
        assert small_path.index_of(float(lam)) == 1 + 5 * k


@pytest.mark.parametrize("seed", range(4))
def test_index_of_snaps_to_nearest_in_log(small_path, seed):
    rng = np.random.default_rng(seed)
    for lam in 10 ** rng.uniform(-8.2, 2.2, 50):
        expected = 1 + int(np.argmin(np.abs(np.log10(np.logspace(-8, 2, 201)) - np.log10(lam))))
        assert small_path.index_of(lam) == expected
    # Halfway in log between two grid points, rounding by value would differ from log rounding.
    a, b = LAM_GRID[50], LAM_GRID[51]
    assert small_path.index_of(a + 0.49 * (b - a)) == 51  # past the log midpoint
    assert small_path.index_of(10 ** (0.49 * np.log10(b) + 0.51 * np.log10(a))) == 50
    assert small_path.index_of(1e-30) == 1 and small_path.index_of(1e30) == 201


@pytest.mark.parametrize(
    "lams, message",
    [
        ([1e-3, 1e-4], "increasing"),
        ([0.1, 0.1], "increasing"),
        ([-1.0, 0.1], "zero or a positive"),
        ([0.0, np.nan], "zero or a positive"),
        ([0.0, np.inf], "zero or a positive"),
        ([], "non-empty"),
        ([[0.1, 1.0]], "non-empty"),
    ],
    ids=["unsorted", "repeated", "negative", "nan", "inf", "empty", "2-d"],
)
def test_bad_lams(lams, message):
    x = np.linspace(0, 1, 10)
    with pytest.raises(ValueError, match=message):
        ridge_path(x, np.sin(x), 3, lams=lams)


@pytest.mark.parametrize("degree", [0, 31, 2.5, "3"])
def test_bad_degree(degree):
    x = np.linspace(0, 1, 10)
    with pytest.raises(ValueError, match="degree"):
        ridge_path(x, np.sin(x), degree)


@pytest.mark.parametrize(
    "x_test, y_test",
    [
        ([0.5, np.nan], [1.0, 2.0]),  # silently gives NaN test errors
        ([0.5, 0.6], None),  # held-out x without y: silently NaN
        ([0.5, 0.6], [1.0, 2.0, 3.0]),  # mismatched lengths: a numpy broadcasting error
    ],
    ids=["nan", "no-y", "lengths"],
)
def test_held_out_data_is_validated(x_test, y_test):
    x = np.linspace(0, 1, 12)
    with pytest.raises(ValueError, match=r"x_test|y_test|held-out|NaN|same number"):
        ridge_path(x, np.sin(6 * x), 3, x_test=x_test, y_test=y_test)


def test_zero_lam_with_fewer_distinct_x_than_terms_fits_the_group_means():
    """With 10 distinct x and degree 15, least squares passes through each x's mean of y (numpy's rank cut-off)."""
    rng = np.random.default_rng(5)
    x = np.repeat(np.linspace(0.0, 1.0, 10), 400)
    y = np.sin(3 * x) + rng.normal(0, 0.1, x.size)
    path = ridge_path(x, y, 15)
    levels = np.unique(x)
    means = np.array([y[x == level].mean() for level in levels])
    np.testing.assert_allclose(path.predict(levels)[0], means, atol=1e-8 * y.std())
    assert path.df[0] == 10 - 1
