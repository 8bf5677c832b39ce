"""The one cache of built figures and texts that follow the λ control, shared by every story.

Caches are shared by every session, so each is bounded (``max_entries``) and expires (``CACHE_TTL``),
and its key names the data exactly (an upload by its content's digest), so one reader's data
never reach another. What is built here is shared, not copied (a resource cache): nothing
changes it after it is built.
"""

import streamlit as st

CACHE_TTL = 3600  # seconds; caches are shared by every session, and uploads must not linger


@st.cache_resource(max_entries=192, ttl=CACHE_TTL, show_spinner=False)
def _built(name, builder, key, _build):
    return _build()


def stepped(name, key, build):
    """``build()`` once per ``name`` and ``key``, then the same object for everyone.

    ``name`` says which chart or text it is, ``key`` names the data and options it is built from;
    the builder's own name (its module and qualified name) is part of the cache key too, so two
    builders can never share an entry.
    """
    return _built(name, f"{build.__module__}.{build.__qualname__}", key, build)
