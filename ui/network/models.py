"""The "In a neural network" page's trained networks, the same for every reader.

Read once per server process from the file that ships (``core/network/network_path.npz``, a few ms); if that
file is missing or was built from other settings, trained once instead (about 5 s), with a progress bar.
"""

import threading

import streamlit as st

from core.models.grid import SLIDER_LAMS
from core.network import fit, words

_LOCK = threading.Lock()
_PATH: dict = {}  # one entry at most: the page's path, for the life of the server process


def _path(progress=None):
    with _LOCK:  # two first readers at once: the second waits for the first one's networks
        if "page" not in _PATH:
            _PATH["page"] = fit.page_path(SLIDER_LAMS, progress=progress)
        return _PATH["page"]


def network_path():
    """The page's networks for every step of the λ control (a progress bar while they are trained, first visit only).

    Not a Streamlit cache: the progress bar is drawn while the networks are trained, and a cached function
    would replay it on every later run.
    """
    if "page" in _PATH:
        return _PATH["page"]
    slot = st.empty()

    def progress(share):
        slot.progress(min(share, 1.0), text=words.WAIT_TRAINING)

    try:
        return _path(progress)
    finally:
        slot.empty()
