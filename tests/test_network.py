"""The network page's maths (core/network) against scikit-learn's MLPClassifier itself."""

import warnings

import numpy as np
import pytest
from scipy.special import logit
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from core.models.grid import SLIDER_LAMS
from core.network import data, fit, words
from core.verdict import ABOUT_RIGHT, MEMORIZING, TOO_SIMPLE, sweet_spot
from tests.reading_ease import NOT_PLAIN, flesch_reading_ease

#: A smaller network and fewer epochs, for tests that train many networks with scikit-learn.
SMALL = fit.Settings(hidden=(6, 5), epochs=150, learning_rate=0.02, seed=3)
SOME_LAMS = np.array([0.0, 1e-6, 1e-3, 1e-2, 0.1, 3.0])


@pytest.fixture(autouse=True)
def _quiet_max_iter():
    # scikit-learn warns whenever max_iter is reached: here that is the plan (a fixed number of epochs).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        yield


@pytest.fixture(scope="module")
def problem():
    return data.problem()


@pytest.fixture(scope="module")
def shipped():
    path = fit.load_path(fit.PATH_FILE, SLIDER_LAMS)
    assert path is not None, "core/network/network_path.npz is missing or stale: run scripts/build_network_path.py"
    return path


def _stack(model):
    """A fitted MLPClassifier's weights as a stack of one network."""
    return fit.Networks(tuple(c[None] for c in model.coefs_), tuple(b[None] for b in model.intercepts_))


# --- λ and scikit-learn's alpha ---


@pytest.mark.parametrize("lam", [1e-4, 1e-3, 1e-2])
def test_alpha_is_2n_lambda_by_sklearns_own_objective(problem, lam):
    """scikit-learn's reported objective (``loss_``) is the app's (1/n)·Σ log-loss + λ·Σ w² when alpha = 2nλ."""
    n = problem.n
    model = MLPClassifier(
        (5,), activation="tanh", solver="lbfgs", alpha=fit.sklearn_alpha(lam, n), max_iter=40, random_state=0
    ).fit(problem.Z_train, problem.y_train)
    networks = _stack(model)
    ours = (
        fit.mean_log_loss(networks.scores(problem.Z_train), problem.y_train)[0] + lam * networks.weight_size()[0] ** 2
    )
    assert model.loss_ == pytest.approx(ours, rel=1e-12)
    assert fit.lam_of_alpha(fit.sklearn_alpha(lam, n), n) == pytest.approx(lam)
    # The factor matters: alpha = n·λ would charge half the penalty.
    half = (
        fit.mean_log_loss(networks.scores(problem.Z_train), problem.y_train)[0]
        + lam / 2 * networks.weight_size()[0] ** 2
    )
    assert abs(model.loss_ - half) > 1e-6


def test_training_loss_curve_is_sklearns(problem):
    """Adam's recorded objective, epoch by epoch, is our training log-loss plus λ·Σ w² at the same weights."""
    lam = 1e-3
    model = fit.sklearn_network(lam, problem.n, SMALL).fit(problem.Z_train, problem.y_train)
    _, history = fit.train(
        problem.Z_train,
        problem.y_train,
        [fit.sklearn_alpha(lam, problem.n)],
        SMALL,
        record_epochs=range(SMALL.epochs),
        watch={"train": (problem.Z_train, problem.y_train)},
    )
    # scikit-learn's loss_curve_[k] is the objective before update k + 1: at the weights after k epochs.
    ours = history.losses["train"][0] + lam * history.weight_size[0] ** 2
    np.testing.assert_allclose(model.loss_curve_, ours, rtol=1e-9)


# --- The trainer is scikit-learn's, step for step ---


def test_networks_equal_sklearn_fits(problem):
    networks, _ = fit.train(problem.Z_train, problem.y_train, fit.sklearn_alpha(SOME_LAMS, problem.n), SMALL)
    ours = networks.predict_proba(np.vstack([problem.grid, problem.Z_test]))
    for row, lam in enumerate(SOME_LAMS):
        model = fit.sklearn_network(lam, problem.n, SMALL).fit(problem.Z_train, problem.y_train)
        assert model.n_iter_ == SMALL.epochs
        theirs = model.predict_proba(np.vstack([problem.grid, problem.Z_test]))[:, 1]
        assert np.abs(ours[row] - theirs).max() < 1e-6, lam
        for layer, coef in enumerate(model.coefs_):
            np.testing.assert_allclose(networks.coefs[layer][row], coef, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("epochs", [1, 7, 60])
def test_history_equals_sklearn_stopped_after_that_many_epochs(problem, epochs):
    """The history at epoch k is the network scikit-learn returns with max_iter=k (Adam from the same start)."""
    lams = np.array([0.0, 1e-2])
    _, history = fit.train(
        problem.Z_train,
        problem.y_train,
        fit.sklearn_alpha(lams, problem.n),
        SMALL,
        record_epochs=[0, epochs, SMALL.epochs],
        watch={"train": (problem.Z_train, problem.y_train), "new": (problem.Z_test, problem.y_test)},
    )
    column = list(history.epochs).index(epochs)
    for row, lam in enumerate(lams):
        model = fit.sklearn_network(lam, problem.n, fit.Settings(**{**SMALL.__dict__, "epochs": epochs}))
        networks = _stack(model.fit(problem.Z_train, problem.y_train))
        assert history.weight_size[row, column] == pytest.approx(networks.weight_size()[0], rel=1e-9)
        for name, (Z, y) in {
            "train": (problem.Z_train, problem.y_train),
            "new": (problem.Z_test, problem.y_test),
        }.items():
            p = np.clip(model.predict_proba(Z)[:, 1], 1e-300, 1 - 1e-16)
            theirs = -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))
            assert history.losses[name][row, column] == pytest.approx(theirs, rel=1e-8)


def test_starting_weights_are_sklearns(problem):
    """Epoch 0 of the history is scikit-learn's Glorot start: its one-epoch fit is that start moved by one Adam step."""
    start = fit.Networks(*(tuple(a[None] for a in arrays) for arrays in fit.initial_weights(2, SMALL)))
    _, history = fit.train(
        problem.Z_train,
        problem.y_train,
        [0.0],
        SMALL,
        record_epochs=[0],
        watch={"train": (problem.Z_train, problem.y_train)},
    )
    assert history.weight_size[0, 0] == pytest.approx(start.weight_size()[0])
    one = fit.sklearn_network(0.0, problem.n, fit.Settings(**{**SMALL.__dict__, "epochs": 1}))
    one.fit(problem.Z_train, problem.y_train)
    for layer, coef in enumerate(one.coefs_):
        # Adam's first step moves every weight by the learning rate (m/√v = ±1 at t = 1, less a little for ε).
        moved = np.abs(coef - start.coefs[layer][0])
        assert np.all(moved <= SMALL.learning_rate * (1 + 1e-12))
        assert np.all(moved > 0.99 * SMALL.learning_rate)


def test_cross_validation_equals_cross_val_score(problem):
    lams = np.array([1e-3, 3e-2])
    losses, accuracies = fit.cross_validate(problem.Z_train, problem.y_train, lams, SMALL)
    assert losses.shape == (fit.N_FOLDS, lams.size)
    folds = StratifiedKFold(fit.N_FOLDS, shuffle=True, random_state=0)
    for k, lam in enumerate(lams):
        model = fit.sklearn_network(lam, problem.n, SMALL)  # alpha = 2nλ with n = all training rows
        theirs = -cross_val_score(model, problem.Z_train, problem.y_train, cv=folds, scoring="neg_log_loss")
        np.testing.assert_allclose(losses[:, k], theirs, rtol=1e-9)
        right = cross_val_score(model, problem.Z_train, problem.y_train, cv=folds, scoring="accuracy")
        np.testing.assert_allclose(accuracies[:, k], right)


def test_same_seed_same_networks(problem):
    alphas = fit.sklearn_alpha(SOME_LAMS, problem.n)
    first, _ = fit.train(problem.Z_train, problem.y_train, alphas, SMALL)
    again, _ = fit.train(problem.Z_train, problem.y_train, alphas, SMALL)
    for a, b in zip(first.coefs + first.intercepts, again.coefs + again.intercepts):
        assert np.array_equal(a, b)
    other, _ = fit.train(problem.Z_train, problem.y_train, alphas, fit.Settings(**{**SMALL.__dict__, "seed": 4}))
    assert not np.array_equal(first.coefs[0], other.coefs[0])


def test_scores_are_log_odds(problem):
    networks, _ = fit.train(problem.Z_train, problem.y_train, [0.0, 1.0], SMALL)
    p = networks.predict_proba(problem.Z_test)
    np.testing.assert_allclose(networks.scores(problem.Z_test), logit(p), rtol=1e-9, atol=1e-9)


def test_bad_lams_are_refused(problem):
    for lams in ([], [-1.0], [np.nan], [[0.1]], [0.1, 0.01]):
        with pytest.raises(ValueError):
            fit.network_path(problem.Z_train, problem.y_train, lams, problem.Z_test, problem.y_test, SMALL)
    with pytest.raises(ValueError):
        fit.network_path(problem.Z_train, 2 * problem.y_train, [0.1], problem.Z_test, problem.y_test, SMALL)
    with pytest.raises(ValueError):
        fit.train(problem.Z_train, problem.y_train, [0.0], SMALL, record_epochs=[SMALL.epochs + 1])


# --- The customers ---


def test_inputs_are_standardized_on_the_training_customers(problem):
    scaler = StandardScaler().fit(problem.X_train)
    np.testing.assert_array_equal(problem.Z_train, scaler.transform(problem.X_train))
    np.testing.assert_array_equal(problem.Z_test, scaler.transform(problem.X_test))
    assert problem.grid.shape == (data.GRID_POINTS**2, 2)
    assert set(np.unique(problem.y_train)) == {0, 1}
    assert (problem.n, problem.y_test.size) == (data.N_TRAIN, data.N_TEST)


# --- The file that ships ---


def test_shipped_networks_equal_sklearn_pipelines(problem, shipped):
    """The page's network at a λ is ``make_pipeline(StandardScaler(), MLPClassifier(...))`` on the raw customers."""
    value, days = np.meshgrid(problem.grid_value, problem.grid_days)
    raw_grid = np.column_stack([value.ravel(), days.ravel()])
    spot = shipped.spot
    for row in sorted({0, 1, spot.low, spot.best, spot.high, SLIDER_LAMS.size - 1}):
        pipeline = make_pipeline(StandardScaler(), fit.sklearn_network(SLIDER_LAMS[row], problem.n))
        pipeline.fit(problem.X_train, problem.y_train)
        theirs = pipeline.predict_proba(np.vstack([raw_grid, problem.X_test]))[:, 1]
        ours = shipped.networks.take(row).predict_proba(np.vstack([problem.grid, problem.Z_test]))[0]
        assert np.abs(ours - theirs).max() < 1e-6, row


def test_script_reproduces_shipped_file(tmp_path, shipped):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_network_path", fit.Path("scripts/build_network_path.py"))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(tmp_path / "again.npz")
    again = fit.load_path(tmp_path / "again.npz", SLIDER_LAMS)
    assert again is not None
    for name in fit._ARRAYS:
        np.testing.assert_allclose(getattr(again, name), getattr(shipped, name), rtol=1e-9, atol=1e-12, err_msg=name)
    for a, b in zip(
        again.networks.coefs + again.networks.intercepts, shipped.networks.coefs + shipped.networks.intercepts
    ):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(again.history.epochs, shipped.history.epochs)
    np.testing.assert_allclose(again.history.weight_size, shipped.history.weight_size, rtol=1e-9)
    for name, losses in shipped.history.losses.items():
        np.testing.assert_allclose(again.history.losses[name], losses, rtol=1e-9, atol=1e-12, err_msg=name)


def test_a_stale_file_is_not_read(tmp_path, shipped):
    fit.save_path(shipped, tmp_path / "p.npz")
    assert fit.load_path(tmp_path / "p.npz", SLIDER_LAMS) is not None
    assert fit.load_path(tmp_path / "p.npz", SLIDER_LAMS[:-1]) is None
    assert fit.load_path(tmp_path / "p.npz", SLIDER_LAMS, fit.Settings(epochs=999)) is None
    assert fit.load_path(tmp_path / "missing.npz", SLIDER_LAMS) is None


def test_shipped_path_tells_the_story(shipped):
    """What the page says about its pictures holds for the shipped networks."""
    spot = shipped.spot
    assert spot == sweet_spot(shipped.cv_log_loss, shipped.cv_se)
    assert 0 < spot.low <= spot.best <= spot.high < SLIDER_LAMS.size - 1
    assert spot.verdict(0) is MEMORIZING
    assert spot.verdict(spot.best) is ABOUT_RIGHT
    assert spot.verdict(SLIDER_LAMS.size - 1) is TOO_SIMPLE
    train, new = shipped.history.losses["train"], shipped.history.losses["new"]
    # No penalty: the training loss keeps falling to near zero while the new-data loss turns back up, far.
    assert train[0, -1] < 0.05 * train[0, 0]
    assert np.all(np.diff(train[0, len(train[0]) // 2 :]) < 0)
    assert new[0, -1] > 2 * new[0].min()
    # At the sweet spot the new-data loss ends near its lowest, and the weights end smaller than they started.
    assert new[spot.best, -1] < 1.05 * new[spot.best].min()
    assert shipped.history.weight_size[spot.best, -1] < shipped.history.weight_size[spot.best, 0]
    assert shipped.history.weight_size[0, -1] > 3 * shipped.history.weight_size[0, 0]
    # The stored errors are those of the stored networks.
    problem = data.problem()
    np.testing.assert_allclose(
        fit.mean_log_loss(shipped.networks.scores(problem.Z_test), problem.y_test), shipped.test_log_loss, rtol=1e-12
    )
    np.testing.assert_allclose(shipped.history.losses["new"][:, -1], shipped.test_log_loss, rtol=1e-12)
    assert shipped.history.epochs[-1] == fit.SETTINGS.epochs


def test_the_real_50_50_line_is_where_the_truth_gives_even_odds(problem):
    from core.customers import true_log_odds

    days = data.even_odds_days(problem.grid_value)
    shown = np.isfinite(days)
    assert shown.sum() > data.GRID_POINTS // 2
    np.testing.assert_allclose(true_log_odds(problem.grid_value[shown], days[shown]), 0.0, atol=1e-12)


# --- The words ---


def test_words_on_every_step_are_plain(shipped):
    """Every sentence the page can show, at every step: plain numbers, no e-notation, easy to read."""
    problem = data.problem()
    probability = fit.grid_probability(shipped, problem)
    for step in range(SLIDER_LAMS.size):
        texts = [
            words.verdict_text(shipped, step),
            words.answer_text(shipped, probability, step),
            words.loss_text(shipped, step),
            words.size_text(shipped, step),
        ]
        for text in texts:
            assert not NOT_PLAIN.search(text), (step, text)
            assert "nan" not in text and "inf" not in text, (step, text)
        assert flesch_reading_ease(" ".join(texts)) >= 60, (step, flesch_reading_ease(" ".join(texts)))
        assert words.verdict_tone(shipped, step) == shipped.spot.verdict(step).tone
    intros = [
        words.INTRO,
        words.PROBLEM,
        words.LOSS_INTRO,
        words.SIZE_INTRO,
        words.LAM_INTRO,
        words.sweet_spot_text(shipped),
    ]
    assert flesch_reading_ease(" ".join(intros).replace("**", "")) >= 60
    assert not NOT_PLAIN.search(" ".join(intros))


def test_the_words_say_what_the_pictures_show(shipped):
    """Each kind of sentence appears where its case is: memorizing, the sweet spot, too much penalty."""
    problem = data.problem()
    probability = fit.grid_probability(shipped, problem)
    best, last = shipped.spot.best, SLIDER_LAMS.size - 1
    assert "At the sweet spot (λ = 0.01)" in words.answer_text(shipped, probability, 0)
    assert "its border is one smooth curve close to the real pattern" in words.answer_text(shipped, probability, best)
    assert "expects no one to complain" in words.answer_text(shipped, probability, last)
    assert "still memorizing" in words.loss_text(shipped, 15)
    assert "stays close to that" in words.loss_text(shipped, best)
    assert "the decay keeps every weight near zero" in words.loss_text(shipped, last)
    assert "smaller than where they started" in words.size_text(shipped, best)
    assert "the decay wins" in words.size_text(shipped, last)
    assert words.weight_count() == 2 * 16 + 16 * 16 + 16 and words.bias_count() == 33
