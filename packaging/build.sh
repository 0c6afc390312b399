#!/usr/bin/env bash
# `make package`: one folder per program in dist/ — citybrain-daemon (no Qt) and citybrain-desk.
# Builds from a normal (not editable) install of this checkout in its own venv, so the builds carry the
# package metadata (entry points) exactly as an installed citybrain has it. Windows: see docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/package-venv
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps .
"$VENV/bin/python" -m pip install -q '.[package,postgres]'  # the daemon build talks to PostgreSQL too
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/citybrain.spec
du -sh dist/citybrain-daemon dist/citybrain-desk
