"""The roster's tables: people, and one row per person per shift (the roster as imported, swaps applied)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime


class DutyPerson(Base):
    __tablename__ = "duty_people"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    phone: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(16))


class DutyAssignment(Base):
    __tablename__ = "duty_assignments"

    id: Mapped[str] = mapped_column(String(160), primary_key=True)
    date: Mapped[str] = mapped_column(String(10), index=True)  # ISO day of the shift's start
    unit: Mapped[str] = mapped_column(String(16))
    position: Mapped[str] = mapped_column(String(16))
    shift: Mapped[str] = mapped_column(String(16))
    person: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
