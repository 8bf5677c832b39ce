import streamlit as st

import ui
from core import explain, signal_data

ui.start_page()
st.title("Many signals: no single one takes over")
st.markdown(
    "Forecasting sales from many signals (ad spend, price, the weather, holidays), a model without a penalty "
    "can lean far too hard on one signal, or let two signals that move together blow up in opposite directions "
    "and cancel out. L2 charges for large weights, so the credit is shared and no single signal dominates."
)
titles = signal_data.SIGNAL_TITLES
choice = st.selectbox(ui.signals.TABLE_LABEL, options=list(titles), format_func=titles.get, key="signals_table")
ui.live.lam_control()
fit = ui.signals.builtin_fit(choice)
st.caption(explain.markdown_safe(fit.table.story))
ui.signals.story(fit, "signals")
st.caption('Bring your own table: on the Your data page, choose "Several columns (signals)".')
ui.finish_page()
