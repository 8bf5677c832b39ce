import streamlit as st

import ui

ui.start_page()
st.title("Why it works")
ui.finish_page()
