"""Server time of one page rerun, per λ change and per degree change, on every page (AppTest).

Run from the project root: .venv/bin/python bench/page_reruns.py [--steps 20]

One process. For each page: st.cache_data is cleared, the app's first run is timed
(cold cache), then
  λ steps       ``steps`` moves of the page's λ slider by one notch (4 right, 4 left, ...,
                around the default); the cache stays warm, so a λ step must not refit:
                the "computed" column counts the cached computations (fits, dataset,
                degree sweep, resampled fits, lasso) that ran during the λ steps, and must be 0;
  degree cold   ``steps`` degree changes, each to a degree whose degree-keyed caches (the fit,
                the resampled fits, the lasso) were just cleared: what a never-seen degree costs.
                The dataset and the degree sweep stay cached (they do not depend on the degree);
  degree warm   ``steps`` changes between two degrees both already cached.
Each time is ``widget.set_value(v).run()``: AppTest's whole-script rerun in this process,
so it is the server's share of a step, without the network or the browser.
/your-data runs with a generated CSV (400 rows) uploaded first. Home and Why-it-works have
no degree slider. Prints medians (and the slowest of the ``steps``) in milliseconds.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import types
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit import logger as streamlit_logger  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import core  # noqa: E402
from core import two_weights  # noqa: E402
from core.curve import charts  # noqa: E402
from core.curve import fit as curve_fit  # noqa: E402
from core.models.grid import SLIDER_LAMS  # noqa: E402
from tests.apptest_helpers import APP, TIMEOUT, figures, widget  # noqa: E402

PAGES = [
    ("/", None),
    ("/playground", "pages/playground.py"),
    ("/weights", "pages/weights.py"),
    ("/curves", "pages/curves.py"),
    ("/your-data", "pages/your-data.py"),
    ("/faq", "pages/faq.py"),
    ("/why", "pages/why.py"),
]
LAM_LABEL = "Penalty strength λ"  # ui.LAM_LABEL, and the start of Why-it-works' own λ slider
DEGREE_LABEL = "degree"

COMPUTED = Counter()
CURRENT_CHARTS = types.SimpleNamespace(**vars(charts))
CURRENT_CHARTS.__name__ = charts.__name__


def _count_calls():
    """Count the computations behind ui's caches (patched where ui looks them up)."""
    import ui.curve.fits

    def counting(name, func):
        def wrapper(*args, **kwargs):
            COMPUTED[name] += 1
            return func(*args, **kwargs)

        return wrapper

    ui.curve.fits.ridge_path = counting("fit", ui.curve.fits.ridge_path)
    ui.curve.fits.load_dataset = counting("dataset", ui.curve.fits.load_dataset)
    ui.curve.fits.lasso_weights = counting("lasso", ui.curve.fits.lasso_weights)
    curve_fit.degree_sweep = counting("degree sweep", curve_fit.degree_sweep)
    curve_fit.resampled_curves = counting("resampled fits", curve_fit.resampled_curves)
    return ui


def upload_csv(rows=400, seed=0):
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0, 100, rows))
    y = 50 + 30 * np.sin(x / 12) + rng.normal(0, 8, rows)
    return ("hours,output\n" + "\n".join(f"{a:.4f},{b:.4f}" for a, b in zip(x, y)) + "\n").encode()


def timed_run(element_or_app):
    started = time.perf_counter()
    at = element_or_app.run()
    elapsed = time.perf_counter() - started
    assert not at.exception, [e.value for e in at.exception]
    return at, elapsed


def open_cold(page):
    """A new session; the cache is cleared just before the page's first run, which is timed."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if page is None:
        st.cache_data.clear()
        return timed_run(at)
    at.run()  # Home, as a reader's first request; then the page itself on an empty cache
    st.cache_data.clear()
    return timed_run(at.switch_page(page))


def lam_values(page):
    return (two_weights.TWO_WEIGHT_LAMS if page == "pages/why.py" else SLIDER_LAMS).tolist()


class Variant:
    """A set of chart builders to time: the current ones, or those of a git revision (``--baseline``)."""

    def __init__(self, label, module=None):
        self.label, self.module = label, module
        self.times = {"lam": [], "cold": [], "warm": []}
        self.computed = 0

    def use(self):
        source = self.module or CURRENT_CHARTS
        for name, value in vars(source).items():
            if callable(value) and not name.startswith("_") and getattr(value, "__module__", "") == source.__name__:
                setattr(charts, name, value)


def lam_steps(at, page, steps, variants):
    options = lam_values(page)
    for step in range(steps):
        for variant in variants:
            variant.use()
            thumb = widget(at.select_slider, LAM_LABEL)
            here = options.index(thumb.value)
            target = options[here - 1 if step % 8 >= 4 else here + 1]  # wander around the default
            before = sum(COMPUTED.values())
            at, elapsed = timed_run(thumb.set_value(target))
            variant.computed += sum(COMPUTED.values()) - before
            assert widget(at.select_slider, LAM_LABEL).value == target
            variant.times["lam"].append(elapsed)
    return at


def _forget_degree(ui):
    """Clear the data caches (those keyed by the degree among them), so the next degree is computed afresh."""
    st.cache_data.clear()


def degree_steps(at, ui, steps, variants, cold):
    start = widget(at.slider, DEGREE_LABEL).value
    # cold: every other degree, nearest first (14, 16, 13, 17, ..., 1), then back; warm: start-1, start, ...
    others = sorted(range(1, 21), key=lambda d: (abs(d - start), d))[1:] + [start]
    walk = iter(others[i % len(others)] for i in range(steps * len(variants)))
    if not cold:  # both degrees in the cache
        at, _ = timed_run(widget(at.slider, DEGREE_LABEL).set_value(start - 1))
        at, _ = timed_run(widget(at.slider, DEGREE_LABEL).set_value(start))
    for _ in range(steps):
        for variant in variants:
            variant.use()
            current = widget(at.slider, DEGREE_LABEL).value
            target = next(walk) if cold else (start - 1 if current == start else start)
            if cold:
                _forget_degree(ui)
            before = sum(COMPUTED.values())
            at, elapsed = timed_run(widget(at.slider, DEGREE_LABEL).set_value(target))
            computed = sum(COMPUTED.values()) - before
            assert widget(at.slider, DEGREE_LABEL).value == target
            assert computed >= 1 if cold else computed == 0, (cold, computed)
            variant.times["cold" if cold else "warm"].append(elapsed)
    at, _ = timed_run(widget(at.slider, DEGREE_LABEL).set_value(start))
    return at


def ms(values):
    return f"{statistics.median(values) * 1e3:.0f} ({max(values) * 1e3:.0f})" if values else "no degree slider"


def load_charts(revision):
    source = subprocess.run(
        ["git", "show", f"{revision}:core/charts.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType("core._charts_at_" + revision.replace("~", "_").replace("^", "_"))
    module.__package__ = "core"
    exec(compile(source, f"{revision}:core/charts.py", "exec"), module.__dict__)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument(
        "--baseline",
        metavar="REVISION",
        help="also time every step with core/charts.py of this git revision, alternating step by "
        "step with the current builders in the same process, and print the ratios",
    )
    args = parser.parse_args()
    streamlit_logger.set_log_level("error")
    core.limit_blas_threads()
    ui = _count_calls()
    variants = [Variant("now")]
    if args.baseline:
        variants.append(Variant(args.baseline, load_charts(args.baseline)))
    AppTest.from_file(APP, default_timeout=TIMEOUT).run()  # imports and first-run set-up, not timed
    streamlit_logger.set_log_level("error")  # no "missing ScriptRunContext" chatter between the rows

    print(
        f"AppTest whole-script reruns, ms: median (slowest) of {args.steps}; "
        f"load average at start {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs, streamlit {st.__version__}"
    )
    header = (
        "page",
        "charts",
        "first run, cold cache",
        "λ step",
        "computed in λ steps",
        "degree, cold",
        "degree, warm",
    )
    lines = ["| " + " | ".join(header) + " |", "|---|" + "|".join("---:" for _ in header[1:]) + "|"]
    ratios = []
    print("\n" + "\n".join(lines), flush=True)
    for path, page in PAGES:
        variants[0].use()
        at, first = open_cold(page)
        if path == "/your-data":
            at, upload = timed_run(at.file_uploader[0].upload("generated.csv", upload_csv(), "text/csv"))
            first += upload
        charts_drawn = len(figures(at))
        for variant in variants:
            variant.times = {"lam": [], "cold": [], "warm": []}
            variant.computed = 0
        at = lam_steps(at, page, args.steps, variants)
        if any(DEGREE_LABEL in s.label for s in at.slider):
            at = degree_steps(at, ui, args.steps, variants, cold=True)
            at = degree_steps(at, ui, args.steps, variants, cold=False)
        for variant in variants:
            label = path if len(variants) == 1 else f"{path} ({variant.label})"
            times = variant.times
            print(
                f"| {label} | {charts_drawn} | {first * 1e3:.0f} | {ms(times['lam'])} | {variant.computed} | "
                f"{ms(times['cold'])} | {ms(times['warm'])} |",
                flush=True,
            )
        if len(variants) == 2:
            now, before = variants
            ratios.append(
                f"{path}: "
                + ", ".join(
                    f"{kind} {statistics.median(now.times[kind]) / statistics.median(before.times[kind]):.2f}×"
                    for kind in ("lam", "cold", "warm")
                    if now.times[kind]
                )
            )
    if ratios:
        print(f"\nnow / {args.baseline}, ratio of medians (first runs use the current builders):\n" + "\n".join(ratios))
    print(
        f"\n/your-data's first run includes the upload of a 400-row CSV. Load average at end {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
