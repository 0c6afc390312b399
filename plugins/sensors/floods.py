"""Alarm floods, measured the way EEMUA 191 does: alarms raised per operator per 10 minutes (about one is
manageable; more than ten is a flood), and the "bad actor" devices that raise the most."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.district import COMPOUND, Tree
from citybrain.plugins.sensors.alarms import Alarm

WINDOW = timedelta(minutes=10)
MANAGEABLE, FLOOD = 1.0, 10.0  # alarms per operator per 10 minutes (EEMUA 191)
BAD_ACTORS, BAD_ACTOR_DAYS = 10, 1


def figures(session: Session, now: datetime, operators: Mapping[str | None, int], tree: Tree) -> list[dict]:
    """The flood records desks show, one per unit holding a compound (``Tree.holders``, the daemon's own rule) and
    the district's at the root, each placed in its unit: the rate per operator and what it means, and the bad
    actors of the last day, among that unit's compounds.  The rate counts what reaches the district desk's list
    (life safety, escalated): a header saying "busy" over a list the property companies keep empty misled.
    ``operators``: the operators on duty by unit (nil: the district's)."""
    raised = dict(
        session.execute(
            select(Alarm.compound, func.count())
            .where(Alarm.first_at >= now - WINDOW, Alarm.district == 1)
            .group_by(Alarm.compound)
        ).all()
    )
    actors = session.execute(
        select(Alarm.device, Alarm.compound, func.sum(Alarm.count), func.count())
        .where(Alarm.last_at >= now - timedelta(days=BAD_ACTOR_DAYS))
        .group_by(Alarm.device, Alarm.compound)
    ).all()
    root = tree.root()
    compounds = {c for c, u in tree.units.items() if u["kind"] == COMPOUND} | set(raised) | {a[1] for a in actors}
    holding: dict[str | None, set[str]] = {root: set(compounds)}
    for compound in compounds:
        for above in tree.holders(compound) - {compound} if compound in tree.units else ():
            holding.setdefault(above, set()).add(compound)
    records = []
    for unit, theirs in holding.items():
        count = sum(n for c, n in raised.items() if c in theirs)
        people = operators.get(unit, 0) + (operators.get(None, 0) if unit == root and unit is not None else 0)
        per_operator = count / max(people, 1)
        level = "flood" if per_operator > FLOOD else "busy" if per_operator > MANAGEABLE else "manageable"
        worst = sorted((a for a in actors if a[1] in theirs), key=lambda a: (-int(a[2] or 0), a[0]))[:BAD_ACTORS]
        records.append(
            {
                "id": f"flood@{unit or ''}",
                "unit": unit,
                "raised_10min": count,
                "operators": people,
                "per_operator": round(per_operator, 2),
                "level": level,
                "bad_actors": [{"device": d, "triggers": int(n or 0), "alarms": int(a)} for d, _, n, a in worst],
            }
        )
    return records
