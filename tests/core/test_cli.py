"""`citybrain import`: exit 0 when committed; non-zero with the row-by-row report when refused."""

from __future__ import annotations

import os
import subprocess
import sys

import sample_plugin

from citybrain.core.testing import PASSWORDS


def run_import(daemon, path):
    env = dict(os.environ, CITYBRAIN_PASSWORD=PASSWORDS["operator"])
    return subprocess.run([sys.executable, "-m", "citybrain.core.cli", "import", "sample.notes", str(path),
                           "--connect", daemon.endpoint, "--user", "operator", "--timeout", "30"],
                          capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)


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


def test_operator_add_creates_a_first_admin_who_can_log_in(citybrain_daemon_factory, tmp_path):
    env = dict(os.environ, CITYBRAIN_PASSWORD="first admin pw")
    cli = [sys.executable, "-m", "citybrain.core.cli", "operator", "add", "chen.jing", "--role", "admin",
           "--data-dir", str(tmp_path / "prod")]
    made = subprocess.run(cli, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    again = subprocess.run(cli, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert again.returncode == 1 and "exists already" in again.stderr
    daemon = citybrain_daemon_factory(plugins={"sample": sample_plugin}, data_dir=tmp_path / "prod", demo=False)
    client = daemon.client()
    assert client.login("chen.jing", "first admin pw")["role"] == "admin"


def test_a_desk_without_a_display_says_to_run_offscreen():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "citybrain.core.cli", "demo"], capture_output=True, text=True,
                          timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "no display" in done.stderr and "citybrain demo --offscreen" in done.stderr
    assert "xcb" not in done.stderr.lower()  # never Qt's own abort


def test_demo_fresh_forgets_the_demo_database_only(tmp_path):
    from citybrain.core.cli import build_parser, forget_demo

    for name in ("citybrain.db", "citybrain.db-wal", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert build_parser().parse_args(["demo", "--fresh"]).fresh
    forget_demo(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
