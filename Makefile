# wbkg: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast install bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/wbkg build

test: install
	$(BIN)/python -m pytest -q

# the fast subset (under 2 minutes): everything but the tests marked slow
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ingest/throughput.py --articles 1000 --jobs 2 --json bench/results/ingest-throughput.json
	$(BIN)/python bench/stores.py --sizes 1000,10000

# leave-one-article-out evaluation of the ingest blocks on the seed articles (docs/ingest/README.md)
eval: install
	$(BIN)/python bench/extract_eval.py

clean:
	rm -rf build
