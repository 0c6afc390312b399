"""`citybrain import`: exit 0 when committed; non-zero with the row-by-row report when refused."""

from __future__ import annotations

import os
import subprocess
import sys

import msgpack
import pytest
import sample_plugin

from citybrain.core.client import RequestError
from citybrain.core.testing import PASSWORDS


def run_import(daemon, path, kind="sample.notes", user="operator"):
    env = dict(os.environ, CITYBRAIN_PASSWORD=PASSWORDS[user])
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "import",
            kind,
            str(path),
            "--connect",
            daemon.endpoint,
            "--user",
            user,
            "--timeout",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_import_cli_commits_or_reports_every_bad_row(citybrain_daemon_factory, tmp_path):
    daemon = citybrain_daemon_factory(plugins={"sample": sample_plugin})
    bad = tmp_path / "bad.csv"
    bad.write_text("text\nfine\n,\nalso fine\n,\n", encoding="utf-8")
    refused = run_import(daemon, bad)
    assert refused.returncode == 1
    assert "row 3, column text: empty text" in refused.stderr and "row 5, column text: empty text" in refused.stderr
    client = daemon.client()
    assert client.query("sample.count").result(10)["result"] == 0
    good = tmp_path / "good.csv"
    good.write_text("text\n东长治路\n四川北路\n", encoding="utf-8")
    done = run_import(daemon, good)
    assert done.returncode == 0, done.stderr
    assert "imported 2 of 2" in done.stdout
    assert client.query("sample.count").result(10)["result"] == 2


def test_a_sheet_of_100000_bad_rows_is_refused_with_the_first_hundred_and_a_count(citybrain_daemon_factory, tmp_path):
    """The reply of a refused import is bounded: its first 100 row errors, each cut, and how many there are."""
    daemon = citybrain_daemon_factory(plugins={"duty": "citybrain.plugins.duty.daemon"})
    far = "某" * 20_000  # a cell its row's message quotes: the message is cut, the reply does not grow with it
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "name,phone,unit\n" + "".join(f"人{n},139{n:08d},{far if n < 100 else '某街道'}\n" for n in range(100_000)),
        encoding="utf-8",
    )
    refused = run_import(daemon, sheet, kind="duty.people", user="duty")
    assert refused.returncode == 1, refused.stderr
    assert "import refused: 100000 problem(s) in 100000 row(s)" in refused.stderr
    listed = [line for line in refused.stderr.splitlines() if line.startswith("  row ")]
    assert len(listed) == 100 and listed[0].startswith("  row 2, column unit: unknown unit '某某")
    assert max(len(line) for line in listed) < 400
    assert "… and 99,900 more problem(s) not listed" in refused.stderr
    assert len(refused.stderr.encode()) < 100_000
    client = daemon.client(login="duty")
    with pytest.raises(RequestError) as caught:
        client.command(
            "import", {"kind": "duty.people", "filename": "people.csv", "data": sheet.read_bytes()}, timeout=60
        ).result(60)
    details = caught.value.details
    assert caught.value.code == "import_refused" and details["errors_total"] == 100_000
    assert len(details["errors"]) == 100 and len(msgpack.packb(details)) < 128 * 1024  # 100 × (300 + 80) characters
    assert client.replica.records("duty.people") and not any(  # the demo's people, and none of the sheet's
        p["name"].startswith("人") for p in client.replica.records("duty.people")
    )


def test_operator_add_creates_a_first_admin_who_can_log_in(citybrain_daemon_factory, tmp_path):
    env = dict(os.environ, CITYBRAIN_PASSWORD="first admin pw")
    cli = [
        sys.executable,
        "-m",
        "citybrain.core.cli",
        "operator",
        "add",
        "chen.jing",
        "--role",
        "admin",
        "--data-dir",
        str(tmp_path / "prod"),
    ]
    made = subprocess.run(cli, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    again = subprocess.run(cli, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert again.returncode == 1 and "exists already" in again.stderr
    daemon = citybrain_daemon_factory(plugins={"sample": sample_plugin}, data_dir=tmp_path / "prod", demo=False)
    client = daemon.client()
    assert client.login("chen.jing", "first admin pw")["role"] == "admin"


def test_a_desk_without_a_display_says_to_run_offscreen():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "no display" in done.stderr and "citybrain demo --offscreen" in done.stderr
    assert "xcb" not in done.stderr.lower()  # never Qt's own abort


def test_demo_fresh_forgets_the_demo_database_only(tmp_path):
    from citybrain.core.cli import build_parser
    from citybrain.core.cli.desk import forget_demo

    for name in ("citybrain.db", "citybrain.db-wal", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert build_parser().parse_args(["demo", "--fresh"]).fresh
    forget_demo(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
