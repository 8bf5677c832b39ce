"""L2 Lab's core: pure Python, no streamlit. Exact ridge fits, the λ path, data and charts.

The maths: docs/maths.md. How the layers fit together: docs/architecture.md.
"""

from .models.ridge import PolynomialRidge

__all__ = ["PolynomialRidge", "limit_blas_threads"]


def limit_blas_threads():
    """Run linear algebra on one thread, for the whole process.

    On small machines the default BLAS threading makes the small, tall solves
    here many times slower. Call it once at start-up: the limit is process-wide.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
