"""The duty log: append-only, enforced by the database itself (a trigger refuses UPDATE and DELETE on SQLite and
PostgreSQL alike), so no code path — ours, a plugin's or a SQL console's — can rewrite what was logged.
A correction is a new entry that names the one it corrects."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (
    Base,
    ErrorCode,
    Refused,
    Transaction,
    UTCDateTime,
    aware_time,
    get_or_refuse,
    refuse_changes,
    utcnow,
)
from citybrain.plugins.duty.tables import DutyAssignment

LOG = "duty.log"
CATEGORIES = ("call", "instruction", "report", "action", "other")  # call received, instruction from a superior,
# report sent, action taken, other
RECENT = 300  # entries desks hold live; older ones are a search away


class DutyLogEntry(Base):
    __tablename__ = "duty_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # the daemon's clock, never the author's
    event_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # when it happened, as entered
    category: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    corrects: Mapped[int | None] = mapped_column(ForeignKey("duty_log.id"))

    def record(self) -> dict:
        return {
            "id": self.id,
            "recorded_at": self.recorded_at.astimezone(UTC).isoformat(timespec="seconds"),
            "event_at": self.event_at.astimezone(UTC).isoformat(timespec="seconds"),
            "category": self.category,
            "unit": self.unit,
            "author": self.author,
            "text": self.text,
            "corrects": self.corrects,
        }


refuse_changes(DutyLogEntry.__table__, "duty log entries are never changed or deleted: write a correction")


def recent(session: Session) -> list[dict]:
    rows = session.scalars(select(DutyLogEntry).order_by(DutyLogEntry.id.desc()).limit(RECENT))
    return [r.record() for r in rows]


def write(tx: Transaction, payload: dict) -> dict:
    """One entry, timed by the daemon; ``corrects`` must name an existing entry."""
    event_at = aware_time(payload["event_at"], "event_at")
    corrects = payload.get("corrects")
    if corrects is not None:
        get_or_refuse(tx.session, DutyLogEntry, corrects, "log entry")
    if not payload["text"].strip():
        raise Refused("an entry needs text", code=ErrorCode.INVALID_PAYLOAD)
    entry = DutyLogEntry(
        recorded_at=utcnow(),
        event_at=event_at,
        category=payload["category"],
        unit=payload["unit"],
        author=tx.caller.username or "system",
        text=payload["text"].strip(),
        corrects=corrects,
    )
    tx.session.add(entry)
    tx.session.flush()
    tx.put(LOG, entry.record())
    return entry.record()


def write_system(tx: Transaction, category: str, unit: str, text: str) -> dict:
    """An entry the daemon itself writes (a missed reporting deadline): author "system", event time now."""
    now = utcnow()
    entry = DutyLogEntry(recorded_at=now, event_at=now, category=category, unit=unit, author="system", text=text)
    tx.session.add(entry)
    tx.session.flush()
    tx.put(LOG, entry.record())
    return entry.record()


def search(
    session: Session, start: datetime, end: datetime, category: str | None = None, text: str | None = None
) -> list[dict]:
    query = select(DutyLogEntry).where(DutyLogEntry.event_at >= start, DutyLogEntry.event_at < end)
    if category:
        query = query.where(DutyLogEntry.category == category)
    if text:
        query = query.where(DutyLogEntry.text.contains(text))
    return [r.record() for r in session.scalars(query.order_by(DutyLogEntry.event_at, DutyLogEntry.id))]


TITLE = "区城运中心 · 区应急局 · 总值班室"  # the units keeping joint duty (data: their names)


def report(
    session: Session, start: datetime, end: datetime, category: str | None, text: str | None, prepared_by: str
) -> dict:
    """A duty log for a period in the spirit of ICS-214: who was on duty (the resources), the timed entries."""
    A = DutyAssignment
    shifts = session.scalars(select(A).where(A.starts_at < end, A.ends_at > start).order_by(A.starts_at, A.unit))
    return {
        "title": TITLE,
        "start": start.astimezone(UTC).isoformat(timespec="minutes"),
        "end": end.astimezone(UTC).isoformat(timespec="minutes"),
        "prepared_by": prepared_by,
        "prepared_at": utcnow().isoformat(timespec="seconds"),
        "resources": [
            {
                "unit": a.unit,
                "position": a.position,
                "shift": a.shift,
                "person": a.person,
                "starts_at": a.starts_at.astimezone(UTC).isoformat(timespec="minutes"),
            }
            for a in shifts
        ],
        "entries": search(session, start, end, category, text),
    }
