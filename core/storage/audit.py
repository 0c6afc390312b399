"""The audit log: every command, accepted or refused, with who, where, what and when."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.storage.engine import Base, UTCDateTime, utcnow


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


def payload_digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def record(session: Session, *, operator: str | None, desk: str | None, command: str, payload: bytes,
           result: str, error_code: str | None = None, detail: str | None = None) -> AuditEntry:
    """Add an audit row to ``session``; the caller commits it with the command's own changes."""
    entry = AuditEntry(at=utcnow(), operator=operator, desk=desk, command=command,
                       payload_digest=payload_digest(payload), result=result, error_code=error_code, detail=detail)
    session.add(entry)
    return entry


def tail(session: Session, n: int = 50) -> list[dict]:
    """The newest ``n`` entries, newest first, as plain dicts."""
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n))
    return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "operator": r.operator, "desk": r.desk,
             "command": r.command, "result": r.result, "error_code": r.error_code, "detail": r.detail}
            for r in rows]
