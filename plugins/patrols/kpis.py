"""The patrol KPIs, counted from the patrol records and the problems found on them (nothing stored as a figure):
patrols made, problems found, problems handled and the handling rate, by month, year, subdistrict and team type;
and the query listing the records behind one group."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Literal
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, ErrorCode, MetricSpec, QuerySpec, Refused, limit_of, read_frame, sum_kpi, tr_noop
from citybrain.plugins.patrols import HANDLED
from citybrain.plugins.patrols.tables import Patrol, Problem

ZONE = ZoneInfo("Asia/Shanghai")  # the district's months and years
DIMENSIONS = ("month", "year", "subdistrict", "team_type")
DRILL = "patrols.kpi_records"


def _when(times: pd.Series) -> pd.DataFrame:
    local = pd.to_datetime(times, utc=True).dt.tz_convert(ZONE)
    return pd.DataFrame({"month": local.dt.strftime("%Y-%m"), "year": local.dt.year.astype(int)}, index=times.index)


def load(session: Session) -> pd.DataFrame:
    """One row per patrol (patrols = 1) and one per problem (found = 1, handled = 0/1), each with when, where, who."""
    patrols = read_frame(
        session,
        select(Patrol.id, Patrol.started_at, Patrol.subdistrict, Patrol.area, Patrol.team_type),
        ["id", "at", "subdistrict", "area", "team_type"],
    ).assign(kind="patrol", patrols=1, found=0, handled=0)
    problems = read_frame(
        session,
        select(Problem.id, Problem.found_at, Patrol.subdistrict, Patrol.area, Problem.team_type, Problem.state).join(
            Patrol, Patrol.id == Problem.patrol
        ),
        ["id", "at", "subdistrict", "area", "team_type", "state"],
    )
    problems = problems.assign(
        kind="problem", patrols=0, found=1, handled=(problems["state"] == HANDLED).astype(int)
    ).drop(columns="state")
    frame = pd.concat([patrols, problems], ignore_index=True)
    frame["subdistrict"] = frame["subdistrict"].fillna("")
    return pd.concat([frame, _when(frame["at"])], axis=1)


def version(session: Session) -> tuple:
    """New patrols or problems, and problems turning handled (or back), change it."""
    return (
        *session.execute(select(func.count(Patrol.id), func.max(Patrol.id))).one(),
        *session.execute(
            select(
                func.max(Problem.id),
                func.count(Problem.id).filter(Problem.state == HANDLED),
                func.max(Problem.handled_at),
            )
        ).one(),
    )


KPIS = {
    "patrols.count": (tr_noop("Metrics", "Patrols"), "patrols", "patrols", None),
    "patrols.found": (tr_noop("Metrics", "Problems found on patrol"), "problems", "found", None),
    "patrols.handled": (tr_noop("Metrics", "Problems handled"), "problems", "handled", None),
    "patrols.handling_rate": (tr_noop("Metrics", "Patrol handling rate"), "%", "handled", "found"),
}


def specs() -> Iterable[MetricSpec]:
    return [
        MetricSpec(
            kpi,
            title,
            unit,
            load,
            partial(sum_kpi, numerator=numerator, denominator=denominator),
            version,
            DIMENSIONS,
            period="month",
            target=0.95 if denominator else None,
            thresholds=(0.92, 0.9) if denominator else None,
            drill=DRILL,
            place="area",  # the patrol's: a committee's or a grid's desk gets its own
        )
        for kpi, (title, unit, numerator, denominator) in KPIS.items()
    ]


def records(session: Session, p: dict, caller: Caller) -> dict:
    """The patrols (for the patrol count) or problems (for the others) behind one group, newest first."""
    by, group = p.get("by") or [], p.get("group") or []
    if len(by) != len(group) or not set(by) <= set(DIMENSIONS):
        raise Refused(
            f"give one group value for each of {', '.join(by)} (breakdowns: {', '.join(DIMENSIONS)})",
            code=ErrorCode.INVALID_PAYLOAD,
        )
    frame = load(session)
    frame = frame[frame["kind"] == ("patrol" if p["metric"] == "patrols.count" else "problem")]
    if p["metric"] == "patrols.handled":
        frame = frame[frame["handled"] == 1]
    for dim, value in zip(by, group, strict=True):
        frame = frame[frame[dim].astype(str) == str(value)]
    ids = frame.sort_values("at", ascending=False)["id"].head(limit_of(p)).tolist()
    if p["metric"] == "patrols.count":
        patrols = select(Patrol).where(Patrol.id.in_(ids)).order_by(Patrol.started_at.desc())
        records = [r.record() for r in session.scalars(patrols)]
    else:
        problems = select(Problem).where(Problem.id.in_(ids)).order_by(Problem.found_at.desc())
        records = [r.record() for r in session.scalars(problems)]
    return {"total": len(frame), "records": records}


QUERIES = [
    QuerySpec(
        DRILL,
        records,
        title="Patrols or problems behind a patrol KPI group",
        params={"metric": Literal[tuple(KPIS)], "by": list[str] | None, "group": list[str] | None, "limit": int | None},
    )
]
