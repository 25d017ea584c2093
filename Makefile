# Two commands on a fresh Debian/Ubuntu machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/asn.duckdb
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format bench demo clean

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

$(DB): | $(VENV)/.installed
	$(PY) -m src.cli demo --db $(DB)

## run: set up .venv, build the sample database if there is none, serve the app on :$(PORT)
run: $(VENV)/.installed $(DB)
	@$(PY) -m src.cli user list --db $(DB)  # the accounts, or how to create the first admin
	DASBOR_DB=$(DB) $(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

## test: set up what the tests need (packages, Chromium) and run the whole suite
test: $(VENV)/.installed-dev
	@scripts/ensure-chromium.sh $(CHROMIUM)
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## demo: rebuild the sample database from scratch
demo: $(VENV)/.installed
	rm -rf $(DB) $(DB).wal $(basename $(DB)).versions
	$(PY) -m src.cli demo --db $(DB)

## bench: heavy measurements, printed and written to docs/benchmarks.md
bench: $(VENV)/.installed-dev
	$(PY) -m benchmarks.run
	$(PY) -m benchmarks.import_speed
	$(PY) -m benchmarks.browser

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
