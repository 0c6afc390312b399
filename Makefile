# citybrain: `make demo` runs the demo, `make test` runs the tests. Both set
# everything up on a fresh Debian/Ubuntu machine (system packages, .venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench package sysdeps translations clean

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

demo: sysdeps $(STAMP)
	CITYBRAIN_MAP="$(abspath $(MAP_DATA))" $(BIN)/citybrain demo

test: sysdeps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --durations=15

# dist/citybrain-daemon and dist/citybrain-desk (PyInstaller, one folder each); the tests smoke-test them
package: sysdeps
	bash packaging/build.sh

bench: $(STAMP)
	$(BIN)/python -m benchmarks --quick --json

translations: $(STAMP)
	@# new tr() strings join the .ts files (unfinished), unused ones leave; lists what still needs translating
	-$(BIN)/python -m citybrain.shell.translations
	$(BIN)/pyside6-lrelease resources/translations/citybrain_zh_CN.ts -qm resources/translations/citybrain_zh_CN.qm

clean:
	rm -rf $(VENV) build dist *.egg-info
