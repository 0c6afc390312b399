"""Seekers from the people base: residents whose employment status says they are looking (``unemployed``, the 人社
sheet's 失业), alive, of working age and not yet seekers, placed at their compound's coordinates.  What they want
(occupation, wage, hours) is not in the base: they are matched on place and subsidies until 人社's register says
more (a later seeker import updates them by ID number)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from citybrain.core.api import Transaction, utcnow
from citybrain.core.district import Tree
from citybrain.plugins.jobs.imports import home
from citybrain.plugins.jobs.publish import search_record
from citybrain.plugins.jobs.tables import Seeker
from citybrain.plugins.people.tables import Benefit, Resident

LOOKING = ("unemployed",)
WORKING_AGE = (16, 65)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def enrol(tx: Transaction, payload: dict) -> dict:
    """Make seekers of the residents the base says are looking; ``{"enrolled": n, "skipped": m}`` (skipped: no
    compound with coordinates)."""
    today = date.today()
    known = set(tx.session.scalars(select(Seeker.id_number)))
    tree = Tree.load(tx.session)
    residents = tx.session.scalars(
        select(Resident).where(Resident.employment.in_(LOOKING), Resident.death_date.is_(None))
    ).all()
    running: dict[int, list[str]] = {}
    for resident_id, programme in tx.session.execute(
        select(Benefit.resident_id, Benefit.programme).where(
            Benefit.since <= today, Benefit.until.is_(None) | (Benefit.until >= today)
        )
    ):
        running.setdefault(resident_id, []).append(programme)
    now, made, skipped = utcnow(), [], 0
    for r in residents:
        if r.id_number in known or not WORKING_AGE[0] <= _age(r.birth_date, today) < WORKING_AGE[1]:
            continue
        compound = tree.units.get(r.compound or "")
        if compound is None or compound["lat"] is None:
            skipped += 1
            continue
        made.append(
            Seeker(
                id_number=r.id_number,
                resident=r.id,
                source="people",
                name=r.name,
                sex=r.sex,
                birth_date=r.birth_date,
                phone=r.phone,
                **home(tree, compound),
                occupation=None,
                skills="",
                education="none",
                wage=None,
                hours="any",
                minutes=15,
                transit=False,
                disability_grade=r.disability_grade,
                benefits=";".join(running.get(r.id, [])),
                registered_on=today,
                state="looking",
                changed_at=now,
            )
        )
    tx.session.add_all(made)
    tx.session.flush()
    for s in made:
        tx.put("jobs.searches", search_record(s))
    return {"enrolled": len(made), "skipped": skipped}
