PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_DEMO := $(VENV)/.installed-demo
STAMP_TEST := $(VENV)/.installed-test

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_DEMO): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[plot]'
	touch $@

$(STAMP_TEST): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(STAMP_DEMO)

demo: $(STAMP_DEMO)
	rm -rf out/demo
	$(BIN)/eventcoder code seeds -o out/demo
	$(BIN)/eventcoder validate out/demo
	$(BIN)/eventcoder query out/demo --named roots_summary
	$(BIN)/eventcoder query out/demo --named top_dyads

test: $(STAMP_TEST)
	$(BIN)/ruff check eventcoder tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP_TEST)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
