"""What one λ release costs the server, before and after a change, in one run: milliseconds and bytes.

    .venv/bin/python bench/release_cost.py [--before main] [--releases 40] [--pages /curves /feedback ...]

Two app servers run side by side on loopback: one from the working tree, one from ``--before`` (a git
ref, exported with ``git archive`` into a temporary folder). On each page, one simulated reader per server
(bench/reader_protocol.py: what Chromium sends) lets go of λ ``--releases`` times, at the same steps on both
servers and alternating between them, one release at a time, so a busy spell on the machine hits both alike.

Per release: the server's time (from its rerun request arriving to its "script finished" going out, noted
inside the server process by the hook of tests/browser/test_load.py), the reply time seen by the reader, the
bytes sent, and the elements sent in full and by reference (``ref_hash``: unchanged large elements the
browser keeps). Medians are printed with the load average.
"""

import argparse
import asyncio
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.reader_protocol import Tab  # noqa: E402
from tests.browser.driver import serve_app  # noqa: E402
from tests.browser.test_load import RUN_LOG_HOOK, server_replies  # noqa: E402

PAGES = ["/", "/playground", "/weights", "/curves", "/feedback"]


def export(ref, folder):
    """The tree of git ``ref`` in ``folder``."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


@contextlib.contextmanager
def hooked_server(root, folder):
    """An app server from ``root`` that notes every rerun request and every finished run in a log."""
    hooks = Path(folder)
    hooks.mkdir(parents=True, exist_ok=True)
    (hooks / "sitecustomize.py").write_text(RUN_LOG_HOOK)
    log = hooks / "runs.log"
    python_path = os.pathsep.join(filter(None, [str(hooks), os.environ.get("PYTHONPATH")]))
    with serve_app(root=root, env={"PYTHONPATH": python_path, "L2LAB_RUN_LOG": str(log)}) as server:
        server.run_log = log
        yield server


async def measure(servers, pages, releases):
    rows = {}
    for page in pages:
        tabs = {}
        for name, server in servers.items():
            tab = Tab(server.url, page)
            await tab.open()
            await tab.release(1)  # warm: the steps of this page's charts are built
            tabs[name] = tab
        results = {name: [] for name in servers}
        steps = [(5 * k) % 41 + 1 for k in range(releases)]
        for step in steps:
            for name, tab in tabs.items():
                results[name].append(await tab.release(step))
        server_ms = {}
        for name, server in servers.items():
            replies = server_replies(server.run_log, releases)
            session = tabs[name].session_id
            server_ms[name] = [t * 1e3 for t in replies.get(session, [])]
            await tabs[name].close()
        rows[page] = (results, server_ms)
    return rows


def sent_in_full(result):
    """Elements the server sent whole (not as a reference to one the browser keeps)."""
    elements = sum(1 for _, kind in result.deltas if kind not in ("add_block", "new_transient"))
    return elements - result.ref_hashes


def median(values):
    return statistics.median(values) if values else float("nan")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git ref of the 'before' app (default: main)")
    parser.add_argument("--releases", type=int, default=40)
    parser.add_argument("--pages", nargs="+", default=PAGES)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="l2lab-release-cost-") as folder:
        before_root = export(args.before, Path(folder) / "before")
        load_before = Path("/proc/loadavg").read_text().split()[0]
        started = time.monotonic()
        with (
            hooked_server(before_root, Path(folder) / "hooks-before") as before,
            hooked_server(ROOT, Path(folder) / "hooks-after") as after,
        ):
            rows = asyncio.run(measure({"before": before, "after": after}, args.pages, args.releases))
        load_after = Path("/proc/loadavg").read_text().split()[0]
    print(
        f"{args.releases} releases a page, one at a time, alternating; before = {args.before}, after = the working "
        f"tree; load average {load_before} → {load_after}; {time.monotonic() - started:.0f} s\n"
    )
    print(
        "| page | server ms before | server ms after | reply ms before | reply ms after | KB before | KB after "
        "| elements sent before | after | by reference before | after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for page, (results, server_ms) in rows.items():
        cells = []
        for pick in (
            lambda name: f"{median(server_ms[name]):.1f}",
            lambda name: f"{median([r.seconds * 1e3 for r in results[name]]):.1f}",
            lambda name: f"{median([r.bytes / 1024 for r in results[name]]):.1f}",
            lambda name: f"{median([sent_in_full(r) for r in results[name]]):.0f}",
            lambda name: f"{median([r.ref_hashes for r in results[name]]):.0f}",
        ):
            cells += [pick("before"), pick("after")]
        errors = sum(len(r.exceptions) for rs in results.values() for r in rs)
        print(f"| {page} | " + " | ".join(cells) + " |" + (f" {errors} exception elements!" if errors else ""))


if __name__ == "__main__":
    main()
