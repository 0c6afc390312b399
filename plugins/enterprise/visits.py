"""Visit plans (who visits whom, when; a warning turns into a planned visit) and visit records (date, visitors,
findings, the demands raised there)."""

from __future__ import annotations

import functools
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (
    Base,
    ErrorCode,
    FormDef,
    Refused,
    Transaction,
    UTCDateTime,
    bundled_form,
    get_or_refuse,
    utcnow,
)
from citybrain.plugins.enterprise import PLANS, WARNINGS
from citybrain.plugins.enterprise.tables import Enterprise
from citybrain.plugins.enterprise.warnings import Warning


@functools.cache
def visit_form() -> FormDef:
    """configs/enterprise/visit_form.toml, read and checked on first use (nothing is read at import)."""
    return bundled_form("enterprise", "visit_form.toml")


class VisitPlan(Base):
    __tablename__ = "enterprise_visit_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise_enterprises.id"), index=True)
    planned_for: Mapped[date] = mapped_column(Date)
    visitors: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text, default="")
    warning_id: Mapped[int | None] = mapped_column(Integer)  # the warning it answers
    state: Mapped[str] = mapped_column(String(10), default="planned", index=True)  # planned, done
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def record(self, enterprise: Enterprise) -> dict:
        return {
            "id": self.id,
            "enterprise_id": self.enterprise_id,
            "name": enterprise.name,
            "subdistrict": enterprise.subdistrict,
            "planned_for": self.planned_for.isoformat(),
            "visitors": self.visitors,
            "purpose": self.purpose,
            "warning": self.warning_id,
            "state": self.state,
        }


class Visit(Base):
    __tablename__ = "enterprise_visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise_enterprises.id"), index=True)
    plan_id: Mapped[int | None] = mapped_column(Integer)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    visitors: Mapped[str] = mapped_column(String(300))
    department: Mapped[str] = mapped_column(String(32), default="")  # the visiting team's unit
    findings: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def record(self) -> dict:
        return {
            "id": self.id,
            "enterprise_id": self.enterprise_id,
            "plan": self.plan_id,
            "visited_on": self.visited_on.isoformat(),
            "visitors": self.visitors,
            "department": self.department,
            "findings": self.findings,
        }


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused(f"{name} must be a date like 2026-12-01, not {value!r}", code=ErrorCode.INVALID_PAYLOAD) from None


def enterprise(tx: Transaction, enterprise_id: int) -> Enterprise:
    return get_or_refuse(tx.session, Enterprise, enterprise_id, "enterprise")


def open_plans(session: Session) -> list[dict]:
    rows = session.execute(
        select(VisitPlan, Enterprise)
        .join(Enterprise, Enterprise.id == VisitPlan.enterprise_id)
        .where(VisitPlan.state == "planned")
    )
    return [p.record(e) for p, e in rows]


def plan(tx: Transaction, p: dict) -> dict:
    """Plan a visit; from a warning, the warning shows it is planned."""
    target = enterprise(tx, p["enterprise"])
    if not p["visitors"].strip():
        raise Refused("a visit plan names who visits", code=ErrorCode.INVALID_PAYLOAD)
    made = VisitPlan(
        enterprise_id=target.id,
        planned_for=_day(p["planned_for"], "planned_for"),
        visitors=p["visitors"].strip(),
        purpose=(p.get("purpose") or "").strip(),
        warning_id=p.get("warning"),
        created_by=tx.caller.username or "",
        created_at=utcnow(),
    )
    if made.warning_id is not None:
        warning = get_or_refuse(
            tx.session,
            Warning,
            made.warning_id,
            f"open warning of {target.name}",
            only=lambda w: w.enterprise_id == target.id and w.state in ("open", "planned"),
        )
        warning.state = "planned"
        tx.put(WARNINGS, warning.record(target))
    tx.session.add(made)
    tx.session.flush()
    tx.put(PLANS, made.record(target))
    return made.record(target)


def record_visit(tx: Transaction, p: dict) -> dict:
    """A visit made (planned or not): its plan is done.  Demands raised there are raised with ``visit``.  The record
    is checked with the visit form the desk fills in (configs/enterprise/visit_form.toml)."""
    target = enterprise(tx, p["enterprise"])
    given = {key: p.get(key) for key in ("visited_on", "visitors", "department", "findings")}
    clean, errors = visit_form().check({k: v for k, v in given.items() if v is not None})
    if errors:
        raise Refused(
            f"the visit record is not valid ({', '.join(f'{k}: {e}' for k, e in sorted(errors.items()))})",
            {"reason": "invalid_answers", "fields": errors},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    visit = Visit(
        enterprise_id=target.id,
        plan_id=p.get("plan"),
        visited_on=_day(clean["visited_on"], "visited_on"),
        visitors=clean["visitors"],
        department=clean.get("department", ""),
        findings=clean.get("findings", ""),
        recorded_by=tx.caller.username or "",
        recorded_at=utcnow(),
    )
    if visit.plan_id is not None:
        planned = get_or_refuse(
            tx.session,
            VisitPlan,
            visit.plan_id,
            f"open visit plan of {target.name}",
            only=lambda v: v.enterprise_id == target.id and v.state == "planned",
        )
        planned.state = "done"
        tx.delete(PLANS, planned.id)
    tx.session.add(visit)
    tx.session.flush()
    return visit.record()


def of_enterprise(session: Session, enterprise_id: int) -> list[dict]:
    return [
        v.record()
        for v in session.scalars(
            select(Visit).where(Visit.enterprise_id == enterprise_id).order_by(Visit.visited_on.desc())
        )
    ]
