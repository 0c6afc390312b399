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
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), os.environ.get("PYTHONPATH", "")]))
    return env


def test_found_by_its_entry_points_on_both_sides(installed):
    proc = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "plugins", "--json"],
        env=installed,
        capture_output=True,
        text=True,
        timeout=120,
    )
    states = {(s["side"], s["name"]): s for s in json.loads(proc.stdout)}
    assert states[("daemon", "hello")]["state"] == "loaded"
    assert states[("desk", "hello")]["state"] == "loaded"
    assert states[("daemon", "hello")]["version"] == "1.0.0"
    assert proc.returncode == 0, proc.stderr


def test_its_own_tests_pass_with_the_conformance_kit(installed):
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        env=dict(installed, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=EXAMPLE,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "3 passed" in proc.stdout


@pytest.fixture(scope="module")
def plugin_folder(tmp_path_factory):
    """A plugins folder as IT fills it: the example as a wheel, and a file that only claims to be one."""
    folder = tmp_path_factory.mktemp("plugins")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(folder),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (folder / "broken-0.1-py3-none-any.whl").write_bytes(b"this is not a zip file")
    return folder


def test_wheels_in_a_plugin_folder_are_found_and_a_broken_one_is_reported_and_skipped(plugin_folder):
    env = dict(os.environ, CITYBRAIN_PLUGIN_PATH=str(plugin_folder))
    proc = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "plugins", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    states = {(s["side"], s["name"]): s for s in json.loads(proc.stdout)}
    assert states[("daemon", "hello")]["state"] == "loaded" and states[("desk", "hello")]["state"] == "loaded"
    broken = states[("daemon", "broken-0.1-py3-none-any.whl")]
    assert broken["state"] == "failed" and "not a readable wheel" in broken["error"]
    assert all(states[(side, name)]["state"] == "loaded" for side in ("daemon", "desk") for name in ("system", "cases"))
    assert proc.returncode == 1  # something failed, and says so


def test_a_frozen_executable_looks_in_the_plugins_folder_beside_it(monkeypatch, tmp_path):
    from citybrain.core import plugins

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "citybrain-desk"))
    monkeypatch.delenv("CITYBRAIN_PLUGIN_PATH", raising=False)
    assert plugins.plugin_folders() == [tmp_path / "plugins"]


def test_the_import_caches_are_dropped_only_when_there_is_a_plugin_folder_to_read_again(monkeypatch, tmp_path):
    """A folder may have gained a plugin since it was read, so its listing is read afresh; with no folder, dropping
    every cache made the rest of a start list each directory on sys.path again (~30 ms of a desk start here)."""
    import importlib

    from citybrain.core.daemon.server import daemon_plugin_host

    dropped: list[int] = []
    real = importlib.invalidate_caches
    monkeypatch.setattr(importlib, "invalidate_caches", lambda: (dropped.append(1), real())[1])
    monkeypatch.delenv("CITYBRAIN_PLUGIN_PATH", raising=False)
    daemon_plugin_host().discover(only=[])
    assert dropped == []
    monkeypatch.setenv("CITYBRAIN_PLUGIN_PATH", str(tmp_path))
    daemon_plugin_host().discover(only=[])
    assert dropped == [1]
