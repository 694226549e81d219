# Two commands on a fresh machine: `make demo` (install, ingest data/raw into SQLite, print what was found)
# and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint

$(BIN)/bcx: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'
	touch $(BIN)/bcx

install: $(BIN)/bcx

demo: install
	$(BIN)/bcx ingest data/raw
	$(BIN)/bcx stats

# The OCR tests need Tesseract with Danish data, the browser test Chromium, the generator's text dumps poppler's
# pdftotext: apt-get installs them when missing
# .ci/tty-smoke: the commands a person types, in a pseudo-terminal; any traceback fails
test: install
	bash .ci/run system-deps
	$(BIN)/ruff check .
	BIN=$(BIN) bash .ci/tty-smoke
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
