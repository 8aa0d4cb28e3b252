# One command each: `make test` (CI) and `make report` (the analyst). Both create .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check

.PHONY: test report check lint bench clean

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

test: $(VENV)/.test-installed
	$(PY) -m ruff check lib tests bench
	$(PY) -m pytest

lint: $(VENV)/.test-installed
	$(PY) -m ruff check lib tests bench

check: $(VENV)/.installed
	@$(PY) -m scorecard check

report: $(VENV)/.installed
	@$(PY) -m scorecard check
	@$(PY) -m scorecard.render $(if $(PERIOD),--period $(PERIOD),)

bench: $(VENV)/.test-installed
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) report.html report.pdf report_files .quarto _freeze build
