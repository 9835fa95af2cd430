# Everything installs itself: Python packages into .venv, the pinned Pyodide with npm ci,
# and Debian's Chromium for the browser tests when it is missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST   ?= 127.0.0.1:8000

.PHONY: setup serve build test lint schema chromium clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[docs,test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; \
	fi

serve: setup ## the site with the live scorer at http://127.0.0.1:8000/
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dev-addr $(HOST)

build: setup
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

lint: setup ## ruff over the repository, mypy --strict over the engine (both configured in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy --strict scoring

schema: setup ## checklists/schema.json, from the validators' field tables (a test fails when it differs)
	$(PY) -m scoring schema checklists > checklists/schema.json

test: setup chromium lint
	$(PY) -m pytest

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
