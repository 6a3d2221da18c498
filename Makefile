# Two entry points on a fresh machine (see README):
#   make run    install what running needs, then process the bundled sample corpus into ./report
#   make test   install the test tools too (and, as root, Debian's Chromium and PostgreSQL server for
#               the browser and shared-store tests), then run the tests
# Also: make lint (ruff check, ruff format --check, mypy), make bench (the quality and speed
# benchmarks on ../shared/corpus; long), make check-install (a plain non-editable install in a
# fresh venv made by Python's own venv, as a user would do it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= ../shared/corpus/seeds
BENCH ?= bench_dates bench_entities bench_summarize bench_events bench_quotes bench_cluster bench_clean bench_pipeline

.PHONY: run test install install-dev system-deps lint bench check-install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# runtime only: what `marsad run` needs
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

# runtime + test and lint tools
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/marsad run $(SAMPLE) --out report

system-deps:
	@bash scripts/install-system-deps.sh

test: install-dev system-deps
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy src

bench: install-dev
	@for b in $(BENCH); do echo "== benchmarks/$$b.py"; $(BIN)/python benchmarks/$$b.py || exit 1; done

check-install:
	@bash scripts/check-install.sh
