"""Shift handover (交接班): compiled, signed by both officers, then frozen.

The outgoing officer drafts a handover: the daemon compiles what is still waiting for someone from every plugin
(``tx.open_items``: open incidents and their next deadline, overdue cases, alarms, reminders due) beside the
officer's free-text notes; a draft can be compiled again as often as wanted.  Submitting signs the draft exactly as
it was shown.  The incoming officer accepts it, or returns it with a question (the outgoing then drafts anew,
answering it).  Signatures are the operators' own logins: the one who accepts or returns must not be the one who
submitted.  Accepted and returned handovers are final, and the database refuses to change them.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, Transaction, UTCDateTime, get_or_refuse, refuse_changes, utcnow
from citybrain.core.times import utc_iso as iso
from citybrain.plugins.duty import log
from citybrain.plugins.duty.tables import DutyAssignment, DutyPerson

HANDOVERS = "duty.handovers"
RECENT = 50  # handovers desks hold live
LATE = timedelta(hours=4)  # how long after a shift ends its officer may still hand it over
STATES = ("draft", "submitted", "returned", "accepted")


class DutyHandover(Base):
    __tablename__ = "duty_handovers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assignment: Mapped[str] = mapped_column(ForeignKey("duty_assignments.id"), index=True)  # the outgoing shift
    unit: Mapped[str] = mapped_column(String(16))
    position: Mapped[str] = mapped_column(String(16))
    outgoing: Mapped[str] = mapped_column(String(64))
    incoming: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(12), default="draft")
    items: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of OpenItem.as_dict(), as compiled
    notes: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    replaces: Mapped[int | None] = mapped_column(ForeignKey("duty_handovers.id"))  # the returned one it answers
    compiled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def record(self) -> dict:
        return {
            "id": self.id,
            "assignment": self.assignment,
            "unit": self.unit,
            "position": self.position,
            "outgoing": self.outgoing,
            "incoming": self.incoming,
            "state": self.state,
            "items": json.loads(self.items),
            "notes": self.notes,
            "question": self.question,
            "replaces": self.replaces,
            "compiled_at": iso(self.compiled_at),
            "submitted_by": self.submitted_by,
            "submitted_at": iso(self.submitted_at),
            "decided_by": self.decided_by,
            "decided_at": iso(self.decided_at),
        }


refuse_changes(
    DutyHandover.__table__,
    "an accepted or returned handover is final: it cannot be changed",
    when="OLD.state IN ('accepted', 'returned')",
)


def recent(session: Session) -> list[dict]:
    rows = session.scalars(select(DutyHandover).order_by(DutyHandover.id.desc()).limit(RECENT))
    return [h.record() for h in rows]


def _outgoing_shift(tx: Transaction, person: str, now: datetime) -> DutyAssignment:
    A = DutyAssignment
    shift = tx.session.scalars(
        select(A).where(A.person == person, A.starts_at <= now, A.ends_at > now - LATE).order_by(A.ends_at.desc())
    ).first()
    if shift is None:
        raise Refused(f"{person} has no shift ending now to hand over")
    return shift


def _incoming(tx: Transaction, shift: DutyAssignment, named: str | None) -> str:
    """Who takes over: the person named, or whoever the roster puts on the same post next."""
    if named:
        get_or_refuse(tx.session, DutyPerson, named, "person")
        return named
    A = DutyAssignment
    following = tx.session.scalars(
        select(A)
        .where(
            A.unit == shift.unit, A.position == shift.position, A.starts_at >= shift.ends_at - LATE, A.id != shift.id
        )
        .order_by(A.starts_at)
    ).all()
    first = [a.person for a in following if a.starts_at == following[0].starts_at] if following else []
    if len(first) != 1:
        raise Refused(
            f"name the incoming officer: the roster has {', '.join(first) or 'no one'} next at "
            f"{shift.unit}/{shift.position}"
        )
    return first[0]


def draft(tx: Transaction, p: dict, now: datetime | None = None) -> dict:
    """Compile (or compile again) the outgoing officer's draft for the shift they are ending."""
    now = now or utcnow()
    shift = _outgoing_shift(tx, p["person"], now)
    handover = tx.session.scalars(
        select(DutyHandover).where(DutyHandover.assignment == shift.id, DutyHandover.state.in_(("draft", "submitted")))
    ).first()
    if handover is not None and handover.state == "submitted":
        raise Refused(f"handover {handover.id} is already submitted: the incoming officer accepts or returns it")
    incoming = _incoming(tx, shift, p.get("to"))
    items = json.dumps([item.as_dict() for item in tx.open_items(now)], ensure_ascii=False)
    if handover is None:
        returned = tx.session.scalars(
            select(DutyHandover)
            .where(DutyHandover.assignment == shift.id, DutyHandover.state == "returned")
            .order_by(DutyHandover.id.desc())
        ).first()
        handover = DutyHandover(
            assignment=shift.id,
            unit=shift.unit,
            position=shift.position,
            outgoing=shift.person,
            replaces=returned.id if returned else None,
        )
        tx.session.add(handover)
    handover.incoming, handover.items, handover.notes = incoming, items, (p.get("notes") or "").strip()
    handover.compiled_at = now
    tx.session.flush()
    tx.put(HANDOVERS, handover.record())
    return handover.record()


def _get(tx: Transaction, handover_id: int, state: str) -> DutyHandover:
    handover = get_or_refuse(tx.session, DutyHandover, handover_id, "handover")
    if handover.state != state:
        raise Refused(f"handover {handover_id} is {handover.state}, not {state}")
    return handover


def submit(tx: Transaction, p: dict) -> dict:
    """The outgoing officer signs the draft as compiled."""
    handover = _get(tx, p["handover"], "draft")
    handover.state, handover.submitted_by, handover.submitted_at = "submitted", tx.caller.username or "", utcnow()
    tx.put(HANDOVERS, handover.record())
    return handover.record()


def decide(tx: Transaction, p: dict) -> dict:
    """The incoming officer accepts, or returns it with a question; either way it is final."""
    handover = _get(tx, p["handover"], "submitted")
    if tx.caller.username and tx.caller.username == handover.submitted_by:
        raise Refused(
            "the incoming officer signs with their own login, not the one that submitted",
            details={"reason": "own_login"},
        )
    question = (p.get("question") or "").strip()
    if not p["accept"] and not question:
        raise Refused("say what is unclear: a returned handover needs a question", code=ErrorCode.INVALID_PAYLOAD)
    handover.state = "accepted" if p["accept"] else "returned"
    handover.question, handover.decided_by, handover.decided_at = question, tx.caller.username or "", utcnow()
    verb = "接班确认" if p["accept"] else f"退回：{question}"
    log.write_system(
        tx, "other", handover.unit, f"交接班 {handover.id} {handover.outgoing} → {handover.incoming} {verb}"
    )
    tx.put(HANDOVERS, handover.record())
    return handover.record()
