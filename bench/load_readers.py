"""Many simulated readers at once: each loads a page and lets go of λ every ~2 s, in Streamlit's own protocol.

    .venv/bin/python bench/load_readers.py --url http://127.0.0.1:8501 --readers 40 --seconds 60 --pid 1234
    .venv/bin/python bench/load_readers.py --serve 1 --readers 40        # starts its own server(s) first

Each reader is a ``bench.reader_protocol.Tab`` (what Chromium sends, byte for byte, without drawing
anything). Readers open their page one after another (``--ramp`` seconds between two); once all are
open, each lets go of λ at a random step near the last one, then again ``--interval`` seconds (±
``--jitter``) after its previous release. A reader whose reply has not come by then waits for it
first (as a person waits for the page to follow): the load a slow server gets eases, as it would.

Reported over the ``--seconds`` of the measurement (after all readers are open): the reply time of
every release (request sent to ``script_finished`` received) as p50/p95/max, releases per second,
releases late (the next one was due before the reply came), drops (no reply within ``--timeout``, or
the connection lost), errors (exception elements, alerts), bytes per release, and for each server
process (``--pid``, or the ones ``--serve`` starts) its CPU share and resident memory (VmRSS) from
/proc. The machine's load average is printed with the numbers: the box is shared.

Loopback only, at most ``MAX_READERS`` readers and ``MAX_SECONDS`` seconds.
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.reader_protocol import RunTimeout, Tab, check_loopback  # noqa: E402

MAX_READERS = 400
MAX_SECONDS = 900
N_STEPS = 42  # core.path.SLIDER_LAMS.size: positions of the λ control
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def percentile(values, q):
    """The ``q``-th percentile (nearest rank) of ``values``; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def load_average():
    return Path("/proc/loadavg").read_text().split()[0]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    """User + system CPU seconds of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass
class Tally:
    replies: list = field(default_factory=list)
    bytes: list = field(default_factory=list)
    late: int = 0
    drops: int = 0
    errors: list = field(default_factory=list)
    reconnects: int = 0
    open_seconds: list = field(default_factory=list)
    open_failures: int = 0


@dataclass
class Report:
    readers: int
    seconds: float
    page: str
    releases: int
    releases_per_s: float
    p50_s: float
    p95_s: float
    max_s: float
    late: int
    drops: int
    errors: int
    reconnects: int
    kb_per_release: float
    open_p50_s: float
    open_failures: int
    load_before: str
    load_after: str
    generator_cpu_percent: float
    servers: list

    def line(self):
        servers = "; ".join(
            f"pid {s['pid']}: CPU {s['cpu_percent']:.0f}%, RSS {s['rss_mb_before']:.0f}→{s['rss_mb_after']:.0f} MB "
            f"(max {s['rss_mb_max']:.0f})"
            for s in self.servers
        )
        return (
            f"{self.readers} readers on {self.page}, {self.seconds:.0f} s: {self.releases} releases "
            f"({self.releases_per_s:.1f}/s), reply p50 {self.p50_s:.3f} s, p95 {self.p95_s:.3f} s, max {self.max_s:.3f} s; "
            f"late {self.late}, drops {self.drops}, errors {self.errors}, reconnects {self.reconnects}; "
            f"{self.kb_per_release:.0f} KB a release; page open p50 {self.open_p50_s:.2f} s"
            f"{f' ({self.open_failures} failed)' if self.open_failures else ''}; "
            f"load average {self.load_before} → {self.load_after}; {servers}; "
            f"this generator: CPU {self.generator_cpu_percent:.0f}%"
        )


async def reader(number, url, page, start_at, stop_at, args, tally, measuring):
    rng = random.Random(args.seed * 10_007 + number)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    tab = None
    step = rng.randrange(N_STEPS)
    while time.monotonic() < stop_at:
        if tab is None:
            tab = Tab(url, page, timeout=args.timeout)
            began = time.perf_counter()
            try:
                await tab.open()
            except Exception as error:
                tally.open_failures += 1
                tally.errors.append(f"reader {number} could not open {page}: {error!r}")
                tab = None
                await asyncio.sleep(1.0)
                continue
            tally.open_seconds.append(time.perf_counter() - began)
            await asyncio.sleep(max(0.0, measuring["from"] - time.monotonic()) + rng.uniform(0, args.interval))
        step = min(N_STEPS - 1, max(0, step + rng.choice((-3, -2, -1, 1, 2, 3))))
        sent_at = time.monotonic()
        try:
            result = await tab.release(step)
        except (RunTimeout, ConnectionError, OSError) as error:
            if sent_at >= measuring["from"]:
                tally.drops += 1
                tally.errors.append(f"reader {number}: {error!r}")
            with contextlib.suppress(Exception):
                await tab.close()
            tab, tally.reconnects = None, tally.reconnects + 1
            continue
        if measuring["from"] <= sent_at < stop_at:
            tally.replies.append(result.seconds)
            tally.bytes.append(result.bytes)
            tally.errors.extend(f"reader {number}: exception element: {text}" for text in result.exceptions)
        due = sent_at + args.interval * rng.uniform(1 - args.jitter, 1 + args.jitter)
        now = time.monotonic()
        if now >= due:
            tally.late += sent_at >= measuring["from"]
        else:
            await asyncio.sleep(due - now)
    if tab is not None:
        await tab.close()


async def run_load(url, args, pids):
    tally = Tally()
    now = time.monotonic()
    opened_by = now + args.ramp * args.readers + 2.0
    measuring = {"from": opened_by}
    stop_at = opened_by + args.seconds
    tasks = [
        asyncio.create_task(reader(i, url, args.page, now + i * args.ramp, stop_at, args, tally, measuring))
        for i in range(args.readers)
    ]
    await asyncio.sleep(max(0.0, opened_by - time.monotonic()))
    # The measurement starts when every reader has had time to open its page.
    load_before = load_average()
    cpu_before = {pid: cpu_seconds(pid) for pid in pids}
    rss_before = {pid: rss_mb(pid) for pid in pids}
    rss_max = dict(rss_before)
    generator_before = time.process_time()
    started = time.monotonic()
    while time.monotonic() < stop_at:
        await asyncio.sleep(min(1.0, max(0.0, stop_at - time.monotonic())))
        for pid in pids:
            with contextlib.suppress(OSError):
                rss_max[pid] = max(rss_max[pid], rss_mb(pid))
    elapsed = time.monotonic() - started
    generator_cpu = (time.process_time() - generator_before) / elapsed * 100
    servers = []
    for pid in pids:
        try:
            cpu = (cpu_seconds(pid) - cpu_before[pid]) / elapsed * 100
            rss_after = rss_mb(pid)
        except OSError:
            cpu, rss_after = float("nan"), float("nan")
        servers.append(
            dict(
                pid=pid,
                cpu_percent=cpu,
                rss_mb_before=rss_before[pid],
                rss_mb_after=rss_after,
                rss_mb_max=rss_max[pid],
            )
        )
    load_after = load_average()
    done, pending = await asyncio.wait(tasks, timeout=args.timeout + 5)
    for task in pending:
        task.cancel()
    for task in done:
        if task.exception() is not None:
            tally.errors.append(f"a reader failed: {task.exception()!r}")
    return Report(
        readers=args.readers,
        seconds=elapsed,
        page=args.page,
        releases=len(tally.replies),
        releases_per_s=len(tally.replies) / elapsed,
        p50_s=percentile(tally.replies, 50),
        p95_s=percentile(tally.replies, 95),
        max_s=max(tally.replies, default=float("nan")),
        late=tally.late,
        drops=tally.drops,
        errors=len(tally.errors),
        reconnects=tally.reconnects,
        kb_per_release=statistics.median(tally.bytes) / 1024 if tally.bytes else float("nan"),
        open_p50_s=percentile(tally.open_seconds, 50),
        open_failures=tally.open_failures,
        load_before=load_before,
        load_after=load_after,
        generator_cpu_percent=generator_cpu,
        servers=servers,
    ), tally


@contextlib.contextmanager
def started_servers(processes, app_dir=ROOT):
    """``processes`` app processes (of ``app_dir``) behind HAProxy (deploy/serve.py) on a free port; yields (url, pids)."""
    from deploy.serve import free_port

    port = free_port()
    status = Path(f"/tmp/l2lab-serve-{port}.json")
    status.unlink(missing_ok=True)
    command = [sys.executable, str(ROOT / "deploy" / "serve.py"), "--port", str(port), "--processes", str(processes)]
    command += ["--bind", "127.0.0.1", "--status-file", str(status), "--app-dir", str(app_dir)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not status.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("deploy/serve.py did not start")
            time.sleep(0.2)
        info = json.loads(status.read_text())
        yield info["url"], info["app_pids"]
    finally:
        server.terminate()
        server.wait(30)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="the app (or its balancer), e.g. http://127.0.0.1:8501; loopback only")
    parser.add_argument("--serve", type=int, metavar="P", help="start P app processes behind HAProxy first")
    parser.add_argument("--pid", type=int, action="append", default=[], help="a server process to watch (repeat)")
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the measurement")
    parser.add_argument("--page", default="/curves")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between a reader's releases")
    parser.add_argument("--jitter", type=float, default=0.25, help="± this fraction of the interval")
    parser.add_argument("--ramp", type=float, default=0.15, help="seconds between two readers opening their page")
    parser.add_argument("--timeout", type=float, default=30.0, help="a reply later than this is a drop")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    if not 1 <= args.readers <= MAX_READERS:
        parser.error(f"--readers must be 1 to {MAX_READERS}")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be 1 to {MAX_SECONDS}")
    if (args.url is None) == (args.serve is None):
        parser.error("give --url or --serve")
    if args.url:
        try:
            check_loopback(args.url)
        except ValueError as error:
            parser.error(str(error))
    return args


def _interrupt(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv=None):
    signal.signal(signal.SIGTERM, _interrupt)  # stopped: the servers it started are stopped too
    args = parse_args(argv)
    if args.serve is not None:
        with started_servers(args.serve) as (url, pids):
            report, tally = asyncio.run(run_load(url, args, pids))
    else:
        report, tally = asyncio.run(run_load(args.url, args, args.pid))
    print(report.line())
    for error in tally.errors[:10]:
        print("  ", error)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=1))
    return report


if __name__ == "__main__":
    main()
