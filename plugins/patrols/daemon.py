"""Patrols plugin, daemon half: teams (members read by operators only), checklists, plans, patrol records and the
problems found on them (cases in the shared loop), supervision's re-checks, the patrol KPIs and the month's map.
No Qt here."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from datetime import timedelta
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    MetricSpec,
    QuerySpec,
    Restricted,
    Role,
    ScheduleSpec,
    SchemaInfo,
    Transaction,
    Within,
    fits,
    hookimpl,
    utcnow,
)
from citybrain.plugins.patrols import (
    ACTIVE,
    CHECKLISTS,
    CREWS,
    MEMBERS,
    OPEN,
    PATROLS,
    PLANS,
    PROBLEMS,
    TEAMS,
    checklists,
    kpis,
    records,
)
from citybrain.plugins.patrols.fields import declared
from citybrain.plugins.patrols.tables import Patrol, Plan, Problem, Team

RECENT = timedelta(days=2)  # patrols desks hold: today's (and yesterday's), and every one still out
PROBLEMS_KEPT = timedelta(days=30)  # problems desks hold: the month's, and every one still open
MAP_DAYS = 30
TEAMS_WORK = DistrictWide("the district's three teams patrol every subdistrict, for every desk to see")
PRIORITIES = Literal["urgent", "high", "medium", "low"]


@hookimpl
def citybrain_schema() -> SchemaInfo:
    return SchemaInfo("patrols", 1)


def _patrols(session: Session) -> list[dict]:
    rows = session.scalars(select(Patrol).where(or_(Patrol.state == ACTIVE, Patrol.started_at >= utcnow() - RECENT)))
    return [p.record() for p in rows]


def _problems(session: Session) -> list[dict]:
    rows = session.scalars(
        select(Problem).where(or_(Problem.state == OPEN, Problem.found_at >= utcnow() - PROBLEMS_KEPT))
    )
    return [p.record() for p in rows]


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(
            TEAMS,
            key="code",
            title="Patrol teams, their areas (members: operators)",
            load=lambda s: [t.record() for t in s.scalars(select(Team))],
            restricted=Restricted(MEMBERS, ("members",)),  # names with phones: Role.OPERATOR
            place=TEAMS_WORK,
        ),
        CollectionSpec(
            CHECKLISTS,
            key="code",
            title="What each team checks",
            load=lambda _: checklists.records(),
            place=DistrictWide("reference: the teams' checklists"),
        ),
        CollectionSpec(
            PLANS,
            key="id",
            title="Patrol plans",
            load=lambda s: [p.record() for p in s.scalars(select(Plan))],
            place=TEAMS_WORK,
        ),
        CollectionSpec(
            PATROLS,
            key="id",
            title="Patrols out now and of the last two days (who went: operators)",
            load=_patrols,
            restricted=Restricted(CREWS, ("member",)),  # a team member's name, as the members are
            place=TEAMS_WORK,
        ),
        # placed in the unit whose area holds it, like the case it opens: its grid's desks (and up) get it
        CollectionSpec(
            PROBLEMS, key="id", title="Problems found on patrol (open, and the month's)", load=_problems, place="unit"
        ),
    ]


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "patrols.start",
            records.start,
            title="Start a patrol (a team, on a plan or in an area of the caller's unit)",
            payload={"team": str, "plan": int | None, "area": str | None},
            within=(Within("area"),),  # the area named; the plan's or the team's is checked by the handler
        ),
        CommandSpec(
            "patrols.link",
            records.link_member,
            role=Role.DUTY_LEADER,
            title="Link a team member to the operator account they log in with",
            payload={"team": str, "member": fits(Patrol.member), "operator": fits(Patrol.started_by)},
        ),
        CommandSpec(
            "patrols.unlink",
            records.unlink_member,
            role=Role.DUTY_LEADER,
            title="Unlink a team member from their operator account",
            payload={"team": str, "member": fits(Patrol.member)},
        ),
        CommandSpec(
            "patrols.track",
            records.track,
            title="A path point of a patrol under way (WGS84)",
            payload={"patrol": int, "lat": float, "lon": float},
        ),
        CommandSpec(
            "patrols.finish",
            records.finish,
            title="Finish a patrol with the checks done",
            payload={"patrol": int, "checks": list[str]},
        ),
        CommandSpec(
            "patrols.problem",
            records.problem,
            title="Record a problem found on a patrol (opens a case)",
            payload={
                "patrol": int,
                "title": fits(Problem.title),
                "type": str,
                "lat": float,
                "lon": float,
                "photo": fits(Problem.photo) | None,
                "description": str | None,
                "priority": PRIORITIES | None,
            },
        ),
        CommandSpec(
            "patrols.recheck",
            records.recheck,
            title="Supervision re-checks a handled case (reopened when it fails)",
            payload={"patrol": int, "case": int, "passed": bool, "reason": str | None},
        ),
    ]


def month_map(session: Session, params: dict, caller: Caller) -> dict:
    """The last month's patrols with their path points, and the problems found on them, for the map."""
    since = utcnow() - timedelta(days=MAP_DAYS)
    rows = session.execute(
        select(Patrol.id, Patrol.team_type, Patrol.state, Patrol.path).where(
            Patrol.started_at >= since, Patrol.path != "[]"
        )
    )
    return {
        "patrols": [{"id": i, "team_type": t, "state": s, "path": json.loads(p)} for i, t, s, p in rows],
        "problems": [
            p.record() for p in session.scalars(select(Problem).where(Problem.found_at >= since)) if caller.sees(p.unit)
        ],
    }


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            "patrols.map",
            month_map,
            title="The last month's patrols with path points, and their problems (the caller's unit's)",
            scoped=True,
        ),
        *kpis.QUERIES,
    ]


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    return kpis.specs()


async def follow_cases(ctx: DaemonContext) -> None:
    """Problems take their cases' news (handled, reopened, cancelled)."""
    await ctx.transact(records.follow_cases)


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [ScheduleSpec("patrols.cases", every=3.0, handler=follow_cases)]


@hookimpl(trylast=True)  # after the cases demo: its org tree places the patrols' areas and problems
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.patrols import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
