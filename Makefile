# guazhi — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOAD_STAMP := $(VENV)/.load-installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; production reads its settings from the environment (.env.example).
export DEBUG ?= 1

.PHONY: run test test-unit test-e2e venv migrate messages lint format bench load clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "guazhi needs Python 3.11 or newer"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: test-unit test-e2e

test-unit: $(STAMP)
	$(BIN)/pytest -q

# axe-core, for the browser tests' accessibility audit (package.json pins it).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: the browser tests' accessibility audit will be skipped"; \
	fi

test-e2e: $(STAMP) node_modules/.installed
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q e2e

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=e2e --ignore=bench --ignore=load
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python -m bench

$(LOAD_STAMP): requirements-load.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-load.txt
	touch $(LOAD_STAMP)

# gunicorn on PostgreSQL (LOAD_DATABASE_URL) driven by locust; see load/README.md.
load: $(LOAD_STAMP)
	$(BIN)/python -m load

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles e2e/screenshots
