"""Enterprise demands (诉求) as a closed loop: received → assigned (to a department) → in progress → answered →
the enterprise's feedback → closed, or reopened when it is not satisfied.

When the cases plugin is there, assigning opens a case of the category's type for the department in the shared
loop (so the department works it with every other case, and the loop's deadlines escalate it); each step here
moves the case along with it, and a case resolved on the case desk answers the demand.  The demand's own due date
is a durable timer: past it, unanswered, it is overdue and escalates (department head, then district leader).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, TimerInfo, Transaction, UTCDateTime, get_or_refuse, utcnow
from citybrain.core.district import DEPARTMENT, Tree
from citybrain.core.times import utc_iso
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.enterprise import DEMANDS, config
from citybrain.plugins.enterprise.tables import Enterprise
from citybrain.plugins.enterprise.visits import enterprise

DUE = "enterprise.demand.due"  # timer kind
OPEN_STATES = ("received", "assigned", "in_progress", "answered", "reopened")
WORKING = ("assigned", "in_progress", "reopened")  # a department has it
ESCALATION = ("department", "department head", "district leader")
STEPS = {"assign": ("received",), "start": ("assigned", "reopened"), "answer": WORKING, "feedback": ("answered",)}
# how the case follows: the case actions that take it from its state to the demand's step
CASE_PATH: dict[str, dict[str, tuple[str, ...]]] = {
    "in_progress": {"dispatched": ("accept", "start"), "accepted": ("start",)},
    "resolved": {"dispatched": ("accept", "resolve"), "accepted": ("resolve",), "in_progress": ("resolve",)},
    "closed": {"resolved": ("verify", "close"), "verified": ("close",)},
    "reopened": {"resolved": ("reopen",), "verified": ("reopen",)},
}


class Demand(Base):
    __tablename__ = "enterprise_demands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise_enterprises.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(Integer)  # the visit it was raised at
    category: Mapped[str] = mapped_column(String(16), index=True)  # configs/enterprise/demands.toml
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(String(32), default="", index=True)  # an org unit of kind department
    state: Mapped[str] = mapped_column(String(12), index=True)
    case_id: Mapped[int | None] = mapped_column(Integer)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the first answer: time to resolve
    answer: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    satisfied: Mapped[bool | None] = mapped_column(Boolean)  # the enterprise's last feedback
    rating: Mapped[int | None] = mapped_column(Integer)  # 1-5
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    escalations: Mapped[int] = mapped_column(Integer, default=0)
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    history: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"at", "by", "step", "note"}]

    def record(self, company: Enterprise) -> dict:
        category = config.categories().get(self.category)
        return {
            "id": self.id,
            "enterprise_id": self.enterprise_id,
            "name": company.name,
            "subdistrict": company.subdistrict,
            "visit": self.visit_id,
            "category": self.category,
            "category_name": category.name if category else self.category,
            "title": self.title,
            "description": self.description,
            "department": self.department,
            "state": self.state,
            "case": self.case_id,
            "raised_at": utc_iso(self.raised_at),
            "due_at": utc_iso(self.due_at),
            "answered_at": utc_iso(self.answered_at),
            "answer": self.answer,
            "closed_at": utc_iso(self.closed_at),
            "satisfied": self.satisfied,
            "rating": self.rating,
            "reopened": self.reopened,
            "escalations": self.escalations,
            "escalated_to": ESCALATION[min(self.escalations, 2)],
            "overdue": self.overdue,
            "history": json.loads(self.history),
        }


def due_after(start: datetime, days: int) -> datetime:
    """``days`` working days after ``start``, at the same time of day."""
    moment, calendar = start, WorkCalendar.shipped()
    while days > 0:
        moment += timedelta(days=1)
        days -= calendar.is_working_day(moment.astimezone(calendar.zone).date())
    return moment


def open_demands(session: Session) -> list[dict]:
    rows = session.execute(
        select(Demand, Enterprise)
        .join(Enterprise, Enterprise.id == Demand.enterprise_id)
        .where(Demand.state.in_(OPEN_STATES))
    )
    return [d.record(e) for d, e in rows]


def _stamp(tx: Transaction, demand: Demand, step: str, note: str = "", at: datetime | None = None) -> None:
    history = json.loads(demand.history)
    history.append({"at": utc_iso(at or utcnow()), "by": tx.caller.username or "system", "step": step, "note": note})
    demand.history = json.dumps(history, ensure_ascii=False)


def _publish(tx: Transaction, demand: Demand) -> dict:
    record = demand.record(tx.session.get_one(Enterprise, demand.enterprise_id))
    if demand.state in OPEN_STATES:
        tx.put(DEMANDS, record)
    else:
        tx.delete(DEMANDS, demand.id)
    return record


def raise_demand(tx: Transaction, p: dict) -> dict:
    """A demand received (at a visit or otherwise); due after its category's working days."""
    company = enterprise(tx, p["enterprise"])
    if p["category"] not in config.categories():
        raise Refused(f"category is one of {', '.join(config.categories())}", code=ErrorCode.INVALID_PAYLOAD)
    if not p["title"].strip():
        raise Refused("a demand needs a title", code=ErrorCode.INVALID_PAYLOAD)
    now = utcnow()
    demand = Demand(
        enterprise_id=company.id,
        visit_id=p.get("visit"),
        category=p["category"],
        title=p["title"].strip()[:200],
        description=(p.get("description") or "").strip(),
        state="received",
        raised_at=now,
        due_at=due_after(now, config.categories()[p["category"]].days),
        history="[]",
        reopened=0,
        escalations=0,
        overdue=False,
    )
    _stamp(tx, demand, "received", at=now)
    tx.session.add(demand)
    tx.session.flush()
    tx.set_timer(DUE, str(demand.id), demand.due_at, {"escalations": 0})
    return _publish(tx, demand)


def _case_to(tx: Transaction, demand: Demand, target: str, reason: str = "") -> None:
    if demand.case_id is None or not tx.offers("cases.act"):
        return
    from citybrain.core.cases.model import Case

    case = tx.session.get(Case, demand.case_id)
    if case is None:
        return
    for action in CASE_PATH[target].get(case.state, ()):
        tx.call("cases.act", {"case": case.id, "action": action} | ({"reason": reason} if reason else {}))


def _assign(tx: Transaction, demand: Demand, department: str | None) -> None:
    unit = department or config.categories()[demand.category].department
    if Tree.load(tx.session).units.get(unit, {}).get("kind") != DEPARTMENT:
        raise Refused(f"{unit!r} is not a department of the org tree", code=ErrorCode.INVALID_PAYLOAD)
    demand.department = unit
    if tx.offers("cases.open"):
        company = tx.session.get_one(Enterprise, demand.enterprise_id)
        category = config.categories()[demand.category]
        payload: dict[str, object] = {
            "source": "enterprise",
            "type": category.case_type,
            "unit": unit,
            "priority": "medium",
            "title": f"{category.name} · {company.name}"[:200],
            "description": demand.description or demand.title,
            "source_ref": f"{DEMANDS}/{demand.id}",
        }
        payload |= {k: v for k, v in (("address", company.address), ("lat", company.lat), ("lon", company.lon)) if v}
        demand.case_id = tx.call("cases.open", payload)["id"]


def act(tx: Transaction, p: dict) -> dict:
    """One step of the loop, refused (saying from which states it may be taken) when the demand is elsewhere."""
    demand = get_or_refuse(tx.session, Demand, p["demand"], "demand")
    action, note = p["action"], (p.get("note") or p.get("answer") or p.get("reason") or "").strip()
    if demand.state not in STEPS[action]:
        raise Refused(
            f"demand {demand.id} is {demand.state}: {action} needs it {' or '.join(STEPS[action])}",
            details={"state": demand.state, "action": action},
        )
    now = utcnow()
    if action == "assign":
        _assign(tx, demand, p.get("department"))
        demand.state, note = "assigned", demand.department
    elif action == "start":
        demand.state = "in_progress"
        _case_to(tx, demand, "in_progress")
    elif action == "answer":
        if not note:
            raise Refused("an answer says what was done", code=ErrorCode.INVALID_PAYLOAD)
        demand.state, demand.answer, demand.answered_at = "answered", note, demand.answered_at or now
        _case_to(tx, demand, "resolved")
    else:
        _feedback(tx, demand, p, note, now)
    _stamp(tx, demand, demand.state, note, now)
    return _publish(tx, demand)


def _feedback(tx: Transaction, demand: Demand, p: dict, note: str, now: datetime) -> None:
    rating = p.get("rating")
    if rating is not None and not 1 <= rating <= 5:
        raise Refused("a rating is from 1 to 5", code=ErrorCode.INVALID_PAYLOAD)
    demand.satisfied, demand.rating = p.get("satisfied"), rating
    if demand.satisfied is None:
        raise Refused("feedback says whether the enterprise is satisfied", code=ErrorCode.INVALID_PAYLOAD)
    if demand.satisfied:
        demand.state, demand.closed_at = "closed", now
        tx.cancel_timer(DUE, str(demand.id))
        _case_to(tx, demand, "closed")
        return
    if not note:
        raise Refused(
            "an enterprise not satisfied says why: the demand is reopened with it", code=ErrorCode.INVALID_PAYLOAD
        )
    demand.state, demand.reopened, demand.overdue = "reopened", demand.reopened + 1, False
    demand.due_at = due_after(now, config.categories()[demand.category].days)
    tx.set_timer(DUE, str(demand.id), demand.due_at, {"escalations": demand.escalations})
    _case_to(tx, demand, "reopened", note)


def on_due(tx: Transaction, timer: TimerInfo) -> None:
    """Past its due date and not answered: overdue, one level up; again after as many days, up to the top."""
    demand = tx.session.get(Demand, int(timer.key))
    if demand is None or demand.state not in ("received", *WORKING):
        return
    demand.overdue, demand.escalations = True, min(demand.escalations + 1, len(ESCALATION) - 1)
    _stamp(tx, demand, "overdue", f"escalated to the {ESCALATION[demand.escalations]}")
    if demand.escalations < len(ESCALATION) - 1:
        tx.set_timer(
            DUE,
            str(demand.id),
            due_after(utcnow(), config.categories()[demand.category].days),
            {"escalations": demand.escalations},
        )
    _publish(tx, demand)


def follow_cases(tx: Transaction) -> int:
    """Demands whose case a department resolved on the case desk: answered with what the case says."""
    if not tx.offers("cases.open"):
        return 0
    from citybrain.core.cases.model import Case

    rows = tx.session.execute(
        select(Demand, Case)
        .join(Case, Case.id == Demand.case_id)
        .where(Demand.state.in_(WORKING), Case.state.in_(("resolved", "verified")))
    ).all()
    for demand, case in rows:
        demand.state, demand.answered_at = "answered", demand.answered_at or case.resolved_at
        demand.answer = f"resolved in case {case.id} by {case.resolved_by_unit or case.owner}"
        _stamp(tx, demand, "answered", demand.answer)
        _publish(tx, demand)
    return len(rows)


def of_enterprise(session: Session, enterprise_id: int) -> list[dict]:
    company = session.get(Enterprise, enterprise_id)
    if company is None:
        return []
    return [
        d.record(company)
        for d in session.scalars(
            select(Demand).where(Demand.enterprise_id == enterprise_id).order_by(Demand.raised_at.desc())
        )
    ]
