"""The personal queries: seekers found (masked), one seeker's top vacancies, one vacancy's top seekers, and the
pushes.  Each answer is a list whose rows carry the seeker's committee, so the daemon leaves out the rows outside the
caller's unit (``place="committee"``); each is audited (``personal=True``).  ID numbers and phones are masked as the
people base masks them."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from citybrain.core.api import ErrorCode, Refused, get_or_refuse, limit_of
from citybrain.core.times import utc_iso
from citybrain.plugins.jobs import matching, subsidies
from citybrain.plugins.jobs.occupations import classification
from citybrain.plugins.jobs.publish import vacancy_record
from citybrain.plugins.jobs.tables import Push, Seeker, Vacancy
from citybrain.plugins.people import privacy

MATCH_FIELDS = ("id", "occupation", "lat", "lon", "education", "hours", "skills", "wage", "minutes", "transit")
VACANCY_FIELDS = ("id", "occupation", "lat", "lon", "education", "hours", "requirements", "wage_min", "wage_max")


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def seeker_record(s: Seeker, today: date) -> dict:
    """A seeker as a desk sees one: the ID number and phone masked."""
    return {
        "id": s.id,
        "name": s.name,
        "sex": s.sex,
        "age": _age(s.birth_date, today),
        "id_masked": privacy.id_number(s.id_number),
        "phone_masked": privacy.phone(s.phone),
        "source": s.source,
        "compound": s.compound,
        "committee": s.committee,
        "subdistrict": s.subdistrict,
        "lat": s.lat,
        "lon": s.lon,
        "occupation": s.occupation,
        "occupation_name": classification().names.get(s.occupation or "", ""),
        "skills": [w for w in s.skills.split(";") if w],
        "education": s.education,
        "wage": s.wage,
        "hours": s.hours,
        "minutes": s.minutes,
        "transit": s.transit,
        "registered_on": s.registered_on.isoformat(),
        "state": s.state,
    }


def _side_rows(session: Session, model: type, names: tuple[str, ...], *where: ColumnElement[bool]) -> list[dict]:
    columns = [getattr(model, n) for n in names]
    return [dict(zip(names, row, strict=True)) for row in session.execute(select(*columns).where(*where))]


def open_vacancy_side(session: Session) -> matching.Side:
    return matching.vacancies(_side_rows(session, Vacancy, VACANCY_FIELDS, Vacancy.filled < Vacancy.openings))


def looking_side(session: Session, *where: ColumnElement[bool]) -> matching.Side:
    return matching.seekers(_side_rows(session, Seeker, MATCH_FIELDS, Seeker.state == "looking", *where))


def search(session: Session, params: dict, caller: object) -> list[dict]:
    """Seekers by name (part of one), org unit (compound, committee or subdistrict) and state; by name."""
    query = select(Seeker)
    text = (params.get("text") or "").strip()
    if len(text) > 50:
        raise Refused("a search text is at most 50 characters", code=ErrorCode.INVALID_PAYLOAD)
    if text:
        query = query.where(Seeker.name.contains(text))
    unit = params.get("unit")
    if unit:
        query = query.where((Seeker.compound == unit) | (Seeker.committee == unit) | (Seeker.subdistrict == unit))
    query = query.where(Seeker.state == (params.get("state") or "looking"))
    today = date.today()
    found = session.scalars(query.order_by(Seeker.name, Seeker.id).limit(limit_of(params, 200, 2_000)))
    return [seeker_record(s, today) for s in found]


def _match_row(m: matching.Match, vacancy: dict, seeker: Seeker, brings: list[dict]) -> dict:
    return {
        "seeker": m.seeker,
        "vacancy": m.vacancy,
        "score": m.score,
        "reasons": m.reasons,
        "subsidies": brings,
        "committee": seeker.committee,
        "vacancy_record": vacancy,
    }


def for_seeker(session: Session, params: dict, caller: object) -> list[dict]:
    """One looking seeker's best vacancies inside their circle, best first, with the reasons and the subsidies a
    hire would bring."""
    seeker = get_or_refuse(session, Seeker, params["seeker"], "looking seeker", only=lambda s: s.state == "looking")
    k = limit_of(params, 10, 100)
    found = matching.top_matches(looking_side(session, Seeker.id == seeker.id), open_vacancy_side(session), k)[0]
    brings = subsidies.brought(subsidies.tags(session), seeker.id)
    by_id = {v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_([m.vacancy for m in found])))}
    return [_match_row(m, vacancy_record(by_id[m.vacancy]), seeker, brings) for m in found]


def for_vacancy(session: Session, params: dict, caller: object) -> list[dict]:
    """One open vacancy's best seekers (those it lies inside the circle of), best first, with the reasons; each
    row a masked seeker (rows of seekers outside the caller's unit are left out by the daemon)."""
    vacancy = get_or_refuse(session, Vacancy, params["vacancy"], "open vacancy", only=lambda v: v.filled < v.openings)
    k = limit_of(params, 10, 100)
    side = matching.vacancies([{n: getattr(vacancy, n) for n in VACANCY_FIELDS}])
    found = matching.top_seekers(looking_side(session), side, k)
    seekers = {s.id: s for s in session.scalars(select(Seeker).where(Seeker.id.in_([m.seeker for m in found])))}
    result, today = subsidies.tags(session), date.today()
    return [
        {
            **_match_row(m, vacancy_record(vacancy), seekers[m.seeker], subsidies.brought(result, m.seeker)),
            "seeker_record": seeker_record(seekers[m.seeker], today),
        }
        for m in found
    ]


def push_record(p: Push) -> dict:
    return {
        "id": p.id,
        "seeker": p.seeker,
        "vacancy": p.vacancy,
        "subdistrict": p.subdistrict,
        "committee": p.committee,
        "channel": p.channel,
        "score": p.score,
        "reasons": json.loads(p.reasons),
        "subsidies": [s for s in p.subsidy.split(";") if s],
        "by": p.by,
        "pushed_at": utc_iso(p.pushed_at),
        "sent_at": utc_iso(p.sent_at),
        "response": p.response,
        "responded_at": utc_iso(p.responded_at),
        "interview_at": utc_iso(p.interview_at),
        "hired_at": utc_iso(p.hired_at),
    }


def pushes(session: Session, params: dict, caller: object) -> list[dict]:
    """The pushes of one seeker, one vacancy, or one subdistrict, newest first."""
    query = select(Push)
    for name in ("seeker", "vacancy", "subdistrict"):
        if params.get(name) is not None:
            query = query.where(getattr(Push, name) == params[name])
    found = session.scalars(query.order_by(Push.pushed_at.desc(), Push.id.desc()).limit(limit_of(params, 200, 5_000)))
    return [push_record(p) for p in found]
