# The whole set-up is `make run` and `make test`; both build the venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-installed
OUT    := out

.PHONY: run test bench docs example clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(DEPS): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# Check the bundled example project and write its results to out/.
# Exit status 1 means "findings fail", which is the example's point, not an error.
run: $(DEPS)
	$(BIN)/annex preflight examples/house/project.toml --json $(OUT)/example-preflight.json
	$(BIN)/annex check examples/house/project.toml --json $(OUT)/example-results.json; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "Results written to $(OUT)/example-results.json and $(OUT)/example-preflight.json"

test: $(DEPS)
	$(BIN)/python -m pytest

bench: $(DEPS)
	$(BIN)/python benchmarks/bench_load.py

# Regenerate what is generated: the example project and docs/rules.md.
example: $(DEPS)
	$(BIN)/python examples/make_example.py
docs: $(DEPS)
	$(BIN)/annex rules --markdown > docs/rules.md
	$(BIN)/annex rulesets --markdown > docs/rulesets.md

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
