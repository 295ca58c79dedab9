# make run: set up .venv if needed and open the app (the demo review without FILE=...)
# make test: set up .venv if needed and run the whole suite offscreen, plus lint checks
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
FILE ?=

.PHONY: run test lint bench bench-scroll bench-caseload installer installer-smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@$(PY) -m reviewer_app.platform_check
	$(VENV)/bin/reviewer-app $(FILE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(MAKE) --no-print-directory lint

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# the window, review and packet metrics, then the office's caseload of 3,000 generated
# reviews (written once to a temp folder, a few minutes; then reused)
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks --json .bench/results.json
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/caseload_bench.py --reviews 3000

bench-scroll: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/scroll_smoothness.py

# an office of 3,000 generated reviews (written once to a temp folder, ~10-25 min; then reused)
bench-caseload: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/caseload_bench.py --reviews 3000

# standalone app (PyInstaller one-folder) in dist/, plus a Linux archive
installer: $(STAMP)
	bash installer/build.sh

# run the frozen app's --self-test offscreen, watching for any network connection
installer-smoke: installer
	bash installer/smoke_test.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
