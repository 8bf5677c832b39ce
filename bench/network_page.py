"""What the "In a neural network" page costs: its networks, its steps, and its first chart in a real Chromium.

    .venv/bin/python bench/network_page.py [--rounds 5] [--visits 5] [--sklearn-rounds 1] [--no-browser]

Core (one process, BLAS on one thread):

- **ours, from scratch**: ``core.network.fit.build_path`` for the 42 slider λ: 42 networks trained at once
  (1,000 Adam epochs, with the history recorded) plus 5 cross-validation folds of 42 networks each
  (252 networks). This is what ``scripts/build_network_path.py`` runs; the app does not.
- **scikit-learn**: the same 252 networks, ``MLPClassifier(...).fit`` one by one (``sklearn_network``):
  42 on all training customers and ``cross_val_score`` with the same folds for each λ; max |Δp| is the
  largest difference between its and our predicted chances on the new customers, over the 42 λ.
- **file**: ``load_path`` reading the shipped ``core/network/network_path.npz``: the app's cost.
- **steps**: every stepped chart and text of the page, built from the loaded path (the page's
  ``views`` cache: once per server process).

Browser (headless Chromium, ``tests/browser/driver``): time from the start of navigation until the page's
first chart is painted (the customers' picture with no penalty), and until all five are.

- **cold**: a new server process (nothing loaded, nothing cached) and a fresh browser, opening /network
  as the server's first request. Each visit starts its own server. For scale, **cold, Home**: the same
  for / (its one live chart), in alternation: most of a cold visit is the app's start-up and the browser,
  whatever the page.
- **warm, fresh browser**: the same server again (networks and steps cached), a new browser context
  (empty browser cache: Streamlit's scripts and plotly.js are downloaded and parsed again).
- **warm, reload**: the same server and browser context, the page reloaded (the browser's cache kept);
  **warm, reload Home** the same for / , for scale.
- **warm, from Home**: a reader on Home picks "In a neural network" in the top menu's Go deeper list
  (timed from the click on the page's name; no page load).
"""

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core
from core.models.grid import SLIDER_LAMS
from core.network import charts, data, fit, words
from core.show import live

_FIRST = """() => {
    const charts = [...document.querySelectorAll('.stepper-chart')];
    return charts.length > 0 && !!charts[0].querySelector('.main-svg') && !!charts[0]._fullData;
}"""
_ALL = """() => {
    const charts = [...document.querySelectorAll('.stepper-chart')];
    return charts.length === 5 && charts.every(c => c.querySelector('.main-svg') && c._fullData);
}"""


def median_ms(values):
    return 1000 * statistics.median(values)


def time_core(rounds, sklearn_rounds):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    problem = data.problem()
    build, load, steps = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        built = fit.build_path(SLIDER_LAMS)
        build.append(time.perf_counter() - start)
        start = time.perf_counter()
        path = fit.load_path(fit.PATH_FILE, SLIDER_LAMS)
        load.append(time.perf_counter() - start)
        start = time.perf_counter()
        probability = fit.grid_probability(path, problem)
        every = list(range(SLIDER_LAMS.size))
        built_steps = [
            charts.answer_figure.steps(every, path, problem, probability, compared=False),
            charts.answer_figure.steps(every, path, problem, probability),
            charts.loss_figure.steps(every, path),
            charts.size_figure.steps(every, path),
            charts.lam_figure.steps(every, path),
            live.stepped_text([words.answer_text(path, probability, k) for k in every]),
            live.stepped_text([words.loss_text(path, k) for k in every]),
            live.stepped_text([words.size_text(path, k) for k in every]),
        ]
        steps.append(time.perf_counter() - start)
    assert path is not None and built_steps
    sklearn, worst = [], 0.0
    folds = StratifiedKFold(fit.N_FOLDS, shuffle=True, random_state=0)
    for _ in range(sklearn_rounds):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            for row, lam in enumerate(SLIDER_LAMS):
                model = fit.sklearn_network(lam, problem.n).fit(problem.Z_train, problem.y_train)
                cross_val_score(fit.sklearn_network(lam, problem.n), problem.Z_train, problem.y_train, cv=folds)
                theirs = model.predict_proba(problem.Z_test)[:, 1]
                worst = max(
                    worst, float(np.abs(theirs - built.networks.take(row).predict_proba(problem.Z_test)[0]).max())
                )
        sklearn.append(time.perf_counter() - start)
    size = fit.PATH_FILE.stat().st_size / 1024
    print("| what | median ms | rounds |")
    print("|---|---:|---:|")
    print(f"| ours, from scratch: 252 networks, 1,000 epochs (the build script) | {median_ms(build):,.0f} | {rounds} |")
    if sklearn:
        print(
            f"| scikit-learn, the same 252 networks one by one | {median_ms(sklearn):,.0f} | {sklearn_rounds} |\n"
            f"| … scikit-learn / ours | {statistics.median(sklearn) / statistics.median(build):.1f}× | |"
        )
    print(f"| the app: read the shipped file ({size:.0f} KiB) | {median_ms(load):,.1f} | {rounds} |")
    print(f"| the app: every chart and text for the 42 steps | {median_ms(steps):,.0f} | {rounds} |")
    if sklearn:
        print(f"\nmax |Δp| against scikit-learn, new customers, 42 λ: {worst:.1e}")


def _visit(context, path, wait_all=True):
    page = context.new_page()
    page.goto(path)
    page.wait_for_function(_FIRST, polling=20)
    first = page.evaluate("() => performance.now()")
    if wait_all:
        page.wait_for_function(_ALL, polling=20)
    every = page.evaluate("() => performance.now()")
    return page, first, every


def time_browser(visits):
    from tests.browser.driver import TIMEOUT_MS, launch_chromium, serve_app, wait_for_app
    from ui import registry

    results = {
        "cold": [],
        "cold, Home (/) for scale": [],
        "warm, fresh browser": [],
        "warm, reload": [],
        "warm, reload Home (/) for scale": [],
        "warm, from Home": [],
    }
    with launch_chromium() as browser:

        def new_context(base_url):
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)
            context.set_default_timeout(TIMEOUT_MS)
            return context

        for visit in range(visits):
            with serve_app() as server:
                context = new_context(server.url)
                page = context.new_page()
                page.goto("/")
                page.wait_for_function(_FIRST, polling=20)
                first = page.evaluate("() => performance.now()")
                results["cold, Home (/) for scale"].append((first, first))
                context.close()
            with serve_app() as server:
                context = new_context(server.url)
                page, first, every = _visit(context, "/network")
                results["cold"].append((first, every))
                wait_for_app(page)
                context.close()
                if visit:
                    continue
                for _ in range(visits):
                    context = new_context(server.url)
                    page, first, every = _visit(context, "/network")
                    results["warm, fresh browser"].append((first, every))
                    wait_for_app(page)
                    page.reload()
                    page.wait_for_function(_FIRST, polling=20)
                    first = page.evaluate("() => performance.now()")
                    page.wait_for_function(_ALL, polling=20)
                    results["warm, reload"].append((first, page.evaluate("() => performance.now()")))
                    wait_for_app(page)
                    page.goto("/")
                    wait_for_app(page)
                    page.reload()
                    page.wait_for_function(_FIRST, polling=20)
                    first = page.evaluate("() => performance.now()")
                    results["warm, reload Home (/) for scale"].append((first, first))
                    wait_for_app(page)
                    page.get_by_test_id("stTopNav").get_by_role(
                        "button", name=registry.BY_PATH["/network"].section
                    ).click()
                    item = page.get_by_role("menuitem", name=registry.BY_PATH["/network"].title)
                    item.wait_for()
                    start = time.perf_counter()
                    item.click()
                    page.wait_for_function(_FIRST, polling=20)
                    first = 1000 * (time.perf_counter() - start)
                    page.wait_for_function(_ALL, polling=20)
                    results["warm, from Home"].append((first, 1000 * (time.perf_counter() - start)))
                    wait_for_app(page)
                    context.close()
    print("\n| visit | first chart ms (median) | all five charts ms (median) | worst first chart ms | visits |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in results.items():
        firsts = [run[0] for run in runs]
        every = [run[1] for run in runs]
        print(
            f"| {name} | {statistics.median(firsts):,.0f} | {statistics.median(every):,.0f} | "
            f"{max(firsts):,.0f} | {len(runs)} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sklearn-rounds", type=int, default=1)
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    core.limit_blas_threads()
    with open("/proc/loadavg") as load:
        print(f"load average at start: {load.read().split()[0]}\n")
    time_core(args.rounds, args.sklearn_rounds)
    if not args.no_browser:
        time_browser(args.visits)
    with open("/proc/loadavg") as load:
        print(f"\nload average at the end: {load.read().split()[0]}")


if __name__ == "__main__":
    main()
