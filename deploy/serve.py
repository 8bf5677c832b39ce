"""Several L2 Lab processes behind HAProxy, on one port: what `make serve` runs.

    .venv/bin/python deploy/serve.py [--port 8501] [--processes N] [--bind 0.0.0.0]

Starts ``--processes`` app processes (``streamlit run app.py`` by ``deploy/start.py``, default ``L2LAB_PROCESSES`` or the
number of cores) on free loopback ports, waits until each answers its health check, then HAProxy
(Debian's package; ``scripts/ensure-haproxy.sh`` installs it) on ``--port`` (default ``PORT`` or
8501) with the configuration ``deploy/haproxy.cfg.template``: sticky sessions by cookie, websocket
upgrade, health checks. A reader's session (their view, their uploaded file) lives in one process; the
cookie sends each browser back to it. An app process that dies is started again; its readers' browsers
reconnect to a live process and get a fresh session there.

Ctrl-C or SIGTERM stops HAProxy and every app process. The apps' logs go to ``--log-dir``.
"""

import argparse
import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
HEALTH_TIMEOUT_S = 90
RESTART_DELAY_S = 1.0


def _die_with_parent():
    """In the child: receive SIGTERM when this script dies, however it dies (Linux)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


#: Children run in their own process group (a Ctrl-C reaches this script only, which stops them in order)
#: and get SIGTERM if this script is killed.
CHILD = dict(process_group=0, preexec_fn=_die_with_parent)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def haproxy_binary():
    found = os.environ.get("HAPROXY") or shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not os.access(found, os.X_OK):
        sys.exit(
            "HAProxy is not installed: run `make serve` (it installs Debian's haproxy package when run as root), "
            "or install it yourself (sudo apt-get install haproxy), or point HAPROXY at a haproxy binary."
        )
    return found


def render_config(port, app_ports, bind="0.0.0.0"):
    """The HAProxy configuration for the apps on ``app_ports`` (loopback), served on ``bind``:``port``."""
    servers = "\n".join(
        f"    server app{number} 127.0.0.1:{app_port} cookie app{number}"
        for number, app_port in enumerate(app_ports, start=1)
    )
    return string.Template(TEMPLATE.read_text()).substitute(bind=bind, port=port, servers=servers)


def app_command(port):
    return [
        sys.executable,
        str(ROOT / "deploy" / "start.py"),
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class App:
    """One app process on a fixed loopback port; ``start()`` again after it died."""

    def __init__(self, number, port, log_dir, app_dir=ROOT):
        self.number, self.port, self.app_dir = number, port, app_dir
        self.log = Path(log_dir) / f"app{number}-{port}.log"
        self.process = None

    def start(self):
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                app_command(self.port),
                cwd=self.app_dir,
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"},
                **CHILD,
            )

    def wait_healthy(self, timeout=HEALTH_TIMEOUT_S):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app {self.number} exited with code {self.process.returncode}; see {self.log}")
            if healthy(self.port):
                return
            time.sleep(0.2)
        raise RuntimeError(f"app {self.number} did not answer its health check in {timeout} s; see {self.log}")


def stop(processes, timeout=10):
    """Terminate ``processes``, then kill any still running after ``timeout`` seconds."""
    for process in processes:
        if process is not None and process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes:
        if process is None:
            continue
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_status(path, status):
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(status))
    temporary.replace(path)


class Stop(Exception):
    pass


def _raise_stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501))
    parser.add_argument("--processes", type=int, default=int(os.environ.get("L2LAB_PROCESSES") or os.cpu_count() or 1))
    parser.add_argument("--bind", default=os.environ.get("BIND") or "0.0.0.0", help="the balancer's address")
    parser.add_argument("--log-dir", type=Path, help="the apps' logs (default: a new folder under /tmp)")
    parser.add_argument("--status-file", type=Path, help="write the URL and the process ids here once serving")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="the app to run (a folder with app.py; benchmarks)")
    args = parser.parse_args(argv)
    if not 1 <= args.processes <= 64:
        parser.error("--processes must be 1 to 64")
    return args


def main(argv=None):
    args = parse_args(argv)
    haproxy = haproxy_binary()
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    log_dir = args.log_dir or Path(tempfile.mkdtemp(prefix=f"l2lab-serve-{args.port}-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    apps = [App(number, free_port(), log_dir, args.app_dir) for number in range(1, args.processes + 1)]
    balancer = None
    try:
        for app in apps:
            app.start()
        for app in apps:
            app.wait_healthy()
        config = log_dir / "haproxy.cfg"
        config.write_text(render_config(args.port, [app.port for app in apps], args.bind))
        subprocess.run([haproxy, "-c", "-q", "-f", str(config)], check=True)
        balancer = subprocess.Popen([haproxy, "-W", "-db", "-f", str(config)], stdout=subprocess.DEVNULL, **CHILD)
        host = "127.0.0.1" if args.bind in ("0.0.0.0", "::") else args.bind
        url = f"http://{host}:{args.port}"
        deadline = time.monotonic() + 30
        while not healthy(args.port):
            if balancer.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"HAProxy did not start on port {args.port} (is the port taken?)")
            time.sleep(0.2)
        print(
            f"L2 Lab: {len(apps)} processes behind HAProxy at {url} (ports "
            f"{', '.join(str(app.port) for app in apps)}; logs in {log_dir}). Ctrl-C stops them all.",
            flush=True,
        )
        status = dict(
            url=url,
            port=args.port,
            balancer_pid=balancer.pid,
            app_pids=[app.process.pid for app in apps],
            app_ports=[app.port for app in apps],
            log_dir=str(log_dir),
        )
        if args.status_file:
            write_status(args.status_file, status)
        while True:
            time.sleep(0.5)
            if balancer.poll() is not None:
                raise RuntimeError(f"HAProxy exited with code {balancer.returncode}")
            for app in apps:
                if app.process.poll() is not None:
                    print(
                        f"app {app.number} (port {app.port}) exited with code {app.process.returncode}; starting it again"
                    )
                    time.sleep(RESTART_DELAY_S)
                    app.start()
                    if args.status_file:
                        status["app_pids"] = [a.process.pid for a in apps]
                        write_status(args.status_file, status)
    except Stop as reason:
        print(f"{reason}: stopping HAProxy and {len(apps)} app processes", flush=True)
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"deploy/serve.py: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop([balancer] + [app.process for app in apps])
        with contextlib.suppress(OSError):
            if args.status_file:
                args.status_file.unlink()


if __name__ == "__main__":
    sys.exit(main())
