import streamlit as st

import ui
from core.show.plain_numbers import markdown_safe
from core.signals import data as signal_data
from ui import live
from ui.signals.fits import builtin_fit
from ui.signals.story import TABLE_LABEL, story

ui.start_page()
st.title("Many signals: sharing the credit")
st.markdown(
    "Forecasting sales from many signals (ad spend, price, the weather, holidays), a model without a penalty "
    "can lean too hard on one signal, or let two signals that move together blow up in opposite directions "
    "and cancel out. It also gives weight to signals that only happened to line up with good weeks. L2 charges "
    "for large weights, so signals that carry the same news share the credit and the lucky ones shrink."
)
titles = signal_data.SIGNAL_TITLES
choice = st.selectbox(TABLE_LABEL, options=list(titles), format_func=titles.get, key="signals_table")
live.lam_control(rerun_page=False)  # everything that follows λ here is live
fit = builtin_fit(choice)
st.caption(markdown_safe(fit.table.story))
story(fit, "signals")
st.caption('Bring your own table: on the Your data page, choose "Several columns (signals)".')
ui.finish_page()
