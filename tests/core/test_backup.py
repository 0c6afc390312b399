"""Online backup while the daemon runs and writes: a consistent, checked copy on SQLite and PostgreSQL, readable by
its owner alone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from citybrain.core.storage.backup import BackupError, backup


def test_a_sqlite_backup_taken_while_commands_commit_is_complete_and_checked(citybrain_daemon_factory, tmp_path):
    daemon = citybrain_daemon_factory(plugins={"cases": "citybrain.plugins.cases.daemon"}, data_dir=tmp_path / "data")
    client = daemon.client(login="operator")
    unit = next(u["code"] for u in client.replica.records("org.units") if u["kind"] == "compound")
    opened = [
        client.command(
            "cases.open",
            {"source": "manual", "type": "SR-01", "unit": unit, "priority": "low", "title": f"暴露垃圾 {i}"},
        )
        for i in range(20)
    ]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "backup",
            "--data-dir",
            str(tmp_path / "data"),
            "--to",
            str(tmp_path / "copy.db"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "integrity ok" in proc.stdout, proc.stderr
    assert oct((tmp_path / "copy.db").stat().st_mode & 0o777) == "0o600"  # what the database holds, as private
    ids = [f.result(10)["result"]["id"] for f in opened]
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = {i for (i,) in copy.execute("select id from cb_cases")}
        events = {i for (i,) in copy.execute("select distinct case_id from cb_case_events")}
    mine = stored & set(ids)
    assert events >= mine  # whatever case made it into the copy has its history with it: one consistent moment
    assert len(stored) >= 300  # the demo month is all there


def test_a_postgresql_backup_is_a_pg_dump(postgres, tmp_path):
    url = postgres.new_database()
    target = tmp_path / "pg.dump"
    target.write_bytes(b"an older dump")
    target.chmod(0o644)
    message = backup(url, target)
    assert "PostgreSQL dump" in message and target.read_bytes()[:5] == b"PGDMP"
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_nothing_to_back_up_says_so(tmp_path):
    with pytest.raises(BackupError, match="no database"):
        backup(f"sqlite:///{tmp_path / 'none.db'}", tmp_path / "x.db")
