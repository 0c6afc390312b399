"""Scheduled reminders with acknowledgement: hourly checks, special-period duty, tasks from superiors.

A reminder falls due at its time (a durable timer: a restart neither loses nor repeats it), rings on the desks
and stays due until someone acknowledges it; the acknowledgement is kept and logged, and a repeating reminder
then waits for its next occurrence after now (missed ones are not rung again), up to its ``until``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (
    Base,
    ErrorCode,
    OpenItem,
    Refused,
    TimerInfo,
    Transaction,
    UTCDateTime,
    aware_time,
    get_or_refuse,
    utcnow,
)
from citybrain.core.times import utc_iso
from citybrain.plugins.duty import log

REMINDERS = "duty.reminders"
TIMER = "duty.reminder"
KINDS = ("check", "special", "task")  # hourly checks, special-period duty, tasks from superiors
AHEAD = timedelta(hours=12)  # waiting reminders a handover mentions


class DutyReminder(Base):
    __tablename__ = "duty_reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    unit: Mapped[str] = mapped_column(String(16))
    every_minutes: Mapped[int | None] = mapped_column(Integer)  # None: once
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the current occurrence
    state: Mapped[str] = mapped_column(String(12), default="waiting")  # waiting, due, done, cancelled
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    period: Mapped[str | None] = mapped_column(String(64))  # the heightened-duty period it was made for

    def record(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "unit": self.unit,
            "every_minutes": self.every_minutes,
            "state": self.state,
            "until": utc_iso(self.until),
            "due_at": utc_iso(self.due_at),
            "created_by": self.created_by,
        }


class DutyReminderAck(Base):
    __tablename__ = "duty_reminder_acks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reminder: Mapped[int] = mapped_column(ForeignKey("duty_reminders.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acked_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


def live(session: Session) -> list[dict]:
    rows = session.scalars(select(DutyReminder).where(DutyReminder.state.in_(("waiting", "due"))))
    return [r.record() for r in rows]


def create(tx: Transaction, p: dict, now: datetime | None = None) -> dict:
    now = now or utcnow()
    every = p.get("every_minutes")
    if every is not None and every < 1:
        raise Refused("every_minutes is at least 1", code=ErrorCode.INVALID_PAYLOAD)
    first = aware_time(p["first_at"], "first_at")
    until = aware_time(p["until"], "until") if p.get("until") else None
    if until is not None and until < first:
        raise Refused("until comes before the first reminder", code=ErrorCode.INVALID_PAYLOAD)
    if not p["title"].strip():
        raise Refused("a reminder needs a title", code=ErrorCode.INVALID_PAYLOAD)
    reminder = DutyReminder(
        title=p["title"].strip(),
        kind=p["kind"],
        unit=p["unit"],
        every_minutes=every,
        until=until,
        due_at=first,
        created_by=tx.caller.username or "system",
        created_at=now,
    )
    tx.session.add(reminder)
    tx.session.flush()
    _wait(tx, reminder, first)
    return reminder.record()


def _wait(tx: Transaction, reminder: DutyReminder, due: datetime) -> None:
    reminder.due_at, reminder.state = due, "waiting"
    tx.set_timer(TIMER, str(reminder.id), due, {"reminder": reminder.id})
    tx.put(REMINDERS, reminder.record())


def on_due(tx: Transaction, timer: TimerInfo) -> None:
    reminder = tx.session.get(DutyReminder, timer.payload["reminder"])
    if reminder is None or reminder.state != "waiting":
        return
    reminder.state = "due"
    tx.put(REMINDERS, reminder.record())


def acknowledge(tx: Transaction, p: dict, now: datetime | None = None) -> dict:
    """Acknowledge the occurrence that is due; a repeating reminder waits for its next one."""
    now = now or utcnow()
    reminder = get_or_refuse(tx.session, DutyReminder, p["reminder"], "reminder")
    if reminder.state != "due":
        raise Refused(f"reminder {reminder.id} is not due (it is {reminder.state})")
    who = tx.caller.username or "system"
    tx.session.add(
        DutyReminderAck(
            reminder=reminder.id, due_at=reminder.due_at, acked_at=now, acked_by=who, note=(p.get("note") or "").strip()
        )
    )
    log.write_system(
        tx,
        "action",
        reminder.unit,
        f"{who} 确认提醒：{reminder.title}" + (f"（{p['note'].strip()}）" if (p.get("note") or "").strip() else ""),
    )
    following = _next(reminder, now)
    if following is None:
        reminder.state = "done"
        tx.delete(REMINDERS, reminder.id)
    else:
        _wait(tx, reminder, following)
    return reminder.record()


def cancel(tx: Transaction, p: dict) -> dict:
    reminder = get_or_refuse(tx.session, DutyReminder, p["reminder"], "reminder")
    if reminder.state not in ("waiting", "due"):
        raise Refused(f"reminder {reminder.id} is already {reminder.state}")
    reminder.state = "cancelled"
    tx.cancel_timer(TIMER, str(reminder.id))
    tx.delete(REMINDERS, reminder.id)
    return reminder.record()


def _next(reminder: DutyReminder, now: datetime) -> datetime | None:
    """The first occurrence after ``now`` (occurrences missed meanwhile are skipped), or None when it is over."""
    if reminder.every_minutes is None:
        return None
    step = timedelta(minutes=reminder.every_minutes)
    due = reminder.due_at + step * max(1, int((now - reminder.due_at) / step) + 1)
    return None if reminder.until is not None and due > reminder.until else due


def open_items(session: Session, now: datetime) -> list[OpenItem]:
    """Reminders due and not yet acknowledged, and those falling due within the next hours."""
    rows = session.scalars(
        select(DutyReminder).where(DutyReminder.state.in_(("waiting", "due")), DutyReminder.due_at <= now + AHEAD)
    )
    return [
        OpenItem(
            "reminder",
            r.title,
            "due, not acknowledged" if r.state == "due" else "coming",
            r.due_at,
            f"{REMINDERS}/{r.id}",
            facts={"title": r.title, "state": r.state},
        )
        for r in rows
    ]
