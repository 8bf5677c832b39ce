"""The container: its Dockerfile starts the app as `make run` does, and (where Docker runs) the image is healthy."""

import json
import re
import shlex
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def instructions(name):
    """The arguments of every ``name`` instruction in the Dockerfile (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in text.splitlines() if line.split(None, 1)[:1] == [name]]


def make_recipe(target):
    """The command lines of a Makefile rule whose target starts with ``target``."""
    lines = MAKEFILE.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(target))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def requirement_files(command):
    words = shlex.split(command)
    return [words[i + 1] for i, word in enumerate(words) if word == "-r"]


def test_container_installs_and_starts_like_make_run():
    installs = [run for run in instructions("RUN") if "pip install" in run]
    assert len(installs) == 1, installs
    make_install = [line for line in make_recipe("$(VENV)/.installed:") if "pip install" in line]
    assert requirement_files(installs[0]) == requirement_files(make_install[0]) == ["requirements.lock"]
    assert any(copy.split() == ["requirements.lock", "."] for copy in instructions("COPY"))

    command = json.loads(instructions("CMD")[-1])
    make_run = make_recipe("run:")
    assert make_run == ["$(PY) deploy/start.py run app.py"], make_run
    assert command[:4] == ["python", "deploy/start.py", "run", "app.py"]
    flags = dict(zip(command[4::2], command[5::2]))
    assert flags == {
        "--server.headless": "true",
        "--server.enableXsrfProtection": "true",
        "--server.maxUploadSize": "50",
    }
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert re.search(r"^maxUploadSize = 50$", config, re.M), "the container's upload cap is the app's"


def test_container_runs_as_a_user_and_checks_its_health():
    assert instructions("FROM") == ["python:3.11-slim"]
    assert instructions("USER") and instructions("USER")[-1] not in ("root", "0")
    assert instructions("EXPOSE") == ["8501"]
    health = instructions("HEALTHCHECK")
    assert len(health) == 1 and "/_stcore/health" in health[0] and "urllib" in health[0]
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "tests"} <= set(ignored)


def docker_available():
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def docker(*args, timeout=60):
    done = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_image_builds_and_reports_healthy():
    if not docker_available():
        pytest.skip("no Docker daemon reachable (`docker info` failed): the image was not built")
    tag = f"l2lab-test:{uuid.uuid4().hex[:8]}"
    docker("build", "-t", tag, str(ROOT), timeout=1800)
    container = docker("run", "-d", "-p", "127.0.0.1::8501", tag)
    try:
        port = docker("port", container, "8501/tcp").splitlines()[0].rsplit(":", 1)[1]
        deadline, answer = time.monotonic() + 120, None
        while time.monotonic() < deadline and answer != 200:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=3) as response:
                    answer = response.status
            except OSError:
                time.sleep(1)
        assert answer == 200, "the app in the container never answered its health check"
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and status != "healthy":
            status = docker("inspect", "--format", "{{.State.Health.Status}}", container)
            if status == "unhealthy":
                break
            time.sleep(2)
        assert status == "healthy", f"Docker's own HEALTHCHECK says {status!r}"
    finally:
        subprocess.run(["docker", "rm", "-f", container], capture_output=True, timeout=60)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=60)
