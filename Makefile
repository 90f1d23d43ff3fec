# Two commands set everything up: `make demo` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
ADMIN_PASSWORD ?= iwt-demo-admin
# uv from PATH, else a private copy installed into .uv-bootstrap by the `uv` target.
UV := $(shell uv --version >/dev/null 2>&1 && command -v uv || echo $(CURDIR)/.uv-bootstrap/bin/uv)
MANAGE := $(UV) run --frozen python manage.py

.PHONY: demo test test-browser coverage install lint format check-migrations bench bench-directory bench-import lighthouse loadtest throughput compare-pretalx faults

$(CURDIR)/.uv-bootstrap/bin/uv:
	@echo "uv not found: installing it into .uv-bootstrap"
	python3 -m venv $(CURDIR)/.uv-bootstrap
	$(CURDIR)/.uv-bootstrap/bin/pip install --quiet uv

# Bytecode is compiled at install: where Python may not write it as it imports
# (PYTHONDONTWRITEBYTECODE), every process would otherwise compile Django and Wagtail again.
install: | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@# Node.js is optional: it runs the Thunderbird calendar parser in the tests.
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the ical.js calendar tests will be skipped"; fi

demo: export WAGTAILADMIN_BASE_URL = http://127.0.0.1:$(PORT)
demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_data --site-address 127.0.0.1:$(PORT) --admin-password "$(ADMIN_PASSWORD)"
	@echo "Serving the demo site at http://127.0.0.1:$(PORT)/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(UV) run --frozen pytest $(PYTEST_ARGS)

# Needs Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium). In one process:
# the tests share one demo site and one Chromium, and two of each are no faster on two cores.
test-browser: install
	$(UV) run --frozen pytest -m browser -n 0 $(PYTEST_ARGS)

# Line coverage of the test suite (the browser tests aside), file by file, with a total.
coverage: install
	$(UV) run --frozen pytest --cov --cov-report=term-missing:skip-covered $(PYTEST_ARGS)

# ruff, the apps' import layers (import-linter, contracts in pyproject.toml) and the links
# between the documentation pages.
lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports --no-cache
	$(UV) run --frozen python scripts/check_links.py

format: install
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

# The agenda page, the full calendar feed, a session page and a track page at 100, 1,000 and
# 5,000 sessions, uncached and cached, against the same bytes served as a static file
# (manage.py bench, DEBUG off; the programme it builds is rolled back). Variables:
#   BENCH_DATABASE_URL  the database: $DATABASE_URL if set, else a scratch SQLite file
#                       (.bench.sqlite3). PostgreSQL: create an empty database first, e.g.
#                       createdb -h 127.0.0.1 -U postgres iwt_bench, then
#                       make bench BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/iwt_bench
#   BENCH_REDIS_URL     the cache: empty (the default) for the site's own cache in files, in a
#                       folder of its own (.cache/bench); a Redis database
#                       given here is emptied before each uncached request
#   BENCH_ARGS          e.g. "--sizes 100 1000 --repeat 10 --budget 30 --format markdown"
BENCH_DATABASE_URL ?= $(or $(DATABASE_URL),sqlite:///$(CURDIR)/.bench.sqlite3)
BENCH_REDIS_URL ?=
bench: install
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(MANAGE) migrate --no-input -v 0
	DATABASE_URL="$(BENCH_DATABASE_URL)" REDIS_URL="$(BENCH_REDIS_URL)" DJANGO_DEBUG=false \
		DJANGO_CACHE_DIR="$(CURDIR)/.cache/bench" $(MANAGE) bench $(BENCH_ARGS)

# The delegate directory (plain, searched, one sector), a profile page and the manage page at
# 10 and 2,000 listed delegates with profiles, signed in as one of them (manage.py
# bench_directory; the delegates it builds are rolled back): body size, median server time
# and SQL queries. The same database and cache as bench (BENCH_DATABASE_URL,
# BENCH_REDIS_URL). BENCH_DIRECTORY_ARGS, e.g. "--sizes 10 500 2000 --repeat 10"
bench-directory: install
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(MANAGE) migrate --no-input -v 0
	DATABASE_URL="$(BENCH_DATABASE_URL)" REDIS_URL="$(BENCH_REDIS_URL)" DJANGO_DEBUG=false \
		DJANGO_CACHE_DIR="$(CURDIR)/.cache/bench" $(MANAGE) bench_directory $(BENCH_DIRECTORY_ARGS)

# The programme import of a pretalx schedule.xml at 120 and 1,000 talks (manage.py
# bench_import; the editions it fills are rolled back): seconds and SQL queries of a dry run,
# the import and the same file again. The same database and cache as bench.
bench-import: install
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(MANAGE) migrate --no-input -v 0
	DATABASE_URL="$(BENCH_DATABASE_URL)" REDIS_URL="$(BENCH_REDIS_URL)" DJANGO_DEBUG=false \
		DJANGO_CACHE_DIR="$(CURDIR)/.cache/bench" $(MANAGE) bench_import $(BENCH_IMPORT_ARGS)

# Lighthouse (mobile) on a throwaway demo served as in production, with gunicorn on a free
# port; prints the scores and what to fix, and fails when a target is missed. Needs Chromium
# (CHROME_PATH, else /usr/bin/chromium). LIGHTHOUSE_ARGS="--runs 3 --reports /tmp/lighthouse"
lighthouse: | $(UV)
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund --silent
	$(UV) run --frozen python scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

# Two gunicorn servers (production settings) on a throwaway PostgreSQL database and Redis
# database 5, under a mixed load from this machine; prints the figures and checks that no seat
# is given twice and that an edit published on one server is served by the other within a
# second. Needs PostgreSQL and Redis on 127.0.0.1 and Chromium (CHROMIUM_PATH, else
# /usr/bin/chromium). LOADTEST_ARGS="--duration 60 --clients 64"
loadtest: | $(UV)
	$(UV) run --frozen python scripts/loadtest.py $(LOADTEST_ARGS)

# Requests per second and p50/p99/max latency of the cached agenda page and feed on one
# gunicorn server (2 sync workers, demo in SQLite), with the workers replaced as they go.
# Uses wrk when installed, else Python clients. THROUGHPUT_ARGS="--duration 60 --redis URL"
throughput: | $(UV)
	$(UV) run --frozen python scripts/throughput.py $(if $(shell command -v wrk),--wrk) $(THROUGHPUT_ARGS)

# This site beside pretalx (from PyPI, in its own venv under .cache/pretalx, installed by uv on
# the first run), the same 120-talk programme on each, PostgreSQL and gunicorn with 2 sync
# workers: median ms of the agenda page, the full feed, a talk page and the speakers page,
# ours cached, edited (right after one session's edit is published) and cold (its Redis
# database emptied before each request), and the ratio ours edited / pretalx. Throwaway
# PostgreSQL databases; Redis databases 12 and 14 (emptied). Needs PostgreSQL and Redis on
# 127.0.0.1.
# COMPARE_PRETALX_ARGS="--repeat 50 --format markdown --pretalx-version 2026.2.1"
compare-pretalx: | $(UV)
	UV="$(UV)" $(UV) run --frozen python scripts/compare_pretalx.py $(COMPARE_PRETALX_ARGS)

# The same servers under a light load while PostgreSQL restarts, Redis stops and the mail
# server is down; restarts the local PostgreSQL and Redis (run as root), and always leaves
# them running. FAULTS="postgres redis smtp" (the default: all three)
faults: | $(UV)
	$(UV) run --frozen python scripts/faults.py $(FAULTS)
