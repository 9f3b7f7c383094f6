# The two commands of the set-up contract: `make demo` and `make test` (only python3 needed).
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
PY := $(BIN)/python

.PHONY: demo test check lint docs bench bench-pdf templates clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Editable in strict mode: a tree of links mypy and other tools can follow (the default mode maps
# report_templates/ through an import hook they cannot). A file added to the package changes its
# folder, which reinstalls.
EDITABLE := --config-settings editable_mode=strict
PKG_DIRS := $(wildcard ldd_reports ldd_reports/*/ ldd_reports/*/*/ report_templates)

$(VENV)/.installed-base: pyproject.toml $(PKG_DIRS) | $(PY)
	$(PY) -m pip install --quiet -e . $(EDITABLE)
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(PKG_DIRS) | $(PY)
	$(PY) -m pip install --quiet -e ".[test]" $(EDITABLE)
	@touch $@ $(VENV)/.installed-base

# The samples with a decision block: each also gets its decision record (out/NAME_record.docx).
RECORDS := $(addprefix sample_inputs/,cabinet_member_decision_2026.yaml committee_policy_resources_2026.yaml \
	continuous_cabinet_2026.yaml front_sheet_cabinet_2026.yaml officer_decision_2026.yaml)

## demo: render every file in sample_inputs/ to out/ (the CSV as a batch, to out/batch/), and the records
demo: $(VENV)/.installed-base
	$(PY) -m ldd_reports render sample_inputs/*.yaml --out-dir out --force
	$(PY) -m ldd_reports record $(RECORDS) --out-dir out --force
	$(PY) -m ldd_reports batch sample_inputs/councils_batch.csv --base sample_inputs/batch_base.yaml --out out/batch --force

## bench: the batch against a plain docxtpl script and the zip floor, memory, start-up; a long paper and table (issue 24)
bench: $(VENV)/.installed-test
	$(PY) benchmarks/bench_batch.py
	$(PY) benchmarks/bench_size.py

## bench-pdf: the batch to PDF against one soffice per paper (issue 10; about 10 minutes)
bench-pdf: $(VENV)/.installed-test
	$(PY) benchmarks/bench_pdf.py

## lint: ruff, mypy --strict on the package and tests/typing/client.py, and the import layers (pyproject.toml)
lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(BIN)/lint-imports --no-cache

## test: lint and types, then the whole suite (what CI runs)
test: lint
	$(PY) -m pytest

## check: the inner loop, under a minute: lint, types and the tests that open no LibreOffice or browser
check: lint
	$(PY) -m pytest -q -m "not slow and not libreoffice and not browser"

## docs: regenerate docs/*-reference.md from the models, the batch's field paths, the library's parsed markup
## (a test fails when any is out of date) and the page image
docs: $(VENV)/.installed-test  # the page image needs LibreOffice and pypdfium2 (the layout extra)
	$(PY) -m ldd_reports schema --format markdown -o docs/input-reference.md
	$(PY) -m ldd_reports schema --format markdown --house-style -o docs/house-style-reference.md
	$(PY) -m ldd_reports schema --format paths -o ldd_reports/inputs/field_paths.txt
	$(PY) docs/parsed_markup.py ldd_reports/parsed_markup.json
	$(PY) docs/page_image.py sample_inputs/front_sheet_cabinet_2026.yaml 1 docs/images/front-sheet-page-1.png

## templates: rebuild report_templates/*.docx from report_templates/build.py
templates: $(VENV)/.installed-base
	$(PY) report_templates/build.py

clean:  # build/ holds the editable install's links: the next make reinstalls
	rm -rf out build dist *.egg-info $(VENV)/.installed-base $(VENV)/.installed-test
