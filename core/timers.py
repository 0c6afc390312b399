"""Durable timers: deadlines that survive a daemon restart and fire exactly once.

A timer is a row (kind, key, due time, payload).  The daemon fires a due
timer by running its kind's handler and marking the row fired in the same
transaction, so a crash either leaves both undone (the timer fires after the
restart) or both done (it never fires again).  A timer that fell due while
the daemon was down fires once when it starts.  One pending timer per
(kind, key): setting it again moves it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.storage.engine import Base, UTCDateTime, utcnow

PENDING, FIRED, FAILED, CANCELLED = "pending", "fired", "failed", "cancelled"


class Timer(Base):
    __tablename__ = "cb_timers"
    __table_args__ = (Index("ix_cb_timers_state_due", "state", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(128), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    fired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class TimerInfo:
    """What a timer handler gets: ``handler(tx, timer)``."""

    id: int
    kind: str
    key: str
    due_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class TimerSpec:
    """Handles every due timer of ``kind`` in the one writer; raising rolls it back and marks it failed."""

    kind: str
    handler: Callable[[Any, TimerInfo], None]


def set_timer(session: Session, kind: str, key: str, due_at: datetime, payload: dict | None = None) -> Timer:
    """Create or move the pending timer ``(kind, key)``: the one pending before is cancelled, a new row added (its
    id is known once the session flushes)."""
    cancel_timer(session, kind, key)
    timer = Timer(kind=kind, key=str(key), state=PENDING, created_at=utcnow())
    move(timer, due_at, payload)
    session.add(timer)
    return timer


def move(timer: Timer, due_at: datetime, payload: dict | None = None) -> None:
    """Set a timer row not yet committed to ``due_at`` with ``payload``, pending (a transaction that sets the same
    timer several times, as a case walked through several steps in one, writes one row)."""
    if due_at.tzinfo is None:
        raise ValueError("naive datetime: timers are due at timezone-aware times")
    timer.due_at, timer.state = due_at, PENDING
    timer.payload = json.dumps(payload or {}, ensure_ascii=False)


def cancel_timer(session: Session, kind: str, key: str) -> bool:
    """One UPDATE, no flush of the session's other work (a timer moves with every step of a case)."""
    with session.no_autoflush:
        result = session.execute(
            update(Timer)
            .where(Timer.kind == kind, Timer.key == str(key), Timer.state == PENDING)
            .values(state=CANCELLED)
            .execution_options(synchronize_session=False)
        )
    assert isinstance(result, CursorResult)  # an UPDATE's result: it counts the rows it matched
    return bool(result.rowcount)


def pending(session: Session) -> list[tuple[datetime, int]]:
    return [(due, id_) for due, id_ in session.execute(select(Timer.due_at, Timer.id).where(Timer.state == PENDING))]


def info(timer: Timer) -> TimerInfo:
    return TimerInfo(timer.id, timer.kind, timer.key, timer.due_at, json.loads(timer.payload or "{}"))
