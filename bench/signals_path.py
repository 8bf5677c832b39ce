"""Benchmark: the many-signals path (core.models.signals.signal_path) against scikit-learn, in one process.

Run with ``.venv/bin/python bench/signals_path.py`` (a few minutes with the 1,000,000 × 200 case;
``--sizes 1000`` for a quick run). BLAS runs on one thread for every contender.

Data: p standard normal signals (the second a near-copy of the first), y from five of them
plus noise. Every contender gets all 202 λ of LAM_GRID (201 for scikit-learn: λ > 0).

  ours      signal_path(X, y): scaling, weights, intercepts, df, training error and
            cross-validated MSE with its standard error for every λ, plus the weights
            without each of 5 folds (the stability bars). Up to 5,000 rows exact
            leave-one-out; above, 5-fold from per-fold triangles.
  RidgeCV   RidgeCV(alphas=n·LAM_GRID[1:]).fit(Z, y): exact leave-one-out for every alpha
            (scikit-learn's closed form), then a refit at the best. Above 5,000 rows its time
            is estimated: fits with 1 and 21 alphas are timed and the cost per alpha is
            extended to 201 (one full run takes 98 s at 1,000,000 × 10), marked "est.".
  5-fold    validation_curve(Ridge(), Z, y, param_name="alpha", param_range=the 201 alphas,
            cv=KFold(5, shuffle=True, random_state=0)): 1,005 fits, the cross-validation our
            large-data route computes. Above 5,000 rows it is not run: the time is estimated
            as 1,005 × one Ridge fit on 4/5 of the rows (marked "est.").
Z, the standardized signals, is built once for scikit-learn and not timed; ours scales inside.
"fastest" is the quicker of the two scikit-learn routes at that size, divided by ours.

Agreement: max over λ of |our coef − Ridge(solver="svd") coef| / max|Ridge coef| at 5 λ.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

import core
from core.models.grid import LAM_GRID, LARGE_N
from core.models.signals import signal_path

SIZES = (1_000, 1_000_000)
COLUMNS = (10, 50, 200)
CHECK_LAMS = (1e-6, 1e-4, 1e-2, 1.0, 100.0)


def make_data(n, p, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    X[:, 1] = X[:, 0] + 0.05 * rng.standard_normal(n)
    y = X[:, :5] @ np.array([1.0, 0.5, -2.0, 0.3, 1.5]) + rng.standard_normal(n)
    return X, y


def timed(function, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(n, p, rounds):
    from sklearn.linear_model import Ridge, RidgeCV
    from sklearn.model_selection import KFold, validation_curve

    X, y = make_data(n, p)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    alphas = n * LAM_GRID[1:]
    folds = KFold(5, shuffle=True, random_state=0)
    path = signal_path(X, y)  # warm-up, and the numbers checked below
    ours = timed(lambda: signal_path(X, y), rounds)
    if n <= LARGE_N:
        ridgecv = timed(lambda: RidgeCV(alphas=alphas).fit(Z, y), rounds)
    else:  # one SVD, then a cost per alpha: timed with 1 and 21 alphas, extended to 201
        one, some = (timed(lambda k=k: RidgeCV(alphas=alphas[90 : 90 + k]).fit(Z, y), 1) for k in (1, 21))
        ridgecv = one + (len(alphas) - 1) * max(some - one, 0.0) / 20
    if n <= LARGE_N:
        five_fold = timed(
            lambda: validation_curve(
                Ridge(), Z, y, param_name="alpha", param_range=alphas, cv=folds, scoring="neg_mean_squared_error"
            ),
            1,
        )
        estimated = False
    else:
        train = next(folds.split(Z))[0]
        Z_train, y_train = Z[train], y[train]
        five_fold = 5 * len(alphas) * timed(lambda: Ridge(alpha=alphas[100]).fit(Z_train, y_train), 1)
        estimated = True
    worst = 0.0
    for lam in CHECK_LAMS:
        reference = Ridge(alpha=n * lam, solver="svd").fit(Z, y).coef_
        row = path.index_of(lam)
        worst = max(worst, np.max(np.abs(path.coef[row] - reference)) / np.max(np.abs(reference)))
    return dict(
        n=n,
        p=p,
        cv=path.cv,
        rounds=rounds,
        ours=ours,
        ridgecv=ridgecv,
        five_fold=five_fold,
        estimated=estimated,
        fastest=min(ridgecv, five_fold),
        coef=worst,
    )


def milliseconds(seconds):
    return f"{1e3 * seconds:,.1f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=lambda s: tuple(int(v) for v in s.split(",")), default=SIZES)
    parser.add_argument("--columns", type=lambda s: tuple(int(v) for v in s.split(",")), default=COLUMNS)
    args = parser.parse_args(argv)
    core.limit_blas_threads()
    import sklearn

    print(
        f"signal_path against scikit-learn {sklearn.__version__}, numpy {np.__version__}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, BLAS on 1 thread; 202 λ; median of the rounds"
    )
    print()
    print(
        "| n | signals | our CV | rounds | ours ms | RidgeCV ms | RidgeCV/ours | 5-fold ms | 5-fold/ours "
        "| fastest/ours | coef rel diff |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        for p in args.columns:
            r = run(n, p, rounds=5 if n <= LARGE_N else 1)
            mark = " (est.)" if r["estimated"] else ""
            print(
                f"| {r['n']:,} | {r['p']} | {r['cv']} | {r['rounds']} | {milliseconds(r['ours'])} "
                f"| {milliseconds(r['ridgecv'])}{mark} | {r['ridgecv'] / r['ours']:.1f}× "
                f"| {milliseconds(r['five_fold'])}{mark} | {r['five_fold'] / r['ours']:.1f}× "
                f"| {r['fastest'] / r['ours']:.1f}× | {r['coef']:.1e} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
