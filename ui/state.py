"""The reader's view, shared by every page, and its URL.

The view (dataset, λ, degree, …) lives in one plain session-state key, so it
survives page changes; widgets are seeded from it and write back to it. Every
page rewrites the URL from it, so any link reproduces what the reader sees.
"""

import functools
import gc

import numpy as np
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.models.grid import SLIDER_LAMS
from core.viewstate import DEFAULT_VIEW, UPLOAD, UPLOAD_LINK_NOTE, parse_view, view_to_params

from . import registry

#: Session-state key of the track of the page being drawn (``ui.registry.STORY`` or ``DEEPER``).
TRACK_KEY = "track"


def enter_page(page):
    """Remember which track the page being drawn belongs to (app.py calls it before running the page)."""
    st.session_state[TRACK_KEY] = page.section


def on_story_track():
    """True on a story page: λ is named in words there, its number in small print."""
    return st.session_state.get(TRACK_KEY) == registry.STORY


def view():
    """The reader's view, shared by all pages; a session's first run reads it from the URL."""
    state = st.session_state
    if "view" not in state:
        state.view, state.url_notes = parse_view(st.query_params.to_dict())
        if state.view["data"] == UPLOAD and uploaded() is None:
            state.view["data"] = DEFAULT_VIEW["data"]
            state.url_notes.append(UPLOAD_LINK_NOTE)
    return state.view


def _widget_key(name):
    return f"widget_{name}"


def set_view(**changes):
    """Change the view (from a button callback); widgets follow on the next run."""
    view().update(changes)


def _take_from_widget(name):
    view()[name] = st.session_state[_widget_key(name)]


def bound(name):
    """Keyword arguments binding a widget to the view's ``name``.

    The widget is set from the view on every run and writes back when the reader
    moves it: widget state alone does not survive a change of page.
    """
    key = _widget_key(name)
    st.session_state[key] = view()[name]
    return dict(key=key, on_change=_take_from_widget, args=(name,))


def start_page():
    """Show what the link could not restore, once; return the view."""
    if PagesManager.uses_pages_directory:
        # Streamlit's first run on a fresh server, when it is for a page other than "/", runs the
        # page file on its own with a navigation built from the pages/ folder (a relic of the
        # old multipage apps), skipping app.py. Turn that off and run again through app.py.
        # A private attribute, guarded by tests/test_streamlit_private.py (see docs/architecture.md).
        PagesManager.uses_pages_directory = False
        st.rerun()
    current = view()
    _follow_new_link()
    for note in st.session_state.pop("url_notes", []):
        st.info(note)
    return current


def _follow_new_link():
    """A link followed inside the session (a tour step, an edited URL) changes the view.

    The URL normally holds what ``finish_page`` wrote; page navigation empties it.
    Anything else came from the reader: its parameters win, the rest of the view stays.
    """
    params = st.query_params.to_dict()
    written = st.session_state.get("url_written")
    if written is None or not params or params == written:
        return
    new_view, notes = parse_view(params, base=view())
    if new_view["data"] == UPLOAD and uploaded() is None:
        new_view["data"] = view()["data"]
    view().update(new_view)
    st.session_state.url_notes = st.session_state.get("url_notes", []) + notes


def finish_page():
    """Write the view into the URL (only when it changed)."""
    params = view_to_params(view())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state.url_written = params
    _freeze_loaded_objects()


@functools.cache  # once per server process
def _freeze_loaded_objects():
    """Exempt everything loaded by the first page run (libraries, modules) from garbage collection.

    Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``).
    Over the ~170,000 objects of the loaded libraries it took 130 ms here, longer than a λ
    step's script, and it holds the interpreter lock, so every reader's reply waits. Frozen
    objects are still freed by reference counting; objects made later are collected as before.
    """
    gc.collect()
    gc.freeze()


def uploaded():
    """The reader's own file in this session (a ``ui.upload.Upload``), or None."""
    return st.session_state.get("uploaded")


def slider_index(lam=None):
    """Position of ``lam`` (a slider value; by default the view's λ) among the slider's values."""
    return int(np.flatnonzero((view()["lam"] if lam is None else lam) == SLIDER_LAMS)[0])
