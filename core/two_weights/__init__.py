"""Two weights, drawn: the "Why it works" page's problem, its words and its pictures.

* ``maths``: the fixed two-feature problem, its L2 and L1 weights for every λ (checked against
  scikit-learn's ``Ridge(alpha=n·λ)`` and ``Lasso(alpha=λ/2)``) and the numbers of one picture;
* ``words``: the sentences under the pictures;
* ``figure``: the contour bowl with L2's circle or L1's diamond.

The maths and its λ convention: docs/maths.md. Pure: numpy, scikit-learn and plotly; no streamlit.
"""

from .figure import lasso_figure, ridge_figure
from .maths import (
    BEST,
    CORRELATION,
    DEFAULT_LAM,
    FEATURE_NAMES,
    INTERCEPT,
    LASSO_MAX_ITER,
    LASSO_TOL,
    NOISE,
    PATH_LAMS,
    SEED,
    TWO_WEIGHT_LAMS,
    N,
    Picture,
    TwoWeights,
    circle,
    diamond,
    ellipse,
    l1_size,
    l2_size,
    lasso_point,
    mse,
    paths,
    picture,
    problem,
    ridge_point,
    switch_off_lams,
    two_weight_lasso_path,
    two_weight_ridge_path,
)
from .words import (
    RINGS,
    TOUCHING_RING,
    WAIT_PICTURES,
    format_two_weight_lam,
    format_weight,
    lasso_caption,
    lasso_verdict,
    lasso_verdict_line,
    price_sentence,
    ridge_caption,
    ridge_verdict,
    ridge_verdict_line,
    weights_line,
)
