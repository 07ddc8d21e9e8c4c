# Bangfu 帮扶 — two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAUNCHER := server/neo4j-embedded
LAUNCHER_JAR := $(LAUNCHER)/target/bangfu-neo4j.jar
FRONTEND_STAMP := frontend/dist/index.html
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test test-python test-frontend lint system-packages clean

## install: everything both `run` and `test` need (idempotent).
install: system-packages $(STAMP) $(LAUNCHER_JAR) $(FRONTEND_STAMP)

# Debian packages: redis-server for arq, chromium (+ CJK fonts) for the browser tests,
# Maven and a JDK for the Neo4j launcher.
system-packages:
	@missing=""; \
	command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v javac >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

$(LAUNCHER_JAR): $(LAUNCHER)/pom.xml $(shell find $(LAUNCHER)/src -type f 2>/dev/null)
	cd $(LAUNCHER) && mvn -q -B package -DskipTests

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build

## run: the whole app on embedded defaults (Neo4j launcher, local Redis, demo county).
run: install
	$(VENV)/bin/bangfu run

## test: the whole suite against its own Neo4j and Redis, then the frontend's checks.
test: install lint test-frontend test-python

test-python:
	$(VENV)/bin/pytest -q -ra

test-frontend:
	cd frontend && npm run typecheck && npm test

lint: $(STAMP)
	$(VENV)/bin/ruff format --check --no-cache server graph matching tests
	$(VENV)/bin/ruff check --no-cache server graph matching tests
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist $(LAUNCHER)/target var
