import streamlit as st

import ui

ui.start_page()
st.title("Questions")
ui.finish_page()
