"""``citybrain daemon`` (run it) and ``citybrain backup`` (copy its database while it runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from citybrain.core.config import DEFAULT_PORT, DaemonConfig


def cmd_daemon(args: argparse.Namespace) -> int:
    from citybrain.core.daemon.runner import run_daemon
    from citybrain.core.storage.schema import SchemaTooNew

    config = DaemonConfig.load(
        args.config,
        data_dir=args.data_dir,
        port=args.port,
        host=args.host,
        database_url=args.database_url,
        demo=args.demo or None,
    )
    try:
        return run_daemon(
            config,
            on_ready=lambda d: print(
                f"citybrain daemon ready: connect desks to tcp://{config.host}:{d.router_port}", flush=True
            ),
        )
    except SchemaTooNew as exc:
        print(f"citybrain daemon: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:  # Ctrl+C before the daemon's own handler is installed
        return 130


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy of the database while the daemon runs (SQLite online backup, PostgreSQL pg_dump)."""
    from citybrain.core.storage.backup import BackupError, backup
    from citybrain.core.storage.engine import sqlite_url

    config = DaemonConfig.load(args.config, data_dir=args.data_dir, database_url=args.database_url)
    try:
        print(backup(config.database_url or sqlite_url(config.data_dir), args.to))
    except BackupError as exc:
        print(f"citybrain backup: {exc}", file=sys.stderr)
        return 1
    return 0


def add_database_options(p: argparse.ArgumentParser) -> None:
    """Where the daemon's database is: the options of every command that opens it."""
    p.add_argument("--config", type=Path, help="daemon.toml")
    p.add_argument("--data-dir", type=Path, help="where the SQLite database lives")
    p.add_argument("--database-url", help="SQLAlchemy URL instead of SQLite (PostgreSQL)")


def add_daemon(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("daemon", help="run the daemon (no display needed)")
    add_database_options(p)
    p.add_argument("--host", help="listen address (default 127.0.0.1)")
    p.add_argument(
        "--port", type=int, help=f"ROUTER port; PUB uses the next one (default {DEFAULT_PORT}; 0 picks free ports)"
    )
    p.add_argument("--demo", action="store_true", help="seed the demo district on first run")
    p.set_defaults(func=cmd_daemon)


def add_backup(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("backup", help="copy the database while the daemon runs (SQLite online backup, pg_dump)")
    add_database_options(p)
    p.add_argument("--to", type=Path, required=True, metavar="FILE", help="the backup file to write")
    p.set_defaults(func=cmd_backup)
