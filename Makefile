# The two commands people type: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_ENV := PIP_CONSTRAINT=$(CURDIR)/requirements-build.txt PIP_DISABLE_PIP_VERSION_CHECK=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lint messages bench lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP_ENV) $(BIN)/pip install -q -r requirements.txt

install-dev: $(BIN)/python
	$(PIP_ENV) $(BIN)/pip install -q -r requirements-dev.txt

# Demo on DATABASE_URL's PostgreSQL, or unset, the embedded one in .pgdata/;
# seeded data; http://127.0.0.1:8000. A worker (mail delivery, bulk sends,
# scheduled jobs) runs beside the web server and stops with it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py demo_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The Nu HTML checker the suite runs (package.json pins vnu-jar; Java from Debian,
# so the package's own Java download script is not run).
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(VNU_JAR)

# The whole suite, browser tests included, on DATABASE_URL's PostgreSQL or the
# embedded one (/usr/bin/chromium for the browser tests; java and npm for the HTML checker).
test: install-dev $(VNU_JAR)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .

messages: install-dev
	$(BIN)/python manage.py makemessages -l zh_Hant --ignore=.venv --ignore=node_modules --ignore=tests --no-obsolete
	$(BIN)/python manage.py compilemessages -l zh_Hant --ignore=.venv

# Load benchmark of the key pages (PostgreSQL, Redis and wrk on this machine).
bench: install
	$(BIN)/python bench/run.py

lighthouse: install
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) .pgdata media private_media staticfiles node_modules
