# One command each: `make test` (CI) and `make report` (the analyst). Both create .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check

.PHONY: help test report check lint format typecheck bench clean

help: ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10

$(PY):
	$(PYTHON) -m venv $(VENV)

# Test install: the project and its test extras. Never quarto-cli.
$(VENV)/.test-installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	@touch $@

# Report install: the project only; quarto is looked for separately (lib/scorecard/render.py).
$(VENV)/.installed: pyproject.toml | $(PY)
	@$(PIP) install --quiet -e . > $(VENV)/install.log 2>&1 || \
	  { echo "Could not install the project's Python packages (see $(VENV)/install.log)."; exit 2; }
	@touch $@

# Every core, a test file to a worker (tests/conftest.py puts the files that render first).
TEST_WORKERS ?= auto

test: lint ## lint, then every test (CI runs this)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(VENV)/.test-installed ## ruff's linter and formatter check, and mypy on lib/
	$(PY) -m ruff check lib tests bench
	$(PY) -m ruff format --check lib tests bench
	$(PY) -m mypy

typecheck: $(VENV)/.test-installed ## mypy on lib/
	$(PY) -m mypy

format: $(VENV)/.test-installed ## apply ruff's formatter
	$(PY) -m ruff format lib tests bench

check: $(VENV)/.installed ## validate data/
	@$(PY) -m scorecard check

# PERIOD reaches the render only as an environment variable, never as text pasted into a command:
# `make report PERIOD='2025-03; cmd'` runs no `cmd` ($(value) stops make expanding it, too), and
# scorecard.render refuses anything but YYYY-MM.
unexport PERIOD
export SCORECARD_PERIOD := $(value PERIOD)
# EDITION the same way: only full or exceptions reach Quarto (scorecard.render refuses anything else).
unexport EDITION
export SCORECARD_EDITION := $(value EDITION)

# scorecard.render checks the data and the narrative first, in the same process, then renders them.
report: $(VENV)/.installed ## render report.html and report.pdf (PERIOD=YYYY-MM an earlier month; EDITION=exceptions)
	@$(PY) -m scorecard.render --period "$$SCORECARD_PERIOD" --edition "$$SCORECARD_EDITION"

bench: $(VENV)/.test-installed ## measure speed against Quarto's floor
	$(PY) bench/run.py

clean: ## remove outputs, build/ and .venv
	rm -rf $(VENV) report.html report.pdf report-exceptions.html report-exceptions.pdf report_files .quarto _freeze build
