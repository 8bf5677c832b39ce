"""What the live λ control costs on the server: building every step of each chart, and the bytes sent.

    .venv/bin/python bench/live_steps.py [--repeats 5]

For each chart the live pages draw, it times building the figure for all 42 steps of the λ
control (``core.live.stepped`` through the chart builder's ``.steps``) against building the one
static figure the page drew before (the baseline, in the same process), and reports the JSON
size the browser receives. The steps are built once per dataset and degree (ui/curve/steps.py caches
them), so this is the cost of a new dataset or degree, not of a λ step: a λ step costs the
server nothing until release.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core
from core.curve import charts, weight_charts
from core.curve.data import load_dataset
from core.curve.fit import degree_sweep, resampled_curves
from core.models.grid import SLIDER_LAMS
from core.models.lasso import lasso_weights
from core.models.path import ridge_path
from core.show import kit, live

SPAGHETTI_POINTS = 100  # ui.curve.steps.SPAGHETTI_POINTS (ui imports Streamlit, which a benchmark need not)

LASSO_LAMS = SLIDER_LAMS[SLIDER_LAMS >= 1e-6]


def median_ms(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def cases():
    dataset = load_dataset("wave")
    path = ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)
    curve_x = charts.curve_grid(dataset)
    curves = path.predict(curve_x)
    rows = np.array([path.index_of(lam) for lam in SLIDER_LAMS])
    here = int(np.flatnonzero(SLIDER_LAMS == 1e-3)[0])
    sweep = degree_sweep(dataset)
    resampled = resampled_curves(dataset, 15, curve_x, SLIDER_LAMS)
    lasso = lasso_weights(path, dataset.x_train, dataset.y_train, LASSO_LAMS)
    unit = dataset.y_unit
    yield (
        "fit (Home, Playground)",
        lambda: charts.fit_figure.steps(curves[rows], dataset, curve_x, unpenalized_y=curves[0]),
        lambda: charts.fit_figure(dataset, curve_x, curves[rows[here]], unpenalized_y=curves[0]),
    )
    for name in ("weight_bars_figure", "weight_paths_figure", "weight_total_figure"):
        build = getattr(charts, name)
        yield (
            f"{name.removesuffix('_figure').replace('_', ' ')} (Weights)",
            lambda build=build: build.steps(rows, path),
            lambda build=build: build(path, rows[here]),
        )
    yield (
        "error curves (Curves)",
        lambda: kit.error_curves_figure.steps(rows, path, unit=unit),
        lambda: kit.error_curves_figure(path, rows[here], unit),
    )
    yield (
        "error against degree (Curves)",
        lambda: live.stepped(lambda k: charts.degree_figure.spec(sweep, rows[k], 15, unit), rows.size),
        lambda: charts.degree_figure(sweep, rows[here], 15, unit),
    )
    points = np.linspace(0, curve_x.size - 1, SPAGHETTI_POINTS).round().astype(int)  # as ui/curve/steps.py sends them
    yield (
        "resampled fits (Curves)",
        lambda: charts.spaghetti_figure.steps(resampled[..., points], dataset, curve_x[points]),
        lambda: charts.spaghetti_figure(dataset, curve_x, resampled[here]),
    )
    yield (
        "L2 against L1 (Questions)",
        lambda: weight_charts.l2_l1_paths_figure.steps(SLIDER_LAMS, path, LASSO_LAMS, lasso),
        lambda: weight_charts.l2_l1_paths_figure(path, LASSO_LAMS, lasso, 1e-3),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    core.limit_blas_threads()
    print(
        "| chart | all 42 steps (ms) | one static figure (ms) | ratio | sent to the browser (kB) | one static figure (kB) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, stepped, static in cases():
        stepped_ms, static_ms = median_ms(stepped, args.repeats), median_ms(static, args.repeats)
        sent = len(json.dumps(stepped().to_browser()))
        one = len(static().to_json())
        print(
            f"| {name} | {stepped_ms:.0f} | {static_ms:.1f} | {stepped_ms / static_ms:.1f}× | "
            f"{sent / 1000:.0f} | {one / 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
