"""Many readers: the balancer's configurations, compose.yaml and the Kubernetes manifests, checked without running them.

No Docker engine and no cluster here: the files are read as data (they are JSON-style YAML, so no YAML
library is needed) and checked for what makes several processes serve readers correctly: sticky
sessions, websockets, health checks, the app's port. HAProxy checks its own configurations when it is
installed (`make serve` installs it); tests/browser/test_balancer.py runs the real thing on loopback.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench import load_readers
from deploy import serve

ROOT = Path(__file__).resolve().parents[1]
HAPROXY = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)


def json_yaml(path):
    """The documents of a JSON-style YAML file: comment lines left out, documents split at '---'."""
    text = "\n".join(line for line in Path(path).read_text().splitlines() if not line.lstrip().startswith("#"))
    return [json.loads(document) for document in re.split(r"^---$", text, flags=re.MULTILINE) if document.strip()]


def app_port():
    return int(re.search(r"^EXPOSE (\d+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE).group(1))


def test_compose_runs_copies_of_the_image_behind_haproxy():
    (compose,) = json_yaml(ROOT / "compose.yaml")
    app, balancer = compose["services"]["app"], compose["services"]["balancer"]
    assert app["build"]["context"] == "." and (ROOT / "Dockerfile").exists()
    assert app["expose"] == [str(app_port())] and "ports" not in app  # only the balancer is published
    assert "replicas" in app["deploy"]
    assert balancer["ports"] == [f"${{PORT:-8501}}:{app_port()}"]
    assert balancer["depends_on"]["app"]["condition"] == "service_healthy"
    assert "HEALTHCHECK" in (ROOT / "Dockerfile").read_text()
    config_file, target, _ = balancer["volumes"][0].split(":")
    config = (ROOT / config_file).read_text()
    assert target == "/usr/local/etc/haproxy/haproxy.cfg"
    assert f"app:{app_port()}" in config and "resolvers docker" in config
    _check_sticky(config)


def _check_sticky(config):
    assert re.search(r"^\s*cookie L2LAB_PROCESS insert indirect nocache", config, re.MULTILINE)
    assert re.search(r"^\s*option redispatch$", config, re.MULTILINE)
    assert re.search(r"^\s*option httpchk GET /_stcore/health$", config, re.MULTILINE)
    assert re.search(r"^\s*timeout tunnel \d+[smh]$", config, re.MULTILINE)  # websockets stay open
    assert re.search(r"^\s*mode http$", config, re.MULTILINE)  # HTTP mode: cookies, and the websocket upgrade


def test_kubernetes_deployment_service_and_ingress_keep_a_reader_on_one_pod():
    documents = {document["kind"]: document for document in json_yaml(ROOT / "deploy" / "kubernetes" / "l2lab.yaml")}
    assert set(documents) == {"Deployment", "Service", "Ingress"}
    deployment, service, ingress = documents["Deployment"], documents["Service"], documents["Ingress"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"] == labels == service["spec"]["selector"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    (port,) = container["ports"]
    assert port["containerPort"] == app_port()
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": port["name"]}
    assert service["spec"]["sessionAffinity"] == "ClientIP"
    assert service["spec"]["ports"][0]["targetPort"] == port["name"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # websockets stay open
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"] and backend["port"]["name"] == port["name"]


def test_make_serve_config_names_every_process_and_keeps_readers_on_theirs():
    config = serve.render_config(8501, [40001, 40002, 40003], bind="127.0.0.1")
    assert "bind 127.0.0.1:8501" in config
    for number, port in enumerate([40001, 40002, 40003], start=1):
        assert f"server app{number} 127.0.0.1:{port} cookie app{number}" in config
    _check_sticky(config)


@pytest.mark.skipif(HAPROXY is None, reason="HAProxy is not installed (make serve installs it)")
def test_haproxy_accepts_both_configurations(tmp_path):
    rendered = tmp_path / "haproxy.cfg"
    rendered.write_text(serve.render_config(8501, [40001, 40002]))
    for config in (rendered, ROOT / "deploy" / "haproxy-compose.cfg"):
        result = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_serve_takes_port_and_processes_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("L2LAB_PROCESSES", "3")
    args = serve.parse_args([])
    assert (args.port, args.processes) == (9000, 3)
    monkeypatch.delenv("L2LAB_PROCESSES")
    assert serve.parse_args([]).processes >= 1


def test_load_generator_is_bounded_and_stays_on_this_machine(capsys):
    for argv in (
        ["--url", "http://10.1.2.3:8501"],
        ["--url", "http://example.org"],
        ["--url", "http://127.0.0.1:8501", "--readers", str(load_readers.MAX_READERS + 1)],
        ["--url", "http://127.0.0.1:8501", "--seconds", str(load_readers.MAX_SECONDS + 1)],
        [],
    ):
        with pytest.raises(SystemExit):
            load_readers.parse_args(argv)
    assert load_readers.parse_args(["--url", "http://127.0.0.1:8501"]).readers >= 1


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert load_readers.percentile(values, 50) == 50
    assert load_readers.percentile(values, 95) == 95
    assert load_readers.percentile([3.0], 95) == 3.0
