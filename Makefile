# Two entry points on a fresh machine (see README):
#   make run    install, then process the bundled sample corpus into ./report
#   make test   install (with test tools, and the system Chromium and PostgreSQL for the browser and
#               shared-store tests), then run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= ../shared/corpus/seeds

.PHONY: run test install system-deps lint bench

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/marsad

run: install
	$(BIN)/marsad run $(SAMPLE) --out report

system-deps:
	@bash scripts/install-system-deps.sh

test: install system-deps
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
