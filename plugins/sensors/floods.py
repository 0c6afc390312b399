"""Alarm floods, measured the way EEMUA 191 does: alarms raised per operator per 10 minutes (about one is
manageable; more than ten is a flood), and the "bad actor" devices that raise the most."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.plugins.sensors.alarms import Alarm

WINDOW = timedelta(minutes=10)
MANAGEABLE, FLOOD = 1.0, 10.0  # alarms per operator per 10 minutes (EEMUA 191)
BAD_ACTORS, BAD_ACTOR_DAYS = 10, 1


def figures(session: Session, now: datetime, operators: int) -> dict:
    """The flood record desks show: the rate per operator and what it means, and the bad actors of the last day.
    The rate counts what reaches the district desk's list (life safety, escalated): the operators it divides by are
    the district's, and a header saying "busy" over a list the property companies keep empty misled."""
    raised = (
        session.scalar(
            select(func.count()).select_from(Alarm).where(Alarm.first_at >= now - WINDOW, Alarm.district == 1)
        )
        or 0
    )
    per_operator = raised / max(operators, 1)
    level = "flood" if per_operator > FLOOD else "busy" if per_operator > MANAGEABLE else "manageable"
    actors = session.execute(
        select(Alarm.device, func.sum(Alarm.count).label("n"), func.count().label("alarms"))
        .where(Alarm.last_at >= now - timedelta(days=BAD_ACTOR_DAYS))
        .group_by(Alarm.device)
        .order_by(func.sum(Alarm.count).desc())
        .limit(BAD_ACTORS)
    ).all()
    return {
        "id": "flood",
        "raised_10min": raised,
        "operators": operators,
        "per_operator": round(per_operator, 2),
        "level": level,
        "bad_actors": [{"device": d, "triggers": int(n), "alarms": int(a)} for d, n, a in actors],
    }
