"""L2 logistic regression (core.models.logistic) against scikit-learn, and the Sorting-feedback models built on it.

The comments' model is checked against scikit-learn on the same matrix: the page's tf-idf features of
the shipped comments (1,628 × 7,476, sparse) and ``LogisticRegression(C=1/(2nλ))``. Its reference fits
use the newton-cg solver at tol 1e-15 (newton-cholesky would form a 7,476 × 7,476 Hessian per step).
"""

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, log_expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

from core import verdict
from core.feedback import charts as feedback_charts
from core.feedback import comment_words, method_words, phrases
from core.feedback import data as feedback_data
from core.feedback import fit as feedback_fit
from core.feedback import words as feedback_words
from core.feedback.data import COMPLAINT, PRAISE, load_comments
from core.models.grid import SLIDER_LAMS
from core.models.logistic import NO_PENALTY_STAND_IN, L2LogisticRegression, logistic_path
from core.show import live

#: Steps checked one by one against scikit-learn: the stand-in for 0, tiny, small, the sweet spot's region, large.
CHECKED_STEPS = [0, 1, 9, 11, 17, 22, 29, 35, 41]
#: The sweet spot cross-validation finds for the shipped comments (λ = 0.0000032).
BEST = 11


def sklearn_fit(X, y, lam, n=None):
    """scikit-learn's LogisticRegression with C = 1/(2·n·λ), converged far beyond the test's tolerance."""
    n = y.size if n is None else n
    return quiet_fit(LogisticRegression(C=1.0 / (2.0 * n * lam), solver="newton-cg", tol=1e-15, max_iter=1_000), X, y)


def quiet_fit(model, X, y):
    with warnings.catch_warnings():
        # tol=1e-15 is below what it can certify; near λ = 0 its line search may say it stalled (at rounding level)
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", "Line Search failed|The line search algorithm did not converge")
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
    np.testing.assert_allclose(path.coef[step], theirs.coef_[0], rtol=0, atol=1e-5 if step <= 1 else 1e-7)
    assert path.intercept[step] == pytest.approx(theirs.intercept_[0], abs=1e-5 if step <= 1 else 1e-7)
    assert path.sklearn_C(step) == pytest.approx(1.0 / (2 * y.size * lam), rel=1e-15)


@pytest.mark.parametrize("step", CHECKED_STEPS)
def test_path_minimizes_our_objective_exactly(model, data, step):
    """The gradient of (1/n)·Σ log-loss + λ·‖w‖² is zero (to rounding), whatever any other solver does."""
    X, y, _, _ = data
    path = model.path
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


@pytest.mark.parametrize("step", [9, 11, 17, 29])
def test_cross_validated_scores_equal_cross_val_score(model, data, step):
    X, y, _, _ = data
    path = model.path
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    estimator = LogisticRegression(C=path.sklearn_C(step), solver="newton-cg", tol=1e-15, max_iter=1_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        losses = -cross_val_score(estimator, X, y, cv=folds, scoring="neg_log_loss")
        accuracies = cross_val_score(estimator, X, y, cv=folds, scoring="accuracy")
    assert path.cv_log_loss[step] == pytest.approx(losses.mean(), rel=1e-6)
    assert path.cv_log_loss_se[step] == pytest.approx(losses.std(ddof=1) / np.sqrt(5), rel=1e-5)
    assert path.cv_accuracy[step] == pytest.approx(accuracies.mean(), abs=1e-12)


def test_sweet_spot_is_where_the_story_says(model):
    """Cross-validation picks a light penalty; there the new comments are sorted at least 85% right (the target),
    and no penalty and the strongest one are both clearly worse on log-loss."""
    path = model.path
    spot = verdict.sweet_spot(path.cv_log_loss, path.cv_log_loss_se)
    assert spot.best == BEST and path.lams[BEST] == pytest.approx(10**-5.5)
    assert 0 < spot.low <= spot.best <= spot.high < path.lams.size - 1
    assert spot.verdict(0) is verdict.MEMORIZING and spot.verdict(path.lams.size - 1) is verdict.TOO_SIMPLE
    assert path.test_accuracy[BEST] >= 0.85 and round(100 * path.test_accuracy[BEST], 1) == 86.7
    assert path.train_accuracy[0] == 1.0
    assert path.test_log_loss[0] > 1.5 * path.test_log_loss[BEST]
    assert path.test_accuracy[BEST] >= path.test_accuracy[0]  # steadier, and not worse


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


def test_estimator_equals_sklearn_with_any_labels(data):
    X, y, X_test, _ = data
    labels = np.where(y == COMPLAINT, "complaint", "praise")
    ours = L2LogisticRegression(lam=1e-3).fit(X, labels)
    assert ours.fit(X, labels) is ours
    theirs = sklearn_fit(X, labels, 1e-3)
    assert list(ours.classes_) == list(theirs.classes_) == ["complaint", "praise"]
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-9)
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))
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


def test_comments_are_the_shipped_files_read_once():
    comments = load_comments()
    assert comments is load_comments()
    assert comments.n_train == 1_628 and len(comments.test_texts) == 420
    assert comments.categories == ("praise", "complaint")
    assert set(comments.train_labels) == set(comments.test_labels) == {COMPLAINT, PRAISE}
    assert 0.45 < comments.train_labels.mean() < 0.55 and 0.45 < comments.test_labels.mean() < 0.55
    assert set(comments.train_groups) == {"cafe", "shop", "software"}
    assert set(comments.test_groups) == {"restaurant", "hotel", "salon", "repair", "gym", "delivery", "bank", "mixed"}
    assert not set(comments.train_texts) & set(comments.test_texts)
    train = pd.read_csv(feedback_data.TRAIN_FILE, dtype=str, keep_default_na=False)
    assert tuple(train["text"]) == comments.train_texts
    assert list(np.where(train["label"] == "complaint", COMPLAINT, PRAISE)) == list(comments.train_labels)
    with pytest.raises(ValueError):
        comments.train_labels[0] = 1  # read-only: shared by every reader


def test_the_features_are_words_and_pairs_from_the_vectorizer(model):
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    X = vectorizer.fit_transform(model.comments.train_texts)
    assert list(model.words) == list(vectorizer.get_feature_names_out()) and model.words.size == 7_476
    assert (model.features(model.comments.test_texts) != vectorizer.transform(model.comments.test_texts)).nnz == 0
    assert {"not bad", "never again", "not worth"} <= set(model.words)
    assert model.counts.min() == 2 and model.counts[model.vectorizer.vocabulary_["not bad"]] == 9
    column = model.vectorizer.vocabulary_["not bad"]
    values = X[:, column].data
    assert model.typical[column] == pytest.approx(values.mean())
    assert method_words.VECTORIZER_CODE in method_words.sklearn_words_code(1e-3, 1_628)
    assert repr(feedback_fit.make_vectorizer()) == repr(vectorizer)


def test_with_no_penalty_rare_words_and_pairs_push_hardest_and_l2_shrinks_them(model):
    """The lesson: with no penalty pairs found in two or three comments push hardest (each alone makes the model
    all but certain); L2 shrinks every push, so at the sweet spot none does."""
    free = feedback_fit.strongest(model, 0, 1)[0]
    assert model.words[free] == "not once" and model.counts[free] == 2
    assert feedback_fit.rare_in_strongest(model, 0, 10) == ["not once", "zero", "nope", "gorgous", "app not"]
    assert expit(np.abs(model.pushes(0)).max()) > 0.9999
    assert expit(np.abs(model.pushes(BEST)).max()) < 0.95
    assert np.abs(model.pushes(0)).max() > 3.5 * np.abs(model.pushes(BEST)).max()
    assert np.abs(model.path.coef[0]).max() > 3 * np.abs(model.path.coef[BEST]).max()


def test_words_carrying_half_the_push(model):
    sizes = np.sort(np.abs(model.pushes(22)))[::-1]
    k = feedback_fit.words_carrying(model, 22)
    assert sizes[:k].sum() >= sizes.sum() / 2 > sizes[: k - 1].sum()


# --- A typed comment ---


@pytest.mark.parametrize("step", [0, BEST, 35])
def test_typed_comment_probability_equals_the_sklearn_pipeline(model, step):
    comments = model.comments
    text = "Arrived two weeks late, but the staff were lovely. Not bad at all."
    pipeline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(C=model.path.sklearn_C(step), solver="newton-cg", tol=1e-15, max_iter=1_000),
    )
    quiet_fit(pipeline, comments.train_texts, comments.train_labels)
    reading = feedback_fit.read_comment(model, text)
    assert reading.complaint_probability[step] == pytest.approx(pipeline.predict_proba([text])[0, 1], abs=1e-6)
    pushes = reading.pushes(model, step)
    assert expit(pushes.sum() + model.path.intercept[step]) == pytest.approx(reading.label1_probability[step])


@pytest.mark.parametrize(
    ("text", "known", "unknown"),
    [
        ("", [], ()),
        ("😀😀 🙃", [], ()),
        ("Доставка опоздала 配送が遅い", [], ("доставка", "опоздала", "配送が遅い")),
        ("<b>late</b> **late** [refund](http://x.example)", ["late", "refund"], ("http", "example")),
        ("Late late LATE, frobnicated!", ["late"], ("frobnicated",)),
        ("not bad", ["not", "bad", "not bad"], ()),
    ],
)
def test_any_text_is_read_word_by_word_and_pair_by_pair(model, text, known, unknown):
    reading = feedback_fit.read_comment(model, text)
    assert [model.words[j] for j in reading.known] == known
    assert reading.unknown == unknown
    assert not reading.cut and reading.text == text
    expected = expit(model.path.decision_function(model.features([text]))[:, 0])
    np.testing.assert_allclose(reading.complaint_probability, expected, rtol=1e-12)


def test_long_comment_is_cut_at_the_limit(model):
    reading = feedback_fit.read_comment(model, "late " * 400)
    assert reading.cut and len(reading.text) == feedback_fit.MAX_COMMENT_CHARS


@pytest.mark.parametrize("text", ["", "😀😀😀", "Доставка опоздала", "frobnicated qwertyuiop"])
def test_a_comment_with_no_known_word_gets_not_sure_not_the_intercept(model, text):
    reading = feedback_fit.read_comment(model, text)
    assert reading.sureness(BEST) == feedback_fit.NO_KNOWN_WORDS
    said = comment_words.comment_text(model, reading, BEST)
    assert said.startswith("The model is not sure: none of these words were in the comments it learned from.")
    assert "%" not in said and "complaint," not in said and "praise," not in said


def test_a_guess_near_even_says_it_is_unsure(model):
    reading = feedback_fit.read_comment(model, "10 service")
    probability = reading.label1_probability[BEST]
    assert abs(probability - 0.5) < feedback_fit.NEAR_EVEN and reading.sureness(BEST) == feedback_fit.UNSURE
    said = comment_words.comment_text(model, reading, BEST)
    assert said.startswith(
        "With your setting (orange), a light penalty (λ under 0.0001): not sure (leans praise, "
        f"{phrases.percent(1 - probability)})."
    )
    assert feedback_fit.sureness(0.61, 3) == feedback_fit.SURE and feedback_fit.sureness(0.59, 3) == feedback_fit.UNSURE


def test_comment_text_names_unknown_words_and_both_models(model):
    reading = feedback_fit.read_comment(model, "Frobnicated: the parcel was late and nobody answered")
    text = comment_words.comment_text(model, reading, 21)
    assert text.startswith("With your setting (orange), a medium penalty (λ = 0.001): complaint")
    assert "\nWith no penalty (pink): complaint" in text
    at_zero = comment_words.comment_text(model, reading, 0)  # beside your λ = 0: the sweet spot
    assert at_zero.startswith("With your setting (orange), no penalty (λ = 0): complaint")
    assert "\nAt the sweet spot (green), a light penalty (λ under 0.0001): complaint" in at_zero
    assert "carry no weight: frobnicated." in text
    assert "toward complaint: nobody (+" in text


def test_a_long_list_of_pushes_names_the_strongest_and_counts_the_rest(model):
    reading = feedback_fit.read_comment(model, comment_words.EXAMPLE_COMMENT)
    pushes = reading.pushes(model, BEST)
    text = comment_words.comment_text(model, reading, BEST).split("\n")[0]
    toward_complaint = text.split("toward complaint: ")[1].split(";")[0]
    # only words the chart draws are told, so the text and the chart agree
    drawn = feedback_charts.comment_shown(model, reading)
    assert drawn.size == feedback_charts.MAX_COMMENT_WORDS < reading.known.size
    assert toward_complaint.endswith(f" and {int((pushes[drawn] > 0).sum()) - 4} more in the chart")
    assert toward_complaint.count("(+") == comment_words.PUSHES_NAMED == 4
    told = re.findall(r"([^,;:]+?) \([+−]\d", text.split("Words push ")[1])
    drawn_words = {model.words[column] for column in reading.known[drawn]}
    assert len(told) == 8 and {word.strip() for word in told} <= drawn_words, told
    strongest = reading.known[np.argmax(pushes)]
    assert toward_complaint.startswith(f"{model.words[strongest]} (+{pushes.max():.2f})")


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


def test_word_chart_shows_the_strongest_pushes_with_their_counts(model):
    figure = feedback_charts.word_weights_figure(model, BEST).figure()
    free, here = figure.data
    assert free.y[0] == "not once (2 comments)" and free.y[1] == "not bad (9 comments)"
    np.testing.assert_allclose(here.x, model.pushes(BEST)[feedback_fit.strongest(model, BEST, 10)], rtol=1e-6)
    assert list(free.marker.pattern.shape[:4]) == ["/", "", "", "/"]
    assert figure.layout.yaxis.type == figure.layout.yaxis2.type == "category"
    assert figure.layout.xaxis.title.text == "← praise    push    complaint →"


def test_a_comment_of_number_like_words_keeps_a_category_axis(model):
    """ "10" and "service" are both known words: the chart names both, on a category axis."""
    reading = feedback_fit.read_comment(model, "10 service")
    figure = feedback_charts.comment_figure(model, reading, BEST).figure()
    assert figure.layout.yaxis.type == "category"
    assert list(figure.data[0].y) == list(figure.data[1].y) == ["10", "service"]
    np.testing.assert_allclose(figure.data[1].x, reading.pushes(model, BEST), rtol=1e-6)


def test_every_sentence_is_plain(model, boundary):
    spot = verdict.sweet_spot(model.path.cv_log_loss, model.path.cv_log_loss_se)
    readings = [feedback_fit.read_comment(model, text) for text in ("late again", "😀", "10 service")]
    texts = [method_words.no_penalty_note(), feedback_words.sweet_spot_text(model.path, spot)]
    texts.append(method_words.phrase_words_note(model))
    right = feedback_words.new_comment_probabilities(model)
    for step in range(SLIDER_LAMS.size):
        texts += [
            feedback_words.verdict_text(spot, step),
            feedback_words.words_text(model, step),
            feedback_words.scores_text(model, step, right),
            feedback_words.boundary_text(boundary, step),
        ]
        texts += [comment_words.comment_text(model, reading, step) for reading in readings]
    for text in texts:
        assert not re.search(r"\d[eE][+-]?\d", text), text
        assert "100%" not in text or "100% of" in text or "100% and" in text, text  # only an exact 100%
        assert not re.search(r"\d{4}", re.sub(r"\d+\.\d+", "", text)), text  # 1,234 with its comma
    assert "billion" not in " ".join(texts) and "odds" not in " ".join(texts)
    assert "0.0000000001" not in method_words.no_penalty_note()  # "no penalty" means none, in plain words
    assert "0.0000000001" in method_words.stand_in_note()  # the stand-in is told in depth


def test_word_charts_share_one_scale_that_holds_both_models(model):
    for step in (0, 22, 41):
        layout = feedback_charts.word_weights_figure(model, step).figure().layout
        assert list(layout.xaxis.range) == list(layout.xaxis2.range)
        assert layout.xaxis.range[1] >= max(np.abs(model.pushes(0)).max(), np.abs(model.pushes(step)).max())
    top = feedback_fit.strongest(model, BEST, 1)[0]
    assert feedback_charts.word_weights_figure(model, BEST).figure().data[1].text[0] == (
        f"{model.pushes(BEST)[top]:+.1f}".replace("-", "−")
    )


def test_the_strongest_word_is_told_as_sureness_not_odds(model):
    text = feedback_words.words_text(model, 0)
    assert text.startswith(
        "With your setting (orange), no penalty (λ = 0), the word that pushes hardest is “not once” (in 2 training "
        "comments): on its own it makes the model all but certain (more than 99.9% sure) of praise, and 5 of its 10 "
        "strongest words appear in 3 training comments or fewer (“not once”, “zero”, “nope”, “gorgous”, “app not”)."
    )
    top = feedback_fit.strongest(model, BEST, 1)[0]
    sure = 1 / (1 + np.exp(-abs(model.pushes(BEST)[top])))
    beside = "At the sweet spot (green), a light penalty (λ under 0.0001), the word that pushes hardest is “not once”"
    assert beside in text and "The largest push at the sweet spot is 4.0 times smaller than yours." in text
    at_best = feedback_words.words_text(model, BEST)
    assert f"from a 50–50 guess to {phrases.percent(sure)} sure of praise" in at_best
    assert "Your largest push is 4.0 times smaller than with no penalty." in at_best
    assert "With no penalty (pink), the word that pushes hardest is “not once”" in at_best
    assert "1 of its 10 strongest words appears in 3" in feedback_words.words_text(model, 21)


def test_scores_text_counts_the_sure_mistakes_behind_a_low_confidence(model):
    """With no penalty: right on 86% of new comments, yet 53% confidence, because most mistakes are sure ones."""
    complaint = model.path.predict_proba(model.features(model.comments.test_texts))
    truth = model.comments.test_labels == COMPLAINT
    right = np.where(truth, complaint, 1 - complaint)
    wrong = right[0] < 0.5
    assert wrong.sum() == 58 and (right[0][wrong] < 0.1).sum() == 37
    assert np.exp(np.log(right[0]).mean()) == pytest.approx(np.exp(-model.path.test_log_loss[0]))
    text = feedback_words.scores_text(model, 0)
    assert "It gets 58 of the 420 new comments wrong, and on 37 of those it was more than 90% sure" in text
    assert "averages 53%" in text
    assert "It gets 56 of the 420 new comments wrong, and on 10 of those" in feedback_words.scores_text(model, BEST)


def test_pairs_are_explained_by_their_counts(model):
    """The counts in the note are the training comments that contain each word or pair, and on which side."""
    note = method_words.phrase_words_note(model)
    assert "“not bad” is in 9 training comments, 8 of them praise while “bad” is in 30 training comments" in note
    assert "“not worth” is in 12 training comments, all of them complaints" in note
    for pair in method_words.PAIRS:
        column = model.vectorizer.vocabulary_[pair]
        word = model.vectorizer.vocabulary_[pair.split()[-1]]
        assert np.sign(model.pushes(BEST)[column]) != np.sign(model.pushes(BEST)[word])  # they point opposite ways


def test_the_story_words_are_honest_to_the_words_chart(model):
    """At the sweet spot a rare word still leads, only weaker: the introduction says so, read from the model, and no
    longer promises that no single word can make the model all but certain; jargon stays in depth."""
    spot = feedback_fit.sweet_spot(model.path)
    said = feedback_words.intro(model, spot)
    top = feedback_fit.strongest(model, spot.best, 1)[0]
    assert model.counts[top] <= feedback_fit.RARE_COUNT  # the chart's strongest word is still a rare one
    assert "Rare words can still lead the list" in said and "no single word can" not in said
    factor = np.abs(model.pushes(0)).max() / np.abs(model.pushes(spot.best)).max()
    assert f"about {factor:.1f} times smaller" in said
    assert "one rare word no longer makes the model all but certain" in said
    assert expit(abs(model.pushes(spot.best)[top])) < 0.999
    story = feedback_words.words_text(model, 0) + feedback_words.mistakes_text(
        model, 0, feedback_words.new_comment_probabilities(model)
    )
    assert "half of all the push" not in story and "confidence" not in story and "column" not in story
    reading = feedback_fit.read_comment(model, comment_words.EXAMPLE_COMMENT)
    assert comment_words.comment_caption(model, reading).startswith(
        f"The {feedback_charts.MAX_COMMENT_WORDS} words and pairs of your comment that push hardest with no penalty, "
        f"of the {reading.known.size} the model knows"
    )
