"""Teams with their members and areas, plans, patrol records (path points as JSON) and the problems found on them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime
from citybrain.core.times import utc_iso as iso


class Team(Base):
    __tablename__ = "patrols_teams"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    type: Mapped[str] = mapped_column(String(16))  # inspection, enforcement, supervision
    name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(32))  # the org unit the team belongs to (a department)
    areas: Mapped[str] = mapped_column(Text, default="[]")  # JSON: org unit codes it patrols
    members: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [{name, phone, role}] — personal

    def record(self) -> dict:
        return {
            "code": self.code,
            "type": self.type,
            "name": self.name,
            "unit": self.unit,
            "areas": json.loads(self.areas),
            "members": json.loads(self.members),
        }


class Plan(Base):
    """Where (an area, or a route of points), when (weekdays and a start time) and what to check."""

    __tablename__ = "patrols_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team: Mapped[str] = mapped_column(ForeignKey("patrols_teams.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    area: Mapped[str] = mapped_column(String(32))  # org unit code
    route: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[lon, lat], ...] (WGS84); empty: the whole area
    days: Mapped[str] = mapped_column(String(20), default="[1,2,3,4,5]")  # JSON ISO weekdays
    start: Mapped[str] = mapped_column(String(5), default="09:00")  # local time
    minutes: Mapped[int] = mapped_column(Integer, default=120)
    checks: Mapped[str] = mapped_column(Text, default="[]")  # JSON: check codes from the team's checklist
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def record(self) -> dict:
        return {
            "id": self.id,
            "team": self.team,
            "name": self.name,
            "area": self.area,
            "route": json.loads(self.route),
            "days": json.loads(self.days),
            "start": self.start,
            "minutes": self.minutes,
            "checks": json.loads(self.checks),
            "active": self.active,
        }


class Patrol(Base):
    """One patrol: started, its path points, finished with the checks done."""

    __tablename__ = "patrols_patrols"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team: Mapped[str] = mapped_column(String(32))
    team_type: Mapped[str] = mapped_column(String(16))
    plan: Mapped[int | None] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(32))  # org unit code
    subdistrict: Mapped[str | None] = mapped_column(String(32))  # the area's subdistrict (KPI breakdown)
    # server defaults: a bulk insert (the demo's year of records) leaves these out
    state: Mapped[str] = mapped_column(String(12), server_default="finished")  # active, finished
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())  # no index: a year of rows goes in at once
    seconds: Mapped[int | None] = mapped_column(Integer)  # how long it lasted, once finished (the end: start + this)
    started_by: Mapped[str] = mapped_column(String(64), server_default="")
    member: Mapped[str | None] = mapped_column(String(100))  # the team member started_by is linked to: personal
    path: Mapped[str] = mapped_column(Text, server_default="[]")  # JSON [[lon, lat, seconds since start], ...]
    checks: Mapped[str] = mapped_column(Text, server_default="[]")  # JSON: check codes done

    def ended_at(self) -> datetime | None:
        return None if self.seconds is None else self.started_at + timedelta(seconds=self.seconds)

    def record(self) -> dict:
        path = json.loads(self.path)
        return {
            "id": self.id,
            "team": self.team,
            "team_type": self.team_type,
            "plan": self.plan,
            "area": self.area,
            "state": self.state,
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at()),
            "started_by": self.started_by,
            "member": self.member,
            "points": len(path),
            "last": path[-1][:2] if path else None,
            "checks": json.loads(self.checks),
        }


class Problem(Base):
    """A problem found on a patrol: where (the unit whose area holds it), its photo, its case and whether handled."""

    __tablename__ = "patrols_problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    patrol: Mapped[int] = mapped_column(ForeignKey("patrols_patrols.id"), index=True)
    team_type: Mapped[str] = mapped_column(String(16))
    found_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    title: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20), default="")  # case type
    unit: Mapped[str] = mapped_column(String(32))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    photo: Mapped[str] = mapped_column(String(300), default="")  # a reference (URL or file id), not the picture
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)  # open, handled, unhandled
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def record(self) -> dict:
        return {
            "id": self.id,
            "patrol": self.patrol,
            "team_type": self.team_type,
            "found_at": iso(self.found_at),
            "title": self.title,
            "type": self.type,
            "unit": self.unit,
            "lat": self.lat,
            "lon": self.lon,
            "photo": self.photo,
            "case": self.case_id,
            "state": self.state,
            "handled_at": iso(self.handled_at),
        }


class Recheck(Base):
    """A supervision patrol's re-check of a handled case: passed, or the case reopened with the reason."""

    __tablename__ = "patrols_rechecks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    patrol: Mapped[int] = mapped_column(ForeignKey("patrols_patrols.id"), index=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    passed: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(64), default="")
