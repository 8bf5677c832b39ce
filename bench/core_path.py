"""Benchmark: the whole λ path (core.path.ridge_path) against scikit-learn, in one process.

Run with ``make bench`` (= ``.venv/bin/python bench/core_path.py``). BLAS runs on one
thread for every contender (``core.limit_blas_threads()`` is called first).

Contenders, degree 15, default LAM_GRID (λ = 0 plus 201 log-spaced λ):
  ours     ridge_path(x, y, 15): features, weights, intercepts, df, train error and
           exact leave-one-out MSE with its standard error, for all 202 λ.
  RidgeCV  RidgeCV(alphas=n·LAM_GRID[1:], gcv_mode="svd").fit(Z, y): 201 alphas, exact
           leave-one-out for each, then a refit at the best one.
  per-λ    Ridge(alpha=n·λ).fit(Z, y) for each of the 201 λ > 0 (default solver).
Z (the standardized features) is built once beforehand for scikit-learn and its
construction is NOT timed; ours builds its own features inside the timing.

Agreement columns (λ > 0 only: at λ = 0 the monomial-basis fit scikit-learn computes
is not the exact least-squares answer, see ENGINEERING.md):
  coef   max over λ of max|our coef − Ridge(solver="svd") coef| / max|Ridge coef|
  loo    max over λ of |our LOO MSE − RidgeCV LOO MSE| / RidgeCV LOO MSE, with RidgeCV's
         LOO MSE = cv_results_.mean(axis=0) from store_cv_results=True.
"""
import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import core  # noqa: E402
from core.path import LAM_GRID, ridge_path  # noqa: E402

DEGREE = 15
SIZES = (30, 1000)


def make_data(n, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, n)
    y = np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(n)
    return x, y


def interleaved_ms(contenders, rounds, warmup=3):
    """Median milliseconds per call of each contender, timed in alternating rounds.

    ``contenders`` maps a name to (function, timed calls per round). Every round
    times each contender in turn, so a slow spell on the machine hits all of them
    alike; each call is timed on its own and the median is over all calls.
    """
    for func, _ in contenders.values():
        for _ in range(warmup):
            func()
    times = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, (func, calls) in contenders.items():
            for _ in range(calls):
                start = time.perf_counter()
                func()
                times[name].append(time.perf_counter() - start)
    return {name: 1e3 * statistics.median(values) for name, values in times.items()}


def agreement(x, y, path):
    from sklearn.linear_model import Ridge, RidgeCV

    n = x.size
    Z = path.features.transform(x)
    alphas = n * LAM_GRID[1:]
    coef_err = 0.0
    for i, alpha in enumerate(alphas, start=1):
        ref = Ridge(alpha=alpha, solver="svd").fit(Z, y).coef_
        coef_err = max(coef_err, np.max(np.abs(path.coef[i] - ref)) / np.max(np.abs(ref)))
    cv = RidgeCV(alphas=alphas, gcv_mode="svd", store_cv_results=True).fit(Z, y)
    ref_loo = cv.cv_results_.mean(axis=0)
    loo_err = np.max(np.abs(path.loo_mse[1:] - ref_loo) / ref_loo)
    return coef_err, loo_err


def run(repeats):
    from sklearn.linear_model import Ridge, RidgeCV

    rows = []
    for n in SIZES:
        x, y = make_data(n)
        path = ridge_path(x, y, DEGREE)
        Z = path.features.transform(x)  # built once, not timed for scikit-learn
        alphas = n * LAM_GRID[1:]

        def per_lambda():
            for alpha in alphas:
                Ridge(alpha=alpha).fit(Z, y)

        ms = interleaved_ms({
            "ours": (lambda: ridge_path(x, y, DEGREE), 10),
            "RidgeCV": (lambda: RidgeCV(alphas=alphas, gcv_mode="svd").fit(Z, y), 1),
            "per-λ": (per_lambda, 1),
        }, rounds=repeats)
        ours, ridge_cv, per_lam = ms["ours"], ms["RidgeCV"], ms["per-λ"]
        coef_err, loo_err = agreement(x, y, path)
        rows.append((n, ours, ridge_cv, ridge_cv / ours, per_lam, per_lam / ours, coef_err, loo_err))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=20,
                        help="rounds; each round times ours 10 times, RidgeCV once and the 201 per-λ fits once")
    args = parser.parse_args(argv)
    core.limit_blas_threads()

    import sklearn
    from threadpoolctl import threadpool_info

    blas = sorted({(i["internal_api"], i["version"], i["num_threads"]) for i in threadpool_info()})
    print(f"degree {DEGREE}, {LAM_GRID.size} λ (0 + {LAM_GRID.size - 1}); median per call over {args.repeats} "
          f"interleaved rounds after warm-up; load average at start {os.getloadavg()[0]:.2f}")
    print(f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, thread pools (api, version, threads): {blas}")
    print("scikit-learn gets the standardized features prebuilt (not timed); ours builds them.\n")
    header = ("n", "ours ms", "RidgeCV ms", "RidgeCV/ours", "per-λ Ridge ms", "per-λ/ours",
              "coef rel diff", "LOO rel diff")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for n, ours, cv, cv_ratio, per, per_ratio, coef_err, loo_err in run(args.repeats):
        print(f"| {n:,} | {ours:.2f} | {cv:.2f} | {cv_ratio:.1f}× | {per:.1f} | {per_ratio:.0f}× "
              f"| {coef_err:.1e} | {loo_err:.1e} |")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
