"""The population base's tables: residents, households, benefits, what each source said, conflicts, reveals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime


class Household(Base):
    __tablename__ = "people_households"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)  # the civil-affairs household number (户号)
    compound: Mapped[str] = mapped_column(String(32), index=True)  # org units: compound, its committee, subdistrict
    committee: Mapped[str] = mapped_column(String(32), index=True)
    subdistrict: Mapped[str] = mapped_column(String(32), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")


class Resident(Base):
    """One person, consolidated from every source's latest sheet (:mod:`.consolidate`); ``committee`` places the
    record in the org tree (a committee's staff see their own residents)."""

    __tablename__ = "people_residents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # the key desks see, never the ID
    id_number: Mapped[str] = mapped_column(String(18), unique=True)  # GB 11643, check character verified
    name: Mapped[str] = mapped_column(String(50), index=True)
    sex: Mapped[str] = mapped_column(String(1))  # M, F (from the ID number)
    birth_date: Mapped[date] = mapped_column(Date)  # from the ID number
    household: Mapped[str | None] = mapped_column(ForeignKey("people_households.code"), index=True)
    compound: Mapped[str | None] = mapped_column(String(32), index=True)
    committee: Mapped[str | None] = mapped_column(String(32), index=True)
    subdistrict: Mapped[str | None] = mapped_column(String(32), index=True)
    hukou: Mapped[str] = mapped_column(String(16), default="")  # local, other_city, separated (人户分离)
    phone: Mapped[str] = mapped_column(String(20), default="")
    disability_grade: Mapped[int | None] = mapped_column(Integer)  # 1 (most severe) .. 4
    disability_kind: Mapped[str] = mapped_column(String(16), default="")  # vision, hearing, speech, physical, …
    income_band: Mapped[str] = mapped_column(String(16), default="")  # low, lower_middle, middle, high
    living_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    employment: Mapped[str] = mapped_column(String(16), default="")  # employed, unemployed, retired, student, none
    health: Mapped[str] = mapped_column(String(300), default="")  # conditions, ';'-separated (masked)
    veteran: Mapped[bool] = mapped_column(Boolean, default=False)
    death_date: Mapped[date | None] = mapped_column(Date)
    sources: Mapped[str] = mapped_column(String(100), default="")  # the sources listing them, ';'-separated
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Benefit(Base):
    """A benefit a resident receives: its programme's code, since, until (None: still running)."""

    __tablename__ = "people_benefits"
    __table_args__ = (UniqueConstraint("resident_id", "programme", "since"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people_residents.id"), index=True)
    programme: Mapped[str] = mapped_column(String(32), index=True)
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16))


class SourceFacts(Base):
    """What one source's latest sheet says of one resident (the fields it gives, JSON): kept apart, so that sources
    that disagree are listed as conflicts, never merged silently."""

    __tablename__ = "people_source_facts"
    __table_args__ = (UniqueConstraint("resident_id", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people_residents.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))
    facts: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(200))
    row: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Conflict(Base):
    """Sources disagreeing about a resident: ``dead_alive``, ``moved``, ``name``, or ``twice`` (one person, it seems,
    under two ID numbers: same name, sex and birth date)."""

    __tablename__ = "people_conflicts"
    __table_args__ = (UniqueConstraint("kind", "resident_id", "other_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people_residents.id"), index=True)
    other_id: Mapped[int] = mapped_column(Integer, default=0)  # ``twice``: the other record; else 0
    detail: Mapped[str] = mapped_column(Text)  # JSON: each source's value
    committee: Mapped[str | None] = mapped_column(String(32), index=True)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Reveal(Base):
    """Who saw a resident's masked fields, when, from which desk, and why (rows nobody may change)."""

    __tablename__ = "people_reveals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people_residents.id"), index=True)
    operator: Mapped[str] = mapped_column(String(64))
    desk: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
