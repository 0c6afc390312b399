"""The jobs tables: seekers, vacancies, and pushes (each push row also holds what came of it)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime


class Seeker(Base):
    """A job seeker: from the people base (``resident`` set, ``source`` people) or the 人社 sheet (``source`` hr).
    Personal: read only through the personal queries; ``committee`` places a seeker in the org tree."""

    __tablename__ = "jobs_seekers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)  # GB 11643; never leaves the daemon unmasked
    resident: Mapped[int | None] = mapped_column(Integer, index=True)  # people_residents.id when known
    source: Mapped[str] = mapped_column(String(8))  # people, hr
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str] = mapped_column(String(1))  # M, F (from the ID number)
    birth_date: Mapped[date] = mapped_column(Date)  # from the ID number
    phone: Mapped[str] = mapped_column(String(20), default="")
    compound: Mapped[str | None] = mapped_column(String(32), index=True)  # home: the compound's coordinates
    committee: Mapped[str | None] = mapped_column(String(32), index=True)
    subdistrict: Mapped[str | None] = mapped_column(String(32), index=True)
    lat: Mapped[float | None] = mapped_column(Float)  # WGS84
    lon: Mapped[float | None] = mapped_column(Float)
    occupation: Mapped[str | None] = mapped_column(String(10))  # wanted: a GB/T 6565 code (None: not said)
    skills: Mapped[str] = mapped_column(String(500), default="")  # skills and certificates held, ';'-separated
    education: Mapped[str] = mapped_column(String(12), default="none")
    wage: Mapped[int | None] = mapped_column(Integer)  # the least monthly wage wanted, yuan
    hours: Mapped[str] = mapped_column(String(8), default="any")  # full, part, flexible, any
    minutes: Mapped[int] = mapped_column(Integer, default=15)  # the longest trip to work, one way
    transit: Mapped[bool] = mapped_column(Boolean, default=False)  # will take the bus or metro
    disability_grade: Mapped[int | None] = mapped_column(Integer)  # 1..4, for the subsidy rules
    benefits: Mapped[str] = mapped_column(String(200), default="")  # running programmes (DIBAO…), ';'-separated
    registered_on: Mapped[date] = mapped_column(Date)  # looking since
    state: Mapped[str] = mapped_column(String(10), default="looking", index=True)  # looking, hired, withdrawn
    hired_on: Mapped[date | None] = mapped_column(Date)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Vacancy(Base):
    """A vacancy of an enterprise in the registry (joined by its credit code); placed by the enterprise's
    subdistrict.  ``filled`` counts the hires; it closes when they reach ``openings``.  Its natural key is the credit
    code and ``reference`` (the employer's own; without one, the title and the workplace): a repeated import updates
    the vacancy (imports.vacancy_key)."""

    __tablename__ = "jobs_vacancies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise: Mapped[int] = mapped_column(Integer, index=True)  # enterprise_enterprises.id
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    reference: Mapped[str] = mapped_column(String(40), default="", index=True)  # the employer's own ("" when none)
    employer: Mapped[str] = mapped_column(String(200))  # the enterprise's name when imported
    subdistrict: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(100))
    occupation: Mapped[str] = mapped_column(String(10))  # a detailed GB/T 6565 occupation
    wage_min: Mapped[int] = mapped_column(Integer)  # monthly, yuan
    wage_max: Mapped[int] = mapped_column(Integer)
    hours: Mapped[str] = mapped_column(String(8))  # full, part, flexible
    requirements: Mapped[str] = mapped_column(String(500), default="")  # skills and certificates, ';'-separated
    education: Mapped[str] = mapped_column(String(12), default="none")  # the least required
    openings: Mapped[int] = mapped_column(Integer)
    filled: Mapped[int] = mapped_column(Integer, default=0)
    lat: Mapped[float] = mapped_column(Float)  # the workplace, WGS84
    lon: Mapped[float] = mapped_column(Float)
    posted_on: Mapped[date] = mapped_column(Date)
    filled_on: Mapped[date | None] = mapped_column(Date)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Push(Base):
    """One vacancy pushed to one seeker, and what came of it: sent (by the notifier), the answer, the interview,
    the hire.  ``subdistrict`` is the seeker's (the KPIs count by it)."""

    __tablename__ = "jobs_pushes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seeker: Mapped[int] = mapped_column(Integer, index=True)
    vacancy: Mapped[int] = mapped_column(Integer, index=True)
    subdistrict: Mapped[str | None] = mapped_column(String(32), index=True)
    committee: Mapped[str | None] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # sms, app, wechat, outbox…: the notifier's word
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the match's reasons when pushed
    subsidy: Mapped[str] = mapped_column(String(200), default="")  # the subsidies a hire would bring, ';'-separated
    by: Mapped[str] = mapped_column(String(64))
    pushed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response: Mapped[str | None] = mapped_column(String(12))  # interested, declined
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interview_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
