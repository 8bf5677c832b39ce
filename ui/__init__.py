"""Streamlit glue shared by the pages (the only code besides pages/ and app.py that imports streamlit).

Shared by every story:

- ``state``: the reader's view, shared by every page, and its URL (every page calls ``start_page()``
  first and ``finish_page()`` last);
- ``live``: the live λ control and the charts and texts that follow it;
- ``cache``: the one cache of charts and texts built for every λ step;
- ``controls``: the widgets any page may use; ``upload``: the reader's own file.

By story, as in ``core``: ``curve/`` (fits, steps, the curve's widgets), ``signals/``, ``feedback/``,
``two_weights/``. A story's folder imports no other story.
"""

import core

from .state import finish_page, set_view, start_page, uploaded, view

core.limit_blas_threads()
