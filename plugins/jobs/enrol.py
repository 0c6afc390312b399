"""Seekers from the people base: residents whose employment status says they are looking (``unemployed``, the 人社
sheet's 失业), alive, of working age and not yet seekers, placed at their compound's coordinates.  The base also
withdraws the seekers it enrolled: one still looking whose resident no longer is (found work, retired, died, aged
out, or gone from the base) is ``withdrawn`` and leaves the desks' searches, pushes and matches; withdrawn so, they
are looking again (from that day) when the base says they are.  Seekers from 人社's register (``source`` hr) are the
register's to change, and a hired seeker stays hired: the base touches neither.  What they want
(occupation, wage, hours) is not in the base: they are matched on place and subsidies until 人社's register says
more (a later seeker import updates them by ID number).

Enrolment runs on command (``jobs.enrol``) and by itself: the ``jobs.enrol`` schedule looks every
``[plugins.jobs] enrol_every`` seconds (60) at a stamp of the people base (its residents' count and latest change,
and the day, for ages) and enrols when the stamp moved: as the daemon starts, within a minute of an import or an
edit changing residents' attributes, and once a day."""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import DaemonContext, Transaction, audit_record, utcnow
from citybrain.core.district import Tree
from citybrain.plugins.jobs import ENROL, WITHDRAWN
from citybrain.plugins.jobs.imports import home
from citybrain.plugins.jobs.publish import search_record
from citybrain.plugins.jobs.tables import Seeker
from citybrain.plugins.people.tables import Benefit, Resident

LOOKING = ("unemployed",)
WORKING_AGE = (16, 65)
ENROL_EVERY = 60.0  # seconds between looks at the people base's stamp ([plugins.jobs] enrol_every)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def eligible(resident: Resident | None, today: date) -> bool:
    """Whether the base says this resident is looking for work: unemployed, alive and of working age."""
    return (
        resident is not None
        and resident.employment in LOOKING
        and resident.death_date is None
        and WORKING_AGE[0] <= _age(resident.birth_date, today) < WORKING_AGE[1]
    )


def follow(tx: Transaction, today: date) -> tuple[list[Seeker], list[Seeker]]:
    """The people base's seekers brought up to it: those looking whose resident no longer is are withdrawn, those it
    withdrew whose resident is looking again are looking again.  Returns (withdrawn, back)."""
    rows = tx.session.execute(
        select(Seeker, Resident)
        .outerjoin(Resident, Resident.id_number == Seeker.id_number)
        .where(Seeker.source == "people", Seeker.state.in_(("looking", "withdrawn")))
    ).all()
    now, withdrawn, back = utcnow(), [], []
    for seeker, resident in rows:
        if seeker.state == "looking" and not eligible(resident, today):
            seeker.state, seeker.changed_at = "withdrawn", now
            tx.delete("jobs.searches", seeker.id)
            withdrawn.append(seeker)
        elif seeker.state == "withdrawn" and eligible(resident, today):
            seeker.state, seeker.registered_on, seeker.changed_at = "looking", today, now
            tx.put("jobs.searches", search_record(seeker))
            back.append(seeker)
    return withdrawn, back


def enrol(tx: Transaction, payload: dict) -> dict:
    """Make seekers of the residents the base says are looking and follow the base with those it made (:func:`follow`);
    ``{"enrolled": n, "skipped": m, "withdrawn": w, "back": b}`` (skipped: no compound with coordinates)."""
    today = date.today()
    withdrawn, back = follow(tx, today)
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
        if r.id_number in known or not eligible(r, today):
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
    if withdrawn or back:  # what the base did by itself (the command is audited anyway): said in the audit log
        ids = f"{', '.join(str(s.id) for s in withdrawn[:20])}{'…' if len(withdrawn) > 20 else ''}"
        audit_record(
            tx.session,
            operator=tx.caller.username or "system",
            desk=tx.caller.desk,
            command=ENROL,
            payload=b"",
            result="ok",
            detail=f"the people base: {len(withdrawn)} seekers no longer looking withdrawn ({ids}), "
            f"{len(back)} looking again",
            note=WITHDRAWN,
            parts={"withdrawn": len(withdrawn), "ids": ids, "back": len(back)},
        )
    return {"enrolled": len(made), "skipped": skipped, "withdrawn": len(withdrawn), "back": len(back)}


def stamp(session: Session) -> tuple:
    """What moves when the people base changes in a way enrolment could see: its residents' count and latest
    change, and the day (ages)."""
    return (date.today(), *session.execute(select(func.count(Resident.id), func.max(Resident.changed_at))).one())


async def enrolment(ctx: DaemonContext) -> None:
    """Enrol whenever the people base's :func:`stamp` moved since the last enrolment, looking every ``enrol_every``
    seconds.  The stamp is read before enrolling, so a change made meanwhile moves it again: enrolled next look."""
    every = float(ctx.config.get("enrol_every", ENROL_EVERY))
    if not 0.1 <= every <= 86_400:
        raise ValueError(f"[plugins.jobs] enrol_every is 0.1 to 86,400 seconds, not {every}")
    seen: tuple | None = None
    while True:
        now = await ctx.read(stamp)
        if now != seen:
            result = await ctx.transact(enrol, {})
            seen = now
            if result["enrolled"] or result["withdrawn"] or result["back"]:
                ctx.log.info(
                    "the people base: %d residents enrolled as seekers, %d withdrawn, %d looking again",
                    result["enrolled"],
                    result["withdrawn"],
                    result["back"],
                )
        await asyncio.sleep(every)
