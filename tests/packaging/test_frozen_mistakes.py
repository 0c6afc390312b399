"""The daemon build offers only what it can run, and answers a mistake in one line, as a source install does."""

from __future__ import annotations

import re
import subprocess

from test_frozen import DAEMON, DESK, pytestmark  # noqa: F401 - the same builds, skipped the same way


def _commands(executable) -> set[str]:
    shown = subprocess.run([str(executable), "--help"], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    commands = re.search(r"\{([a-z,]+)\}", shown.stdout)
    assert commands is not None, shown.stdout
    return set(commands.group(1).split(","))


def test_the_daemon_build_offers_no_desk_and_the_desk_build_everything():
    assert _commands(DAEMON) == {
        "daemon",
        "plugins",
        "operator",
        "backup",
        "keys",
        "import",
        "call",
        "query",
        "describe",
    }
    assert _commands(DESK) == _commands(DAEMON) | {"desk", "demo"}


def test_the_frozen_daemon_says_a_mistake_in_one_line(tmp_path):
    done = subprocess.run(
        [str(DAEMON), "daemon", "--data-dir", str(tmp_path / "d"), "--port", "99999"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "citybrain daemon: port 99999 is not a port: use 1-65535 (or 0 to pick free ports)"
    ]
