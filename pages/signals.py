import streamlit as st

import ui
from core.show.plain_numbers import markdown_safe
from core.signals import data as signal_data
from core.signals import words
from ui import live
from ui.controls import next_in_story
from ui.signals.fits import builtin_fit
from ui.signals.story import TABLE_LABEL, in_depth, story

ui.start_page()
st.title("Many signals: sharing the credit")
st.markdown(
    "A forecast of sales may use many signals: ad spend, price, the weather, holidays. Some of them carry the "
    "same news: online clicks go up whenever online ad spend does. With no penalty, the model cannot tell which "
    "of the two earns the credit. It may hand one of them far too much, and make up for it with a minus on the "
    "other. L2 charges for big weights, so signals that carry the same news share the credit."
)
titles = signal_data.SIGNAL_TITLES
choice = st.selectbox(TABLE_LABEL, options=list(titles), format_func=titles.get, key="signals_table")
live.lam_control()  # In depth prints every weight at this λ: a release reruns the page
fit = builtin_fit(choice)
st.caption(markdown_safe(words.table_caption(fit)))
story(fit, "signals")
st.markdown(
    "**The takeaway.** When signals move together, a model with no penalty can give one of them a big plus "
    "and the other a big minus. Such weights jump about with every few weeks of new data, so do not cut a "
    "budget because a model gave it a minus. With L2, signals that carry the same news share the credit and "
    "the weights jump about far less. It does not make every bar smaller: as the credit is shared out again, "
    "a few bars can grow, and a signal that does nothing can keep a little credit by luck."
)
in_depth(fit, "signals")
st.caption('Bring your own table: on the Your data page, choose "Several columns (signals)".')
next_in_story("/signals")
ui.finish_page()
