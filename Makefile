# newsevents: every target creates .venv and installs the project when missing, so a fresh machine needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: demo test lint fuzz bench eval assets chromium clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

# Offline UI assets (world basemap) from the npm registry; the UI works without them (no basemap).
assets: package.json
	@if command -v npm >/dev/null; then npm install --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the map shows points without the world basemap"; fi

# Debian's Chromium for the browser tests (skipped with a message when it cannot be installed).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium not installed: browser tests will be skipped"

demo: $(STAMP) assets
	$(BIN)/newsevents extract $(SHARED)/seed/article.txt --date 2024-04-30 --format table

test: $(STAMP) assets chromium
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests

# make fuzz [FUZZ_EXAMPLES=1500]: the long hypothesis fuzz run (tests/test_fuzz.py, random), over 10,000 cases
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py --examples $(or $(FUZZ_EXAMPLES),1500)

# make bench [BENCH_ARGS="--docs 0 --workers 2 --json"]: bare spaCy vs the whole pipeline (docs/performance.md)
bench: $(STAMP)
	$(BIN)/newsevents bench $(BENCH_ARGS)

# make eval [EVAL_ARGS="--write-floors eval_baseline.json"]: all figures on every dev set, compared with the floors
eval: $(STAMP)
	@if [ -d $(SHARED)/eval/dev ]; then \
	  $(BIN)/newsevents eval $(SHARED)/eval/dev/*.jsonl tests/fixtures/dates/dates.jsonl \
	    --floors eval_baseline.json $(EVAL_ARGS); \
	else echo "eval: $(SHARED)/eval/dev not found, skipping (the gold sets live in ../shared beside the project)"; \
	  $(BIN)/newsevents eval tests/fixtures/dates/dates.jsonl; fi
	$(BIN)/newsevents bench --gazetteer

clean-venv:
	rm -rf $(VENV)
