"""The one-curve story: one x, one y, a polynomial curve with an L2 penalty (Home, Playground, Weights,
Overfitting curves, Questions, and Your data with one column).

``data`` (built-in datasets, the reader's columns) → ``core.models.path.ridge_path`` and ``fit`` (every
degree, resampled fits) → ``charts`` and ``words`` (one λ row at a time), ``export`` (downloads) →
the pages, through ``ui/curve/``.
"""
