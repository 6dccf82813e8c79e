# Headway's two commands: `make run` (set up and serve the demo) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres install frontend system-deps lint format bench serve clean

$(VENV)/.installed: requirements/base.in requirements/dev.in requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements/base.in -r requirements/dev.in -c requirements/constraints.txt
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# GOV.UK Frontend's Sass compiled into the git-ignored build folder, with its fonts-free assets.
build/frontend/.built: node_modules/.installed $(wildcard static/scss/*.scss)
	mkdir -p build/frontend/css build/frontend/js build/frontend/vendor
	npx sass --pkg-importer=node --no-source-map --style=compressed --quiet-deps \
		static/scss/headway.scss build/frontend/css/headway.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js build/frontend/js/
	cp -r node_modules/govuk-frontend/dist/govuk/assets build/frontend/
	cp node_modules/axe-core/axe.min.js build/frontend/vendor/
	touch $@

frontend: build/frontend/.built

# Debian packages the tests need: Chromium for browser tests, poppler for PDF pages.
system-deps:
	@if command -v chromium >/dev/null && command -v pdftoppm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium poppler-utils fonts-dejavu-core >/dev/null; \
	else echo "WARNING: install Debian's chromium and poppler-utils (sudo apt-get install chromium poppler-utils): browser and PDF tests will be skipped"; fi

# The background worker (imports, publishing) runs beside the server and stops with it.
run: install frontend
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	nice -n 10 $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

test: install frontend system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

test-postgres: install frontend system-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The load tests' generator is wrk and the two-host test's balancer HAProxy, from Debian's packages.
bench: install frontend
	@if command -v wrk >/dev/null && [ -x /usr/sbin/haproxy ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk haproxy >/dev/null; \
	else echo "WARNING: install Debian's wrk and haproxy (sudo apt-get install wrk haproxy): the load tests need them"; fi
	$(PY) -m bench

# Production mode: gunicorn on 127.0.0.1 behind an HTTPS proxy, static files by whitenoise.
# Needs SECRET_KEY and ALLOWED_HOSTS in the environment; see docs/deployment.md.
serve: export DEBUG := false
serve: install frontend
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY (a long random secret)"; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || { echo "make serve: set ALLOWED_HOSTS (the site's host name)"; exit 1; }
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn --config config/gunicorn.py

clean:
	rm -rf $(VENV) node_modules build
