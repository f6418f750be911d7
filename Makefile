# Two commands on a fresh machine:
#   make demo   builds a throwaway database from fixtures/ and shows conflicts + report
#   make test   runs the whole suite on SQLite and a throwaway PostgreSQL cluster
# Each sets itself up (a virtualenv in .venv; Debian's postgresql for tests).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PROV := $(VENV)/bin/prov
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PROV) demo

test: $(STAMP)
	bash scripts/ensure-postgres
	$(PY) -m pytest -n 2 -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(STAMP)
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
