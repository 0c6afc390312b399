"""The audit log: every command, accepted or refused, with who, where, what and when.

Append-only in the database itself (triggers refuse UPDATE and DELETE, as for the duty log), and a row never fails
for its length: what a peer sent (a desk id, a user name, a command name) is cut to the column's length, marked
with "…", so a long value is still audited rather than making the insert fail (PostgreSQL refuses overlong text).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.storage.engine import Base, UTCDateTime, utcnow
from citybrain.core.storage.guards import guard_existing, refuse_changes
from citybrain.core.validation import max_length


class AuditEntry(Base):
    __tablename__ = "cb_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    operator: Mapped[str | None] = mapped_column(String(64))
    desk: Mapped[str | None] = mapped_column(String(128))
    command: Mapped[str] = mapped_column(String(128), index=True)
    payload_digest: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(16))  # "ok" or "error"
    error_code: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)  # short human text; never a password
    note: Mapped[str | None] = mapped_column(String(64))  # what a command that went through did, by its code
    parts: Mapped[str | None] = mapped_column(Text)  # the note's parts (a JSON object): desks word it from them


APPEND_ONLY = "the audit log is append-only: its entries are never changed or deleted"
refuse_changes(AuditEntry.__table__, APPEND_ONLY)
DETAIL_CHARS = 500  # the longest detail kept (an error message)
PART_CHARS = 200  # the longest text part of a note kept
Part = str | int | float | None


def guard(conn: Connection) -> None:
    """Core schema v2: a database created before the audit log was append-only gets its triggers."""
    guard_existing(conn, AuditEntry.__table__, APPEND_ONLY)


def _fit(value: str | None, limit: int) -> str | None:
    return value if value is None or len(value) <= limit else value[: limit - 1] + "…"


def payload_digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def record(
    session: Session,
    *,
    operator: str | None,
    desk: str | None,
    command: str,
    payload: bytes,
    result: str,
    error_code: str | None = None,
    detail: str | None = None,
    note: str | None = None,
    parts: Mapping[str, Part] | None = None,
) -> AuditEntry:
    """Add an audit row to ``session``; the caller commits it with the command's own changes.

    ``detail`` is English, for the daemon's log and IT; ``note`` (a code, named after its plugin as commands are:
    ``jobs.withdrawn``) and its ``parts`` say the same for desks, which word it in their language (the desk hook
    ``citybrain_audit_notes``)."""
    column = AuditEntry.__table__.c
    entry = AuditEntry(
        at=utcnow(),
        operator=_fit(operator, max_length(column.operator)),
        desk=_fit(desk, max_length(column.desk)),
        command=_fit(command, max_length(column.command)),
        payload_digest=payload_digest(payload),
        result=result,
        error_code=_fit(error_code, max_length(column.error_code)),
        detail=_fit(detail, DETAIL_CHARS),
        note=_fit(note, max_length(column.note)),
        parts=None
        if parts is None
        else json.dumps({k: _fit(v, PART_CHARS) if isinstance(v, str) else v for k, v in parts.items()}),
    )
    session.add(entry)
    return entry


def tail(session: Session, n: int = 50) -> list[dict]:
    """The newest ``n`` entries, newest first, as plain dicts."""
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n))
    return [
        {
            "id": r.id,
            "at": r.at.isoformat(timespec="seconds"),
            "operator": r.operator,
            "desk": r.desk,
            "command": r.command,
            "result": r.result,
            "error_code": r.error_code,
            "detail": r.detail,
            "note": r.note,
            "parts": json.loads(r.parts) if r.parts else None,
        }
        for r in rows
    ]
