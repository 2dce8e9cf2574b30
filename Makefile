# The whole set-up is `make run` and `make test`; both build the venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-installed
LOCK   := requirements.lock
OUT    := out

# Debian packages the annex and its tests need: Pango (and HarfBuzz's subsetter, which
# makes font subsetting four times faster) for weasyprint, fonts that cover Persian,
# poppler for pdftotext/pdftoppm in the tests, PostgreSQL (the web app's tests run
# against it as well as SQLite), Chromium for the browser tests (Playwright drives
# /usr/bin/chromium; it cannot download a browser of its own here), Redis for the job queue
# (the web app's queue tests start their own server).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core poppler-utils \
                   postgresql chromium redis-server

.PHONY: run test lint lock fuzz bench bench-recognition docs example clean system-packages loadtest screenshots

# Installs only what is missing, so a machine that has them all needs no root.
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The exact versions of requirements.lock (those the tests passed with), then the project
# itself without resolving anything again; reinstalled whenever the lock or pyproject.toml
# changes. pip first, so that the lock is installed by the pip it pins.
$(DEPS): $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $$(grep '^pip==' $(LOCK))
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Write requirements.lock from pyproject.toml (every extra): run it after changing a
# dependency there. Pins that still fit are kept; `make lock UPGRADE=1` moves every pin to
# the newest release allowed. The project itself is left out (the dev extra names it for
# its load extra); the install above adds it with --no-deps.
lock: $(DEPS)
	$(BIN)/pip-compile --quiet --all-extras --strip-extras --no-emit-index-url --no-emit-find-links \
	  --unsafe-package security-annex $(if $(UPGRADE),--upgrade) --output-file $(LOCK) pyproject.toml

# Check the bundled example project and write its results to out/, then start the web
# app (SQLite and uploads in instance/) and print its address and the demo accounts.
# Exit status 1 means "findings fail", which is the example's point, not an error.
run: $(DEPS) system-packages
	$(BIN)/annex preflight examples/house/project.toml --json $(OUT)/example-preflight.json
	$(BIN)/annex check examples/house/project.toml --json $(OUT)/example-results.json --pdf $(OUT)/example-annex.pdf; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "Results written to $(OUT)/: example-results.json, example-preflight.json, example-annex.pdf"
	$(BIN)/python -m web

# Lint first, then the tests spread over the machine's cores (pytest-xdist: each process
# starts its own PostgreSQL, and Redis servers on free ports); tests that must run in one
# process can share an xdist_group mark. TEST_PROCESSES=0 runs them all in this one.
TEST_PROCESSES ?= auto
test: $(DEPS) system-packages lint
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadgroup

# Rewrite the browser tests' screenshot baselines (tests/features/web/browser/baselines/)
# from the pages as they are now, after a change to a page: look at every image it changed
# before committing them, since they are what later runs are held to.
screenshots: $(DEPS) system-packages
	UPDATE_BASELINES=1 $(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadgroup -m screenshots tests/features/web/browser

# ruff (lint and format) over the code, and mypy over what [tool.mypy] in pyproject.toml names.
LINTED := checker web tests benchmarks examples
lint: $(DEPS)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

# The long fuzz run of tests/fuzz (make test runs a short one with a fixed seed): random
# seeds, FUZZ_FACTOR times the cases; failing examples are kept in out/fuzz-db and
# tried first next time, failing drawings written to out/fuzz-failures/.
FUZZ_FACTOR ?= 40
fuzz: $(DEPS)
	ANNEX_FUZZ=long ANNEX_FUZZ_FACTOR=$(FUZZ_FACTOR) $(BIN)/python -m pytest tests/fuzz -q --hypothesis-show-statistics

bench: $(DEPS) system-packages
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_annex.py
	$(BIN)/python benchmarks/bench_check.py

# Recognition against ground truth: synthetic plans in many drawing styles and the corpus
# floor plans (precision and recall of doors, windows, rooms; units), then what recognition
# costs on 100k entities against a plain ezdxf.readfile. Figures go to out/bench-recognition.txt.
bench-recognition: $(DEPS)
	$(BIN)/python benchmarks/bench_recognition.py --cost --out $(OUT)/bench-recognition.txt

# The production stack on this machine (gunicorn with 2 web workers, LOADTEST_WORKERS x 2
# check workers, Redis, PostgreSQL) under locust: 50 architects submitting the example
# through the API and 20 reviewers working the queue for 60 s, then N against 2N check
# workers. Figures and targets in out/loadtest.txt; exit 1 when a target is missed.
LOADTEST_WORKERS ?= 1
loadtest: $(DEPS) system-packages
	$(BIN)/python benchmarks/loadtest/run.py --workers $(LOADTEST_WORKERS) --out $(OUT)/loadtest.txt

# Regenerate what is generated: the example project and docs/rules.md.
example: $(DEPS)
	$(BIN)/python examples/make_example.py
docs: $(DEPS)
	$(BIN)/annex rules --markdown > docs/rules.md
	$(BIN)/annex rulesets --markdown > docs/rulesets.md

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
