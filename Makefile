PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_DEMO := $(VENV)/.installed-demo
STAMP_TEST := $(VENV)/.installed-test

.PHONY: demo images test lint bench fast clean-fast clean

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

images: $(STAMP_DEMO)
	rm -rf out/docs-img
	$(BIN)/eventcoder code docs/img/articles.jsonl -o out/docs-img --no-progress
	$(BIN)/eventcoder plot out/docs-img --kind timeline -o docs/img/timeline.png
	$(BIN)/eventcoder plot out/docs-img --kind map -o docs/img/map.png
	$(BIN)/python -c 'from PIL import Image; [Image.open(p).convert("RGB").quantize(256).save(p, optimize=True) \
	    for p in ("docs/img/timeline.png", "docs/img/map.png")]'

# Two pytest workers, one per core of CI's machine; tests/conftest.py keeps each test file on one worker.
test: $(STAMP_TEST)
	$(BIN)/ruff check eventcoder tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup

bench: $(STAMP_TEST)
	$(BIN)/python bench/run.py

# Optional: compile the hot-path modules in place with mypyc (needs a C compiler); clean-fast undoes it.
fast: $(STAMP_TEST)
	$(BIN)/python tools/build_compiled.py

clean-fast:
	$(PYTHON) tools/build_compiled.py --clean

clean: clean-fast
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
