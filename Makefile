# citybrain: `make demo` runs the demo, `make test` runs the tests. Both set
# everything up on a fresh Debian/Ubuntu machine (system packages, .venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := dist/.built

.PHONY: demo test lint suite/lint suite/shift FORCE bench package sysdeps translations screenshots reference clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@# an editable install leaves the sources uncompiled; compile them as pip does for an installed package
	$(BIN)/python -m compileall -q core shell widgets plugins >/dev/null
	@touch $(STAMP)

sysdeps:
	@bash .ci/sysdeps

# the district boundaries for the map: public data beside the checkout when it is there (see docs/deploy notes)
MAP_DATA := $(wildcard ../shared/data/geo/shanghai_districts_wgs84_merged.geojson)

# with no display it says to run offscreen: make demo DEMO_ARGS="--offscreen --seconds 60 --screenshot shots"
demo: sysdeps $(STAMP)
	CITYBRAIN_MAP="$(abspath $(MAP_DATA))" $(BIN)/citybrain demo $(DEMO_ARGS)

# everything offscreen, and the shift test (marker `shift`) on a real X server of its own (Xvfb, xcb). The
# platform's tests and each plugin's run in a process of their own, as a third party's plugin would be tested: a
# view one suite leaves behind cannot reach another's (see docs/architecture.md, "Tests"). Three at a time (much
# of a test waits on sockets and timers: two left a 2-core machine a third idle), the longest first; each suite's
# output is printed whole when it ends; every suite runs even when one fails.
PLUGIN_SUITES := $(sort $(wildcard plugins/*/tests))
LONGEST := tests/packaging tests/shell plugins/sensors/tests tests/core shift
PLATFORM_SUITES := $(patsubst %/,%,$(filter-out tests/shift/ tests/__pycache__/,$(wildcard tests/*/))) $(wildcard tests/test_*.py)
TEST_SUITES := $(LONGEST) $(filter-out $(LONGEST),$(PLATFORM_SUITES) $(PLUGIN_SUITES)) lint
TEST_JOBS ?= 3
# the suites' processes share their seeded demo databases for this run (citybrain.core.testing.copy_demo)
TEMPLATES := $(abspath build/test-templates)
test: sysdeps $(STAMP)
	@rm -rf $(TEMPLATES)
	@CITYBRAIN_TEST_TEMPLATES=$(TEMPLATES) $(MAKE) --no-print-directory -k -O -j$(TEST_JOBS) $(addprefix suite/,$(TEST_SUITES))

# the frozen builds' tests run on builds of these sources: built first, in a lane of their own, when missing or older.
# The suites run niced beside it: the build is the longest lane (its tests wait for it), the suites' waits fill the rest
suite/tests/packaging: $(DIST_STAMP)
NICE := nice -n 10

suite/shift: $(STAMP)
	@echo "== shift (xcb)"
	@QT_QPA_PLATFORM=xcb $(NICE) xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/python -m pytest -q -m shift tests/shift

# the code gates, a suite of their own: ruff (lint, import order, format) and mypy, configured in pyproject.toml,
# zero findings (docs/architecture.md, "Code gates"). mypy reads the sources as the package they install as, through
# links under build/typecheck (an editable install's import hook is invisible to it)
TYPECHECK := build/typecheck/citybrain
suite/lint lint: $(STAMP)
	@echo "== lint"
	@mkdir -p $(TYPECHECK) && for d in core shell widgets plugins resources configs; do ln -sfn ../../../$$d $(TYPECHECK)/$$d; done
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(NICE) $(BIN)/mypy >build/mypy.out; mypy_status=$$?; \
	sed 's|^$(TYPECHECK)/||' build/mypy.out; test $$mypy_status = 0 || status=1; \
	$(BIN)/python -c 'import tomllib; o = tomllib.load(open("pyproject.toml", "rb"))["tool"]["mypy"]["overrides"]; \
	n = sum(len(x["module"]) for x in o if x.get("ignore_errors")); print(f"mypy: {n} modules on the typing backlog")'; \
	exit $$status

suite/%: $(STAMP) FORCE
	@echo "== $*"
	@QT_QPA_PLATFORM=offscreen $(NICE) $(BIN)/python -m pytest -q --durations=5 -m "not shift" $*

FORCE:

# every view in both languages, on the desk's screens and the wall, against a demo daemon: build/screenshots;
# then each picture's share of strong colour (a normal screen stays at or below 5%; the check's exit code is ours)
SHOTS ?= build/screenshots
SHOTS_CHECK := $(wildcard ../shared/tools/shots_check.py)
screenshots: sysdeps $(STAMP)
	rm -rf $(SHOTS)
	CITYBRAIN_MAP="$(abspath $(MAP_DATA))" $(BIN)/python -m citybrain.shell.gallery --out $(SHOTS)
	$(if $(SHOTS_CHECK),$(BIN)/python $(SHOTS_CHECK) $(SHOTS),@echo "shots_check.py is not beside the checkout: not measured")

# dist/citybrain-daemon and dist/citybrain-desk (PyInstaller, one folder each); the tests smoke-test them.
# Rebuilt when a source file is newer than the last build.
PACKAGE_SOURCES := pyproject.toml $(shell find core shell widgets plugins packaging resources configs -type f \
	-not -path '*/__pycache__/*' -not -path '*/tests/*' 2>/dev/null)
package: $(DIST_STAMP)
$(DIST_STAMP): $(PACKAGE_SOURCES) | sysdeps
	bash packaging/build.sh
	@touch $@

bench: $(STAMP)
	$(BIN)/python -m benchmarks --quick --json

translations: $(STAMP)
	@# new tr() strings join the .ts files (unfinished), unused ones leave; lists what still needs translating
	-$(BIN)/python -m citybrain.shell.translations
	$(BIN)/pyside6-lrelease resources/translations/citybrain_zh_CN.ts -qm resources/translations/citybrain_zh_CN.qm

reference: $(STAMP)
	@# docs/reference.md from the installed plugins' declarations (tests/core/test_describe.py keeps it current)
	$(BIN)/python -m citybrain.core.cli describe --markdown > docs/reference.md

clean:
	rm -rf $(VENV) build dist *.egg-info
