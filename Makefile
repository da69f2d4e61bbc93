# Two commands a new user needs:  make run  (build the graph of seeds/)  and  make test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck check clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (or run: make PYTHON=python3 ...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds/ --out out/

test: $(STAMP)
	$(BIN)/python -m ruff check kg tests tools bench
	$(BIN)/python -m ruff format --check kg tests tools bench
	$(BIN)/python -m mypy
	MPLBACKEND=Agg $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m ruff check kg tests tools bench
	$(BIN)/python -m ruff format --check kg tests tools bench

typecheck: $(STAMP)
	$(BIN)/python -m mypy

clean:
	rm -rf out build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
