import streamlit as st

import ui
from core import reader
from core.feedback import words
from core.feedback.fit import DEGREE, MAX_COMMENT_CHARS
from core.models.grid import SLIDER_LAMS
from core.show.plain_numbers import markdown_safe
from ui import live
from ui.feedback import models, views
from ui.feedback import upload as their

ui.start_page()
st.title("Sorting feedback: a penalty against trusting one-off words")
st.markdown(words.INTRO)

step = live.lam_control()
model = models.word_model()
spot = views.words_spot()
word_views = views.word_views()
live.text(word_views["verdict"], key="feedback_verdict")

st.subheader("Which words does the model trust?")
st.caption(words.WORDS_CAPTION + " " + words.rare_words_note())
live.chart(word_views["weights"], key="feedback_weights")
live.text(word_views["weights_text"], key="feedback_weights_text")
st.caption(views.phrase_words_note())
st.caption(words.no_penalty_note())

st.subheader("Right on the comments it learned from, and on new ones")
st.caption(words.scores_caption(model.comments.n_train, len(model.comments.test_texts)))
live.chart(word_views["scores"], key="feedback_scores")
live.text(word_views["scores_text"], key="feedback_scores_text")
st.markdown(words.sweet_spot_text(model.path, spot))
st.button(
    "Find the sweet spot for me",
    on_click=ui.set_view,
    kwargs={"lam": float(SLIDER_LAMS[spot.best])},
    help="Moves λ to the value that cross-validation says sorts new comments best.",
)

st.subheader("Try your own comment")
typed = st.text_area(
    "Your comment",
    value=words.EXAMPLE_COMMENT,  # a result shows before anyone types; edit it or write your own
    key="feedback_comment",
    help=f"Anything up to {MAX_COMMENT_CHARS:,} characters. Nothing you type is stored or shared with anyone.",
)
if len(typed) > MAX_COMMENT_CHARS:
    st.info(words.cut_note())
if not typed.strip():
    st.info("Type a comment above and press Ctrl+Enter (or click outside the box) to see how the model sorts it.")
else:
    comment = views.comment_views(typed)
    st.caption("The model reads:")
    st.text(comment["reading"].text)
    live.text(comment["text"], key="feedback_comment_text")
    if comment["figure"] is not None:
        live.chart(comment["figure"], key="feedback_comment_chart")

st.subheader(words.UPLOAD_TITLE)
st.markdown(words.UPLOAD_INTRO)
file = st.file_uploader(
    words.upload_label(reader.MAX_UPLOAD_BYTES),
    key="feedback_file",  # no type=: Streamlit would refuse other files with its own words; the page names them
)
their.receive(file)
upload = their.current()
if upload is None:
    st.info(words.NO_UPLOAD_YET)
else:
    st.text(words.file_line(upload.name, upload.table.n_rows))
    for note in [*upload.table.notes, *upload.reviews.notes]:
        st.caption(markdown_safe(note))
    their.column_controls(upload)
    learned = their.fitted(upload)
    if learned is not None:
        their_model, their_views = learned
        live.text(their_views["verdict"], key="feedback_upload_verdict")
        st.caption(
            words.scores_caption(
                len(their_model.model.comments.train_texts),
                their_model.held_out_probability.shape[1],
                new="held-out comments",
            )
        )
        live.chart(their_views["scores"], key="feedback_upload_scores")
        live.text(their_views["scores_text"], key="feedback_upload_scores_text")
        st.markdown(words.their_sweet_spot_text(their_model.model.path, their_views["spot"]))
        their.sweet_spot_button(their_views["spot"])
        st.caption(words.THEIR_WORDS_CAPTION)
        live.chart(their_views["words"], key="feedback_upload_words")
        live.text(their_views["words_text"], key="feedback_upload_words_text")
        their.mistakes_table(their_model, step)
        their.download_button(their_model, step)

st.subheader("Two signals: will this customer complain?")
boundary_model = models.boundary_model()
st.markdown(
    f"Another shop predicts complaints from two numbers it already has: how much the order was worth and "
    f"how many days late it arrived. Each cross is a customer who complained, each circle one who did not "
    f"({boundary_model.y_train.size} customers to learn from). The model may bend its boundary freely (every "
    f"combination of the two numbers up to power {DEGREE}). The black line is where it says "
    "“50 % chance of a complaint” at your λ; the wide purple line is the same with no penalty. Drag λ and "
    "watch the boundary calm down from a shape that loops around single customers to a smooth curve."
)
boundary_views = views.boundary_views()
live.chart(boundary_views["boundary"], key="feedback_boundary")
live.text(boundary_views["boundary_text"], key="feedback_boundary_text")

with st.expander("In depth: the formulas and the scikit-learn equivalents"):
    for paragraph in words.IN_DEPTH:
        st.markdown(paragraph)
    st.markdown(words.stand_in_note())
    lam = float(SLIDER_LAMS[step])
    st.code(words.sklearn_words_code(lam, model.path.n), language="python")
    st.markdown(
        "**The two signals.** The same penalty on the same kind of model, with the features of the other pages: "
        f"both numbers rescaled to [0, 1], every product of their powers up to degree {DEGREE}, each standardized "
        "on the training customers:"
    )
    st.code(words.sklearn_boundary_code(lam, boundary_model.path.n, DEGREE), language="python")
ui.finish_page()
