"""The Sorting-feedback story's models: comments sorted by their words, and customers by two signals.

Sorting comments by their words: the word features, the L2 logistic path over them, and reading one comment.

Each comment becomes one column per word of the training comments: 1 if the word occurs in it,
0 if not (scikit-learn's ``CountVectorizer(binary=True)``: lower case, words of two or more
letters or digits). A weight then says how far one word moves the odds, and label 1 is a
complaint: a positive weight pushes toward complaint, a negative one toward praise. The
columns are not rescaled, so a word seen in one comment needs a large weight to matter, and
that is exactly what the penalty charges for.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import expit
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

from ..models.grid import SLIDER_LAMS
from ..models.logistic import LogisticPath, logistic_path
from .data import COMPLAINT, DAYS_RANGE, VALUE_RANGE, Comments, load_comments, load_customers

#: Longest comment read; the rest is cut (with a note on the page).
MAX_COMMENT_CHARS = 1_000
#: A word is "rare" when at most this many training comments contain it.
RARE_COUNT = 2


def make_vectorizer():
    """The word features: one 0/1 column per word of the training comments."""
    return CountVectorizer(binary=True)


@dataclass(frozen=True)
class WordModel:
    """The comments, their word features and the L2 logistic path (label 1 = complaint).

    Attributes
    ----------
    comments : Comments
    vectorizer : CountVectorizer
        Fitted on the training comments.
    words : ndarray of str
        The word of each column.
    counts : ndarray of int
        How many training comments contain each word.
    path : LogisticPath
    """

    comments: Comments
    vectorizer: CountVectorizer
    words: np.ndarray
    counts: np.ndarray
    path: LogisticPath

    def features(self, texts):
        return self.vectorizer.transform(texts)


def word_model(comments=None, lams=SLIDER_LAMS):
    """Fit the word features and the L2 logistic path for every λ of ``lams`` (the shipped comments by default)."""
    comments = load_comments() if comments is None else comments
    vectorizer = make_vectorizer()
    X = vectorizer.fit_transform(comments.train_texts)
    y = (comments.train_labels == COMPLAINT).astype(int)
    y_test = (comments.test_labels == COMPLAINT).astype(int)
    path = logistic_path(X, y, lams, X_test=vectorizer.transform(comments.test_texts), y_test=y_test)
    return WordModel(
        comments=comments,
        vectorizer=vectorizer,
        words=vectorizer.get_feature_names_out(),
        counts=np.asarray(X.sum(axis=0)).ravel().astype(int),
        path=path,
    )


def strongest(model, index, k):
    """Columns of the ``k`` largest weights (by size) at ``index``, largest first."""
    sizes = np.abs(model.path.coef[index])
    return np.argsort(-sizes, kind="stable")[:k]


def words_carrying(model, index, share=0.5):
    """How many words, taken from the largest weight down, hold ``share`` of the total weight Σ|wⱼ|."""
    sizes = np.sort(np.abs(model.path.coef[index]))[::-1]
    total = sizes.sum()
    if total == 0:
        return 0
    return int(np.searchsorted(np.cumsum(sizes) / total, share) + 1)


def rare_in_strongest(model, index, k):
    """Among the ``k`` largest weights, the words found in at most ``RARE_COUNT`` training comments."""
    return [model.words[j] for j in strongest(model, index, k) if model.counts[j] <= RARE_COUNT]


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
        Columns of the words the model knows (each counted once, in order of first appearance).
    unknown : tuple of str
        Words the training comments never had: they carry no weight.
    complaint_probability : ndarray of shape (L,)
        Probability of a complaint at each λ.
    """

    text: str
    cut: bool
    known: np.ndarray
    unknown: tuple
    complaint_probability: np.ndarray

    def pushes(self, model, index):
        """Each known word's weight at ``index`` (positive: toward complaint)."""
        return model.path.coef[index, self.known]


def read_comment(model, text):
    """Read a typed comment: which words the model knows and what it predicts at every λ.

    Any text is accepted (empty, emoji, other scripts, markup): it is only split into words
    by the vectorizer's own rules, never interpreted.
    """
    text = str(text)
    cut = len(text) > MAX_COMMENT_CHARS
    text = text[:MAX_COMMENT_CHARS]
    vocabulary = model.vectorizer.vocabulary_
    seen, known, unknown = set(), [], []
    for word in model.vectorizer.build_analyzer()(text):
        if word in seen:
            continue
        seen.add(word)
        if word in vocabulary:
            known.append(vocabulary[word])
        else:
            unknown.append(word)
    known = np.array(known, dtype=int)
    scores = model.path.coef[:, known].sum(axis=1) + model.path.intercept
    return CommentReading(
        text=text,
        cut=cut,
        known=known,
        unknown=tuple(unknown),
        complaint_probability=expit(scores),
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
