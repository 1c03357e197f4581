# Skill Base Platform — every step a newcomer needs is a target here.
#   make run    the whole stack on an embedded PostgreSQL with demo data (API :8000, SPA :5173)
#   make test   every test: backend on a real PostgreSQL, frontend unit tests, types, lint, drift checks
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONPATH := $(CURDIR)/backend
export XDG_RUNTIME_DIR ?= /tmp
ALEMBIC := $(VENV)/bin/alembic -c migrations/alembic.ini
PYTEST := $(PY) -m pytest -c backend/pyproject.toml --rootdir=$(CURDIR)
RUFF := $(VENV)/bin/ruff
NPM := cd frontend && npm

.PHONY: help run test test-backend test-frontend lint fmt typecheck openapi openapi-check client client-check \
        migrate revision seed create-admin e2e db-stop bench deps clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: backend/requirements.txt backend/requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r backend/requirements-dev.txt
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	touch $@

deps: $(VENV)/.installed frontend/node_modules/.installed ## install Python and npm dependencies

run: deps ## start database, migrate, seed an empty db, serve API (:8000) and SPA (:5173)
	backend/scripts/dev.sh

test: deps test-backend test-frontend ## every test (uses TEST_DATABASE_URL / DATABASE_URL, else the embedded PostgreSQL)

test-backend: $(VENV)/.installed ## backend: lint, types, pytest on a real PostgreSQL (incl. migrations and OpenAPI drift)
	$(RUFF) check --config backend/pyproject.toml backend tests migrations
	$(RUFF) format --check --config backend/pyproject.toml backend tests migrations
	$(VENV)/bin/mypy --config-file backend/pyproject.toml backend/skillbase
	$(PYTEST) tests

test-frontend: frontend/node_modules/.installed ## frontend: lint, type check, unit tests, client drift
	$(NPM) run lint
	$(NPM) run typecheck
	$(NPM) test
	$(NPM) run client:check

lint: deps ## linters only
	$(RUFF) check --config backend/pyproject.toml backend tests migrations
	$(NPM) run lint

fmt: $(VENV)/.installed ## format Python code
	$(RUFF) format --config backend/pyproject.toml backend tests migrations
	$(RUFF) check --fix --config backend/pyproject.toml backend tests migrations

openapi: $(VENV)/.installed ## write openapi/openapi.json from the app
	$(PY) -m skillbase.cli openapi > openapi/openapi.json

client: openapi frontend/node_modules/.installed ## regenerate the typed client from openapi/openapi.json
	$(NPM) run client

migrate: $(VENV)/.installed ## alembic upgrade head
	$(ALEMBIC) upgrade head

revision: $(VENV)/.installed ## new migration: make revision m="what changed"
	$(ALEMBIC) revision --autogenerate -m "$(m)"

seed: $(VENV)/.installed ## demo data into an empty database (refused in production)
	$(PY) -m skillbase.cli seed

create-admin: $(VENV)/.installed ## first administrator: make create-admin email=... name=...
	$(PY) -m skillbase.cli create-admin --email "$(email)" --name "$(name)"

e2e: deps ## Playwright in Debian's Chromium against the running stack (make run)
	$(NPM) run e2e

db-stop: ## stop the embedded PostgreSQL if it is still running
	$(PY) -m skillbase.devdb stop --dir .data/postgres

clean: ## remove dependencies and build output (keeps the database)
	rm -rf $(VENV) frontend/node_modules frontend/dist
