# certverify: `make demo` and `make test` set everything up on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export OMP_THREAD_LIMIT := 1
# What reading needs (tesserocr is built against the system's libtesseract, so the C API
# and the tesseract command are one release); the test suite adds a Redis server and a browser.
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-fra tesseract-ocr-spa \
	tesseract-ocr-ita tesseract-ocr-por tesseract-ocr-deu tesseract-ocr-nld tesseract-ocr-ind \
	libtesseract-dev libleptonica-dev pkg-config
TEST_APT_PACKAGES := redis-server chromium
DEMO_AS_OF ?= 2026-11-24

.PHONY: setup system-deps test-system-deps demo test lint audit lock typecheck bench samples redis clean

setup: system-deps $(VENV)/.installed

system-deps:
	@bash scripts/system-deps.sh $(APT_PACKAGES)

test-system-deps:
	@bash scripts/system-deps.sh $(TEST_APT_PACKAGES)

# The exact versions of constraints.txt, within pyproject.toml's bounds (`make lock` refreshes).
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-binary tesserocr -c constraints.txt -e '.[service,samples,dev]'
	touch $@

demo: setup
	$(BIN)/certverify extract samples/demo --catalog samples/catalog.csv --as-of $(DEMO_AS_OF)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	@BIN=$(BIN) bash scripts/audit-deps.sh

# Known vulnerabilities in the pinned versions (skipped, saying so, where PyPI does not answer).
audit: setup
	@BIN=$(BIN) bash scripts/audit-deps.sh

lock:
	PYTHON=$(PYTHON) bash scripts/lock.sh

typecheck: setup
	$(BIN)/mypy

redis: test-system-deps
	@bash scripts/ensure-redis.sh

test: setup test-system-deps redis lint
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python -m bench.run

.PHONY: bench-ocr-steps
bench-ocr-steps: setup
	$(BIN)/python -m bench.run --only ocr_steps

.PHONY: bench-service
bench-service: setup redis
	$(BIN)/python -m bench.service

samples: setup
	$(BIN)/python -m samples.generate

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
