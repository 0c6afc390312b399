"""The PyInstaller builds (``make package``) run without Python: a frozen daemon serves a frozen desk, which
paints, and both list every built-in plugin as loaded. Skipped, saying so, when no build exists; CI builds first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from citybrain.core import hookspecs
from citybrain.core.client import FeedClient
from citybrain.core.testing import PASSWORDS

DIST = Path(__file__).resolve().parents[2] / "dist"
SUFFIX = ".exe" if sys.platform == "win32" else ""
DAEMON = DIST / "citybrain-daemon" / f"citybrain-daemon{SUFFIX}"
DESK = DIST / "citybrain-desk" / f"citybrain-desk{SUFFIX}"
# every plugin this source tree ships (the builds must carry them all), read from the installed entry points
BUILT_INS = {ep.name for ep in entry_points(group=hookspecs.GROUP) if ep.value.startswith("citybrain.plugins.")}

pytestmark = pytest.mark.skipif(
    not (DAEMON.exists() and DESK.exists()),
    reason=f"no frozen build in {DIST}: run `make package` (CI does, before the tests)",
)


def _plugins(executable: Path) -> tuple[int, dict]:
    proc = subprocess.run(
        [str(executable), "plugins", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "CITYBRAIN_PLUGIN_PATH"},
    )
    return proc.returncode, {(s["side"], s["name"]): s["state"] for s in json.loads(proc.stdout)}


def test_both_builds_list_every_built_in_as_loaded():
    code, daemon_side = _plugins(DAEMON)
    assert (
        code == 0 and {n for (side, n), st in daemon_side.items() if side == "daemon" and st == "loaded"} == BUILT_INS
    )
    assert daemon_side[("desk", "*")] == "absent"  # the server build carries no Qt at all
    code, both = _plugins(DESK)
    assert code == 0 and all(both[(side, n)] == "loaded" for side in ("daemon", "desk") for n in BUILT_INS)


def test_the_systemd_unit_verifies_against_the_build(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    unit = (Path(__file__).resolve().parents[2] / "packaging" / "citybrain-daemon.service").read_text(encoding="utf-8")
    copy = tmp_path / "citybrain-daemon.service"
    copy.write_text(unit.replace("/opt/citybrain-daemon/citybrain-daemon", str(DAEMON)), encoding="utf-8")
    proc = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "citybrain-daemon.service" not in proc.stderr, proc.stderr


def test_the_daemon_build_has_no_qt():
    assert not list((DAEMON.parent / "_internal").glob("PySide6*")) and not list(DAEMON.parent.rglob("libQt6Core*"))


def _serve(*args: str) -> tuple[subprocess.Popen, str]:
    """The frozen daemon, and its endpoint once it says it is ready (read from its output: no sleeping)."""
    daemon = subprocess.Popen(
        [str(DAEMON), "daemon", "--port", "0", "--demo", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert daemon.stdout is not None  # a pipe, asked for above
    seen: list[str] = []
    while not seen or "ready" not in seen[-1]:
        seen.append(daemon.stdout.readline())
        assert seen[-1], f"the frozen daemon stopped (exit {daemon.poll()}): {''.join(seen)[-3000:]}"
    return daemon, seen[-1].rsplit(" ", 1)[-1].strip()


def test_the_frozen_daemon_runs_on_postgresql(postgres, tmp_path):
    daemon, endpoint = _serve("--data-dir", str(tmp_path / "data"), "--database-url", postgres.new_database())
    try:
        with FeedClient(endpoint) as client:
            client.wait_for(lambda s: s.state == "live", timeout=60)
            assert len(client.replica.records("org.units")) > 400
    finally:
        daemon.terminate()
        daemon.wait(30)


def test_a_frozen_daemon_serves_a_frozen_desk_that_paints(tmp_path):
    daemon, endpoint = _serve("--data-dir", str(tmp_path / "data"))
    try:
        with FeedClient(endpoint) as client:  # the frozen daemon speaks to a source client too
            client.wait_for(lambda s: s.state == "live", timeout=60)
            assert len(client.replica.records("org.units")) > 400
        env = dict(os.environ, CITYBRAIN_PASSWORD=PASSWORDS["duty"], XDG_CONFIG_HOME=str(tmp_path / "config"))
        desk = subprocess.run(
            [
                str(DESK),
                "desk",
                "--connect",
                endpoint,
                "--user",
                "duty",
                "--offscreen",
                "--seconds",
                "5",
                "--screenshot",
                str(tmp_path / "shots"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert desk.returncode == 0, desk.stderr[-3000:]
        shots = sorted((tmp_path / "shots").glob("*.png"))
        assert shots, desk.stderr[-3000:]
        image = QImage(str(shots[0]))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 13)}
        assert image.width() >= 640 and len(colours) > 8  # painted, not blank
    finally:
        daemon.terminate()
        daemon.wait(30)
