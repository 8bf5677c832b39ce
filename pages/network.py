import streamlit as st

import ui
from core.models.grid import SLIDER_LAMS
from core.network import words
from ui import live
from ui.network import models, views

ui.start_page()
st.title("In a neural network: weight decay")
st.markdown(words.INTRO)

path = models.network_path()
step = live.lam_control()
pictures = views.views(path)
live.text(pictures["verdict"], key="network_verdict")

st.subheader("What the network says about every customer")
st.markdown(words.PROBLEM)
left, right = st.columns(2)
with left:
    live.chart(pictures["answer_free"], key="network_answer_free")
with right:
    live.chart(pictures["answer"], key="network_answer")
live.text(pictures["answer_text"], key="network_answer_text")

st.subheader("Memorizing takes time: the loss during training")
st.markdown(words.LOSS_INTRO)
live.chart(pictures["loss"], key="network_loss")
live.text(pictures["loss_text"], key="network_loss_text")

st.subheader("Weight decay: the size of the weights during training")
st.markdown(words.SIZE_INTRO)
live.chart(pictures["size"], key="network_size")
live.text(pictures["size_text"], key="network_size_text")

st.subheader("How strong a penalty? The loss against λ")
st.markdown(words.LAM_INTRO)
live.chart(pictures["lam"], key="network_lam")
st.markdown(words.sweet_spot_text(path))
st.button(
    words.SWEET_SPOT_BUTTON,
    on_click=ui.set_view,
    kwargs={"lam": float(SLIDER_LAMS[path.spot.best])},
    help=words.SWEET_SPOT_HELP,
)
st.markdown(words.BOTTOM_LINE)

with st.expander("In depth: the network, scikit-learn's alpha, real tools and early stopping"):
    for paragraph in words.in_depth(path):
        st.markdown(paragraph)
    st.code(words.sklearn_code(path, step), language="python")
ui.finish_page()
