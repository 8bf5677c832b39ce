import streamlit as st

st.set_page_config(page_title="L2 Lab: see regularization work", page_icon="📉", layout="wide")
st.navigation([
    st.Page("pages/home.py", title="Home", icon="🏠", default=True),
    st.Page("pages/playground.py", title="Playground", icon="🎛️", url_path="playground"),
]).run()
