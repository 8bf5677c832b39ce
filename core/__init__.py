"""L2 Lab's core: pure Python, no streamlit. The maths, the data and the words of every story.

- ``models``: the maths (feature maps, input checks, the λ path, ridge on a curve and on many
  signals, L2 logistic regression, the lasso); ``verdict``: the one verdict rule; ``viewstate``:
  the view a link carries; ``reader``: the reader's file.
- ``show``: the presentation kit every story shares (colours, chart pieces, live steps, plain numbers).
- One folder per story, each ``data`` → ``fit`` → ``charts`` and ``words``: ``curve``, ``signals``,
  ``feedback``, and ``two_weights`` (the "Why it works" picture). A story imports no other story.

The maths: docs/maths.md. How the layers fit together: docs/architecture.md.
"""

from .models.ridge import PolynomialRidge

__all__ = ["PolynomialRidge", "limit_blas_threads"]


def limit_blas_threads() -> None:
    """Run linear algebra on one thread, for the whole process.

    On small machines the default BLAS threading makes the small, tall solves
    here many times slower. Call it once at start-up: the limit is process-wide.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
