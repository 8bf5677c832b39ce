"""The two routes of core.models.logistic (row space, Newton–CG) against scikit-learn and each other.

The problem is built here: sparse rows like a text's tf-idf features (a few non-zero entries, each row
of length 1), more columns than rows, labels from a few informative columns and noise, so that at the
smallest λ a line splits the training rows perfectly, as it does for comments.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from core.models import logistic
from core.models.grid import SLIDER_LAMS
from core.models.logistic import (
    NO_PENALTY_STAND_IN,
    ROW_SPACE_MAX_RANK,
    L2LogisticRegression,
    logistic_path,
    stratified_folds,
)

N_ROWS, N_TEST, N_COLUMNS = 700, 300, 2_500
#: Steps compared with scikit-learn: the stand-in for 0, the slider's smallest λ, small, middle, large.
STEPS = [0, 1, 9, 17, 25, 33, 41]


def text_like(n, p, seed):
    rng = np.random.default_rng(seed)
    X = scipy.sparse.random(n, p, density=12 / p, format="csr", random_state=rng, data_rvs=rng.random)
    X = X + scipy.sparse.csr_matrix((np.ones(n), (np.arange(n), rng.integers(0, 40, n))), shape=(n, p))
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    return scipy.sparse.diags(1 / norms) @ X


@pytest.fixture(scope="module")
def problem():
    X_all = text_like(N_ROWS + N_TEST, N_COLUMNS, seed=0).tocsr()
    truth = np.zeros(N_COLUMNS)
    truth[:40] = np.random.default_rng(1).normal(0, 6, 40)
    y_all = (np.random.default_rng(2).random(N_ROWS + N_TEST) < expit(X_all @ truth)).astype(int)
    return X_all[:N_ROWS], y_all[:N_ROWS], X_all[N_ROWS:], y_all[N_ROWS:]


@pytest.fixture(scope="module")
def path(problem):
    X, y, X_test, y_test = problem
    assert min(X.shape) > ROW_SPACE_MAX_RANK  # the Newton–CG route
    return logistic_path(X, y, SLIDER_LAMS, X_test, y_test)


def sklearn_fit(X, y, lam, n=None):
    """scikit-learn's newton-cg with C = 1/(2·n·λ), converged far beyond the tests' tolerance."""
    model = LogisticRegression(C=1.0 / (2.0 * (n or y.size) * lam), solver="newton-cg", tol=1e-15, max_iter=1_000)
    with warnings.catch_warnings():
        # tol=1e-15 is below what it can certify; near λ = 0 its line search may say it stalled (at rounding level)
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", "Line Search failed|The line search algorithm did not converge")
        return model.fit(X, y)


@pytest.mark.parametrize("step", STEPS)
def test_newton_cg_path_equals_sklearn(problem, path, step):
    X, y, X_test, _ = problem
    theirs = sklearn_fit(X, y, path.fit_lams[step])
    np.testing.assert_allclose(path.predict_proba(X_test)[step], theirs.predict_proba(X_test)[:, 1], atol=1e-6)
    np.testing.assert_allclose(path.predict_proba(X)[step], theirs.predict_proba(X)[:, 1], atol=1e-6)


@pytest.mark.parametrize("step", STEPS)
def test_newton_cg_path_is_at_the_minimum_to_rounding(problem, path, step):
    X, y, _, _ = problem
    residual = expit(X @ path.coef[step] + path.intercept[step]) - y
    gradient = X.T @ residual / y.size + 2 * path.fit_lams[step] * path.coef[step]
    assert np.abs(gradient).max() < 1e-12 and abs(residual.mean()) < 1e-12


def test_the_smallest_lam_splits_the_training_rows(path):
    """What makes λ → 0 hard: every training row right and near certain, the weights large."""
    assert path.train_accuracy[0] == 1.0 and path.train_log_loss[0] < 0.01
    assert np.abs(path.coef[0]).max() > 5 * np.abs(path.coef[17]).max()


@pytest.mark.parametrize("step", [9, 25])
def test_newton_cg_cross_validation_equals_cross_val_score(problem, path, step):
    X, y, _, _ = problem
    estimator = LogisticRegression(C=path.sklearn_C(step), solver="newton-cg", tol=1e-15, max_iter=1_000)
    losses = -cross_val_score(estimator, X, y, cv=stratified_folds(y), scoring="neg_log_loss")
    assert path.cv_log_loss[step] == pytest.approx(losses.mean(), rel=1e-7)
    assert path.cv_log_loss_se[step] == pytest.approx(losses.std(ddof=1) / np.sqrt(5), rel=1e-5)


def test_both_routes_give_the_same_path(problem):
    X, y, _, _ = problem
    fit_lams = np.where(SLIDER_LAMS > 0, SLIDER_LAMS, NO_PENALTY_STAND_IN)[[0, 5, 20, 35]]
    row_coef, row_intercept = logistic._path_in_row_space(X, y, fit_lams)
    cg_coef, cg_intercept = logistic._path_newton_cg(X, y, fit_lams)
    scores_row = X @ row_coef.T + row_intercept
    scores_cg = X @ cg_coef.T + cg_intercept
    np.testing.assert_allclose(expit(scores_cg), expit(scores_row), atol=1e-9)


def test_estimator_on_many_rows_and_columns_equals_sklearn_dense_or_sparse(problem):
    X, y, X_test, _ = problem
    ours = L2LogisticRegression(lam=1e-5).fit(X, y)
    theirs = sklearn_fit(X, y, 1e-5)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-9)
    dense = L2LogisticRegression(lam=1e-5).fit(X.toarray(), y)
    np.testing.assert_allclose(dense.coef_, ours.coef_, atol=1e-9)
    assert 1 <= ours.n_iter_ < 50


def test_estimator_with_no_penalty_on_split_rows_warns_on_either_route(problem):
    X, y, _, _ = problem
    with pytest.warns(ConvergenceWarning, match="grow without end"):
        L2LogisticRegression(lam=0, max_iter=15).fit(X, y)


def test_progress_is_told_after_every_fit(problem):
    X, y, _, _ = problem
    told = []
    lams = SLIDER_LAMS[[10, 20, 30]]
    logistic_path(X, y, lams, folds=3, progress=lambda done, total: told.append((done, total)))
    assert told == [(done, 12) for done in range(1, 13)]
    told.clear()
    small = X[:, :200]  # few columns: the row-space route reports the same way
    logistic_path(small, y, lams, folds=3, progress=lambda done, total: told.append((done, total)))
    assert told == [(done, 12) for done in range(1, 13)]
