"""The hotline's tickets, the category catalogue they use, patrol records, and the KPI history kept for trends."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime
from citybrain.core.times import utc_iso as iso

SATISFACTION = ("satisfied", "basic", "unsatisfied")  # 满意, 基本满意, 不满意; None: not rated
CHANNELS = ("phone", "app", "web", "wechat", "open311", "other")
TEAM_TYPES = ("inspection", "enforcement", "supervision")


class Ticket(Base):
    """One 12345 ticket.  ``resolved`` is None while the outcome is not known (excluded from the resolution rate)."""

    __tablename__ = "metrics_tickets"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(64))  # a second-level code of the catalogue
    subdistrict: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float)  # WGS84
    lon: Mapped[float | None] = mapped_column(Float)
    first_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handling_unit: Mapped[str] = mapped_column(String(200), default="")
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    satisfaction: Mapped[str | None] = mapped_column(String(16))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(64), default="")  # the file or system it came from
    case_id: Mapped[int | None] = mapped_column(Integer)  # the case it opened in the shared loop
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # every write: the KPIs' input stamp

    def record(self) -> dict:
        return {
            "id": self.id,
            "received_at": iso(self.received_at),
            "channel": self.channel,
            "category": self.category,
            "subdistrict": self.subdistrict,
            "address": self.address,
            "lat": self.lat,
            "lon": self.lon,
            "first_contact_at": iso(self.first_contact_at) if self.first_contact_at else None,
            "handling_unit": self.handling_unit,
            "resolved": self.resolved,
            "satisfaction": self.satisfaction,
            "reopen_count": self.reopen_count,
            "description": self.description,
            "source": self.source,
            "case_id": self.case_id,
        }


class Category(Base):
    """A ticket category: level 1 (``parent`` None) or level 2; ``contact_hours`` is the first-contact limit."""

    __tablename__ = "metrics_categories"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent: Mapped[str | None] = mapped_column(String(64))
    contact_hours: Mapped[float] = mapped_column(Float, default=24.0)


class Patrol(Base):
    """One patrol: a team of a type out on a day in an area, with the problems it found and handled."""

    __tablename__ = "metrics_patrols"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_type: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date, index=True)
    area: Mapped[str] = mapped_column(String(64))  # a subdistrict code (or a name when the sheet gives one)
    found: Mapped[int] = mapped_column(Integer, default=0)
    handled: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(64), default="")


class Snapshot(Base):
    """A KPI's headline value each time it changed: the history trend lines read."""

    __tablename__ = "metrics_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    metric: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    period: Mapped[str] = mapped_column(String(32))
    value: Mapped[float | None] = mapped_column(Float)


class GovernanceScore(Base):
    """One district's governance satisfaction (群众满意度) in one month of the city's ranking, as the city publishes
    it: a percentage from its surveys, and the district's rank among the city's districts that month."""

    __tablename__ = "metrics_governance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[int] = mapped_column(Integer, index=True)  # YYYYMM
    district: Mapped[str] = mapped_column(String(64))  # the district's name as the ranking writes it
    value: Mapped[float] = mapped_column(Float)  # a fraction: 0.9273 is 92.73 %
    rank: Mapped[int] = mapped_column(Integer)  # the city's, or worked out from the month's values when not given
    source: Mapped[str] = mapped_column(String(64), default="")  # the file it came from
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Provenance(Base):
    """Where a KPI's figures come from, for the desks to say so: in a demo database one row (metric ``*``, source
    ``demo``) says every figure is made up, and rows of source ``seed`` name the figures that are the case study's
    own (a KPI, a breakdown and a group: ``hotline.satisfaction``, ``hotline_year``, ``2023``)."""

    __tablename__ = "metrics_provenance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    metric: Mapped[str] = mapped_column(String(100))  # a KPI id, or * for every KPI
    dimension: Mapped[str] = mapped_column(String(32), default="")  # "" with metric *: the whole database
    grp: Mapped[str] = mapped_column(String(64), default="")  # the group, as text (2023, 2023-07, a unit code)
    source: Mapped[str] = mapped_column(String(8))  # seed or demo

    def record(self) -> dict:
        return {
            "id": self.id,
            "metric": self.metric,
            "dimension": self.dimension,
            "group": self.grp,
            "source": self.source,
        }
