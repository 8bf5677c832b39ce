"""Streamlit glue shared by the pages (the only code besides pages/ and app.py that imports streamlit).

- ``state``: the reader's view, shared by every page, and its URL.
- ``fits``: cached fits and studies of the view's data.
- ``controls``: the widgets every page shares.
- ``upload``: the reader's own file.
"""

import core
from core.viewstate import UPLOAD

from . import live, signals, steps
from .controls import (
    chart_summary,
    data_controls,
    degree_slider,
    fit_controls,
    guess_first,
    show_misses,
    show_verdict,
    sweet_spot_button,
    view_actions,
)
from .fits import (
    LASSO_LAMS,
    Fit,
    current_dataset,
    current_fit,
    dataset_titles,
    degree_sweep,
    fit_for,
    lasso_for,
    resampled_curves,
    unit_text,
)
from .state import finish_page, set_view, slider_index, start_page, uploaded, view
from .upload import column_controls, download_buttons, receive_upload

core.limit_blas_threads()
