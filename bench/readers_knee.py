"""The knee: how many readers 1 and 2 app processes behind HAProxy serve at a reply p95 of 1 s and 2 s.

    .venv/bin/python bench/readers_knee.py [--processes 1 2] [--readers 20 30 40 50 60] [--seconds 40]

For each number of readers in turn, and for each number of processes back to back (1, then 2, ...), so a
busy spell on this shared machine hits all of them alike: starts a fresh deployment (``deploy/serve.py
--processes P``, HAProxy in front, on a free loopback port), warms it with two readers, runs
``bench/load_readers.py``'s load on it, and stops it. Fresh every time: a process keeps the sessions of the
last run for 2 minutes and would pay for them. Prints one table row per run (with the load average before and after), the knee of
each deployment (the readers at which the reply p95 reaches 1 s and 2 s, interpolated between the two
counts around it), and the best releases per second at p95 ≤ 1 s of each, against 1 process.
"""

import argparse
import asyncio
import contextlib
import json
import signal
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import load_readers  # noqa: E402
from bench.release_cost import export  # noqa: E402


def knee(rows, limit):
    """Readers at which p95 reaches ``limit`` seconds (linear between measured counts); a string."""
    previous = None
    for row in rows:
        if row["p95_s"] >= limit:
            if previous is None:
                return f"< {row['readers']}"
            low, high = previous, row
            share = (limit - low["p95_s"]) / (high["p95_s"] - low["p95_s"])
            return f"≈ {low['readers'] + share * (high['readers'] - low['readers']):.0f}"
        previous = row
    return f"> {rows[-1]['readers']}" if rows else "?"


def best_rate(rows, limit=1.0):
    rates = [row["releases_per_s"] for row in rows if row["p95_s"] <= limit and row["drops"] == 0]
    return max(rates, default=float("nan"))


def _interrupt(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv=None):
    signal.signal(signal.SIGTERM, _interrupt)  # stopped: the servers it started are stopped too
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--readers", type=int, nargs="+", default=[20, 30, 40, 50, 60])
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--page", default="/curves")
    parser.add_argument("--json", type=Path, help="write every run's report here")
    parser.add_argument("--ref", help="measure the app of this git ref instead of the working tree (exported)")
    args = parser.parse_args(argv)
    results = {p: [] for p in args.processes}
    print(
        "| processes | readers | releases/s | p50 s | p95 s | max s | late | drops | errors | KB/release "
        "| server CPU % | RSS MB (each) | generator CPU % | load average |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|", flush=True)
    with contextlib.ExitStack() as stack:
        app_dir = ROOT
        if args.ref:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="l2lab-knee-")))
            app_dir = export(args.ref, folder)
        for readers in args.readers:
            for processes in args.processes:
                # Fresh processes for every run: Streamlit keeps a disconnected session for 2 minutes, and a
                # process still holding the last run's sessions pays for them on every rerun (its garbage
                # collection after each run goes over all of them).
                with load_readers.started_servers(processes, app_dir) as (url, pids):
                    warm = load_readers.parse_args(
                        ["--url", url, "--readers", "2", "--seconds", "3", "--page", args.page]
                    )
                    asyncio.run(load_readers.run_load(url, warm, pids))
                    load = load_readers.parse_args(
                        ["--url", url, "--readers", str(readers), "--seconds", str(args.seconds), "--page", args.page]
                    )
                    report, _ = asyncio.run(load_readers.run_load(url, load, pids))
                row = asdict(report) | {"processes": processes}
                results[processes].append(row)
                cpu = " + ".join(f"{s['cpu_percent']:.0f}" for s in report.servers)
                rss = ", ".join(f"{s['rss_mb_after']:.0f}" for s in report.servers)
                print(
                    f"| {processes} | {readers} | {report.releases_per_s:.1f} | {report.p50_s:.2f} | {report.p95_s:.2f} "
                    f"| {report.max_s:.2f} | {report.late} | {report.drops} | {report.errors} | {report.kb_per_release:.0f} "
                    f"| {cpu} | {rss} | {report.generator_cpu_percent:.0f} | {report.load_before} → {report.load_after} |",
                    flush=True,
                )
    print()
    base = best_rate(results[args.processes[0]])
    for processes, rows in results.items():
        rate = best_rate(rows)
        print(
            f"{processes} process(es): knee at p95 1 s {knee(rows, 1.0)} readers, at 2 s {knee(rows, 2.0)}; "
            f"best releases/s at p95 ≤ 1 s: {rate:.1f} ({rate / base:.2f}× {args.processes[0]} process)"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
