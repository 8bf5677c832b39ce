"""The Sorting-feedback story's models: comments sorted by their words, and customers by two signals.

Sorting comments by their words: the word features, the L2 logistic path over them, and reading one comment.

Each comment becomes one column per word and per pair of neighbouring words ("not bad", "send it")
found in at least ``MIN_COMMENTS`` training comments: scikit-learn's
``TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)``. A column's value is larger for
a rarer word and a shorter comment (tf-idf: 1 + log of the count, times the word's rarity, each
comment's row scaled to length 1), and 0 when the word is not in the comment. Words are split by the
vectorizer's own rule (runs of two or more letters or digits, lower case), so any language that puts
spaces between words works; there is no stop list. Label 1 is the second category (a complaint, for the
shipped comments): a positive weight pushes toward it, a negative one toward the first.

A word's **push** is its weight times its typical value (the mean value in the training comments that
contain it): how far it moves the log-odds of a typical comment it is in. Charts and sentences rank
and tell words by their push, because a weight alone hides how large the word's values are.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

from ..models.grid import SLIDER_LAMS
from ..models.logistic import LogisticPath, logistic_path
from ..verdict import SweetSpot
from ..verdict import sweet_spot as cross_validated_spot
from .data import DAYS_RANGE, VALUE_RANGE, Comments, load_comments, load_customers

#: Longest comment read; the rest is cut (with a note on the page).
MAX_COMMENT_CHARS = 1_000
#: A word or pair becomes a column when at least this many training comments contain it.
MIN_COMMENTS = 2
#: A word is "rare" when at most this many training comments contain it.
RARE_COUNT = 3
#: A guess this close to 50% (either way) is told as unsure.
NEAR_EVEN = 0.1


def make_vectorizer():
    """The word features: words and pairs of neighbouring words, tf-idf, learned from the training comments."""
    return TfidfVectorizer(ngram_range=(1, 2), min_df=MIN_COMMENTS, sublinear_tf=True)


@dataclass(frozen=True)
class WordModel:
    """The comments, their word features and the L2 logistic path (label 1: ``comments.categories[1]``).

    Attributes
    ----------
    comments : Comments
    vectorizer : TfidfVectorizer
        Fitted on the training comments.
    words : ndarray of str
        The word or pair of each column.
    counts : ndarray of int
        How many training comments contain each word.
    typical : ndarray of float
        Each word's mean value in the training comments that contain it.
    path : LogisticPath
    """

    comments: Comments
    vectorizer: TfidfVectorizer
    words: np.ndarray
    counts: np.ndarray
    typical: np.ndarray
    path: LogisticPath

    @property
    def categories(self):
        return self.comments.categories

    def features(self, texts):
        return self.vectorizer.transform(texts)

    def pushes(self, index):
        """Every word's push at ``index``: its weight times its typical value (positive: toward label 1)."""
        return self.path.coef[index] * self.typical


def word_model(comments=None, lams=SLIDER_LAMS, progress=None):
    """Fit the word features and the L2 logistic path for every λ of ``lams`` (the shipped comments by default).

    ``progress(done, total)`` is called after each fit (see ``logistic_path``).
    """
    comments = load_comments() if comments is None else comments
    vectorizer = make_vectorizer()
    X = vectorizer.fit_transform(comments.train_texts)
    X_test = vectorizer.transform(comments.test_texts) if comments.test_texts else None
    return model_from_features(comments, vectorizer, X, X_test, lams, progress)


def model_from_features(comments, vectorizer, X, X_test, lams=SLIDER_LAMS, progress=None):
    """The word model from features already made by ``vectorizer`` (fitted on ``comments.train_texts``).

    ``X`` holds the training comments' rows, ``X_test`` the held-out ones' (or None).
    """
    y = np.asarray(comments.train_labels, dtype=int)
    y_test = np.asarray(comments.test_labels, dtype=int) if X_test is not None else None
    path = logistic_path(X, y, lams, X_test=X_test, y_test=y_test, progress=progress)
    counts = np.diff(X.tocsc().indptr)
    totals = np.asarray(X.sum(axis=0)).ravel()
    return WordModel(
        comments=comments,
        vectorizer=vectorizer,
        words=vectorizer.get_feature_names_out(),
        counts=counts.astype(int),
        typical=totals / np.maximum(counts, 1),
        path=path,
    )


def sweet_spot(path: LogisticPath) -> SweetSpot:
    """The path's sweet spot and its band: the lowest cross-validated log-loss (``core.verdict.sweet_spot``)."""
    return cross_validated_spot(path.cv_log_loss, path.cv_log_loss_se)


def strongest(model, index, k):
    """Columns of the ``k`` largest pushes (by size) at ``index``, largest first."""
    sizes = np.abs(model.pushes(index))
    return np.argsort(-sizes, kind="stable")[:k]


def words_carrying(model, index, share=0.5):
    """How many words, taken from the largest push down, hold ``share`` of the total push Σ|pushⱼ|."""
    sizes = np.sort(np.abs(model.pushes(index)))[::-1]
    total = sizes.sum()
    if total == 0:
        return 0
    return int(np.searchsorted(np.cumsum(sizes) / total, share) + 1)


def rare_in_strongest(model, index, k):
    """Among the ``k`` largest pushes, the words found in at most ``RARE_COUNT`` training comments."""
    return [model.words[j] for j in strongest(model, index, k) if model.counts[j] <= RARE_COUNT]


#: How sure a reading is: no known word at all, near 50%, or leaning clearly one way.
NO_KNOWN_WORDS, UNSURE, SURE = "no known words", "unsure", "sure"


def sureness(probability, n_known):
    """``NO_KNOWN_WORDS`` when no word was known, ``UNSURE`` within ``NEAR_EVEN`` of 50%, else ``SURE``."""
    if n_known == 0:
        return NO_KNOWN_WORDS
    return UNSURE if abs(probability - 0.5) < NEAR_EVEN else SURE


@dataclass(frozen=True)
class CommentReading:
    """What the model makes of one typed comment, for every λ.

    Attributes
    ----------
    text : str
        The comment as read (at most ``MAX_COMMENT_CHARS`` characters).
    cut : bool
        True when the typed text was longer and its end was not read.
    known : ndarray of int
        Columns of the words and pairs the model knows (each once, in the order the vectorizer lists them).
    values : ndarray of float
        Their values in this comment.
    unknown : tuple of str
        Single words the training comments never had (or had once only): they carry no weight.
    label1_probability : ndarray of shape (L,)
        Probability of label 1 (a complaint, for the shipped comments) at each λ.
    """

    text: str
    cut: bool
    known: np.ndarray
    values: np.ndarray
    unknown: tuple
    label1_probability: np.ndarray

    @property
    def complaint_probability(self):
        """The shipped comments' name for ``label1_probability``."""
        return self.label1_probability

    def pushes(self, model, index):
        """Each known word's push in this comment at ``index``: weight × value (positive: toward label 1)."""
        return model.path.coef[index, self.known] * self.values

    def sureness(self, index):
        return sureness(float(self.label1_probability[index]), self.known.size)


def read_comment(model, text):
    """Read a typed comment: which words the model knows and what it predicts at every λ.

    Any text is accepted (empty, emoji, other scripts, markup): it is only split into words
    by the vectorizer's own rules, never interpreted. With no known word the probability is
    the intercept's, which the page does not offer as a guess (``sureness``).
    """
    text = str(text)
    cut = len(text) > MAX_COMMENT_CHARS
    text = text[:MAX_COMMENT_CHARS]
    row = model.vectorizer.transform([text]).tocsr()
    value_of = dict(zip(row.indices.tolist(), row.data.tolist()))
    vocabulary = model.vectorizer.vocabulary_
    known, unknown, seen = [], [], set()
    for term in model.vectorizer.build_analyzer()(text):
        if term in seen:
            continue
        seen.add(term)
        if term in vocabulary:
            known.append(vocabulary[term])
        elif " " not in term:
            unknown.append(term)
    known = np.array(known, dtype=int)
    values = np.array([value_of[column] for column in known.tolist()], dtype=float)
    scores = model.path.coef[:, known] @ values + model.path.intercept
    return CommentReading(
        text=text,
        cut=cut,
        known=known,
        values=values,
        unknown=tuple(unknown),
        label1_probability=expit(scores),
    )


# --- Two signals and a decision boundary ---
# The model gets flexible features, every power of the two signals up to ``DEGREE`` (``MinMaxScaler`` →
# ``PolynomialFeatures`` → ``StandardScaler``, as on the other pages), and the L2 logistic path of
# ``core.models.logistic``. With no penalty the boundary bends around single customers; as λ grows it calms down.

DEGREE = 6
GRID_POINTS = 60


@dataclass(frozen=True)
class BoundaryModel:
    """Customers, the fitted features, the path and the probability of a complaint on a grid for every λ.

    ``grid_probability`` has shape (L, GRID_POINTS, GRID_POINTS): rows follow ``grid_days``, columns ``grid_value``.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    features: Pipeline
    path: LogisticPath
    grid_value: np.ndarray
    grid_days: np.ndarray
    grid_probability: np.ndarray


def make_features():
    """Every power of the two signals up to ``DEGREE``, each standardized on the training customers."""
    return make_pipeline(MinMaxScaler(), PolynomialFeatures(DEGREE, include_bias=False), StandardScaler())


def boundary_model(lams=SLIDER_LAMS):
    """The customers and the fitted boundary for every λ of ``lams``."""
    X_train, y_train, X_test, y_test = load_customers()
    features = make_features().fit(X_train)
    path = logistic_path(
        features.transform(X_train), y_train, np.asarray(lams), X_test=features.transform(X_test), y_test=y_test
    )
    grid_value = np.linspace(*VALUE_RANGE, GRID_POINTS)
    grid_days = np.linspace(*DAYS_RANGE, GRID_POINTS)
    value, days = np.meshgrid(grid_value, grid_days)
    grid = features.transform(np.column_stack([value.ravel(), days.ravel()]))
    probability = path.predict_proba(grid).reshape(len(lams), GRID_POINTS, GRID_POINTS)
    return BoundaryModel(X_train, y_train, X_test, y_test, features, path, grid_value, grid_days, probability)
