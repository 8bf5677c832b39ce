"""The reader's own comments: a review export, support tickets, anything with a column of comments and a
label, sorted by the same model as the shipped comments.

From a :class:`core.reader.Table` (read with ``comments=True``, so the reader's limits, encodings and
safety apply):

1. **Columns** (``guess_columns``): the comments are the text column with the longest cells; the label is
   the first column of star ratings (numbers from 1 to 5), else the first column with exactly two values.
   Both can be changed.
2. **Labels** (``label_rule``): stars become two categories, 1 or 2 a complaint and 4 or 5 praise (3,
   and anything between 2 and 4, is left out, with a note); any two-valued column (yes/no, 0/1,
   "negative"/"positive") gives its two values as the categories, sorted, the second as label 1.
3. **Rows** (``read_reviews``): rows with a comment and a category are labelled; the others (no label, a
   3-star rating, an empty comment) are sorted too, but not learned from or checked on. Of the labelled
   rows, ``HELD_OUT_SHARE`` of each category (a seeded shuffle, ``SPLIT_SEED``) are held out as new
   comments; the model learns from the rest, at most ``MAX_LEARN`` of them (a seeded, stratified
   sample: the others are held out too), and is checked on at most ``MAX_CHECK`` held-out comments (the
   others are only sorted), so that the first chart comes within seconds even for 50,000 comments.
   Comments are read up to ``MAX_COMMENT_CHARS`` characters.
4. **Fit** (``reviews_model``): the page's word model (``core.feedback.fit``) on their comments: their own
   vocabulary, the L2 path over every slider λ with 5-fold cross-validation; every row's probability is
   computed when first asked for (the download), not before the first chart.

Every problem the reader can fix raises ``DataProblem`` with words from ``core.feedback.upload_words``; none
of them repeats the file's text. The download's "not sure" notes are ``core.feedback.comment_words``'s. Nothing here is random at run time: the split is seeded.
"""

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..models.grid import HELD_OUT_SHARE, N_FOLDS, SLIDER_LAMS
from ..reader import DataProblem, Table
from ..show.plain_numbers import spreadsheet_safe
from . import comment_words, upload_words
from .data import Comments
from .fit import MAX_COMMENT_CHARS, NEAR_EVEN, make_vectorizer, model_from_features

#: Fewest labelled comments the page learns from and checks on.
MIN_LABELLED = 20
#: Fewest labelled comments of each category (so that every fold of the cross-validation has some).
MIN_PER_CATEGORY = 2 * N_FOLDS
#: Most labelled comments the model learns from; more are held out (the first chart within seconds).
MAX_LEARN = 2_000
#: Most held-out comments the model is checked on; more are only sorted (for the download).
MAX_CHECK = 10_000
SPLIT_SEED = 0
#: Star ratings: at most ``COMPLAINT_STARS`` is a complaint, at least ``PRAISE_STARS`` praise, between left out.
LOWEST_STAR, HIGHEST_STAR = 1, 5
COMPLAINT_STARS, PRAISE_STARS = 2, 4
STARS, TWO_VALUES = "stars", "two values"
#: What each row is used for (``Reviews.role``).
LEARN, HELD_OUT, NOT_USED = 0, 1, 2


def _text(values):
    """A column's cells as stripped text, "" for empty (numbers written plainly: 5.0 → "5")."""
    series = pd.Series(values)
    if series.dtype.kind in "fiu":
        numbers = series.to_numpy(dtype=float, na_value=np.nan)
        text = np.char.mod("%g", np.where(np.isnan(numbers), 0.0, numbers)).astype(object)
        text[np.isnan(numbers)] = ""
        return text
    return series.astype("object").where(series.notna(), "").astype(str).str.strip().to_numpy(dtype=object)


def text_columns(table: Table):
    """Columns that hold text (not numbers, not dates), the longest cells first (the comments, most likely)."""
    frame = table.frame
    found: list[tuple[float, int, str]] = []
    for name in frame.columns:
        if frame[name].dtype.kind in "fiumMb":
            continue
        cells = _text(frame[name])
        filled = cells[cells != ""]
        if filled.size:
            found.append((-float(np.mean([len(cell) for cell in filled[:2_000]])), len(found), name))
    return [name for _, _, name in sorted(found)]


def _is_stars(values):
    finite = values[np.isfinite(values)]
    return finite.size > 0 and finite.min() >= LOWEST_STAR and finite.max() <= HIGHEST_STAR


def _distinct(table, name):
    """The column's distinct filled cells, as text."""
    column = table.frame[name]
    if column.dtype.kind in "fiu":
        return list(_text(np.unique(_numbers(table, name)[np.isfinite(_numbers(table, name))])))
    return [value for value in pd.unique(_text(column)) if value != ""]


def guess_columns(table: Table):
    """(comments column, label column): the longest text, and the first stars column or two-valued column.

    Raises DataProblem when there is no text column, or no other column to be the label.
    """
    texts = text_columns(table)
    if not texts:
        raise DataProblem(upload_words.NO_TEXT_COLUMN)
    text = texts[0]
    others = [name for name in table.frame.columns if name != text]
    if not others:
        raise DataProblem(upload_words.NO_LABEL_COLUMN)
    stars = [name for name in others if table.frame[name].dtype.kind in "fiu" and _is_stars(_numbers(table, name))]
    stars = [name for name in stars if len(_distinct(table, name)) >= 2]
    two = [name for name in others if len(_distinct(table, name)) == 2]
    return text, (stars or two or others)[0]


def _numbers(table, name):
    return pd.Series(table.frame[name]).to_numpy(dtype=float, na_value=np.nan)


@dataclass(frozen=True)
class LabelRule:
    """How a label column becomes two categories: ``kind`` (``STARS`` or ``TWO_VALUES``), the categories
    (names of label 0 and label 1), and for two values the cell text of each."""

    kind: str
    categories: tuple
    values: tuple = ()

    def labels(self, table, name):
        """Per row: 0, 1, or −1 (no label, or a rating in the middle)."""
        if self.kind == STARS:
            stars = _numbers(table, name)
            labels = np.full(stars.size, -1)
            labels[stars <= COMPLAINT_STARS] = 1
            labels[stars >= PRAISE_STARS] = 0
            return labels
        cells = _text(table.frame[name])
        labels = np.full(cells.size, -1)
        for label, value in enumerate(self.values):
            labels[cells == value] = label
        return labels


def label_rule(table: Table, name):
    """The rule that turns column ``name`` into two categories, or DataProblem in plain words."""
    column = table.frame[name]
    distinct = _distinct(table, name)
    if column.dtype.kind in "fiu" and _is_stars(_numbers(table, name)) and len(distinct) >= 2:
        return LabelRule(STARS, (upload_words.PRAISE, upload_words.COMPLAINT))
    if column.dtype.kind in "mM":
        raise DataProblem(upload_words.DATES_AS_LABEL)
    if len(distinct) < 2:
        raise DataProblem(upload_words.one_value_label(len(distinct)))
    if len(distinct) > 2:
        raise DataProblem(upload_words.many_values_label(len(distinct)))
    values = tuple(sorted(distinct, key=_natural))
    return LabelRule(TWO_VALUES, values, values)


def _natural(value):
    """Numbers in numeric order before text in alphabetical order (0 before 1, "no" before "yes")."""
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value.casefold())


@dataclass(frozen=True)
class Reviews:
    """The reader's comments, labelled and split.

    Attributes
    ----------
    texts : tuple of str
        Every row's comment as read (at most ``MAX_COMMENT_CHARS`` characters; "" when empty).
    full_texts : tuple of str
        Every row's comment as given (for the download).
    given : tuple of str
        Every row's label cell as given ("" when empty).
    labels : ndarray of int
        Every row's category: 0, 1, or −1 (no label, a middle rating, or no comment).
    role : ndarray of int
        ``LEARN``, ``HELD_OUT`` or ``NOT_USED`` for every row.
    text_column, label_column : str
    rule : LabelRule
    notes : tuple of str
        Plain sentences on what was left out or cut (show as plain text: they hold no file text).
    comments : Comments
        The labelled rows to learn from and to check on (``core.feedback.data.Comments``).
    """

    texts: tuple
    full_texts: tuple
    given: tuple
    labels: np.ndarray
    role: np.ndarray
    text_column: str
    label_column: str
    rule: LabelRule
    notes: tuple
    comments: Comments

    @property
    def categories(self):
        return self.rule.categories

    @property
    def n_rows(self):
        return len(self.texts)


def _split(labels, seed=SPLIT_SEED):
    """Roles of the labelled rows: ``HELD_OUT_SHARE`` of each category held out, at most ``MAX_LEARN``
    learned and ``MAX_CHECK`` checked on (each category keeps its share)."""
    rng = np.random.default_rng(seed)
    role = np.full(labels.size, NOT_USED)
    labelled = max(int((labels >= 0).sum()), 1)
    learn_share = min(1.0 - HELD_OUT_SHARE, MAX_LEARN / labelled)
    check_share = min(1.0 - learn_share, MAX_CHECK / labelled)
    for label in (0, 1):
        rows = rng.permutation(np.flatnonzero(labels == label))
        n_learn = int(np.floor(learn_share * rows.size + 0.5))
        n_check = min(int(np.floor(check_share * rows.size + 0.5)), rows.size - n_learn)
        role[rows[:n_learn]] = LEARN
        role[rows[n_learn : n_learn + n_check]] = HELD_OUT
    return role


def read_reviews(table: Table, text_column, label_column):
    """The reader's comments from ``table`` with the chosen columns, labelled and split (see the module).

    Raises DataProblem when a column cannot be used, or too few comments are labelled.
    """
    columns = set(table.frame.columns)
    if text_column not in columns or label_column not in columns:
        raise DataProblem(upload_words.COLUMN_GONE)
    if text_column == label_column:
        raise DataProblem(upload_words.SAME_COLUMN)
    if text_column not in text_columns(table):
        raise DataProblem(upload_words.NUMBERS_AS_COMMENTS)
    rule = label_rule(table, label_column)
    full = _text(table.frame[text_column])
    texts = np.array([text[:MAX_COMMENT_CHARS] for text in full], dtype=object)
    labels = rule.labels(table, label_column)
    given = _text(table.frame[label_column])
    empty = texts == ""
    middle = (labels < 0) & (given != "") & ~empty  # a rating between complaint and praise (3 stars)
    labels[empty] = -1
    counts = [int((labels == label).sum()) for label in (0, 1)]
    if sum(counts) < MIN_LABELLED:
        raise DataProblem(upload_words.too_few_labelled(sum(counts), MIN_LABELLED))
    if min(counts) < MIN_PER_CATEGORY:
        raise DataProblem(upload_words.too_few_of_one(min(counts), MIN_PER_CATEGORY))
    role = _split(labels)
    learn, held_out = np.flatnonzero(role == LEARN), np.flatnonzero(role == HELD_OUT)
    notes = upload_words.review_notes(
        n_rows=texts.size,
        n_learn=learn.size,
        n_held_out=held_out.size,
        n_cut=int(sum(len(text) > MAX_COMMENT_CHARS for text in full)),
        n_empty=int(empty.sum()),
        n_unlabelled=int(((given == "") & ~empty).sum()),
        n_middle=int(middle.sum()),
        capped=(1 - HELD_OUT_SHARE) * sum(counts) > MAX_LEARN,
        n_only_sorted=int(((role == NOT_USED) & (labels >= 0)).sum()),
    )
    comments = Comments(
        train_texts=tuple(texts[learn]),
        train_labels=labels[learn],
        test_texts=tuple(texts[held_out]),
        test_labels=labels[held_out],
        categories=rule.categories,
    )
    return Reviews(
        texts=tuple(texts),
        full_texts=tuple(full),
        given=tuple(given),
        labels=labels,
        role=role,
        text_column=text_column,
        label_column=label_column,
        rule=rule,
        notes=tuple(notes),
        comments=comments,
    )


class ReviewsModel:
    """The word model of the reader's comments (``model``), its held-out comments' probabilities of label 1
    at every λ (``held_out_probability``, shape (L, held-out rows)), and, computed when first asked for,
    every row's (``row_probability``, shape (L, rows)) with each row's number of known words and pairs
    (``row_known``). Kept in a shared cache: nothing in it changes once computed.
    """

    def __init__(self, reviews, model, held_out_probability):
        self.reviews, self.model, self.held_out_probability = reviews, model, held_out_probability

    @functools.cached_property
    def _every_row(self):
        X = self.model.features(self.reviews.texts).tocsr()
        return self.model.path.predict_proba(X), np.diff(X.indptr)

    @property
    def row_probability(self):
        return self._every_row[0]

    @property
    def row_known(self):
        return self._every_row[1]


def reviews_model(reviews, lams=SLIDER_LAMS, progress=None):
    """Fit the word model on the reader's comments (see the module).

    The vocabulary is learned from the comments the model learns from; the comments it learns from and
    is checked on are read once (the rest when every row is first asked for). ``progress(done, total)``
    is told after every fit. Raises DataProblem when no word or pair is found in two of the comments it
    learns from.
    """
    vectorizer = make_vectorizer()
    try:
        X = vectorizer.fit_transform(reviews.comments.train_texts)
    except ValueError:  # "empty vocabulary" or "no terms remain": no word in two comments
        raise DataProblem(upload_words.NO_SHARED_WORDS) from None
    X_test = vectorizer.transform(reviews.comments.test_texts)
    model = model_from_features(reviews.comments, vectorizer, X, X_test, lams, progress)
    return ReviewsModel(reviews, model, model.path.predict_proba(X_test))


#: What the download's "used for" column says for each role.
ROLE_NAMES = {LEARN: "learned from", HELD_OUT: "checked on", NOT_USED: "not used"}


def predictions(fitted, index):
    """Every row at the λ of ``index``: (category it leans to, probability of that category, note).

    The note is "" when the model is sure, else why not: the comment is empty, it shares no word or pair
    with the comments the model learned from, or the guess is within ``NEAR_EVEN`` of 50%.
    """
    reviews = fitted.reviews
    label1 = fitted.row_probability[index]
    leans = np.where(label1 >= 0.5, reviews.categories[1], reviews.categories[0])
    sure = np.maximum(label1, 1.0 - label1)
    notes = np.full(label1.size, "", dtype=object)
    notes[np.abs(label1 - 0.5) < NEAR_EVEN] = comment_words.NOT_SURE_NEAR_EVEN
    notes[fitted.row_known == 0] = comment_words.NOT_SURE_NO_WORDS
    notes[np.array([text == "" for text in reviews.texts], dtype=bool)] = comment_words.NOT_SURE_NO_COMMENT
    return leans, sure, notes


def sorted_rows(fitted, index):
    """Every row of the reader's file with what the model says at the λ of ``index`` (a DataFrame).

    Columns: row (from 1), comment, label (as given), category (what the label counts as), used for, model
    says, sure (%), note. Text cells are the reader's own: made spreadsheet-safe by ``rows_csv``.
    """
    reviews = fitted.reviews
    leans, sure, notes = predictions(fitted, index)
    category = np.array(
        [reviews.categories[label] if label >= 0 else "" for label in reviews.labels.tolist()], dtype=object
    )
    says = np.where(notes == "", leans, comment_words.NOT_SURE)
    return pd.DataFrame(
        {
            "row": np.arange(1, reviews.n_rows + 1),
            "comment": reviews.full_texts,
            "label": reviews.given,
            "category": category,
            "used for": [ROLE_NAMES[role] for role in reviews.role.tolist()],
            "model says": says,
            "leans to": leans,
            "sure (%)": np.round(100 * sure, 1),
            "note": notes,
        }
    )


def rows_csv(fitted, index):
    """``sorted_rows`` as CSV bytes (UTF-8), every text cell made safe from spreadsheet formulas."""
    frame = sorted_rows(fitted, index)
    for column in ("comment", "label", "category", "model says", "leans to"):
        frame[column] = [spreadsheet_safe(cell) for cell in frame[column]]
    return frame.to_csv(index=False).encode("utf-8")


def mistakes(fitted, index, limit=100):
    """Held-out comments the model sorts wrong at the λ of ``index``, the surest mistakes first (a DataFrame).

    Columns: comment (as read), label (as given), category, model says, sure (%). At most ``limit`` rows;
    ``mistakes(...).attrs["total"]`` is how many there are.
    """
    reviews = fitted.reviews
    rows = np.flatnonzero(reviews.role == HELD_OUT)
    label1 = fitted.held_out_probability[index]
    leans = np.where(label1 >= 0.5, reviews.categories[1], reviews.categories[0])
    sure = np.maximum(label1, 1.0 - label1)
    category = np.array(reviews.categories, dtype=object)[reviews.labels[rows]]
    wrong = np.flatnonzero(leans != category)
    order = wrong[np.argsort(-sure[wrong], kind="stable")][:limit]
    leans, sure, order = leans[order], sure[order], rows[order]
    frame = pd.DataFrame(
        {
            "comment": [reviews.texts[row] for row in order.tolist()],
            "label": [reviews.given[row] for row in order.tolist()],
            "category": np.array(reviews.categories, dtype=object)[reviews.labels[order]],
            "model says": leans,
            "sure (%)": np.round(100 * sure, 1),
        }
    )
    frame.attrs["total"] = int(wrong.size)
    return frame
