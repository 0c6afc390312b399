"""Cases and their history (tables), the catalogue of case types and their time limits."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.config import bundled
from citybrain.core.storage.engine import Base, UTCDateTime

NEW, DISPATCHED, ACCEPTED, IN_PROGRESS, RESOLVED, VERIFIED, CLOSED, CANCELLED = (
    "new",
    "dispatched",
    "accepted",
    "in_progress",
    "resolved",
    "verified",
    "closed",
    "cancelled",
)
STATES = (NEW, DISPATCHED, ACCEPTED, IN_PROGRESS, RESOLVED, VERIFIED, CLOSED, CANCELLED)
FINAL = (CLOSED, CANCELLED)
PRIORITIES = ("urgent", "high", "medium", "low")
SOURCES = ("sensor", "hotline", "patrol", "enterprise", "incident", "manual", "warning", "other")


class Case(Base):
    __tablename__ = "cb_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(20))
    source_ref: Mapped[str] = mapped_column(String(120), default="")  # the alarm, ticket or demand it came from
    type: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(32), index=True)  # where: the org unit it happened in
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float)  # WGS84
    lon: Mapped[float | None] = mapped_column(Float)
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of references (URLs, file ids)
    state: Mapped[str] = mapped_column(String(16), index=True)
    owner: Mapped[str | None] = mapped_column(String(32), index=True)  # the unit that must act now
    chain: Mapped[str] = mapped_column(Text, default="[]")  # JSON: owners level by level, escalation order
    level: Mapped[int] = mapped_column(Integer, default=0)  # index in chain
    levels: Mapped[str] = mapped_column(Text, default="[]")  # JSON: every owner it passed, with when and why
    escalations: Mapped[int] = mapped_column(Integer, default=0)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(Text, default="")  # the last rejection, reopening or cancellation
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    opened_by: Mapped[str] = mapped_column(String(64), default="")
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_unit: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CaseEvent(Base):
    """One step of a case's history: who did what, when, from which state to which, and why."""

    __tablename__ = "cb_case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cb_cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    operator: Mapped[str] = mapped_column(String(64), default="")  # "system" for escalations
    desk: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")


@dataclass(frozen=True)
class CaseType:
    code: str
    name: str
    name_en: str
    category: str
    accept: timedelta
    resolve: timedelta
    working_hours: bool
    department: str = ""  # the owning department (an org unit code; '' in the shipped fallback)
    line: str = ""  # the line it belongs to (12345, greenery, environment...)
    receiver: str = ""  # the line or patrol team that receives it
    level: str = "medium"  # the priority a case of this type gets when its opener names none
    source: str = ""  # where the item comes from, or "illustrative"


@dataclass(frozen=True)
class Catalogue:
    types: dict[str, CaseType]
    priority_factor: dict[str, float]

    def limit(self, type_code: str, priority: str, stage: str) -> tuple[timedelta, bool]:
        """The time allowed for ``stage`` ("accept" or "resolve") and whether it counts working hours only."""
        kind = self.types[type_code]
        return getattr(kind, stage) * self.priority_factor.get(priority, 1.0), kind.working_hours

    @classmethod
    def from_items(cls, items: list[dict], priority_factor: dict[str, float]) -> Catalogue:
        """From the event catalogue's items (:mod:`citybrain.core.cases.catalogue`: imported or shipped)."""
        return cls(
            {
                i["code"]: CaseType(
                    i["code"],
                    i["name"],
                    i["name_en"] or i["name"],
                    i["category"],
                    timedelta(minutes=i["accept_minutes"]),
                    timedelta(hours=i["resolve_hours"]),
                    bool(i["working_hours"]),
                    i["department"],
                    i["line"],
                    i["receiver"],
                    i["level"],
                    i["source"],
                )
                for i in items
            },
            priority_factor,
        )

    @classmethod
    def shipped(cls) -> Catalogue:
        """The shipped catalogue (the demo's), as it applies before any import."""
        from citybrain.core.cases import catalogue

        items, report = catalogue.parse(catalogue.SHIPPED[-1], catalogue.shipped_bytes(), None)
        if report.errors:
            raise ValueError(f"the shipped event catalogue is broken: {report.errors[:3]}")
        return cls.from_items(items, priority_factors())

    @classmethod
    def load(cls, session: Session) -> Catalogue:
        """The imported catalogue, or the shipped one while none was imported."""
        from citybrain.core.cases import catalogue

        items = catalogue.stored(session)
        return cls.from_items(items, priority_factors()) if items else cls.shipped()

    def records(self) -> list[dict]:
        return [
            {
                "code": t.code,
                "name": t.name,
                "name_en": t.name_en,
                "category": t.category,
                "accept_minutes": t.accept.total_seconds() / 60,
                "resolve_hours": t.resolve.total_seconds() / 3600,
                "working_hours": t.working_hours,
                "department": t.department,
                "line": t.line,
                "receiver": t.receiver,
                "level": t.level,
                "source": t.source,
            }
            for t in self.types.values()
        ]


def priority_factors() -> dict[str, float]:
    """How each priority scales a type's deadlines (configs/cases/catalogue.toml)."""
    data = tomllib.loads(bundled("citybrain.configs", "cases", "catalogue.toml").read_text(encoding="utf-8"))
    return {p: float(f) for p, f in data.get("priority_factor", {}).items()}


def case_record(case: Case) -> dict:
    """What desks see of a case in the live collection."""

    def iso(t: datetime | None) -> str | None:
        return t.isoformat(timespec="seconds") if t else None

    return {
        "id": case.id,
        "source": case.source,
        "source_ref": case.source_ref,
        "type": case.type,
        "title": case.title,
        "description": case.description,
        "priority": case.priority,
        "unit": case.unit,
        "address": case.address,
        "lat": case.lat,
        "lon": case.lon,
        "attachments": json.loads(case.attachments),
        "state": case.state,
        "owner": case.owner,
        "level": case.level,
        "chain": json.loads(case.chain),
        "levels": json.loads(case.levels),
        "escalations": case.escalations,
        "reopened": case.reopened,
        "reason": case.reason,
        "opened_at": iso(case.opened_at),
        "opened_by": case.opened_by,
        "dispatched_at": iso(case.dispatched_at),
        "accepted_at": iso(case.accepted_at),
        "resolved_at": iso(case.resolved_at),
        "due_at": iso(case.due_at),
    }
