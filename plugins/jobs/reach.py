"""What the map and the wall ask of the travel circle, answered by the matching's own circle function
(:func:`matching.minutes` over the same sides the matching builds), so a point the map shows inside a circle is
exactly a pair the matching scores, and one it shows outside is no match.

- ``jobs.circle``: around one seeker, every open vacancy with its trip and whether it is inside the seeker's
  circle; around one vacancy, every looking seeker (masked) with their trip and whether the vacancy is inside
  *their* circle (each seeker has their own minutes and mode).  Nearest first, at most ``limit``.
- ``jobs.subdistricts``: by subdistrict, looking seekers, open vacancies, openings left, and the seekers with no
  open vacancy inside their circle (no names: an aggregate for the wall)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, ErrorCode, Refused, get_or_refuse, limit_of
from citybrain.plugins.jobs import matching
from citybrain.plugins.jobs.matches import VACANCY_FIELDS, looking_side, open_vacancy_side, seeker_record
from citybrain.plugins.jobs.publish import vacancy_record
from citybrain.plugins.jobs.tables import Seeker, Vacancy

NEAREST = 500  # points a circle answer holds unless asked for fewer or more (at most 2,000)


def trips(s: matching.Side, v: matching.Side) -> Iterator[tuple[slice, np.ndarray, np.ndarray]]:
    """Block by block of seekers (``rows``), the minutes from each to each vacancy and whether the vacancy is inside
    the seeker's circle, as :func:`matching.parts` computes them (one block's matrix at a time: 30,000 seekers by
    10,000 vacancies whole would be 1.2 GB)."""
    prep = matching.prepare(s, v)
    for rows in matching.blocks(len(s.ids)):
        trip = matching.minutes(prep, rows)
        yield rows, trip, trip <= s.minutes[rows, None]


def _whole(s: matching.Side, v: matching.Side) -> tuple[np.ndarray, np.ndarray]:
    """:func:`trips` for one seeker or one vacancy: small enough to hold whole."""
    found = [(trip, inside) for _, trip, inside in trips(s, v)]
    if not found:
        return np.zeros((0, len(v.ids)), dtype=np.float32), np.zeros((0, len(v.ids)), dtype=bool)
    return np.vstack([t for t, _ in found]), np.vstack([i for _, i in found])


def _nearest(trip: np.ndarray, limit: int) -> list[int]:
    return np.argsort(trip, kind="stable")[:limit].tolist()


def circle(session: Session, params: dict, caller: Caller) -> list[dict]:
    """The points around one seeker (open vacancies) or one vacancy (looking seekers, masked), nearest first.  Rows
    are cut to the caller's unit after the nearest ``limit`` are taken (by the seeker's committee)."""
    if (params.get("seeker") is None) == (params.get("vacancy") is None):
        raise Refused("name a seeker or a vacancy, not both", code=ErrorCode.INVALID_PAYLOAD)
    limit = limit_of(params, NEAREST, 2_000)
    model: Any  # Seeker or Vacancy: the rows kept are read back as their records
    committee: Callable[[Any], str | None]
    record: Callable[[Any], dict]
    if params.get("seeker") is not None:
        seeker = get_or_refuse(session, Seeker, params["seeker"], "looking seeker", only=lambda s: s.state == "looking")
        v = open_vacancy_side(session)
        whole, within = _whole(looking_side(session, Seeker.id == seeker.id), v)
        kind, model, ids, trip, inside = "vacancy", Vacancy, v.ids.tolist(), whole[0], within[0]
        committee, record = (lambda _: seeker.committee), vacancy_record
    else:
        vacancy = get_or_refuse(
            session, Vacancy, params["vacancy"], "open vacancy", only=lambda v: v.filled < v.openings
        )
        s = looking_side(session)
        whole, within = _whole(s, matching.vacancies([{n: getattr(vacancy, n) for n in VACANCY_FIELDS}]))
        kind, model, ids, trip, inside = "seeker", Seeker, s.ids.tolist(), whole[:, 0], within[:, 0]
        today = date.today()
        committee, record = (lambda x: x.committee), (lambda x: seeker_record(x, today))
    kept = _nearest(trip, limit)
    found = {x.id: x for x in session.scalars(select(model).where(model.id.in_([ids[n] for n in kept])))}
    return [
        {
            "kind": kind,
            "id": ids[n],
            "minutes": round(float(trip[n]), 2),
            "inside": bool(inside[n]),
            "committee": committee(found[ids[n]]),
            "record": record(found[ids[n]]),
        }
        for n in kept
    ]


_counted: tuple[tuple, list[dict]] | None = None  # the last counts, with the tables' version they were counted at
_counting = threading.Lock()


def _version(session: Session) -> tuple:
    """Changes whenever a seeker or a vacancy is added, removed or changed: every write sets ``changed_at``, and a
    hire (whose time may be given, earlier than the latest change) also moves the looking seekers and the filled
    openings.  The database's address first (several daemons share a process in tests)."""
    seekers = session.execute(
        select(
            func.count(Seeker.id),
            func.max(Seeker.id),
            func.max(Seeker.changed_at),
            func.count(Seeker.id).filter(Seeker.state == "looking"),
        )
    ).one()
    vacancies = session.execute(
        select(
            func.count(Vacancy.id),
            func.max(Vacancy.id),
            func.max(Vacancy.changed_at),
            func.sum(Vacancy.filled),
            func.sum(Vacancy.openings),
        )
    ).one()
    return (str(session.get_bind().engine.url), *seekers, *vacancies)


def _count(session: Session) -> list[dict]:
    s, v = looking_side(session), open_vacancy_side(session)
    reached = np.zeros(len(s.ids), dtype=bool)
    if len(v.ids):
        for rows, _, inside in trips(s, v):
            reached[rows] = inside.any(axis=1)
    place = dict(session.execute(select(Seeker.id, Seeker.subdistrict).where(Seeker.state == "looking")).all())
    seekers = Counter(place[i] for i in s.ids.tolist())
    unreached = Counter(place[i] for i, r in zip(s.ids.tolist(), reached.tolist(), strict=True) if not r)
    vacancies: Counter[str] = Counter()
    openings: Counter[str] = Counter()
    for subdistrict, left in session.execute(
        select(Vacancy.subdistrict, Vacancy.openings - Vacancy.filled).where(Vacancy.filled < Vacancy.openings)
    ):
        vacancies[subdistrict] += 1
        openings[subdistrict] += left
    return [
        {
            "subdistrict": code,
            "seekers": seekers[code],
            "unreached": unreached[code],
            "vacancies": vacancies[code],
            "openings": openings[code],
        }
        for code in sorted(set(seekers) | set(vacancies), key=str)
        if code
    ]


def subdistricts(session: Session, params: dict, caller: Caller) -> list[dict]:
    """Per subdistrict the caller sees: ``seekers`` looking, ``vacancies`` open, ``openings`` left in them, and
    ``unreached``, the seekers with no open vacancy inside their circle (wherever the vacancy is).

    Counted again only when a seeker or a vacancy changed: at 30,000 seekers and 10,000 vacancies the circles take
    8-10 s of a loaded 2-core machine, and every wall asks each minute.  One count at a time (the others wait)."""
    global _counted
    with _counting:
        version = _version(session)
        if _counted is None or _counted[0] != version:
            _counted = (version, _count(session))
        rows = _counted[1]
    return [r for r in rows if caller.sees(r["subdistrict"])]
