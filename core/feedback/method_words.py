"""How the Sorting-feedback models are made, in words: the page's In depth texts on the method.

The comments and the model, the penalty in the app's convention and scikit-learn's C, log-loss and
cross-validation in words, what λ = 0 shows and how it is drawn (the stand-in penalty), why the model reads
pairs of words (counted from the training comments), and the scikit-learn code that gives either model at
any λ. Markdown, for the In depth boxes.
"""

import numpy as np

from ..models.logistic import NO_PENALTY_STAND_IN
from ..show.plain_numbers import plain_number
from .fit import MIN_COMMENTS


def boundary_code_intro(degree):
    """In depth, above the boundary's scikit-learn code."""
    return (
        "**The two signals.** The same penalty on the same kind of model, with the features of the other pages: "
        f"both numbers rescaled to [0, 1], every product of their powers up to degree {degree}, each standardized "
        "on the training customers:"
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


#: Pairs that mean something else than their second word, as the shipped comments show.
PAIRS = ("not bad", "not worth", "not happy")


def _side(model, has):
    """ "all of them praise", "8 of them praise": the larger side among training comments ``has``."""
    labels = np.asarray(model.comments.train_labels)[has]
    n, n1 = int(has.sum()), int(labels.sum())
    most, name = (n1, model.categories[1]) if 2 * n1 > n else (n - n1, model.categories[0])
    plural = "complaints" if name == "complaint" else name  # "all of them complaints", "all of them praise"
    return f"all of them {plural}" if most == n else f"{most} of them {plural}"


def phrase_words_note(model):
    """Why the model reads pairs: a pair and its second word point opposite ways (counts from the training comments)."""
    X = model.features(model.comments.train_texts).tocsc()
    parts = []
    for pair in PAIRS:
        word = pair.split(" ")[-1]
        described = []
        for term in (pair, word):
            column = model.vectorizer.vocabulary_[term]
            has = np.zeros(X.shape[0], dtype=bool)
            has[X.indices[X.indptr[column] : X.indptr[column + 1]]] = True
            described.append(f"“{term}” is in {int(has.sum())} training comments, {_side(model, has)}")
        parts.append(" while ".join(described))
    return (
        "Reading pairs of words is what lets the model tell “not bad” from “bad”: "
        + "; ".join(parts)
        + ". Each pair is a column of its own, with its own weight."
    )


def _sklearn_C(lam, n):
    """scikit-learn's C for our λ (the stand-in penalty at λ = 0), as runnable Python."""
    fitted = lam if lam > 0 else NO_PENALTY_STAND_IN
    return f"1 / (2 * {n} * {float(fitted)!r})"


#: The vectorizer as the In depth code writes it (the same as ``fit.make_vectorizer``; a test checks).
VECTORIZER_CODE = f"TfidfVectorizer(ngram_range=(1, 2), min_df={MIN_COMMENTS}, sublinear_tf=True)"


def sklearn_words_code(lam, n):
    """scikit-learn lines that give the word model at ``lam`` (n training comments)."""
    return (
        "from sklearn.feature_extraction.text import TfidfVectorizer\n"
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
        f"    {VECTORIZER_CODE},\n"
        f'    LogisticRegression(C={_sklearn_C(lam, n)}, solver="newton-cg", tol=1e-12, max_iter=1_000),\n'
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
    "**The comments.** 1,628 training comments on cafés, online shops and software or services, and 420 new "
    "comments written separately, on other businesses (restaurants, hotels, salons, repair shops, gyms, "
    "deliveries, banks) in other voices; all written for this app by hand and shipped with it "
    "(`core/feedback/comments_train.csv`, `comments_heldout.csv`). The new comments are never seen while the "
    "model learns: they are where its accuracy is measured.",
    "**The model.** Logistic regression on words and pairs of words: scikit-learn's "
    f"`{VECTORIZER_CODE}`, learned from the training comments only. Words are runs of two or more letters or "
    "digits in lower case, in any language that puts spaces between words, with no stop list; a word or pair "
    f"becomes a column when at least {MIN_COMMENTS} training comments contain it. Its value in a comment is "
    "(1 + log of its count) times its rarity (idf), and each comment's row is scaled to length 1. A comment's "
    "score is z = b + Σⱼ wⱼ·xⱼ and the probability of a complaint is 1/(1 + e^(−z)). A word's **push** in a "
    "comment is wⱼ·xⱼ, its share of the score; the charts of the strongest words show wⱼ times the word's mean "
    "value in the training comments that contain it (its push in a typical such comment).",
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
    "**Not sure.** A comment that shares no word or pair with the training comments gets no guess: its score "
    "would be the intercept alone, which only says how common complaints were. A probability within "
    "10 points of 50% is told as not sure, with the side it leans to.",
    "**How it is computed.** For each λ, Newton's method on the sparse matrix X: each step's equations are "
    "solved by conjugate gradients, which only multiply by X and its transpose, and the last step is solved "
    "to rounding error. The path runs from the strongest penalty to the weakest, each λ starting from a "
    "curve through the three previous solutions. Every λ's weights, for the model and for each of the "
    "5 folds, are computed once when the page first loads and kept; dragging λ only picks a row.",
)
