"""The many-signals story's cached fits: a built-in table, or the reader's file with the columns they chose.

Caches are shared by every session: each has ``max_entries`` and a ``ttl``; an upload's key
is its content's digest with the chosen columns, so one reader's data never reach another.
"""

import streamlit as st

from core.signals import data, fit, words

from ..cache import CACHE_TTL
from ..state import uploaded


@st.cache_resource(max_entries=16, ttl=CACHE_TTL, show_spinner=words.WAIT_FIT)
def _fit(key, _make_table):
    """A ``SignalFit`` per key; shared, not copied (nothing changes it after it is built).

    The table is made only when the key is new: for a big upload, slicing and splitting its rows is
    itself a cost no rerun should pay again.
    """
    return fit.fit_table(_make_table())


def builtin_fit(key):
    """The fit of a built-in table (``core.signals.data.SIGNAL_TABLES``)."""
    return _fit(("builtin", key), lambda: data.load_signal_table(key))


def upload_fit(target, columns):
    """The fit of the reader's file with ``target`` predicted from ``columns``; raises ValueError on bad input."""
    current = uploaded()
    key = ("upload", current.digest, current.table.sheet, target, tuple(columns))

    def make_table():
        frame = current.table.frame[[target, *columns]]
        return data.upload_table(frame, target, f"Your data: {current.name}", key=repr(key))

    return _fit(key, make_table)
