"""Benchmark: the whole λ path (core.models.path.ridge_path) against scikit-learn, in one process.

Run with ``make bench`` (= ``.venv/bin/python bench/core_path.py``). BLAS runs on one
thread for every contender (``core.limit_blas_threads()`` is called first).

Contenders, degree 15, default LAM_GRID (λ = 0 plus 201 log-spaced λ):
  ours     ridge_path(x, y, 15): features, weights, intercepts, df, train error and
           cross-validated MSE with its standard error, for all 202 λ. Up to
           LARGE_N = 5,000 rows exact leave-one-out; above, the rows are compressed to
           small triangles (chunked QR) and the cross-validation is 5-fold.
  RidgeCV  RidgeCV(alphas=n·LAM_GRID[1:], gcv_mode="svd").fit(Z, y): 201 alphas, exact
           leave-one-out for each, then a refit at the best one.
  per-λ    Ridge(alpha=n·λ).fit(Z, y) for each of the 201 λ > 0 (default solver).
  validation_curve  validation_curve(Ridge(), Z, y, param_name="alpha", param_range=the 201
           alphas, cv=KFold(5, shuffle=True, random_state=0), scoring="neg_mean_squared_error"):
           5-fold cross-validation, 1,005 fits (the folds our large-data route uses).
Z (the standardized features) is built once beforehand for scikit-learn and its
construction is NOT timed; ours builds its own features inside the timing.

"fastest" is the quickest of the three scikit-learn routes at that n, against ours.

Agreement columns (λ > 0 only: at λ = 0 the monomial-basis fit scikit-learn computes
is not the exact least-squares answer, see docs/maths.md):
  coef   max over λ of max|our coef − Ridge(solver="svd") coef| / max|Ridge coef|
         (all 201 λ up to 1,000 rows; every 20th λ, 11 of them, above: each reference
         fit is a full SVD of Z).
  CV     up to 1,000 rows: max over λ of |our LOO MSE − RidgeCV LOO MSE| / RidgeCV LOO MSE,
         with RidgeCV's LOO MSE = cv_results_.mean(axis=0) from store_cv_results=True.
         Above LARGE_N: the same for our 5-fold MSE against
         cross_val_score(Ridge(alpha=n·λ, solver="svd"), Z, y, cv=KFold(5, shuffle=True,
         random_state=0)) at 5 λ (1e-8, 1e-6, 1e-4, 1e-2, 1).
  VC     above LARGE_N: max over all 201 λ of |our 5-fold MSE − validation_curve's mean
         test MSE| / validation_curve's (same folds). Up to LARGE_N ours is leave-one-out,
         not comparable with 5 folds: "—".

A second table times the large-data studies of the Overfitting-curves page on the same
data plus 3/7 as many held-out rows (a 70/30 split): the degree sweep (degrees 1–20, every
λ of LAM_GRID, train/held-out/5-fold errors) and 20 bootstrap resamples (degree 15, the
42 slider λ, curves at 300 x), with the peak of memory allocated meanwhile (tracemalloc).
"""

import argparse
import os
import platform
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

import core
from core.curve.fit import degree_sweep, resampled_curves
from core.models.grid import LAM_GRID, LARGE_N, SLIDER_LAMS
from core.models.path import ridge_path

DEGREE = 15
SIZES = (30, 1000, 100_000, 1_000_000)
CV_CHECK_LAMS = (1e-8, 1e-6, 1e-4, 1e-2, 1.0)


def make_data(n, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, n)
    y = np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(n)
    return x, y


def interleaved_ms(contenders, rounds):
    """Median milliseconds per call of each contender, timed in alternating rounds.

    ``contenders`` maps a name to (function, timed calls per round, warm-up calls).
    Every round times each contender in turn, so a slow spell on the machine hits all
    of them alike; each call is timed on its own and the median is over all calls.
    """
    for func, _, warmup in contenders.values():
        for _ in range(warmup):
            func()
    times = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, (func, calls, _) in contenders.items():
            for _ in range(calls):
                start = time.perf_counter()
                func()
                times[name].append(time.perf_counter() - start)
    return {name: 1e3 * statistics.median(values) for name, values in times.items()}


def agreement(x, y, path):
    from sklearn.linear_model import Ridge, RidgeCV
    from sklearn.model_selection import KFold, cross_val_score

    n = x.size
    Z = path.features.transform(x)
    indices = range(1, LAM_GRID.size) if n <= 1000 else range(1, LAM_GRID.size, 20)
    coef_err = 0.0
    for i in indices:
        ref = Ridge(alpha=n * LAM_GRID[i], solver="svd").fit(Z, y).coef_
        coef_err = max(coef_err, np.max(np.abs(path.coef[i] - ref)) / np.max(np.abs(ref)))
    if n <= LARGE_N:
        cv = RidgeCV(alphas=n * LAM_GRID[1:], gcv_mode="svd", store_cv_results=True).fit(Z, y)
        ref_loo = cv.cv_results_.mean(axis=0)
        return coef_err, np.max(np.abs(path.cv_mse[1:] - ref_loo) / ref_loo)
    cv_err = 0.0
    folds = KFold(5, shuffle=True, random_state=0)
    for lam in CV_CHECK_LAMS:
        i = path.index_of(lam)
        ref = -cross_val_score(
            Ridge(alpha=n * LAM_GRID[i], solver="svd"), Z, y, cv=folds, scoring="neg_mean_squared_error"
        ).mean()
        cv_err = max(cv_err, abs(path.cv_mse[i] - ref) / ref)
    return coef_err, cv_err


def validation_curve_mse(Z, y, alphas):
    """scikit-learn's validation_curve over ``alphas``, 5-fold: the mean held-out MSE per alpha."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold, validation_curve

    _, test_scores = validation_curve(
        Ridge(),
        Z,
        y,
        param_name="alpha",
        param_range=alphas,
        cv=KFold(5, shuffle=True, random_state=0),
        scoring="neg_mean_squared_error",
    )
    return -test_scores.mean(axis=1)


def plan(n, repeats):
    """(rounds, ours calls per round, warm-up calls of ours, of scikit-learn) for ``n`` rows."""
    if n <= 1000:
        return repeats, 10, 3, 3
    if n <= 100_000:
        return 3, 5, 2, 1
    return 1, 5, 1, 0


def run(repeats, sizes):
    """One table row per size, as each is done."""
    from sklearn.linear_model import Ridge, RidgeCV

    for n in sizes:
        x, y = make_data(n)
        path = ridge_path(x, y, DEGREE)
        Z = path.features.transform(x)  # built once, not timed for scikit-learn
        alphas = n * LAM_GRID[1:]

        def per_lambda():
            for alpha in alphas:
                Ridge(alpha=alpha).fit(Z, y)

        scored = {}

        def scikit_learn_validation_curve():
            scored["mse"] = validation_curve_mse(Z, y, alphas)

        rounds, calls, warm_ours, warm_sklearn = plan(n, repeats)
        ms = interleaved_ms(
            {
                "ours": (lambda: ridge_path(x, y, DEGREE), calls, warm_ours),
                "RidgeCV": (lambda: RidgeCV(alphas=alphas, gcv_mode="svd").fit(Z, y), 1, warm_sklearn),
                "per-λ": (per_lambda, 1, warm_sklearn),
                "validation_curve": (scikit_learn_validation_curve, 1, warm_sklearn),
            },
            rounds=rounds,
        )
        coef_err, cv_err = agreement(x, y, path)
        vc_err = None
        if n > LARGE_N:
            vc_err = np.max(np.abs(path.cv_mse[1:] - scored["mse"]) / scored["mse"])
        yield n, path.cv, rounds, ms, coef_err, cv_err, vc_err


def measured(func):
    """(result, seconds, peak MB allocated during the call)."""
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    return result, seconds, peak


def run_studies(sizes):
    """One row of the studies table per size, as each is done."""
    from core.curve.data import Dataset

    curve_x = np.linspace(0.0, 1.0, 300)
    for n in sizes:
        x, y = make_data(n)
        x_test, y_test = make_data(n * 3 // 7, seed=1)
        dataset = Dataset(
            key="bench",
            title="bench",
            x_label="x",
            y_label="y",
            y_unit="",
            x_train=x,
            y_train=y,
            x_test=x_test,
            y_test=y_test,
            story="",
        )
        _, path_s, path_mb = measured(lambda: ridge_path(x, y, DEGREE, x_test=x_test, y_test=y_test))
        _, sweep_s, sweep_mb = measured(lambda: degree_sweep(dataset))
        curves, resample_s, resample_mb = measured(lambda: resampled_curves(dataset, DEGREE, curve_x, SLIDER_LAMS))
        assert np.isfinite(curves).all()
        yield n, path_s, path_mb, sweep_s, sweep_mb, resample_s, resample_mb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--repeats",
        type=int,
        default=20,
        help="rounds up to 1,000 rows; each round times ours 10 times, RidgeCV, the 201 per-λ fits and "
        "validation_curve once each (100,000 rows: 3 rounds of 5/1/1/1; 1,000,000 rows: 1 round)",
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: tuple(int(v) for v in s.split(",")),
        default=SIZES,
        help="comma-separated numbers of rows (default: %(default)s)",
    )
    parser.add_argument("--no-studies", action="store_true", help="skip the large-data studies table")
    args = parser.parse_args(argv)
    core.limit_blas_threads()

    import sklearn
    from threadpoolctl import threadpool_info

    blas = sorted({(i["internal_api"], i["version"], i["num_threads"]) for i in threadpool_info()})
    print(
        f"degree {DEGREE}, {LAM_GRID.size} λ (0 + {LAM_GRID.size - 1}); median per call over interleaved "
        f"rounds after warm-up; load average at start {os.getloadavg()[0]:.2f}"
    )
    print(
        f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, thread pools (api, version, threads): {blas}"
    )
    print("scikit-learn gets the standardized features prebuilt (not timed); ours builds them.\n")
    header = (
        "n",
        "our CV",
        "rounds",
        "ours ms",
        "RidgeCV ms",
        "RidgeCV/ours",
        "per-λ Ridge ms",
        "per-λ/ours",
        "validation_curve ms",
        "validation_curve/ours",
        "fastest/ours",
        "coef rel diff",
        "CV rel diff",
        "VC rel diff",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for n, cv, rounds, ms, coef_err, cv_err, vc_err in run(args.repeats, args.sizes):
        ours = ms["ours"]
        fastest = min(ms[name] for name in ("RidgeCV", "per-λ", "validation_curve"))
        vc = "—" if vc_err is None else f"{vc_err:.1e}"
        print(
            f"| {n:,} | {cv} | {rounds} | {ours:.2f} | {ms['RidgeCV']:,.2f} | {ms['RidgeCV'] / ours:.1f}× | "
            f"{ms['per-λ']:,.1f} | {ms['per-λ'] / ours:.0f}× | {ms['validation_curve']:,.1f} | "
            f"{ms['validation_curve'] / ours:.0f}× | {fastest / ours:.1f}× | {coef_err:.1e} | {cv_err:.1e} | "
            f"{vc} |",
            flush=True,
        )
    large = [n for n in args.sizes if n > LARGE_N]
    if large and not args.no_studies:
        print("\nLarge-data studies (one run each; peak = memory allocated during the call):\n")
        header = (
            "n train",
            "n held out",
            "ridge_path s",
            "peak MB",
            "degree_sweep 1–20 s",
            "peak MB",
            "20 resamples s",
            "peak MB",
        )
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---:" for _ in header) + "|")
        for n, path_s, path_mb, sweep_s, sweep_mb, resample_s, resample_mb in run_studies(large):
            print(
                f"| {n:,} | {n * 3 // 7:,} | {path_s:.2f} | {path_mb:.0f} | {sweep_s:.2f} | {sweep_mb:.0f} | "
                f"{resample_s:.2f} | {resample_mb:.0f} |",
                flush=True,
            )
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
