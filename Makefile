# Two commands for a fresh Debian machine with python3, make and apt:
#   make run   set up .venv (first time), install Graphviz if missing, start the designer
#   make test  same set-up, then the whole test suite
VENV      := .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
CONSTRAINTS := constraints.txt
TEMPLATE  := examples/video-recommendation.mlsd.json

.PHONY: run test stress bench lint constraints system-deps clean

run: $(STAMP) system-deps
	$(VENV)/bin/mlsd gui $(if $(wildcard $(TEMPLATE)),$(TEMPLATE))

test: $(STAMP) system-deps
	$(PY) -m pytest

# The slow stress tests `make test` leaves out (e.g. 200 kills of `mlsd layout` mid-save); they print their figures.
stress: $(STAMP) system-deps
	$(PY) -m pytest -m slow -s tests

# Benchmarks (DESIGN.md section 7), never part of `make test`: results in .benchmarks/latest.json, then the
# table of targets, same-run ratios and all figures (bench/README.md says how to read it).
bench: $(STAMP) system-deps
	@mkdir -p .benchmarks
	@status=0; $(PY) -m pytest bench --benchmark-enable -p no:randomly --benchmark-json=.benchmarks/latest.json \
	  --benchmark-columns=median,min,rounds --benchmark-sort=fullname $(BENCH_ARGS) || status=$$?; \
	$(PY) -m bench.report .benchmarks/latest.json; exit $$status

# `make test` runs these too (tests/core/test_boundaries.py).
lint: $(STAMP)
	$(VENV)/bin/ruff check app components tests bench setup.py
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv with apt-get..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else echo "python3 cannot create virtual environments: install python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; \
	fi
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

# Re-pin: the newest versions pyproject.toml allows, resolved in a throw-away venv, become constraints.txt.
constraints:
	rm -rf .venv-pin && python3 -m venv .venv-pin
	.venv-pin/bin/python -m pip install -q --upgrade pip
	.venv-pin/bin/python -m pip install -q -e '.[test]'
	{ sed -n '/^#/p' $(CONSTRAINTS); .venv-pin/bin/python -m pip freeze --exclude-editable --all | grep -v '^pip=='; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS) && rm -rf .venv-pin

# System packages (scripts/missing-system-packages.sh says which and why): Graphviz, librsvg, the
# libraries Qt's platform plugins need (ldd on PySide6's xcb and offscreen plugins, so a fresh Debian
# machine gets exactly the missing ones), Xvfb, xdotool and ImageMagick (the real-display smoke test,
# `xvfb-run -a make run`). apt-get when root (one package at a time if a batch fails); otherwise a
# one-line hint.
system-deps: $(STAMP)
	@missing="$$(sh scripts/missing-system-packages.sh $(PY))"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages: $$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; \
	    apt-get install -y -qq $$missing >/dev/null 2>&1 || for package in $$missing; do \
	      apt-get install -y -qq $$package >/dev/null 2>&1 || echo "warning: apt-get could not install $$package"; \
	    done; \
	    still="$$(sh scripts/missing-system-packages.sh $(PY))"; \
	    [ -z "$$still" ] || echo "warning: still missing: $$still (tests that need them are skipped)"; \
	  else \
	    echo "Hint: sudo apt-get install $$missing (without Graphviz auto-layout uses its built-in engine; without Xvfb the real-display test is skipped)"; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info
