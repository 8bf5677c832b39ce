"""The large-data route of core.models.path (more than LARGE_N training rows): compressed rows, 5-fold CV.

References: the small-data route (one SVD of the explicit features, ``_ridge_path_svd``) on the
same rows; scikit-learn's ``cross_val_score(Ridge(alpha=n*lam, solver="svd"), Z, y,
cv=KFold(5, shuffle=True, random_state=0))`` on the fixed standardized features Z (n = all
training rows); ``LinearRegression`` on a Legendre design for λ = 0; explicit bootstrap rows
for the weighted resamples.
"""

import tracemalloc
from fractions import Fraction
from math import comb, factorial

import numpy as np
import pytest
from numpy.polynomial import legendre
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import KFold, cross_val_score

from core.curve.data import Dataset
from core.curve.fit import bootstrap_rows, degree_sweep, resampled_curves
from core.models.checks import check_degree, check_held_out, check_lams, check_xy
from core.models.grid import LAM_GRID, LARGE_N, SLIDER_LAMS
from core.models.legendre import monomials_in_legendre
from core.models.path import ridge_path
from core.models.path_compressed import compress, fold_rows, path_from_compressed
from core.models.path_svd import svd_path

KFOLD = KFold(5, shuffle=True, random_state=0)


def _ridge_path_svd(x, y, degree, lams=LAM_GRID, x_test=None, y_test=None):
    """``ridge_path`` by the small-data route (one SVD, leave-one-out) whatever the size."""
    x, y = check_xy(x, y)
    x_test, y_test = check_held_out(x_test, y_test)
    return svd_path(x, y, check_degree(degree), check_lams(lams), x_test, y_test)


def wave(n, seed, n_test=2_000):
    rng = np.random.default_rng(seed)
    x, x_test = rng.uniform(0, 1, n), rng.uniform(0, 1, n_test)
    return (
        x,
        np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(n),
        x_test,
        np.sin(2 * np.pi * x_test) + 0.3 * rng.standard_normal(n_test),
    )


def big_dataset(x, y, x_test, y_test):
    return Dataset(
        key="big",
        title="big",
        x_label="x",
        y_label="y",
        y_unit="",
        x_train=x,
        y_train=y,
        x_test=x_test,
        y_test=y_test,
        story="",
    )


def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


# --- Building blocks ------------------------------------------------------------------------


def test_monomials_in_legendre_is_the_exact_inverse():
    """tᵏ in shifted Legendre polynomials: exactly the inverse of their power coefficients (checked in rationals)."""
    degree = 30
    powers = [
        [(-1) ** (k + j) * comb(k, j) * comb(k + j, j) if j <= k else 0 for k in range(degree + 1)]
        for j in range(degree + 1)
    ]
    exact = [
        [
            Fraction((2 * j + 1) * factorial(k) ** 2, factorial(k + j + 1) * factorial(k - j)) if j <= k else 0
            for k in range(degree + 1)
        ]
        for j in range(degree + 1)
    ]
    for i in range(degree + 1):
        for k in range(degree + 1):
            assert sum(exact[i][m] * powers[m][k] for m in range(degree + 1)) == (i == k)
    np.testing.assert_array_equal(monomials_in_legendre(degree), [[float(v) for v in row] for row in exact])
    np.testing.assert_array_equal(monomials_in_legendre(12), monomials_in_legendre(degree)[:13, :13])


@pytest.mark.parametrize("n", [5, 6_000, 6_001, 6_004, 100_003])
def test_folds_split_every_row_once(n):
    folds = fold_rows(n)
    assert len(folds) == 5 and max(f.size for f in folds) - min(f.size for f in folds) <= 1
    np.testing.assert_array_equal(np.sort(np.concatenate(folds)), np.arange(n))


def test_route_switches_above_large_n():
    x, y, *_ = wave(LARGE_N + 1, 0)
    assert ridge_path(x[:LARGE_N], y[:LARGE_N], 4).cv == "leave-one-out"
    assert ridge_path(x, y, 4).cv == "5-fold"


# --- The compressed route equals the SVD route (n = 200,000) --------------------------------


@pytest.fixture(scope="module")
def large_case():
    return wave(200_000, 1)


@pytest.fixture(scope="module", params=[1, 8, 15, 20])
def both_routes(request, large_case):
    x, y, x_test, y_test = large_case
    degree = request.param
    ours = ridge_path(x, y, degree, x_test=x_test, y_test=y_test)
    reference = _ridge_path_svd(x, y, degree, x_test=x_test, y_test=y_test)
    return degree, ours, reference


def test_large_route_is_used(both_routes):
    _, ours, reference = both_routes
    assert ours.cv == "5-fold" and reference.cv == "leave-one-out"


def test_large_features_equal_small_route(both_routes):
    _, ours, reference = both_routes
    assert ours.features.x_min == reference.features.x_min and ours.features.x_span == reference.features.x_span
    np.testing.assert_allclose(ours.features.mean, reference.features.mean, rtol=1e-13)
    np.testing.assert_allclose(ours.features.scale, reference.features.scale, rtol=1e-12)
    assert ours.y_sd == pytest.approx(reference.y_sd, rel=1e-14)


def test_large_fits_equal_svd_route(both_routes, large_case):
    _, ours, reference = both_routes
    x, y, x_test, _ = large_case
    sd = y.std()
    # Weights, per λ, relative to the largest weight (at λ = 0 they are in the billions and cancel).
    scale = np.max(np.abs(reference.coef), axis=1)
    assert np.all(np.max(np.abs(ours.coef - reference.coef), axis=1) <= 1e-9 * scale)
    # Intercepts: λ > 0 to 1e-9·sd(y); at λ = 0 the monomial intercept is itself a sum of
    # cancelling terms Σ wₖμₖ/σₖ, known only to rounding of that sum, in either route.
    assert max_abs(ours.intercept[1:], reference.intercept[1:]) <= 1e-9 * sd
    cancelling = np.sum(np.abs(reference.coef[0] * reference.features.mean / reference.features.scale))
    assert abs(ours.intercept[0] - reference.intercept[0]) <= 1e-9 * sd + 1e-14 * cancelling
    np.testing.assert_allclose(ours.legendre_coef, reference.legendre_coef, rtol=1e-9, atol=1e-12 * sd)
    # Predictions for every λ, on held-out x, on a grid across the range and on training rows.
    for at in (x_test, np.linspace(x.min(), x.max(), 201), x[:2_000]):
        assert max_abs(ours.predict(at), reference.predict(at)) <= 1e-9 * sd


def test_large_errors_and_df_equal_svd_route(both_routes):
    degree, ours, reference = both_routes
    np.testing.assert_allclose(ours.train_rmse, reference.train_rmse, rtol=1e-9)
    np.testing.assert_allclose(ours.test_rmse, reference.test_rmse, rtol=1e-9)
    np.testing.assert_allclose(ours.df, reference.df, rtol=1e-9)
    assert ours.df[0] == degree
    # 5-fold CV and leave-one-out estimate the same error: at their best λ, close but not equal.
    # (Not at large λ: α = n·λ with n = all rows is a stronger penalty on a fold's 4/5 of them.)
    assert ours.cv_mse.min() == pytest.approx(reference.cv_mse.min(), rel=0.01)
    assert np.isfinite(ours.cv_se).all() and (ours.cv_se > 0).all()


def test_large_route_without_zero_or_held_out(large_case):
    x, y, *_ = large_case
    lams = [1e-6, 1e-3]
    ours, reference = ridge_path(x, y, 10, lams), _ridge_path_svd(x, y, 10, lams)
    assert ours.legendre_coef is None and np.isnan(ours.test_rmse).all()
    np.testing.assert_allclose(ours.train_rmse, reference.train_rmse, rtol=1e-9)
    assert max_abs(ours.predict(x[:500]), reference.predict(x[:500])) <= 1e-9 * y.std()


@pytest.mark.parametrize("kind", ["ten-values", "years"])
def test_large_route_with_few_distinct_x(kind):
    """Integer x: at degree 12 with 10 distinct values least squares is not unique (as in the small route)."""
    rng = np.random.default_rng(5)
    n = 20_000
    if kind == "ten-values":
        x, degree = rng.integers(0, 10, n).astype(float), 12
    else:
        x, degree = rng.integers(1990, 2026, n).astype(float), 20
    y = np.sin(x / 3) + rng.standard_normal(n)
    ours, reference = ridge_path(x, y, degree), _ridge_path_svd(x, y, degree)
    at = np.unique(x)
    assert max_abs(ours.predict(at)[1:], reference.predict(at)[1:]) <= 1e-9 * y.std()
    np.testing.assert_allclose(ours.train_rmse, reference.train_rmse, rtol=1e-9)
    np.testing.assert_allclose(ours.df[1:], reference.df[1:], rtol=1e-9)
    group_means = np.array([y[x == v].mean() for v in at])
    if kind == "ten-values":  # λ = 0: the minimum-norm fit, through the mean of each group; not judged
        assert ours.df[0] == 9 and np.isinf(ours.cv_mse[0]) and np.isinf(ours.cv_se[0])
        assert max_abs(ours.predict(at)[0], group_means) <= 1e-9 * y.std()
        assert np.isfinite(ours.cv_mse[1:]).all()
    else:
        assert ours.df[0] == degree and np.isfinite(ours.cv_mse).all()


# --- 5-fold cross-validation equals scikit-learn -------------------------------------------


@pytest.fixture(scope="module")
def cv_case():
    x, y, *_ = wave(6_001, 2)
    return x, y


@pytest.mark.parametrize("degree", [3, 15, 20])
def test_kfold_equals_cross_val_score(cv_case, degree):
    x, y = cv_case
    n = x.size
    path = ridge_path(x, y, degree)
    assert path.cv == "5-fold"
    Z = path.features.transform(x)
    for i in (1, 60, 120, 180, 201):
        scores = -cross_val_score(
            Ridge(alpha=n * path.lams[i], solver="svd"), Z, y, cv=KFOLD, scoring="neg_mean_squared_error"
        )
        assert path.cv_mse[i] == pytest.approx(scores.mean(), rel=1e-9), i
        assert path.cv_se[i] == pytest.approx(scores.std(ddof=1) / np.sqrt(5), rel=1e-9), i
    # λ = 0: least squares per fold (in a Legendre design, exact where monomials are not).
    t = (x - x.min()) / (x.max() - x.min())
    scores = -cross_val_score(
        LinearRegression(), legendre.legvander(2 * t - 1, degree)[:, 1:], y, cv=KFOLD, scoring="neg_mean_squared_error"
    )
    assert path.cv_mse[0] == pytest.approx(scores.mean(), rel=1e-9)
    assert path.cv_se[0] == pytest.approx(scores.std(ddof=1) / np.sqrt(5), rel=1e-9)
    low, high = path.good_range
    assert low <= path.best_index <= high


# --- Degree sweep and resamples -------------------------------------------------------------


def test_degree_sweep_reads_every_degree_from_one_compression(cv_case):
    x, y = cv_case
    x_test, y_test = wave(100, 9, n_test=300)[2:]
    sweep = degree_sweep(big_dataset(x, y, x_test, y_test), degrees=range(1, 21))
    assert sweep.cv == "5-fold"
    for row, degree in enumerate(sweep.degrees):
        path = ridge_path(x, y, int(degree), x_test=x_test, y_test=y_test)
        np.testing.assert_allclose(sweep.train_rmse[row], path.train_rmse, rtol=1e-12)
        np.testing.assert_allclose(sweep.test_rmse[row], path.test_rmse, rtol=1e-12)
        np.testing.assert_allclose(sweep.cv_rmse[row], np.sqrt(path.cv_mse), rtol=1e-12)


def test_compressed_data_serves_smaller_degrees(cv_case):
    x, y = cv_case
    data = compress(x, y, 12)
    for degree in (1, 5, 12):
        a, b = path_from_compressed(data, degree), ridge_path(x, y, degree)
        assert max_abs(a.predict(x[:300]), b.predict(x[:300])) <= 1e-11 * y.std()
    with pytest.raises(ValueError, match="compressed up to degree 12"):
        path_from_compressed(data, 13)


@pytest.mark.parametrize("degree", [3, 15])
def test_weighted_bootstrap_equals_explicit_resample(cv_case, degree):
    x, y = cv_case
    dataset = big_dataset(x, y, x[:5], y[:5])
    curve_x = np.linspace(-0.05, 1.05, 101)
    curves = resampled_curves(dataset, degree, curve_x, SLIDER_LAMS, n_resamples=3)
    assert curves.shape == (SLIDER_LAMS.size, 3, curve_x.size) and np.isfinite(curves).all()
    for draw in range(3):
        rows = bootstrap_rows(x.size, draw)
        reference = _ridge_path_svd(x[rows], y[rows], degree, SLIDER_LAMS)
        assert max_abs(curves[:, draw], reference.predict(curve_x)) <= 1e-9 * y.std()


def test_weights_equal_repeated_rows():
    rng = np.random.default_rng(8)
    x, y = rng.uniform(3, 7, 300), rng.standard_normal(300)
    counts = rng.integers(0, 4, 300)
    counts[np.argmin(x)] = 0  # the smallest x left out: the scaling must follow the kept rows
    weighted = path_from_compressed(compress(x, y, 6, folds=0, weights=counts), 6)
    repeated = _ridge_path_svd(np.repeat(x, counts), np.repeat(y, counts), 6)
    assert weighted.features.x_min == repeated.features.x_min
    assert max_abs(weighted.predict(x), repeated.predict(x)) <= 1e-10 * y.std()
    np.testing.assert_allclose(weighted.train_rmse, repeated.train_rmse, rtol=1e-10)
    assert weighted.cv == "none" and np.isnan(weighted.cv_mse).all()


# --- Held-out data, memory ------------------------------------------------------------------


@pytest.mark.parametrize(
    "x_test, y_test",
    [
        ([0.5, np.nan], [1.0, 2.0]),
        ([0.5, 0.6], None),
        (None, [1.0, 2.0]),
        ([0.5, 0.6], [1.0, 2.0, 3.0]),
        ([[0.5, 0.6]], [[1.0, 2.0]]),
    ],
    ids=["nan", "no-y", "no-x", "lengths", "2-d"],
)
@pytest.mark.parametrize("n", [12, LARGE_N + 10])
def test_held_out_data_is_validated_on_both_routes(x_test, y_test, n):
    x = np.linspace(0, 1, n)
    with pytest.raises(ValueError, match=r"x_test|y_test|held-out"):
        ridge_path(x, np.sin(6 * x), 3, x_test=x_test, y_test=y_test)


@pytest.mark.parametrize("n", [12, LARGE_N + 10])
def test_empty_held_out_data_gives_nan(n):
    x = np.linspace(0, 1, n)
    path = ridge_path(x, np.sin(6 * x), 3, x_test=[], y_test=[])
    assert np.isnan(path.test_rmse).all()


def test_a_million_rows_in_little_memory():
    """Degree 20, 10⁶ training rows and 300,000 held-out rows: the path's own allocations stay small."""
    x, y, x_test, y_test = wave(1_000_000, 4, n_test=300_000)
    tracemalloc.start()
    try:
        path = ridge_path(x, y, 20, x_test=x_test, y_test=y_test)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.cv == "5-fold" and np.isfinite(path.test_rmse).all()
    assert peak < 100e6, peak  # about 25 MB: two 8 MB copies of the rows in fold order, then chunks
