# The two promises of the README: `make run` and `make test`, each from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help run serve test test-fast test-unit test-integration test-browser lint format check clean

## help: list these targets with what they do
help:
	@awk '/^## /{sub(/^## /, ""); print}' $(firstword $(MAKEFILE_LIST))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

## run: set up, create the database (with demo votes for the closed demo poll),
## serve the demo on http://127.0.0.1:8050 (it prints where the dashboard is)
run: $(VENV)/.runtime
	$(BIN)/python -m budgetschuiver init-db
	$(BIN)/python -m budgetschuiver seed-demo
	$(BIN)/python app.py

## serve: production-style: migrations, then gunicorn with several workers
serve: $(VENV)/.runtime
	$(BIN)/python -m budgetschuiver init-db
	$(BIN)/gunicorn -c gunicorn.conf.py app:server

## test: set up and run every test tier (unit, integration, browser)
test: $(VENV)/.dev
	$(BIN)/python -m pytest

## test-fast: unit + integration without browser and slow tests (a quick loop)
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not browser and not slow"

## test-unit: the pure tier without its slow tests (under a minute; `make test` runs them)
test-unit: $(VENV)/.dev
	$(BIN)/python -m pytest tests/unit -m "not slow"

test-integration: $(VENV)/.dev
	$(BIN)/python -m pytest tests/integration

test-browser: $(VENV)/.dev
	$(BIN)/python -m pytest tests/browser

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## check: validate the trajectory definitions in data/
check: $(VENV)/.runtime
	$(BIN)/python -m budgetschuiver check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
