"""event_insert: rows/s through the daemon's writer and storage vs bare sqlite3 with the same pragmas, into a table
made with the audit table's own DDL (same columns, types and indexes, as ``event_insert_pg``'s ``LIKE``): the figure
is the storage layer's cost per row, not the price of the audit table's two indexes (which a bare table without them
would leave out: ~0.12 s of CPU of the ~0.2 s that separated the two for 50,000 rows).  The ratio against a bare
table without indexes (the baseline until stop 28) is reported beside it as ``bare_table_ratio``.

event_insert_pg: the same on PostgreSQL (a throwaway cluster, as the tests start one) vs psycopg's ``executemany``
of the same rows into a table made ``LIKE`` the audit table (same columns, types and indexes), in transactions of
the same size.  Skipped, saying why on stderr, where PostgreSQL's binaries or psycopg are missing."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

from benchmarks import Result
from citybrain.core.daemon.writer import Writer
from citybrain.core.live import LiveState
from citybrain.core.storage.audit import AuditEntry
from citybrain.core.storage.bulk import append_rows
from citybrain.core.storage.engine import make_engine, session_factory, sqlite_url
from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema

BATCH = 5000


def _rows(n: int) -> list[dict]:
    at = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    return [
        {
            "at": at,
            "operator": "duty",
            "desk": "desk-left",
            "command": "sensors.ingest",
            "payload_digest": f"{i:064x}",
            "result": "ok",
            "error_code": None,
            "detail": f"event {i}",
        }
        for i in range(n)
    ]


def _ours(rows: list[dict], url: str) -> float:
    engine = make_engine(url)
    prepare_schema(engine, [CORE_SCHEMA])
    writer = Writer(session_factory(engine), LiveState())
    start = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        writer.run_sync(lambda tx, chunk: append_rows(tx.session, AuditEntry, chunk), (rows[i : i + BATCH],))
    elapsed = time.perf_counter() - start
    writer.close()
    engine.dispose()
    return len(rows) / elapsed


def _audit_ddl(url: str) -> list[str]:
    """The audit table's and its indexes' CREATE statements, as SQLite holds them in ``url``'s database."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        found = db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'cb_audit' AND type IN ('table', 'index')"
            " AND sql IS NOT NULL ORDER BY type DESC"
        )
        return [sql.replace("cb_audit", "audit") for (sql,) in found]


def _raw(rows: list[dict], folder: Path, ddl: list[str]) -> float:
    db = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL", "busy_timeout=5000"):
        db.execute(f"PRAGMA {pragma}")
    for sql in ddl:
        db.execute(sql)
    start = time.perf_counter()  # from the same event dicts: converting them is part of the work
    for i in range(0, len(rows), BATCH):
        values = [
            (
                r["at"].isoformat(),
                r["operator"],
                r["desk"],
                r["command"],
                r["payload_digest"],
                r["result"],
                r["error_code"],
                r["detail"],
            )
            for r in rows[i : i + BATCH]
        ]
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO audit (at, operator, desk, command, payload_digest, result, error_code, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return len(rows) / elapsed


def _raw_pg(rows: list[dict], url: str) -> float:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database) as db:
        db.execute("CREATE TABLE raw_audit (LIKE cb_audit INCLUDING ALL)")
        db.commit()
        start = time.perf_counter()  # from the same event dicts: converting them is part of the work
        for i in range(0, len(rows), BATCH):
            values = [
                (
                    r["at"],
                    r["operator"],
                    r["desk"],
                    r["command"],
                    r["payload_digest"],
                    r["result"],
                    r["error_code"],
                    r["detail"],
                )
                for r in rows[i : i + BATCH]
            ]
            with db.transaction(), db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO raw_audit (at, operator, desk, command, payload_digest, result,"
                    " error_code, detail) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    values,
                )
        return len(rows) / (time.perf_counter() - start)


def event_insert_pg(quick: bool) -> list[Result]:
    from citybrain.core.testing.postgres import ThrowawayPostgres, postgres_available

    reason = postgres_available()
    if reason:
        print(f"event_insert_pg skipped: {reason}", file=sys.stderr)
        return []
    rows = _rows(20_000 if quick else 100_000)
    ours, raw = [], []
    with ThrowawayPostgres() as cluster:
        for _ in range(3):  # alternating rounds, medians: this machine's noise hits both
            url = cluster.new_database()
            ours.append(_ours(rows, url))
            raw.append(_raw_pg(rows, url))
    return [Result("event_insert_pg", median(ours), "rows/s", median(raw), ">= 0.5")]


BARE_TABLE = [
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, operator TEXT, desk TEXT, command TEXT,"
    " payload_digest TEXT, result TEXT, error_code TEXT, detail TEXT)"
]


def run(quick: bool) -> list[Result]:
    rows = _rows(50_000 if quick else 200_000)
    ours: list[float] = []
    raw: list[float] = []
    bare: list[float] = []
    for _ in range(3):  # alternating rounds, medians: one round each measured the disk's and the other core's moment
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b, tempfile.TemporaryDirectory() as c:
            url = sqlite_url(Path(a))
            ours.append(_ours(rows, url))
            raw.append(_raw(rows, Path(b), _audit_ddl(url)))
            bare.append(_raw(rows, Path(c), BARE_TABLE))
    extra = {"bare_table_ratio": round(median(ours) / median(bare), 3)}
    return [Result("event_insert", median(ours), "rows/s", median(raw), ">= 0.5", extra), *event_insert_pg(quick)]
