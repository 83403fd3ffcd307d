# One entry point for people and CI. `make serve` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve build check cms test test-fast bench mutation mutation-js clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)  ## build the sample site and serve it at http://127.0.0.1:8000/
	scripts/install-npm --if-npm
	$(BIN)/python -m generator serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/ (with the web editor at /admin/ when npm is there)
	scripts/install-npm --if-npm
	$(BIN)/python -m generator build

cms: $(STAMP)  ## the web editor on this machine: http://127.0.0.1:8000/admin/, saves into entries/
	scripts/install-npm
	$(BIN)/python -m generator cms serve --dev-addr 127.0.0.1:8000

check: $(STAMP)  ## validate entries/ only
	$(BIN)/python -m generator check

# Two pytest-xdist workers, one per core; a file's tests stay together (its module fixtures are
# built once) and the session's sample sites are built once for both (tests/conftest.py).
TEST_JOBS ?= 2

test: $(STAMP)  ## install test tools (Chromium from Debian) and run every test
	scripts/install-test-tools
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder

test-fast: $(STAMP)  ## tests without the browser
	$(BIN)/python -m pytest -q -m "not browser"

# Mutation testing (bench/RESULTS.md): `make mutation MODULES="vietnamese records"` re-runs
# those modules' mutants (`js` in MODULES: Stryker too); without MODULES, only mutants with no
# result yet are run, then Stryker.
MUTATION_STAMP := $(VENV)/.mutation-installed
MUTATION_JOBS ?= 2
MODULES ?=

$(MUTATION_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	touch $(MUTATION_STAMP)

PY_MODULES := $(filter-out js,$(MODULES))

mutation: $(MUTATION_STAMP)  ## mutation score of the fast tests over the modules in [tool.mutmut]
	$(if $(MODULES),$(if $(PY_MODULES),$(BIN)/mutmut run --max-children $(MUTATION_JOBS) $(foreach m,$(PY_MODULES),'generator.$(m).*')),$(BIN)/mutmut run --max-children $(MUTATION_JOBS))
	$(if $(MODULES),$(if $(filter js,$(MODULES)),$(MAKE) mutation-js),$(MAKE) mutation-js)
	$(BIN)/python bench/mutation_report.py

mutation-js:  ## Stryker over the search box's Vietnamese rules (stryker.config.json)
	scripts/install-test-tools
	[ -x node_modules/.bin/stryker ] || npm ci --no-audit --no-fund --loglevel=error
	npx stryker run

clean:
	rm -rf site .site-* .site.lock build mutants
