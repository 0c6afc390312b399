"""The example plugin in docs/example-plugin, installed from its own pyproject like any third-party
plugin, is found through its entry points on both sides and passes its own conformance tests."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-plugin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(EXAMPLE)], check=True, capture_output=True, text=True, timeout=300)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), os.environ.get("PYTHONPATH", "")]))
    return env


def test_found_by_its_entry_points_on_both_sides(installed):
    proc = subprocess.run([sys.executable, "-m", "citybrain.core.cli", "plugins", "--json"], env=installed,
                          capture_output=True, text=True, timeout=120)
    states = {(s["side"], s["name"]): s for s in json.loads(proc.stdout)}
    assert states[("daemon", "hello")]["state"] == "loaded"
    assert states[("desk", "hello")]["state"] == "loaded"
    assert states[("daemon", "hello")]["version"] == "1.0.0"
    assert proc.returncode == 0, proc.stderr


def test_its_own_tests_pass_with_the_conformance_kit(installed):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
                          env=dict(installed, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                          timeout=300, cwd=EXAMPLE)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "3 passed" in proc.stdout
