"""Check-in at shift start: each person on the roster checks in; later than the grace period is late, which the
board shows and the duty log records; not at all (once the grace period is over) shows on the board as missing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Boolean, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, Refused, Transaction, UTCDateTime, utcnow
from citybrain.plugins.duty import log
from citybrain.plugins.duty.tables import DutyAssignment

GRACE = timedelta(minutes=10)  # after the shift starts: later is late
EARLY = timedelta(hours=1)  # how long before a shift one may check in for it


class DutyCheckin(Base):
    __tablename__ = "duty_checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assignment: Mapped[str] = mapped_column(ForeignKey("duty_assignments.id"), unique=True)
    person: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    late: Mapped[bool] = mapped_column(Boolean, default=False)


def check_in(tx: Transaction, person: str, now: datetime | None = None) -> dict:
    """Check ``person`` in for the shift they are on (or about to start); refused when they are not on duty."""
    now = now or utcnow()
    A = DutyAssignment
    shift = tx.session.scalars(
        select(A).where(A.person == person, A.starts_at <= now + EARLY, A.ends_at > now).order_by(A.starts_at)
    ).first()
    if shift is None:
        raise Refused(f"{person} is not on duty now (nor within the hour)")
    if tx.session.scalars(select(DutyCheckin).where(DutyCheckin.assignment == shift.id)).first() is not None:
        raise Refused(f"{person} has already checked in for this shift")
    late = now > shift.starts_at + GRACE
    tx.session.add(DutyCheckin(assignment=shift.id, person=person, at=now, late=late))
    if late:
        minutes = int((now - shift.starts_at).total_seconds() // 60)
        log.write_system(tx, "other", shift.unit, f"{person} 签到迟到 {minutes} 分钟")
    return {"person": person, "assignment": shift.id, "at": now.isoformat(timespec="seconds"), "late": late}


def states(session: Session, assignment_ids: list[str]) -> dict[str, bool]:
    """Assignment id -> late flag, for those checked in."""
    rows = session.scalars(select(DutyCheckin).where(DutyCheckin.assignment.in_(assignment_ids)))
    return {c.assignment: c.late for c in rows}
