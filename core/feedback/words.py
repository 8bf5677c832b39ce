"""The Sorting-feedback page in words: what the charts show at each λ, and what the model makes of a comment.

Sentences are plain text (the live texts are never rendered as Markdown), numbers in plain
digits (``plain_numbers``), λ as the slider shows it. A typed comment's words appear only in
texts shown as plain text.
"""

import numpy as np
from scipy.special import expit

from ..models.logistic import NO_PENALTY_STAND_IN
from ..show.plain_numbers import format_lam, plain_number
from ..verdict import ABOUT_RIGHT, MEMORIZING, TOO_SIMPLE
from .data import CATEGORIES, COMPLAINT, PRAISE
from .fit import MAX_COMMENT_CHARS, RARE_COUNT, rare_in_strongest, strongest, words_carrying

STRONGEST_SHOWN = 10
#: What the reader sees while the models are fitted.
WAIT_WORDS = "Teaching the model every penalty strength…"
WAIT_BOUNDARY = "Drawing the boundary for every penalty strength…"
#: The comment in the "Try your own comment" box before the reader types (edit it or replace it).
EXAMPLE_COMMENT = "The parcel came on Tuesday, two weeks late, but Priya sorted it out."

INTRO = (
    "A shop receives hundreds of comments a week and wants them sorted: complaints to the support team, "
    "praise to the marketing team. A simple model learns this from comments someone already sorted. It gives "
    "every word a **weight**: a positive weight pushes a comment toward *complaint*, a negative one toward "
    "*praise*, and a comment's words add up to the model's guess.\n\n"
    "With no penalty the model will do anything to get every training comment right. When a comment is hard "
    '("the box was crushed, but the lamp is lovely"), the easiest fix is a huge weight on some word that '
    "appears in that one comment only: a customer's name, a day of the week, a typo. Those words mean nothing "
    "for the next comment, so the model is perfect on what it has seen, more often wrong on new comments, "
    "and very sure of itself even when it is wrong. **L2** charges for every large weight. A word found in one comment cannot pay for a large "
    "weight, because it only helps once; a word like *refund* or *thanks*, found again and again, can. So "
    "the weight moves to the words that matter."
)

_ADVICE = {
    MEMORIZING.key: (
        "The model leans on words that happened to sit in one or two training comments, and it is far too "
        "sure of itself on new ones. More penalty would make it steadier."
    ),
    ABOUT_RIGHT.key: "Checking on comments the model did not see, no other setting does clearly better.",
    TOO_SIMPLE.key: (
        "The penalty is so strong that even telling words barely count, and the model hedges on everything. "
        "Less penalty would do better, on training comments and on new ones."
    ),
}


def percent(share):
    """A share as a whole percent: '87%' (with one decimal between 99 and 100, never a rounded-up 100%)."""
    value = 100 * float(share)
    if 99 <= value < 100:
        return f"{np.floor(value * 10) / 10:.1f}%"
    return f"{value:.0f}%"


_BOUNDARY_ADVICE = {
    MEMORIZING.key: "The boundary loops around single customers. More penalty would make it steadier.",
    ABOUT_RIGHT.key: "Checking on customers the model did not see, no other setting does clearly better.",
    TOO_SIMPLE.key: "The boundary is so stiff that it misses the real pattern. Less penalty would do better.",
}


def verdict_text(spot, index, advice=None):
    """'Verdict: memorizing (too wiggly). …' for the λ at ``index`` (advice on the word model unless given)."""
    verdict = spot.verdict(index)
    return f"Verdict: {verdict.label}. {(advice or _ADVICE)[verdict.key]}"


def boundary_verdict_text(spot, index):
    return verdict_text(spot, index, _BOUNDARY_ADVICE)


def _alone(weight):
    """What one word's weight does on its own, in sureness a reader can feel (from an undecided 50–50 start)."""
    toward = CATEGORIES[COMPLAINT] if weight > 0 else CATEGORIES[PRAISE]
    sure = float(expit(abs(weight)))
    if sure > 0.999:
        return f"is enough on its own to make the model all but certain (more than 99.9% sure) of {toward}"
    return f"would, on its own, take the model from a 50–50 guess to {percent(sure)} sure of {toward}"


def _word_with_count(model, column):
    count = int(model.counts[column])
    return f"“{model.words[column]}” (in {count} training comment{'s' if count != 1 else ''})"


def _rare_clause(model, index):
    rare = rare_in_strongest(model, index, STRONGEST_SHOWN)
    if not rare:
        return f"none of its {STRONGEST_SHOWN} strongest words is that rare"
    listed = ", ".join(f"“{word}”" for word in rare)
    return (
        f"{len(rare)} of its {STRONGEST_SHOWN} strongest words appear in only one or two training comments ({listed})"
    )


def words_text(model, index):
    """The word chart read aloud: the strongest word, how rare the strongest words are, how many carry half the weight."""
    n_words = model.words.size
    free_top = strongest(model, 0, 1)[0]
    free = (
        f"With no penalty the strongest word is {_word_with_count(model, free_top)}: it "
        f"{_alone(model.path.coef[0, free_top])}, and "
        f"{_rare_clause(model, 0)}. Half of all the weight sits on {words_carrying(model, 0)} of the {n_words} words."
    )
    if index == 0:
        return free
    top = strongest(model, index, 1)[0]
    return (
        f"At λ = {format_lam(model.path.lams[index])} the strongest word is {_word_with_count(model, top)}: it "
        f"{_alone(model.path.coef[index, top])}, and {_rare_clause(model, index)}. "
        f"Half of all the weight sits on {words_carrying(model, index)} of the {n_words} words. " + free
    )


#: A mistake counts as "sure" when the model gave the wrong category more than this probability.
SURE_MISTAKE = 0.9


def new_comment_probabilities(model):
    """For every λ and new comment, the probability the model gave its right category: shape (L, m)."""
    complaint = model.path.predict_proba(model.features(model.comments.test_texts))
    is_complaint = model.comments.test_labels == COMPLAINT
    return np.where(is_complaint, complaint, 1.0 - complaint)


def _mistakes(right):
    """(mistakes, of which sure mistakes) among new comments, from their probabilities of the right category."""
    wrong = right < 0.5
    return int(wrong.sum()), int((right[wrong] < 1.0 - SURE_MISTAKE).sum())


def scores_text(model, index, right=None):
    """Right answers, sure mistakes and the confidence in the right answer, at ``index`` and at λ = 0.

    ``right`` is ``new_comment_probabilities(model)`` (computed here when not given).
    """
    path = model.path
    right = new_comment_probabilities(model) if right is None else right
    m = right.shape[1]
    wrong, sure = _mistakes(right[index])
    here = (
        f"At λ = {format_lam(path.lams[index])} the model sorts {percent(path.train_accuracy[index])} of its "
        f"training comments right and {percent(path.test_accuracy[index])} of new ones. It gets {wrong} of the "
        f"{m} new comments wrong"
        + (
            f", and on {sure} of those it was more than {SURE_MISTAKE:.0%} sure of the wrong answer. "
            if sure
            else f", none of them while more than {SURE_MISTAKE:.0%} sure. "
        )
        + f"Its confidence in the right answer averages {percent(np.exp(-path.test_log_loss[index]))}"
    )
    if sure and 2 * sure >= wrong:  # most mistakes are sure ones: that is what pulls the average down
        here += (
            ": every sure mistake gives the right answer a chance near zero, and such chances drag this kind of "
            "average down far more than the many right answers lift it."
        )
    else:
        here += "."
    if index == 0:
        return here + " That is the price of trusting one-off words: when it is wrong, it is wrong with near certainty."
    wrong0, sure0 = _mistakes(right[0])
    return (
        here + f" With no penalty: {percent(path.train_accuracy[0])} and {percent(path.test_accuracy[0])} right, "
        f"{sure0} of its {wrong0} mistakes made while more than {SURE_MISTAKE:.0%} sure, and "
        f"{percent(np.exp(-path.test_log_loss[0]))} confidence in the right answer."
    )


def sweet_spot_text(path, spot):
    """Where cross-validation puts the sweet spot, and the band that is about as good."""
    return (
        "Cross-validation (split the training comments into 5 parts, learn from 4, check on the fifth, for each "
        f"part in turn) finds the most trustworthy model at λ = {format_lam(path.lams[spot.best])} (the star). "
        f"Every λ from {format_lam(path.lams[spot.low])} to {format_lam(path.lams[spot.high])} (green band) is "
        "about as good: the differences there are within the margin of error."
    )


def _sureness(probability):
    """How sure, in words: '87% sure', 'more than 99.9% sure'."""
    sure = max(probability, 1.0 - probability)
    return "more than 99.9% sure" if sure > 0.999 else f"{percent(sure)} sure"


def _category(probability):
    return CATEGORIES[COMPLAINT] if probability >= 0.5 else CATEGORIES[PRAISE]


def _pushes(model, reading, index):
    weights = reading.pushes(model, index)
    order = np.argsort(-np.abs(weights), kind="stable")
    toward = {True: [], False: []}
    for k in order:
        if weights[k] != 0:
            signed = f"{weights[k]:+.2f}".replace("-", "−")
            toward[bool(weights[k] > 0)].append(f"{model.words[reading.known[k]]} ({signed})")
    parts = []
    if toward[True]:
        parts.append("toward complaint: " + ", ".join(toward[True]))
    if toward[False]:
        parts.append("toward praise: " + ", ".join(toward[False]))
    return "; ".join(parts) if parts else "no word it knows pushes either way"


def _verdict_on_comment(model, reading, index, label):
    probability = float(reading.complaint_probability[index])
    return f"{label}: {_category(probability)}, {_sureness(probability)}. Words {_pushes(model, reading, index)}."


def comment_text(model, reading, index):
    """What the model makes of a typed comment at ``index`` and with no penalty (plain text: it holds the reader's words)."""
    lines = []
    if reading.known.size == 0:
        lines.append(
            "The model knows none of these words, so nothing pushes either way: it falls back on its starting "
            "guess, learned from how common complaints were among the training comments."
        )
    lines.append(_verdict_on_comment(model, reading, index, f"At λ = {format_lam(model.path.lams[index])}"))
    if index != 0:
        lines.append(_verdict_on_comment(model, reading, 0, "With no penalty"))
    if reading.unknown:
        lines.append(
            "Never seen in the training comments, so they carry no weight: " + ", ".join(reading.unknown) + "."
        )
    return "\n".join(lines)


def cut_note():
    return (
        f"Only the first {MAX_COMMENT_CHARS:,} characters are read; the rest of your comment was left out. "
        "Nothing you type is stored or shared: it lives in this browser tab only."
    )


def boundary_text(model, index):
    """The decision-boundary chart read aloud at ``index``."""
    path = model.path
    here = (
        f"At λ = {format_lam(path.lams[index])} the boundary sorts {percent(path.train_accuracy[index])} of the "
        f"{model.y_train.size} customers it learned from right, and {percent(path.test_accuracy[index])} of "
        f"{model.y_test.size} new customers."
    )
    probability = model.grid_probability[index]
    if probability.max() < 0.5 or probability.min() >= 0.5:
        answer = "will complain" if probability.min() >= 0.5 else "will not complain"
        here += (
            " The chance of a complaint stays on one side of 50 % everywhere on the chart, so there is no "
            f"boundary to draw: the model says every customer {answer}."
        )
    if index == 0:
        return here + " It twists around single customers to get every one of them right."
    return here + (
        f" With no penalty: {percent(path.train_accuracy[0])} and {percent(path.test_accuracy[0])}, "
        "from a boundary that twists around single customers."
    )


def no_penalty_note():
    """What λ = 0 shows, in words that keep "0 means no penalty" true."""
    return (
        "About λ = 0 (no penalty): when some setting of the words' weights gets every training comment right, "
        "the weights never settle. Making all of them twice as big makes the model even surer of the same "
        "answers, so with no penalty they grow without end. The page therefore shows where they are heading: "
        "weights so big that the model is already all but certain about every training comment."
    )


def stand_in_note():
    """In depth: how λ = 0 is computed (a penalty far below the slider's smallest step)."""
    return (
        "**How λ = 0 is drawn.** Since the unpenalized weights grow without end, the λ = 0 row is fitted with "
        f"λ = {plain_number(NO_PENALTY_STAND_IN, 1)}, a penalty 100 times weaker than the slider's smallest step: "
        "its weights show where the unpenalized ones are heading, and it already sorts every training comment "
        "right with near certainty."
    )


#: Everyday words that the penalized model trusts, each with the phrase it comes from in the training comments.
PHRASE_WORDS = (("five", "five stars"), ("would", "would order again"), ("sense", "made no sense"))


def phrase_words_note(model):
    """Why everyday words such as "five" keep weight with the penalty: they stand for phrases, on one side."""
    X = model.features(model.comments.train_texts)
    complaint = np.asarray(model.comments.train_labels == COMPLAINT)
    parts = []
    for word, phrase in PHRASE_WORDS:
        column = int(np.flatnonzero(model.words == word)[0])
        has = np.asarray(X[:, column].todense()).ravel() > 0
        n, n_complaint = int(has.sum()), int(complaint[has].sum())
        most, kind = (n_complaint, "complaints") if n_complaint * 2 > n else (n - n_complaint, "praise")
        side = f"all {kind}" if most == n else f"{most} of them {kind}"
        parts.append(f"“{word}” (as in “{phrase}”: in {n} comments, {side})")
    return (
        "Some trusted words look odd, such as " + "; ".join(parts) + ". The model reads single words, so the "
        "credit of a phrase lands on its words; these are not flukes, because they appear again and again and "
        "nearly always on one side."
    )


def rare_words_note():
    return (
        f"Hatched bars are words found in at most {RARE_COUNT} training comments; the number in brackets is how "
        "many training comments contain the word."
    )


def _sklearn_C(lam, n):
    """scikit-learn's C for our λ (the stand-in penalty at λ = 0), as runnable Python."""
    fitted = lam if lam > 0 else NO_PENALTY_STAND_IN
    return f"1 / (2 * {n} * {float(fitted)!r})"


def sklearn_words_code(lam, n):
    """scikit-learn lines that give the word model at ``lam`` (n training comments)."""
    return (
        "from sklearn.feature_extraction.text import CountVectorizer\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "\n"
        "from core.feedback.data import load_comments\n"
        "\n"
        "comments = load_comments()  # labels: 1 = complaint, 0 = praise\n"
        f"# C = 1/(2·n·λ) with n = {n} training comments"
        + (" (λ = 0 is fitted with the stand-in penalty)" if lam == 0 else "")
        + "\n"
        "model = make_pipeline(\n"
        "    CountVectorizer(binary=True),\n"
        f'    LogisticRegression(C={_sklearn_C(lam, n)}, solver="newton-cholesky", tol=1e-12, max_iter=10_000),\n'
        ")\n"
        "model.fit(comments.train_texts, comments.train_labels)\n"
        "model.predict_proba(comments.test_texts)[:, 1]  # probability of a complaint"
    )


def sklearn_boundary_code(lam, n, degree):
    """scikit-learn lines that give the two-signal boundary at ``lam`` (n training customers)."""
    return (
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler\n"
        "\n"
        "from core.feedback.fit import boundary_model\n"
        "\n"
        "m = boundary_model()  # m.X_train: order value and days late; m.y_train: 1 = complained\n"
        "model = make_pipeline(\n"
        f"    MinMaxScaler(), PolynomialFeatures({degree}, include_bias=False), StandardScaler(),\n"
        f'    LogisticRegression(C={_sklearn_C(lam, n)}, solver="newton-cholesky", tol=1e-12, max_iter=10_000),\n'
        ")\n"
        "model.fit(m.X_train, m.y_train)"
    )


IN_DEPTH = (
    "**The model.** Logistic regression: a comment's score is z = b + Σⱼ wⱼ·xⱼ, where xⱼ is 1 if word j "
    "occurs in the comment and 0 if not (scikit-learn's `CountVectorizer(binary=True)`: lower case, words of "
    "two or more letters or digits, learned from the training comments only). The probability of a complaint "
    "is 1/(1 + e^(−z)). The words are not rescaled, so a word's weight is how much its presence moves the "
    "log-odds, and exp(|w|) is the factor by which it multiplies the odds.",
    "**The penalty, in the app's convention.** The weights minimize (1/n)·Σᵢ log-loss(yᵢ, zᵢ) + λ·Σⱼ wⱼ², "
    "the mean log-loss plus λ times the squared weights; the intercept b is not penalized. scikit-learn's "
    "`LogisticRegression` minimizes ½·‖w‖² + C·Σᵢ log-loss instead; dividing it by C·n gives ours with "
    "λ = 1/(2·C·n), so **C = 1/(2·n·λ)**. In scikit-learn 1.8 and later the L2 penalty is the default "
    '(`l1_ratio=0`); the old `penalty="l2"` argument is deprecated and is left out.',
    "**Log-loss in words.** The log-loss of one comment is −log(probability given to its right category). "
    "The charts show exp(−mean log-loss), the geometric mean of the probability given to the right category: "
    "one confident mistake (a probability near 0 for the right answer) pulls it down far more than a timid "
    "one, which is why the model with no penalty scores badly on it even when it gets most comments right.",
    "**Cross-validation.** `StratifiedKFold(5, shuffle=True, random_state=0)` on the training comments, the "
    "word list learned from all of them, each fold fitted with the same C = 1/(2·n·λ), n = all training "
    'comments: the numbers are `cross_val_score(LogisticRegression(C=...), X, y, cv=..., scoring="neg_log_loss")`. '
    "The sweet spot is the lowest cross-validated log-loss; the band is every neighbouring λ within one standard "
    "error of it (the same rule as on every page).",
    "**How it is computed.** For each λ, Newton's method in the row space of X: with the thin SVD X = U·S·Vᵀ "
    "every minimizer is w = V·c, so the unknowns are c and b (at most one per training comment plus one), and "
    "Newton's steps converge to rounding error. The path runs from the strongest penalty to the weakest, each "
    "λ starting from the previous solution; one SVD serves every λ. Every λ's weights, for the model and for "
    "each of the 5 folds, are computed once when the page first loads and kept; dragging λ only picks a row.",
)


def boundary_text_with_verdict(model, spot, index):
    """The decision-boundary chart read aloud at ``index``, then its verdict."""
    return boundary_text(model, index) + " " + boundary_verdict_text(spot, index)
