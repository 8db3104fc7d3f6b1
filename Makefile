# chitieu — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install demo test test-fast check lint typecheck bench score score-corpus train clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv with chitieu and its dev tools (idempotent)

DEMO_DB := build/demo.sqlite3

DEMO_PASSWORD := chitieu-demo
HOST ?= 127.0.0.1
PORT ?= 8000

demo: install  ## ingest the bundled sample reports into a fresh SQLite database and serve the web app
	mkdir -p build && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/chitieu ingest samples --db sqlite:///$(DEMO_DB)
	$(BIN)/chitieu user add quantri --role admin --password $(DEMO_PASSWORD) --db sqlite:///$(DEMO_DB)
	$(BIN)/chitieu user add muongte --role editor --unit "Mường Tè" --password $(DEMO_PASSWORD) --db sqlite:///$(DEMO_DB)
	$(BIN)/chitieu user add xem --role viewer --password $(DEMO_PASSWORD) --db sqlite:///$(DEMO_DB)
	@echo "Đăng nhập: quantri / $(DEMO_PASSWORD) (quản trị), muongte (biên tập Mường Tè), xem (chỉ xem)"
	$(BIN)/chitieu serve --db sqlite:///$(DEMO_DB) --host $(HOST) --port $(PORT)

lint: install  ## ruff, and the import contracts of the layers (import-linter)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/lint-imports

typecheck: install  ## mypy (strict)
	$(BIN)/mypy

test-fast: install  ## the fast tests only
	$(BIN)/pytest -q -m "not slow and not postgres and not browser"

test: lint typecheck  ## lint, type-check and every test
	$(BIN)/pytest -q

check: test score  ## tests plus the extraction score on the seeds

score: install  ## score extraction of the samples against the gold answers, and indicator mapping
	$(BIN)/python tests/data/eval/score.py --gold tests/data/gold --docs samples \
		--cmd "$(BIN)/chitieu extract --format json {path}"
	$(BIN)/python scripts/score_mapping.py

score-corpus: install  ## cross-validated score on the annotated corpus of report pages (five folds by province)
	$(BIN)/python scripts/score_corpus.py --seeds

train: install  ## retrain the learned decisions and the mapping verifier (extract/data, catalog/data)
	$(BIN)/python scripts/train_decisions.py
	$(BIN)/python scripts/train_mapping.py

bench: install  ## benchmarks: reading and extraction; ingest and queries on SQLite and PostgreSQL
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.store
	$(BIN)/python -m benchmarks.web
	$(BIN)/python -m benchmarks.load

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build src/*.egg-info
