"""The reader's own comments (core.feedback.reviews): a review export built in the tests (tests/review_exports.py),
read, labelled, split and sorted."""

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from core import reader
from core.feedback import comment_words, reviews
from core.feedback.fit import MAX_COMMENT_CHARS
from core.models.grid import HELD_OUT_SHARE, SLIDER_LAMS
from tests.review_exports import MARKER, SPECIAL, review_export


@pytest.fixture(scope="module")
def table():
    return reader.read_table(review_export(), "reviews.csv", comments=True)


@pytest.fixture(scope="module")
def read(table):
    return reviews.read_reviews(table, "Review", "Rating")


@pytest.fixture(scope="module")
def fitted(read):
    return reviews.reviews_model(read)


# --- Columns and labels ---


def test_the_comments_and_the_stars_are_guessed(table):
    assert reviews.text_columns(table) == ["Review", "Reviewer"]  # the longest cells first
    assert reviews.guess_columns(table) == ("Review", "Rating")


def test_without_stars_a_two_valued_column_is_guessed():
    frame = pd.DataFrame(
        {"id": range(30), "tag": ["yes", "no"] * 15, "text": [f"comment number {i}" for i in range(30)]}
    )
    table = reader.read_table(frame.to_csv(index=False).encode(), comments=True)
    assert reviews.guess_columns(table) == ("text", "tag")
    rule = reviews.label_rule(table, "tag")
    assert rule.kind == reviews.TWO_VALUES and rule.categories == ("no", "yes")
    assert list(rule.labels(table, "tag")[:2]) == [1, 0]


def test_stars_become_complaint_praise_and_left_out(table):
    rule = reviews.label_rule(table, "Rating")
    assert rule.kind == reviews.STARS and rule.categories == ("praise", "complaint")
    labels = rule.labels(table, "Rating")
    stars = table.frame["Rating"].to_numpy()
    assert set(labels[stars <= 2]) == {1} and set(labels[stars >= 4]) == {0}
    assert set(labels[(stars == 3) | np.isnan(stars)]) == {-1}


def test_a_zero_one_column_is_two_values_in_number_order():
    frame = pd.DataFrame({"text": [f"comment {i}" for i in range(30)], "flag": [1, 0, 1] * 10})
    table = reader.read_table(frame.to_csv(index=False).encode(), comments=True)
    rule = reviews.label_rule(table, "flag")
    assert rule.kind == reviews.TWO_VALUES and rule.categories == ("0", "1")


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("label", ["same"] * 30, "the same value on every row"),
        ("label", [""] * 30, "is empty"),
        ("label", [f"{MARKER}{i % 3}" for i in range(30)], "has 3 different values"),
        ("label", [f"2024-01-{1 + i % 28:02d}" for i in range(30)], "holds dates"),
    ],
)
def test_a_label_that_cannot_be_used_is_told_plainly(column, values, message):
    frame = pd.DataFrame({"text": [f"comment number {i}" for i in range(30)], column: values, "other": range(30)})
    table = reader.read_table(frame.to_csv(index=False).encode(), comments=True)
    with pytest.raises(reader.DataProblem, match=message) as problem:
        reviews.read_reviews(table, "text", column)
    assert MARKER not in str(problem.value)


def test_a_file_of_numbers_has_no_comments():
    frame = pd.DataFrame({"text": np.arange(30) * 1.5, "stars": [1, 5] * 15})
    table = reader.read_table(frame.to_csv(index=False).encode(), comments=True)
    with pytest.raises(reader.DataProblem, match="every column holds numbers or dates"):
        reviews.guess_columns(table)
    with pytest.raises(reader.DataProblem, match="holds numbers or dates, not words"):
        reviews.read_reviews(table, "text", "stars")


def test_only_a_comment_column_asks_for_a_label():
    table = reader.read_table(b"text,empty\nhello there\nnice one\nbad one\nok then\nfine\n", comments=True)
    with pytest.raises(reader.DataProblem, match="empty"):
        reviews.read_reviews(table, "text", "empty")


@pytest.mark.parametrize(
    ("n_labelled", "message"), [(19, "Only 19 rows have both a comment and a label"), (25, "Only 8 of the labelled")]
)
def test_too_few_labelled_comments_are_told_plainly(n_labelled, message):
    stars = [5] * (n_labelled - 8) + [1] * 8 if n_labelled > 20 else [5, 1] * 9 + [5]
    frame = pd.DataFrame({"text": [f"comment number {i}" for i in range(len(stars))], "stars": stars})
    table = reader.read_table(frame.to_csv(index=False).encode(), comments=True)
    with pytest.raises(reader.DataProblem, match=message):
        reviews.read_reviews(table, "text", "stars")


def test_the_same_column_twice_or_a_column_of_another_file(table):
    with pytest.raises(reader.DataProblem, match="the same column"):
        reviews.read_reviews(table, "Review", "Review")
    with pytest.raises(reader.DataProblem, match="not in this file"):
        reviews.read_reviews(table, "Review", "Stars of another file")


# --- Rows ---


def test_rows_are_labelled_split_and_noted(read):
    assert read.n_rows == 420 and read.categories == ("praise", "complaint")
    labelled = read.labels >= 0
    assert labelled.sum() == 420 - 3 - 4 - 1  # no rating, 3 stars, the empty review
    assert set(read.role[~labelled]) == {reviews.NOT_USED}
    for label in (0, 1):
        rows = read.labels == label
        held_out = (read.role[rows] == reviews.HELD_OUT).sum()
        assert held_out == rows.sum() - round((1 - HELD_OUT_SHARE) * rows.sum())
    assert list(read.comments.train_labels) == list(read.labels[read.role == reviews.LEARN])
    assert read.comments.test_texts == tuple(np.array(read.texts, dtype=object)[read.role == reviews.HELD_OUT])
    assert read.notes == (
        "420 rows: the model learns from 288 labelled comments and is checked on 124 others it never sees while "
        "it learns (picked at random, the same way every time).",
        "4 comments rated 3 stars (between a complaint, 1 or 2 stars, and praise, 4 or 5) are left out of learning "
        "and checking, and sorted in the download.",
        "3 comments have no label: the model does not learn from them, but sorts them in the download.",
        "1 row has no comment; the download marks it not sure.",
        "1 comment is longer than 1,000 characters: only the first 1,000 characters are read.",
    )


def test_long_comments_are_cut_and_markup_is_kept_as_text(read):
    assert len(read.texts[7]) == MAX_COMMENT_CHARS
    assert read.full_texts[7] == SPECIAL[7].strip()  # cells are read stripped
    assert read.texts[7].startswith("<b>Great</b> **value**, ![x](")


def test_the_split_is_the_same_every_time(table, read):
    again = reviews.read_reviews(table, "Review", "Rating")
    assert np.array_equal(again.role, read.role)


def test_many_comments_learn_from_at_most_max_learn(monkeypatch, table):
    monkeypatch.setattr(reviews, "MAX_LEARN", 100)
    capped = reviews.read_reviews(table, "Review", "Rating")
    assert (capped.role == reviews.LEARN).sum() == 100
    assert (capped.role == reviews.HELD_OUT).sum() == 412 - 100
    assert any("at most 100 comments" in note for note in capped.notes)
    for label in (0, 1):  # the sample keeps each category's share
        share = (capped.labels[capped.role == reviews.LEARN] == label).mean()
        assert abs(share - (capped.labels[capped.labels >= 0] == label).mean()) < 0.02


# --- The model on their comments ---


@pytest.mark.parametrize("step", [0, 11, 25])
def test_their_model_equals_sklearn_on_the_same_matrix(fitted, step):
    model = fitted.model
    X = model.features(model.comments.train_texts)
    lam = model.path.fit_lams[step]
    theirs = LogisticRegression(C=1 / (2 * X.shape[0] * lam), solver="newton-cg", tol=1e-15, max_iter=1_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", "Line Search failed|The line search algorithm did not converge")
        theirs.fit(X, model.comments.train_labels)
    every_row = model.features(fitted.reviews.texts)
    np.testing.assert_allclose(fitted.row_probability[step], theirs.predict_proba(every_row)[:, 1], atol=1e-6)


def test_their_vocabulary_comes_from_the_comments_it_learns_from(fitted):
    model = fitted.model
    learned = " ".join(model.comments.train_texts).lower()
    assert all(word.split(" ")[0] in learned for word in model.words[:50])
    assert model.counts.min() >= 2 and model.path.lams.size == SLIDER_LAMS.size


def test_every_row_is_sorted_in_the_download_with_formulas_made_safe(fitted):
    data = reviews.rows_csv(fitted, 11)
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert len(frame) == 420 and list(frame.columns) == [
        "row",
        "comment",
        "label",
        "category",
        "used for",
        "model says",
        "leans to",
        "sure (%)",
        "note",
    ]
    assert frame["comment"][11].startswith("'=HYPERLINK") and frame["comment"][13].startswith("'@everyone")
    assert frame["comment"][17].startswith("'-5 stars")
    assert frame["comment"][7] == SPECIAL[7].strip()  # the whole comment, as read
    assert frame["model says"][5] == "not sure" and frame["note"][5] == "not sure: no comment"
    assert frame["label"][3] == "" and frame["model says"][3] in ("praise", "complaint", "not sure")  # sorted too
    assert frame["label"][1] == "3" and frame["category"][1] == ""
    assert set(frame["used for"]) == {"learned from", "checked on", "not used"}
    sure = frame["sure (%)"].astype(float)
    assert (sure >= 50).all() and (sure <= 100).all()


def test_rows_the_model_cannot_judge_are_not_sure(fitted):
    _, _, notes = reviews.predictions(fitted, 11)
    assert notes[5] == comment_words.NOT_SURE_NO_COMMENT
    unknown = np.flatnonzero((fitted.row_known == 0) & np.array([text != "" for text in fitted.reviews.texts]))
    assert all(notes[row] == comment_words.NOT_SURE_NO_WORDS for row in unknown)
    near = (np.abs(fitted.row_probability[11] - 0.5) < 0.1) & (fitted.row_known > 0)
    assert near.any() and all(note == comment_words.NOT_SURE_NEAR_EVEN for note in notes[near])
    sure = (np.abs(fitted.row_probability[11] - 0.5) >= 0.1) & (fitted.row_known > 0)
    assert all(note == "" for note in notes[sure])


def test_mistakes_are_held_out_comments_sorted_wrong_surest_first(fitted):
    wrong = reviews.mistakes(fitted, 11)
    path = fitted.model.path
    assert wrong.attrs["total"] == round((1 - path.test_accuracy[11]) * len(fitted.model.comments.test_texts))
    assert (wrong["model says"] != wrong["category"]).all()
    assert list(wrong["sure (%)"]) == sorted(wrong["sure (%)"], reverse=True)
    assert len(reviews.mistakes(fitted, 11, limit=3)) == min(3, wrong.attrs["total"])


def test_any_language_with_spaces_between_words():
    good = ["el servicio fue excelente y rápido", "muy amable el personal, excelente café", "todo perfecto, gracias"]
    bad = ["el pedido llegó tarde y frío", "nadie contestó, muy mal servicio", "tarde otra vez, qué desastre"]
    rows = [(text + f" {i}", 5) for i in range(12) for text in good] + [
        (text + f" {i}", 1) for i in range(12) for text in bad
    ]
    frame = pd.DataFrame(rows, columns=["reseña", "estrellas"])
    table = reader.read_table(frame.to_csv(index=False).encode("utf-8"), comments=True)
    fitted = reviews.reviews_model(reviews.read_reviews(table, *reviews.guess_columns(table)))
    assert {"excelente", "rápido", "qué desastre"} <= set(fitted.model.words)
    assert fitted.model.path.test_accuracy[11] == 1.0


def test_comments_sharing_no_word_are_told_plainly():
    frame = pd.DataFrame({"text": [f"w{i}x" for i in range(40)], "stars": [1, 5] * 20})
    table = reader.read_table(frame.to_csv(index=False).encode(), comments=True)
    with pytest.raises(reader.DataProblem, match="No word appears in two of the comments"):
        reviews.reviews_model(reviews.read_reviews(table, "text", "stars"))


def test_progress_is_told_while_it_learns(read):
    told = []
    reviews.reviews_model(read, lams=SLIDER_LAMS[[10, 20]], progress=lambda done, total: told.append((done, total)))
    assert told[-1] == (12, 12) and len(told) == 12


def test_many_comments_are_checked_on_at_most_max_check(monkeypatch, table):
    monkeypatch.setattr(reviews, "MAX_CHECK", 50)
    capped = reviews.read_reviews(table, "Review", "Rating")
    assert (capped.role == reviews.LEARN).sum() == 288 and (capped.role == reviews.HELD_OUT).sum() == 50
    only_sorted = (capped.role == reviews.NOT_USED) & (capped.labels >= 0)
    assert only_sorted.sum() == 412 - 288 - 50
    assert any(note.startswith("74 other labelled comments are not needed to check it") for note in capped.notes)
    fitted = reviews.reviews_model(capped, lams=SLIDER_LAMS[[0, 11]])
    assert fitted.held_out_probability.shape == (2, 50) and fitted.row_probability.shape == (2, 420)
