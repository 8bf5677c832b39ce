# `make run` starts the app; `make test` runs every check. Both set everything up first, from the locks.
# `make check` is the fast tier (lint, types, unit and page tests) for every change.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# The locks pin every package for Python 3.11 on Linux; the ranges they were resolved from are in
# requirements.txt and requirements-dev.txt. `make upgrade` resolves them again.
LOCK_FLAGS := --python-version 3.11 --python-platform x86_64-manylinux_2_28 --quiet

.PHONY: run test check lint types unit browser format chromium bench upgrade clean

run: $(VENV)/.installed
	$(PY) deploy/start.py run app.py

test: check browser

check: lint types unit

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(VENV)/.installed-dev
	$(VENV)/bin/mypy

unit: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser and not load and not perf"

browser: $(VENV)/.installed-dev chromium
	$(PY) -m pytest -m "(browser or load) and not perf"

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.installed-dev
	$(PY) bench/core_path.py

chromium:
	@sh scripts/ensure-chromium.sh

upgrade: $(VENV)/.installed-dev
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) --upgrade requirements.txt -o requirements.lock
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) --upgrade requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	$(MAKE) test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

clean:
	rm -rf $(VENV)

# `make serve`: L2LAB_PROCESSES app processes (default: one per core) behind HAProxy on PORT (default 8501),
# with sticky sessions; installs Debian's haproxy package first when it is missing (as root). See deploy/serve.py.
.PHONY: serve haproxy
serve: $(VENV)/.installed haproxy
	$(PY) deploy/serve.py

haproxy:
	@sh scripts/ensure-haproxy.sh
