"""The widgets every page may share: a chart's one-line summary, reset and copy-a-link, the story's next step."""

from urllib.parse import urlencode

import streamlit as st

from core.viewstate import DEFAULT_VIEW, LINK_CAPTION, view_to_params

from . import registry
from .state import set_view, view


def chart_summary(text):
    """The one sentence that says what the chart above shows (for screen readers and skimmers)."""
    st.caption(text)


def _reset():
    set_view(**DEFAULT_VIEW)
    st.session_state.show_link = False


def _toggle_link():
    st.session_state.show_link = not st.session_state.get("show_link", False)


def view_actions():
    """Reset and copy-a-link buttons."""
    left, right, _ = st.columns([1, 2, 3])
    left.button("Reset", on_click=_reset, help="Back to the starting settings.")
    right.button("Copy link to this view", on_click=_toggle_link)
    if st.session_state.get("show_link"):
        link = f"{st.context.url or ''}?{urlencode(view_to_params(view()))}"
        st.code(link, language=None)
        st.caption(LINK_CAPTION)


def next_in_story(path):
    """A link to the story page after ``path`` (the registry's order); none after the last one."""
    story = registry.in_section(registry.STORY)
    paths = [page.path for page in story]
    if path in paths and paths.index(path) + 1 < len(story):
        following = story[paths.index(path) + 1]
        st.page_link(following.file, label=f"Next: {following.title}", icon=":material/arrow_forward:")
