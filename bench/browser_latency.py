"""Time from a λ arrow-key press to the fitted curve changing in a real Chromium.

Run from the project root: .venv/bin/python bench/browser_latency.py [--presses 20]
Prints p50 and p95 per page, and the time from navigation to the first chart painted.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.driver import (  # noqa: E402
    TIMEOUT_MS, launch_chromium, model_curve, open_app, serve_app, slider, wait_for_curve_change,
)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(page, path, presses):
    started = time.perf_counter()
    open_app(page, path)
    first_chart = time.perf_counter() - started
    thumb = slider(page, "λ")
    thumb.focus()
    steps = []
    for press in range(presses):
        before = model_curve(page)
        key = "ArrowLeft" if press % 8 >= 4 else "ArrowRight"  # wander around the default λ
        started = time.perf_counter()
        thumb.press(key)
        wait_for_curve_change(page, before)
        steps.append(time.perf_counter() - started)
    return first_chart, steps


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("paths", nargs="*", default=["/", "/playground"])
    args = parser.parse_args()
    with serve_app() as base_url, launch_chromium() as browser:
        print(f"{'page':<14} {'first chart':>12} {'λ step p50':>11} {'λ step p95':>11}  (ms, {args.presses} presses)")
        for path in args.paths:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)
            context.set_default_timeout(TIMEOUT_MS)
            first_chart, steps = measure(context.new_page(), path, args.presses)
            context.close()
            print(f"{path:<14} {first_chart * 1e3:12.0f} {statistics.median(steps) * 1e3:11.0f} "
                  f"{percentile(steps, 0.95) * 1e3:11.0f}")


if __name__ == "__main__":
    main()
