# Quick start: `make run` starts the app, `make test` runs every test offscreen.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bundle lint lint-imports typecheck clean

$(STAMP): pyproject.toml scripts/system-deps.sh
	@sh scripts/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/auditor-app

lint: $(STAMP)
	$(BIN)/ruff check auditor ui tests scripts benchmarks

lint-imports: $(STAMP)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# the core's tests alone must cover 90 % of auditor/ (lines and branches); then the app's tests
test: $(STAMP) lint lint-imports typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/core --cov --cov-report=term:skip-covered
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/ui

# every benchmark, each printing its figures and their baselines from the same run (the first run builds the
# 0/1/3-year databases of benchmarks/data.py once, a few minutes); LibreOffice and python-docx for documents
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_startup.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_gui.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_imports.py
	$(BIN)/python benchmarks/bench_workorders.py
	$(BIN)/python benchmarks/bench_documents.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_day.py
	$(BIN)/python benchmarks/bench_growth.py

bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10,<7"
	$(BIN)/pyinstaller --noconfirm build_installer.spec
	$(BIN)/python scripts/smoke_test.py dist/auditor

clean:
	rm -rf $(VENV) build dist .pytest_cache
