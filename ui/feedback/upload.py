"""The reader's own comments on the Sorting-feedback page: their file, its columns, the model and its views.

Everything here is the reader's own and stays in their session: the file as read (``STATE``, apart from
the Your-data page's file), and the fitted model with its charts and texts for every λ step
(``FITTED``: the last ``KEPT`` files and column choices, keyed by the file's digest and the choices, so a
change back refits nothing). Nothing of it is put in a cache shared with other readers, so one reader's
comments never reach another. A problem with a file or a choice is shown in plain words and the previous
file, choice and view stay.
"""

import dataclasses
import functools
import hashlib
from pathlib import PurePath

import streamlit as st

from core import reader
from core.feedback import charts, fit, reviews, upload_words, words
from core.models.grid import SLIDER_LAMS
from core.reader import words as reader_words
from core.show import live
from core.show.plain_numbers import markdown_safe

from .. import live as ui_live
from ..state import set_view
from ..upload import FILE_TYPES

STATE = "feedback_upload"
FITTED = "feedback_upload_fitted"
_SEEN, _PROBLEM, _CHOICE_PROBLEM = "feedback_upload_seen", "feedback_upload_problem", "feedback_choice_problem"
#: Fitted files (and column choices) kept in a reader's session.
KEPT = 2


@dataclasses.dataclass(frozen=True)
class CommentsUpload:
    """The reader's file of comments as read, and the columns they chose.

    ``data`` keeps the file's bytes only for a workbook of several sheets (to read another sheet).
    """

    name: str
    digest: str
    data: bytes | None
    table: reader.Table
    reviews: reviews.Reviews

    @property
    def key(self):
        return (self.digest, self.table.sheet, self.reviews.text_column, self.reviews.label_column)


def current():
    """The session's file of comments, or None."""
    return st.session_state.get(STATE)


def _check_file(file):
    if PurePath(file.name).suffix.lower().lstrip(".") not in FILE_TYPES:
        raise reader.DataProblem(reader_words.WRONG_FILE_TYPE)
    if file.size > reader.MAX_UPLOAD_BYTES:
        raise reader.DataProblem(reader_words.too_big(file.size, reader.MAX_UPLOAD_BYTES))


def _first_reading(table):
    return reviews.read_reviews(table, *reviews.guess_columns(table))


def show_problem(problem):
    """A problem in plain words: shown as text (it may not be Markdown), never raised."""
    st.error(markdown_safe(problem))


def receive(file):
    """Read a newly uploaded file of comments; on a problem show it and keep the previous file."""
    state = st.session_state
    if file is None:
        return
    if state.get(_SEEN) == file.file_id:
        if state.get(_PROBLEM):
            show_problem(state[_PROBLEM])
        return
    state[_SEEN], state[_PROBLEM] = file.file_id, None
    try:
        _check_file(file)
        with st.spinner(reader_words.reading(file.size)):
            data = file.getvalue()
            table = reader.read_table(data, file.name, comments=True)
            read = _first_reading(table)
    except reader.DataProblem as problem:
        state[_PROBLEM] = str(problem) + (reader_words.PREVIOUS_DATA_KEPT if current() is not None else "")
        show_problem(state[_PROBLEM])
        return
    digest = hashlib.sha256(data).hexdigest()[:16]
    state[STATE] = CommentsUpload(file.name, digest, data if len(table.sheets) > 1 else None, table, read)


def _choose(change):
    """Apply a change of sheet or column; on a problem keep the previous choice (and say why)."""
    upload = current()
    try:
        table, read = change(upload)
    except reader.DataProblem as problem:
        st.session_state[_CHOICE_PROBLEM] = str(problem)
        return
    st.session_state[STATE] = dataclasses.replace(upload, table=table, reviews=read)


def _choose_sheet():
    sheet = st.session_state.widget_feedback_sheet

    def change(upload):
        table = reader.read_table(upload.data, upload.name, sheet=sheet, comments=True)
        return table, _first_reading(table)

    _choose(change)


def _choose_text():
    text = st.session_state.widget_feedback_text

    def change(upload):
        label = upload.reviews.label_column
        label = upload.reviews.text_column if label == text else label  # the label taken for the comments: swap
        return upload.table, reviews.read_reviews(upload.table, text, label)

    _choose(change)


def _choose_label():
    label = st.session_state.widget_feedback_label

    def change(upload):
        return upload.table, reviews.read_reviews(upload.table, upload.reviews.text_column, label)

    _choose(change)


def column_controls(upload):
    """Sheet (for a workbook of several), the comments' column and the label's."""
    state, table = st.session_state, upload.table
    if len(table.sheets) > 1:
        state.widget_feedback_sheet = table.sheet
        st.selectbox(
            upload_words.SHEET_LABEL, options=table.sheets, key="widget_feedback_sheet", on_change=_choose_sheet
        )
    left, right = st.columns(2)
    state.widget_feedback_text = upload.reviews.text_column
    state.widget_feedback_label = upload.reviews.label_column
    left.selectbox(
        upload_words.TEXT_COLUMN_LABEL,
        options=reviews.text_columns(table),
        key="widget_feedback_text",
        on_change=_choose_text,
    )
    right.selectbox(
        upload_words.LABEL_COLUMN_LABEL,
        options=[name for name in table.frame.columns if name != upload.reviews.text_column],
        key="widget_feedback_label",
        on_change=_choose_label,
        help=upload_words.LABEL_COLUMN_HELP,
    )
    problem = state.pop(_CHOICE_PROBLEM, None)
    if problem:
        show_problem(problem + " " + upload_words.PREVIOUS_CHOICE_KEPT)


def _steps(build):
    return [build(step) for step in range(SLIDER_LAMS.size)]


def _views(fitted):
    """Their comments' charts and texts for every λ step, the sweet spot, and what the page writes once."""
    model, path = fitted.model, fitted.model.path
    spot = fit.sweet_spot(path)
    right = words.new_comment_probabilities(model)
    return {
        "spot": spot,
        "verdict": live.stepped_text(
            _steps(lambda k: words.verdict_text(spot, k)), _steps(lambda k: spot.verdict(k).tone)
        ),
        "scores": live.stepped(
            lambda k: charts.scores_figure(path, k, spot, new=upload_words.THEIR_HELD_OUT), SLIDER_LAMS.size
        ),
        "scores_text": live.stepped_text(_steps(lambda k: words.scores_text(model, k, right, new="held-out"))),
        "words": live.stepped(lambda k: charts.word_weights_figure(model, k), SLIDER_LAMS.size),
        "words_text": live.stepped_text(_steps(lambda k: words.words_text(model, k))),
    }


def fitted(upload):
    """The model of the reader's comments and its views, learned once per file and choice (a bar shows progress)."""
    kept = st.session_state.setdefault(FITTED, {})
    if upload.key in kept:
        return kept[upload.key]
    bar = st.progress(0.0, text=upload_words.learning(0, 1))

    def progress(done, total):
        bar.progress(done / total, text=upload_words.learning(done, total))

    try:
        model = reviews.reviews_model(upload.reviews, SLIDER_LAMS, progress)
    except reader.DataProblem as problem:
        bar.empty()
        show_problem(str(problem))
        return None
    bar.progress(1.0, text=upload_words.DRAWING)
    result = (model, _views(model))
    bar.empty()
    while len(kept) >= KEPT:
        kept.pop(next(iter(kept)))
    kept[upload.key] = result
    return result


def story(model, views, step):
    """Their comments' story, as the shipped comments': the verdict, the words chart and what it says, the right
    answers, the sweet spot and its button, the comments it sorts against their label and the download; the right
    answers for every penalty in an "In depth" box."""
    ui_live.text(views["verdict"], key="feedback_upload_verdict")
    st.caption(upload_words.THEIR_WORDS_CAPTION)
    ui_live.chart(views["words"], key="feedback_upload_words")
    ui_live.text(views["words_text"], key="feedback_upload_words_text")
    ui_live.text(views["scores_text"], key="feedback_upload_scores_text")
    st.markdown(upload_words.their_sweet_spot_text(model.model.path, views["spot"]))
    sweet_spot_button(views["spot"])
    mistakes_table(model, step)
    download_button(model, step)
    with st.expander("In depth: right answers on your comments for every penalty"):
        n_train, n_held_out = len(model.model.comments.train_texts), model.held_out_probability.shape[1]
        st.caption(words.scores_caption(n_train, n_held_out, new="held-out comments"))
        ui_live.chart(views["scores"], key="feedback_upload_scores")


def sweet_spot_button(spot):
    st.button(
        upload_words.THEIR_SWEET_SPOT_BUTTON,
        on_click=set_view,
        kwargs={"lam": float(SLIDER_LAMS[spot.best])},
        help=upload_words.THEIR_SWEET_SPOT_HELP,
        key="feedback_upload_sweet_spot",
    )


def mistakes_table(model, step):
    """The held-out comments it sorts wrong at this λ (surest first), as a table: their text is never Markdown."""
    wrong = reviews.mistakes(model, step)
    m = len(model.model.comments.test_texts)
    st.caption(upload_words.mistakes_caption(wrong.attrs["total"], len(wrong), m, float(SLIDER_LAMS[step])))
    if len(wrong):
        st.dataframe(wrong, hide_index=True, width="stretch")


def download_button(model, step):
    st.download_button(
        upload_words.DOWNLOAD_LABEL,
        data=functools.partial(reviews.rows_csv, model, step),
        file_name="l2lab-sorted-comments.csv",
        mime="text/csv",
        on_click="ignore",
        help=upload_words.DOWNLOAD_HELP,
    )
