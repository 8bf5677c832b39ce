"""The settings every model and page shares: the λ grid, the slider's steps, the routes' limits, held-out data."""

import numpy as np

#: 0 plus 201 log-spaced values; every fifth one is a step of the λ slider.
LAM_GRID = np.concatenate([[0.0], np.logspace(-8, 2, 201)])
#: The λ slider's values: 0 plus 41 log-spaced values from 1e-8 to 100.
SLIDER_LAMS = np.concatenate([[0.0], LAM_GRID[1::5]])

#: Above this many training rows a path compresses the data and uses K-fold cross-validation.
LARGE_N = 5_000
#: Folds of every K-fold cross-validation: the large-data route's, the fold fits of many signals, the classifier's.
N_FOLDS = 5
#: Name of the small-data route's cross-validation (``LamPath.cv``); the large route's is f"{N_FOLDS}-fold".
LEAVE_ONE_OUT = "leave-one-out"

#: Share of a table's rows held out as "new data" by a seeded random split (real curves, uploads, many signals).
HELD_OUT_SHARE = 0.3
