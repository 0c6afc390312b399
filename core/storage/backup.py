"""Online backups: a consistent copy while the daemon runs.

SQLite: the online backup API copies the database page by page under its own
read transaction (WAL lets the daemon keep writing), then the copy is checked
with ``PRAGMA integrity_check``.  PostgreSQL: ``pg_dump --format=custom``, to be
restored with ``pg_restore``; the password reaches pg_dump through its
environment (PGPASSWORD) or a pgpass file, never its command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    pass


def _private_target(target: Path) -> None:
    """``target`` readable by its owner alone (0600) before a byte is written: a backup holds what the database does
    (people's phones, password hashes, the audit), and the umask would leave it readable by everyone."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(target, 0o600)  # a file already there keeps its mode otherwise


def backup(url: str, target: Path) -> str:
    """Copy the database at ``url`` to ``target`` (0600); returns what was done, raises BackupError saying why not."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        source = Path(parsed.database or "")
        if not source.is_file():
            raise BackupError(f"no database at {source}")
        _private_target(target)
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            versions = dict(dst.execute("SELECT component, version FROM cb_schema_version"))
        if check != "ok":
            raise BackupError(f"the copy failed its integrity check: {check}")
        return (
            f"SQLite backup of {source} to {target} ({target.stat().st_size:,} bytes, integrity ok, schema {versions})"
        )
    if parsed.get_backend_name() == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise BackupError("pg_dump is not installed (Debian: postgresql-client)")
        _private_target(target)  # pg_dump writes into it, keeping its mode
        # the password goes to pg_dump in its environment, never on its command line (which `ps` shows to everyone);
        # without one in the URL, libpq reads PGPASSWORD or ~/.pgpass as usual
        env = dict(os.environ)
        if parsed.password is not None:
            env["PGPASSWORD"] = parsed.password
        plain = URL.create(
            "postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
        ).render_as_string(hide_password=False)
        done = subprocess.run(
            [pg_dump, "--format=custom", "--file", str(target), plain], capture_output=True, text=True, env=env
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        size = target.stat().st_size
        return f"PostgreSQL dump of {parsed.database} to {target} ({size:,} bytes); restore with pg_restore"
    raise BackupError(f"no backup method for {parsed.get_backend_name()} databases")
