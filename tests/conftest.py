import pytest
import streamlit as st

import core

core.limit_blas_threads()


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches():
    """st.cache_data is process-wide: every test starts from an empty cache."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
