import streamlit as st

from ui.registry import BY_URL_PATH, SECTIONS, in_section
from ui.state import enter_page

st.set_page_config(page_title="L2 Lab: see regularization work", page_icon="📈", layout="wide")
# At the top, not in the sidebar: there Streamlit 1.67 puts the section headers inside the list of
# links, which screen readers (and axe-core's list rules) read as a broken list.
current = st.navigation(
    {
        section: [
            st.Page(page.file, title=page.title, icon=page.icon, url_path=page.url_path or None, default=page.is_home)
            for page in in_section(section)
        ]
        for section in SECTIONS
    },
    position="top",
)
enter_page(BY_URL_PATH[current.url_path])
current.run()
