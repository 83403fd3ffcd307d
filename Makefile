# One entry point for people and CI. `make serve` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve build check test test-fast bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)  ## build the sample site and serve it at http://127.0.0.1:8000/
	$(BIN)/python -m generator serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/
	$(BIN)/python -m generator build

check: $(STAMP)  ## validate entries/ only
	$(BIN)/python -m generator check

test: $(STAMP)  ## install test tools (Chromium from Debian) and run every test
	scripts/install-test-tools
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)  ## tests without the browser
	$(BIN)/python -m pytest -q -m "not browser"

clean:
	rm -rf site .site-* .site.lock build
