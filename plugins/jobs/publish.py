"""What desks get of the jobs tables: vacancies open or lately filled (no personal data) and open searches (a seeker's
key, place and what they look for: no name, no ID number, no phone), both placed in the org tree."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from citybrain.core.times import utc_iso
from citybrain.plugins.jobs.occupations import classification
from citybrain.plugins.jobs.tables import Seeker, Vacancy

FILLED_SHOWN = timedelta(days=30)  # a filled vacancy stays in the list, marked filled, this long


def vacancy_record(v: Vacancy) -> dict:
    return {
        "id": v.id,
        "enterprise": v.enterprise,
        "credit_code": v.credit_code,
        "employer": v.employer,
        "subdistrict": v.subdistrict,
        "title": v.title,
        "occupation": v.occupation,
        "occupation_name": classification().names.get(v.occupation, ""),
        "wage_min": v.wage_min,
        "wage_max": v.wage_max,
        "hours": v.hours,
        "requirements": [w for w in v.requirements.split(";") if w],
        "education": v.education,
        "openings": v.openings,
        "filled": v.filled,
        "remaining": max(v.openings - v.filled, 0),  # openings minus hires: 0 is a filled vacancy
        "filled_on": v.filled_on.isoformat() if v.filled_on else None,
        "lat": v.lat,
        "lon": v.lon,
        "posted_on": v.posted_on.isoformat(),
        "changed_at": utc_iso(v.changed_at),
    }


SEARCH_COLUMNS = (
    Seeker.id,
    Seeker.committee,
    Seeker.subdistrict,
    Seeker.occupation,
    Seeker.hours,
    Seeker.registered_on,
)  # what a search record needs of a seeker


def search_record(s: Seeker | Row) -> dict:
    """A search as desks get it, from a seeker or a row of :data:`SEARCH_COLUMNS`."""
    return {
        "id": s.id,
        "committee": s.committee,
        "subdistrict": s.subdistrict,
        "occupation": s.occupation,
        "hours": s.hours,
        "registered_on": s.registered_on.isoformat(),
    }


def listed_vacancies(session: Session) -> list[dict]:
    """The open vacancies and those filled in the last :data:`FILLED_SHOWN`."""
    since = date.today() - FILLED_SHOWN
    listed = (Vacancy.filled < Vacancy.openings) | (Vacancy.filled_on >= since)
    return [vacancy_record(v) for v in session.scalars(select(Vacancy).where(listed))]


def open_searches(session: Session) -> list[dict]:
    return [search_record(s) for s in session.scalars(select(Seeker).where(Seeker.state == "looking"))]
