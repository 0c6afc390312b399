"""Swap requests: an officer asks to hand a shift to someone else; the duty leader approves or refuses; either way
it is recorded (the command audit and the duty log), and an approved swap is checked like an import would be."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, Refused, Transaction, UTCDateTime, get_or_refuse, utcnow
from citybrain.plugins.duty import log
from citybrain.plugins.duty.tables import DutyAssignment, DutyPerson

SWAPS = "duty.swaps"


class DutySwap(Base):
    __tablename__ = "duty_swaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assignment: Mapped[str] = mapped_column(String(160))
    from_person: Mapped[str] = mapped_column(String(64))
    to_person: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending, approved, refused
    asked_by: Mapped[str] = mapped_column(String(64))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")

    def record(self) -> dict:
        return {
            "id": self.id,
            "assignment": self.assignment,
            "from": self.from_person,
            "to": self.to_person,
            "reason": self.reason,
            "state": self.state,
            "asked_by": self.asked_by,
            "asked_at": self.asked_at.isoformat(timespec="seconds"),
        }


def pending(session: Session) -> list[dict]:
    return [s.record() for s in session.scalars(select(DutySwap).where(DutySwap.state == "pending"))]


def request(tx: Transaction, p: dict) -> dict:
    shift = get_or_refuse(tx.session, DutyAssignment, p["assignment"], "shift on the roster")
    if shift.ends_at <= utcnow():
        raise Refused("that shift is over: it cannot be swapped")
    get_or_refuse(tx.session, DutyPerson, p["to"], "person")
    swap = DutySwap(
        assignment=shift.id,
        from_person=shift.person,
        to_person=p["to"],
        reason=p.get("reason") or "",
        asked_by=tx.caller.username or "",
        asked_at=utcnow(),
    )
    tx.session.add(swap)
    tx.session.flush()
    tx.put(SWAPS, swap.record())
    return swap.record()


def decide(tx: Transaction, p: dict) -> dict:
    swap = get_or_refuse(tx.session, DutySwap, p["swap"], "pending swap", only=lambda found: found.state == "pending")
    shift = tx.session.get_one(DutyAssignment, swap.assignment)
    if p["approve"]:
        A = DutyAssignment
        clash = tx.session.scalars(
            select(A).where(A.person == swap.to_person, A.starts_at < shift.ends_at, A.ends_at > shift.starts_at)
        ).first()
        if clash is not None:
            raise Refused(
                f"{swap.to_person} is already on duty then ({clash.date} {clash.unit}/{clash.position}): "
                "the swap would put one person in two places"
            )
        shift.person = swap.to_person
    swap.state = "approved" if p["approve"] else "refused"
    swap.decided_by, swap.decided_at, swap.note = tx.caller.username or "", utcnow(), p.get("note") or ""
    log.write_system(
        tx,
        "other",
        shift.unit,
        f"换班 {swap.from_person} → {swap.to_person}（{shift.date}）"
        f"{swap.decided_by} {'批准' if p['approve'] else '不批准'}：{swap.note}",
    )
    tx.delete(SWAPS, swap.id)
    return {"id": swap.id, "state": swap.state}
