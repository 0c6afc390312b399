"""Engine, declarative base and sessions: SQLite (WAL) by default, any SQLAlchemy URL by config."""

from __future__ import annotations

import contextlib
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import DateTime, Engine, MetaData, Table, create_engine, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every table of the core and of every plugin; constraint names are stable across backends."""

    metadata = MetaData(naming_convention=NAMING)
    # a mapped class has one Table; SQLAlchemy types the attribute as the wider FromClause
    __table__: ClassVar[Table]


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC on the way in and out, on SQLite (which stores naive) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware UTC times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir).resolve() / 'citybrain.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, open transactions: then DDL is
    # transactional too and a failed migration leaves nothing behind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")  # audit and acknowledgements survive a power cut
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def private_dir(path: Path) -> Path:
    """``path`` as a folder, created readable by its owner alone (0700) when it is new; an existing one is kept
    as it is (IT may have set its group on purpose)."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)  # mkdir's mode is masked by the umask
    return path


def _private_file(path: Path) -> None:
    """Create ``path`` empty, 0600, when it does not exist: SQLite then opens it as a new database and gives its
    -wal and -shm files the same mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and synchronous=FULL on every connection, and a
    new database file is created 0600 in a folder created 0700."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_dir(Path(parsed.database).parent)
            _private_file(Path(parsed.database))
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine
    return create_engine(url, pool_pre_ping=True)


def session_factory(engine: Engine, closing: threading.Event | None = None) -> sessionmaker[Session]:
    """Sessions on ``engine``; with ``closing``, a long read in one of them (:func:`frames.read_frame`) stops with
    :class:`DatabaseClosing` once it is set."""
    return sessionmaker(engine, expire_on_commit=False, info={CLOSING: closing} if closing is not None else None)


CLOSING = "citybrain.closing"  # a session's info: the Event its database sets as it closes


class DatabaseClosing(BaseException):
    """A long read abandoned because the daemon is stopping, not finished: it would hold the stop until it was.
    A BaseException, as asyncio's cancellation is: a plugin's ``except Exception`` around its computation (a
    KPI's, kept from stopping the others) must not log it as its own failure and go on to the next read."""


def check_open(session: Session) -> None:
    """Raise :class:`DatabaseClosing` if ``session``'s database is closing (a long read calls it between chunks)."""
    closing = session.info.get(CLOSING)
    if closing is not None and closing.is_set():
        raise DatabaseClosing("the database is closing")
