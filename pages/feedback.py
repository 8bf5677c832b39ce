import streamlit as st

import ui
from core import reader
from core.feedback import comment_words, method_words, upload_words, words
from core.feedback.fit import DEGREE, MAX_COMMENT_CHARS
from core.models.grid import SLIDER_LAMS
from core.show.plain_numbers import markdown_safe
from ui import live
from ui.controls import next_in_story
from ui.feedback import models, views
from ui.feedback import upload as their

ui.start_page()
st.title("Sorting feedback: a penalty that shrinks every word's push")
model = models.word_model()
spot = views.words_spot()
st.markdown(words.intro(model, spot))

step = live.lam_control()  # the reader's comments' table, their download and In depth's code follow λ: a release reruns
word_views = views.word_views()
live.text(word_views["verdict"], key="feedback_verdict")

st.subheader("Which words does the model trust?")
st.caption(words.WORDS_CAPTION + " " + words.rare_words_note())
live.chart(word_views["weights"], key="feedback_weights")
live.text(word_views["weights_text"], key="feedback_weights_text")
live.text(word_views["mistakes_text"], key="feedback_mistakes_text")
st.button(
    words.SWEET_SPOT_BUTTON,
    on_click=ui.set_view,
    kwargs={"lam": float(SLIDER_LAMS[spot.best])},
    help=words.SWEET_SPOT_HELP,
)

st.subheader("Try your own comment")
typed = st.text_area(
    "Your comment",
    value=comment_words.EXAMPLE_COMMENT,  # a result shows before anyone types; edit it or write your own
    key="feedback_comment",
    help=comment_words.comment_help(),
)
if len(typed) > MAX_COMMENT_CHARS:
    st.info(comment_words.cut_note())
if not typed.strip():
    st.info(comment_words.TYPE_A_COMMENT)
else:
    comment = views.comment_views(typed)
    st.caption(comment_words.MODEL_READS)
    st.text(comment_words.marked(model, comment["reading"].text))  # plain text: the reader's own words
    live.text(comment["text"], key="feedback_comment_text")
    if comment["figure"] is not None:
        st.caption(comment_words.comment_caption(model, comment["reading"]))
        live.chart(comment["figure"], key="feedback_comment_chart")

st.subheader(upload_words.UPLOAD_TITLE)
st.markdown(upload_words.UPLOAD_INTRO)
file = st.file_uploader(
    upload_words.upload_label(reader.MAX_UPLOAD_BYTES),
    key="feedback_file",  # no type=: Streamlit would refuse other files with its own words; the page names them
)
their.receive(file)
upload = their.current()
if upload is None:
    st.info(upload_words.NO_UPLOAD_YET)
else:
    st.text(upload_words.file_line(upload.name, upload.table.n_rows))
    for note in [*upload.table.notes, *upload.reviews.notes]:
        st.caption(markdown_safe(note))
    their.column_controls(upload)
    learned = their.fitted(upload)
    if learned is not None:
        their.story(*learned, step)

st.markdown(words.TAKEAWAY)

with st.expander("In depth: right answers and confidence for every penalty"):
    live.text(word_views["scores_text"], key="feedback_scores_text")
    st.markdown(words.sweet_spot_text(model.path, spot))
    st.caption(words.scores_caption(model.comments.n_train, len(model.comments.test_texts)))
    live.chart(word_views["scores"], key="feedback_scores")

with st.expander("In depth: why the model reads pairs of words, and which it knows"):
    st.markdown(views.phrase_words_note())
    st.markdown(words.known_words_note())
    live.text(word_views["carrying_text"], key="feedback_carrying_text")

with st.expander("In depth: the same penalty on two numbers (where the model draws its line)"):
    boundary_model = models.boundary_model()
    st.markdown(words.boundary_intro(boundary_model.y_train.size, DEGREE))
    boundary_views = views.boundary_views()
    live.chart(boundary_views["boundary"], key="feedback_boundary")
    live.text(boundary_views["boundary_text"], key="feedback_boundary_text")

with st.expander("In depth: the formulas and the code, for analysts"):
    for paragraph in method_words.IN_DEPTH:
        st.markdown(paragraph)
    st.markdown(method_words.no_penalty_note())
    st.markdown(method_words.stand_in_note())
    lam = float(SLIDER_LAMS[step])
    st.code(method_words.sklearn_words_code(lam, model.path.n), language="python")
    st.markdown(method_words.boundary_code_intro(DEGREE))
    st.code(method_words.sklearn_boundary_code(lam, boundary_model.path.n, DEGREE), language="python")
next_in_story("/feedback")
ui.finish_page()
