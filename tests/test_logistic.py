"""L2 logistic regression (core.models.logistic) against scikit-learn, and the Sorting-feedback models built on it."""

import re
import warnings

import numpy as np
import pytest
from scipy.special import expit, log_expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

from core import verdict
from core.feedback import charts as feedback_charts
from core.feedback import fit as feedback_fit
from core.feedback import words as feedback_words
from core.feedback.data import COMPLAINT, PRAISE, load_comments
from core.models.grid import SLIDER_LAMS
from core.models.logistic import NO_PENALTY_STAND_IN, L2LogisticRegression, logistic_path
from core.show import live

#: Steps checked one by one against scikit-learn: the stand-in for 0, tiny, small, the sweet spot's region, large.
CHECKED_STEPS = [0, 1, 9, 17, 22, 29, 35, 41]


def sklearn_fit(X, y, lam, n=None):
    """scikit-learn's LogisticRegression with C = 1/(2·n·λ), converged far beyond the test's tolerance."""
    n = y.size if n is None else n
    model = LogisticRegression(C=1.0 / (2.0 * n * lam), solver="newton-cholesky", tol=1e-14, max_iter=10_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # tol=1e-14 is below what it can certify
        return model.fit(X, y)


@pytest.fixture(scope="module")
def model():
    return feedback_fit.word_model()


@pytest.fixture(scope="module")
def data(model):
    comments = model.comments
    X = model.features(comments.train_texts)
    return X, comments.train_labels, model.features(comments.test_texts), comments.test_labels


# --- The path against scikit-learn ---


@pytest.mark.parametrize("step", CHECKED_STEPS)
def test_path_equals_sklearn_logistic_regression_with_C_1_over_2n_lam(model, data, step):
    X, y, X_test, _ = data
    path = model.path
    lam = path.fit_lams[step]
    assert lam == (SLIDER_LAMS[step] if step else NO_PENALTY_STAND_IN)
    theirs = sklearn_fit(X, y, lam)
    np.testing.assert_allclose(path.predict_proba(X_test)[step], theirs.predict_proba(X_test)[:, 1], rtol=0, atol=1e-6)
    np.testing.assert_allclose(path.predict_proba(X)[step], theirs.predict_proba(X)[:, 1], rtol=0, atol=1e-6)
    np.testing.assert_allclose(path.coef[step], theirs.coef_[0], rtol=0, atol=1e-5 if step == 0 else 1e-7)
    assert path.intercept[step] == pytest.approx(theirs.intercept_[0], abs=1e-5 if step == 0 else 1e-7)
    assert path.sklearn_C(step) == pytest.approx(1.0 / (2 * y.size * lam), rel=1e-15)


@pytest.mark.parametrize("step", CHECKED_STEPS)
def test_path_minimizes_our_objective_exactly(model, data, step):
    """The gradient of (1/n)·Σ log-loss + λ·‖w‖² is zero (to rounding), whatever any other solver does."""
    X, y, _, _ = data
    path = model.path
    X = X.toarray()
    residual = expit(X @ path.coef[step] + path.intercept[step]) - y
    gradient_w = X.T @ residual / y.size + 2 * path.fit_lams[step] * path.coef[step]
    assert np.abs(gradient_w).max() < 1e-12
    assert abs(residual.mean()) < 1e-12  # the unpenalized intercept


def test_warm_started_path_equals_one_fit_per_lam(data):
    X, y, _, _ = data
    lams = SLIDER_LAMS[[3, 20, 30]]
    path = logistic_path(X, y, lams, folds=2)
    for row, lam in enumerate(lams):
        alone = L2LogisticRegression(lam=lam).fit(X, y)
        # λ = 0.00000003: a curvature as small as 2λ in some directions leaves the weights exact to about 1e-9
        np.testing.assert_allclose(path.coef[row], alone.coef_[0], rtol=0, atol=1e-8)


def test_errors_on_training_and_held_out_comments(model, data):
    X, y, X_test, y_test = data
    path = model.path
    for step in CHECKED_STEPS:
        p_train, p_test = path.predict_proba(X)[step], path.predict_proba(X_test)[step]
        assert path.train_accuracy[step] == np.mean((p_train > 0.5) == (y == 1))
        assert path.test_accuracy[step] == np.mean((p_test > 0.5) == (y_test == 1))
        z = path.decision_function(X_test)[step]  # log-probabilities from the scores: exact even where p rounds to 1
        direct = -np.mean(y_test * log_expit(z) + (1 - y_test) * log_expit(-z))
        assert path.test_log_loss[step] == pytest.approx(direct, rel=1e-9)
        if step:
            assert path.test_log_loss[step] == pytest.approx(log_loss(y_test, p_test), rel=1e-9)


@pytest.mark.parametrize("step", [9, 17, 22, 29, 35])
def test_cross_validated_scores_equal_cross_val_score(model, data, step):
    X, y, _, _ = data
    path = model.path
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    estimator = LogisticRegression(C=path.sklearn_C(step), solver="newton-cholesky", tol=1e-14, max_iter=10_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        losses = -cross_val_score(estimator, X, y, cv=folds, scoring="neg_log_loss")
        accuracies = cross_val_score(estimator, X, y, cv=folds, scoring="accuracy")
    assert path.cv_log_loss[step] == pytest.approx(losses.mean(), rel=1e-6)
    assert path.cv_log_loss_se[step] == pytest.approx(losses.std(ddof=1) / np.sqrt(5), rel=1e-5)
    assert path.cv_accuracy[step] == pytest.approx(accuracies.mean(), abs=1e-12)


def test_sweet_spot_is_where_the_story_says(model):
    """Cross-validation picks a moderate penalty; no penalty and the strongest one are both clearly worse."""
    path = model.path
    spot = verdict.sweet_spot(path.cv_log_loss, path.cv_log_loss_se)
    assert 0 < spot.low <= spot.best <= spot.high < path.lams.size - 1
    assert spot.verdict(0) is verdict.MEMORIZING and spot.verdict(path.lams.size - 1) is verdict.TOO_SIMPLE
    assert path.train_accuracy[0] == 1.0
    assert path.test_accuracy[spot.best] - path.test_accuracy[0] > 0.05
    assert path.test_log_loss[0] > 3 * path.test_log_loss[spot.best]


def test_path_refuses_bad_input(data):
    X, y, _, _ = data
    with pytest.raises(ValueError, match="0 and 1"):
        logistic_path(X, y + 1)
    with pytest.raises(ValueError, match="both labels"):
        logistic_path(X, np.zeros_like(y))
    with pytest.raises(ValueError, match="lams"):
        logistic_path(X, y, [-1.0])
    with pytest.raises(ValueError, match="rows"):
        logistic_path(X[:10], y)


# --- The estimator ---


def test_estimator_equals_sklearn_with_any_labels_dense_or_sparse(data):
    X, y, X_test, _ = data
    labels = np.where(y == COMPLAINT, "complaint", "praise")
    ours = L2LogisticRegression(lam=1e-3).fit(X, labels)
    assert ours.fit(X, labels) is ours
    theirs = LogisticRegression(C=1 / (2 * y.size * 1e-3), solver="newton-cholesky", tol=1e-14).fit(X, labels)
    assert list(ours.classes_) == list(theirs.classes_) == ["complaint", "praise"]
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-9)
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))
    dense = L2LogisticRegression(lam=1e-3).fit(X.toarray(), labels)
    np.testing.assert_allclose(dense.coef_, ours.coef_, atol=1e-12)
    assert ours.coef_.shape == (1, X.shape[1]) and ours.intercept_.shape == (1,) and ours.n_iter_ >= 1


def test_estimator_without_penalty_on_separable_rows_warns_that_weights_grow():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0, 0, 1, 1])
    with pytest.warns(ConvergenceWarning, match="grow without end"):
        model = L2LogisticRegression(lam=0, max_iter=30).fit(X, y)
    assert abs(model.coef_[0, 0]) > 10


def test_estimator_without_penalty_equals_unpenalized_sklearn_when_a_minimum_exists():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (rng.random(200) < expit(X @ [1.0, -2.0, 0.5])).astype(int)
    ours = L2LogisticRegression(lam=0).fit(X, y)
    theirs = LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-14).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-8)


# --- The comments ---


def test_comments_are_fixed_labelled_and_realistic():
    comments = load_comments()
    assert comments is load_comments()
    assert comments.n_train == 266 and len(comments.test_texts) == 144
    assert set(comments.train_labels) == set(comments.test_labels) == {COMPLAINT, PRAISE}
    assert 0.4 < comments.train_labels.mean() < 0.6
    text = " ".join(comments.train_texts + comments.test_texts)
    for rare in ("Tuesday", "Priya", "Meh."):
        assert rare in text
    repeated = set(comments.train_texts) & set(comments.test_texts)  # short stock phrases, as real customers write
    assert len(repeated) == 4 and all(len(text) < 40 for text in repeated)


def test_unpenalized_model_trusts_one_off_words_and_l2_does_not(model):
    spot = verdict.sweet_spot(model.path.cv_log_loss, model.path.cv_log_loss_se)
    assert model.words[feedback_fit.strongest(model, 0, 1)[0]] == "rturn"  # a typo in 2 comments
    assert feedback_fit.rare_in_strongest(model, 0, 10) == ["rturn", "meh"]
    assert feedback_fit.rare_in_strongest(model, spot.best, 10) == []
    assert np.abs(model.path.coef[0]).max() > 10 * np.abs(model.path.coef[spot.best]).max()


def test_words_carrying_half_the_weight(model):
    sizes = np.sort(np.abs(model.path.coef[22]))[::-1]
    k = feedback_fit.words_carrying(model, 22)
    assert sizes[:k].sum() >= sizes.sum() / 2 > sizes[: k - 1].sum()


# --- A typed comment ---


@pytest.mark.parametrize("step", [0, 22, 35])
def test_typed_comment_probability_equals_the_sklearn_pipeline(model, step):
    comments = model.comments
    text = "Arrived two weeks late on Tuesday, but Priya was lovely."
    pipeline = make_pipeline(
        CountVectorizer(binary=True),
        LogisticRegression(C=model.path.sklearn_C(step), solver="newton-cholesky", tol=1e-14, max_iter=10_000),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pipeline.fit(comments.train_texts, comments.train_labels)
    reading = feedback_fit.read_comment(model, text)
    assert reading.complaint_probability[step] == pytest.approx(pipeline.predict_proba([text])[0, 1], abs=1e-6)


@pytest.mark.parametrize(
    ("text", "known", "unknown"),
    [
        ("", [], ()),
        ("😀😀 🙃", [], ()),
        ("Доставка опоздала 配送が遅い", [], ("доставка", "опоздала", "配送が遅い")),
        ("<b>late</b> **late** [refund](http://x.example)", ["late", "refund"], ("http", "example")),
        ("Late late LATE, frobnicated!", ["late"], ("frobnicated",)),
    ],
)
def test_any_text_is_read_word_by_word(model, text, known, unknown):
    reading = feedback_fit.read_comment(model, text)
    assert [model.words[j] for j in reading.known] == known
    assert reading.unknown == unknown
    assert not reading.cut and reading.text == text
    expected = expit(model.path.coef[:, reading.known].sum(axis=1) + model.path.intercept)
    np.testing.assert_allclose(reading.complaint_probability, expected, rtol=1e-15)


def test_long_comment_is_cut_at_the_limit(model):
    reading = feedback_fit.read_comment(model, "late " * 400)
    assert reading.cut and len(reading.text) == feedback_fit.MAX_COMMENT_CHARS


def test_comment_text_names_unknown_words_and_both_models(model):
    reading = feedback_fit.read_comment(model, "Frobnicated: the parcel was late")
    text = feedback_words.comment_text(model, reading, 21)
    assert "At λ = 0.001: complaint" in text and "With no penalty: complaint" in text
    assert "carry no weight: frobnicated." in text
    empty = feedback_words.comment_text(model, feedback_fit.read_comment(model, "😀"), 22)
    assert "knows none of these words" in empty


# --- Two signals ---


@pytest.fixture(scope="module")
def boundary():
    return feedback_fit.boundary_model()


@pytest.mark.parametrize("step", [0, 10, 22, 35])
def test_boundary_equals_the_sklearn_pipeline(boundary, step):
    lam = boundary.path.fit_lams[step]
    n = boundary.y_train.size
    pipeline = make_pipeline(
        feedback_fit.make_features(),
        LogisticRegression(C=1 / (2 * n * lam), solver="newton-cholesky", tol=1e-14, max_iter=10_000),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pipeline.fit(boundary.X_train, boundary.y_train)
    tolerance = 1e-5 if step == 0 else 1e-6  # λ = 0's stand-in: weights in the thousands
    np.testing.assert_allclose(
        boundary.path.predict_proba(boundary.features.transform(boundary.X_test))[step],
        pipeline.predict_proba(boundary.X_test)[:, 1],
        atol=tolerance,
    )
    value, days = np.meshgrid(boundary.grid_value, boundary.grid_days)
    grid = np.column_stack([value.ravel(), days.ravel()])
    np.testing.assert_allclose(
        boundary.grid_probability[step].ravel(), pipeline.predict_proba(grid)[:, 1], atol=tolerance
    )


def test_boundary_text_says_when_there_is_no_boundary(boundary):
    assert "there is no boundary to draw: the model says every customer will not complain" in (
        feedback_words.boundary_text(boundary, 41)
    )
    assert "no boundary" not in feedback_words.boundary_text(boundary, 22)


def test_boundary_calms_down_as_lam_grows(boundary):
    path = boundary.path
    spot = verdict.sweet_spot(path.cv_log_loss, path.cv_log_loss_se)
    assert path.train_accuracy[0] == 1.0 and path.test_accuracy[spot.best] > path.test_accuracy[0] + 0.05
    wiggle = [np.abs(np.diff(boundary.grid_probability[k], axis=0)).sum() for k in (0, spot.best, 41)]
    assert wiggle[0] > wiggle[1] > wiggle[2]


# --- Figures and sentences ---


def test_stepped_figures_are_the_figures_built_for_each_step(model, boundary):
    spot = verdict.sweet_spot(model.path.cv_log_loss, model.path.cv_log_loss_se)
    reading = feedback_fit.read_comment(model, "late <i>again</i>")
    for build in (
        lambda k: feedback_charts.word_weights_figure(model, k),
        lambda k: feedback_charts.scores_figure(model.path, k, spot),
        lambda k: feedback_charts.comment_figure(model, reading, k),
        lambda k: feedback_charts.boundary_figure(boundary, k),
    ):
        stepped = live.stepped(build, SLIDER_LAMS.size)
        for step in (0, 22, 41):
            assert stepped.figure_at(step) == build(step).figure()


def test_word_chart_shows_the_strongest_words_with_their_counts(model):
    figure = feedback_charts.word_weights_figure(model, 22).figure()
    free, here = figure.data
    assert free.y[0] == "rturn (2 comments)" and free.y[1] == "meh (1 comment)"
    np.testing.assert_allclose(here.x, model.path.coef[22, feedback_fit.strongest(model, 22, 10)], rtol=1e-6)
    assert list(free.marker.pattern.shape[:3]) == ["/", "/", ""]


def test_every_sentence_is_plain(model, boundary):
    spot = verdict.sweet_spot(model.path.cv_log_loss, model.path.cv_log_loss_se)
    reading = feedback_fit.read_comment(model, "late again")
    texts = [feedback_words.no_penalty_note(), feedback_words.sweet_spot_text(model.path, spot)]
    right = feedback_words.new_comment_probabilities(model)
    for step in range(SLIDER_LAMS.size):
        texts += [
            feedback_words.verdict_text(spot, step),
            feedback_words.words_text(model, step),
            feedback_words.scores_text(model, step, right),
            feedback_words.comment_text(model, reading, step),
            feedback_words.boundary_text(boundary, step),
        ]
    for text in texts:
        assert not re.search(r"\d[eE][+-]?\d", text), text
        assert "100%" not in text or "100% and" in text or "100% of" in text, text  # only an exact 100%
    assert "billion" not in " ".join(texts) and "odds" not in " ".join(texts)
    assert "0.0000000001" not in feedback_words.no_penalty_note()  # "no penalty" means none, in plain words
    assert "0.0000000001" in feedback_words.stand_in_note()  # the stand-in is told in depth


def test_word_charts_share_one_scale_that_holds_both_models(model):
    for step in (0, 22, 41):
        layout = feedback_charts.word_weights_figure(model, step).figure().layout
        assert list(layout.xaxis.range) == list(layout.xaxis2.range)
        assert layout.xaxis.range[1] >= np.abs(model.path.coef[[0, step]]).max()
    assert feedback_charts.word_weights_figure(model, 22).figure().data[1].text[0] == (
        f"{model.path.coef[22, feedback_fit.strongest(model, 22, 1)[0]]:+.1f}".replace("-", "−")
    )


def test_the_strongest_word_is_told_as_sureness_not_odds(model):
    text = feedback_words.words_text(model, 0)
    assert "“rturn” (in 2 training comments): it is enough on its own to make the model all but certain" in text
    top = feedback_fit.strongest(model, 22, 1)[0]
    sure = 1 / (1 + np.exp(-abs(model.path.coef[22, top])))
    assert f"from a 50–50 guess to {feedback_words.percent(sure)} sure of" in feedback_words.words_text(model, 22)


def test_scores_text_counts_the_sure_mistakes_behind_a_low_confidence(model):
    """With no penalty: right on 78% of new comments, yet 15% confidence, because most mistakes are sure ones."""
    complaint = model.path.predict_proba(model.features(model.comments.test_texts))
    truth = model.comments.test_labels == COMPLAINT
    right = np.where(truth, complaint, 1 - complaint)
    wrong = right[0] < 0.5
    assert wrong.sum() == 31 and (right[0][wrong] < 0.1).sum() == 26
    assert np.exp(np.log(right[0]).mean()) == pytest.approx(np.exp(-model.path.test_log_loss[0]))
    text = feedback_words.scores_text(model, 0)
    assert "It gets 31 of the 144 new comments wrong, and on 26 of those it was more than 90% sure" in text
    assert "averages 15%" in text
    assert "none of them while more than 90% sure" in feedback_words.scores_text(model, 22)


def test_everyday_trusted_words_are_explained_by_their_phrases(model):
    """The counts in the note are the training comments that contain each word, and on which side they are."""
    note = feedback_words.phrase_words_note(model)
    texts = [text.lower() for text in model.comments.train_texts]
    for word, phrase, kind in (("five", "five stars", "praise"), ("sense", "made no sense", "complaints")):
        has = np.array([re.search(rf"\b{word}\b", text) is not None for text in texts])
        complaints = int((model.comments.train_labels[has] == COMPLAINT).sum())
        most = complaints if kind == "complaints" else has.sum() - complaints
        assert f"“{word}” (as in “{phrase}”: in {has.sum()} comments, {most} of them {kind})" in note
        assert phrase in " ".join(texts)
    assert "“would” (as in “would order again”: in 9 comments, all praise)" in note
    spot = verdict.sweet_spot(model.path.cv_log_loss, model.path.cv_log_loss_se)
    trusted = {model.words[j] for j in feedback_fit.strongest(model, spot.best, 10)}
    assert {"five", "would", "sense"} <= trusted
