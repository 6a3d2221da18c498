# Two entry points on a fresh machine (see README):
#   make run    install, then process the bundled sample corpus into ./report
#   make test   install (with test tools and the system Chromium for browser tests), then run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= ../shared/corpus/seeds

.PHONY: run test install browser lint bench

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/marsad

run: install
	$(BIN)/marsad run $(SAMPLE) --out report

browser:
	@bash scripts/install-browser.sh

test: install browser
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
