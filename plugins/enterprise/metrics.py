"""The enterprise-service KPIs on the dashboards, through ``citybrain_metrics`` as any plugin contributes them:
visits, enterprises covered, demands, resolution rate, satisfaction and days to resolve, by month, department,
category and subdistrict — the same pandas functions as the ``enterprise.kpis`` query (``kpis.py``); and the
query listing the demands (or visits) behind one group."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from typing import TypeVar

import pandas as pd
from sqlalchemy import UnaryExpression, func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, MetricSpec, QuerySpec, Refused, hookimpl, limit_of, tr_noop
from citybrain.plugins.enterprise import config, kpis
from citybrain.plugins.enterprise.config import THRESHOLDS
from citybrain.plugins.enterprise.demands import Demand
from citybrain.plugins.enterprise.tables import Enterprise
from citybrain.plugins.enterprise.visits import Visit

DIMENSIONS = ("month", "department", "category", "subdistrict")


def load(session: Session) -> tuple[pd.DataFrame, pd.DataFrame]:
    return kpis.visit_frame(session), kpis.demand_frame(session)


def version(session: Session) -> tuple:
    """Visits by count and last id; demands by how many are in each state, reopened and fed back; enterprises by
    how many are in each subdistrict (a re-import that moves one moves its figures)."""
    visits = session.execute(select(func.count(Visit.id), func.max(Visit.id))).one()
    states = session.execute(select(Demand.state, func.count()).group_by(Demand.state).order_by(Demand.state)).all()
    loop = session.execute(
        select(func.max(Demand.id), func.sum(Demand.reopened), func.count(Demand.satisfied), func.count(Demand.rating))
    ).one()
    places = session.execute(
        select(Enterprise.subdistrict, func.count()).group_by(Enterprise.subdistrict).order_by(Enterprise.subdistrict)
    ).all()
    return (*visits, *(tuple(s) for s in states), *loop, *(tuple(p) for p in places))


def _figure(numerator: str, denominator: str | None = None) -> Callable[[tuple, tuple[str, ...]], pd.DataFrame]:
    def compute(data: tuple[pd.DataFrame, pd.DataFrame], by: tuple[str, ...]) -> pd.DataFrame:
        table = kpis.kpis(*data, by[0] if by else None).set_index("group")
        out = pd.DataFrame({"value": table[numerator].astype(float)}, index=table.index)
        if denominator:
            out["numerator"], out["denominator"] = table[_count(numerator)], table[denominator]
        return out

    return compute


def _count(rate: str) -> str:
    return {"resolution_rate": "resolved", "satisfaction": "satisfied_feedbacks"}.get(rate, rate)


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    metric = partial(
        MetricSpec,
        load=load,
        version=version,
        dimensions=DIMENSIONS,
        drill="enterprise.kpi_records",
        place="subdistrict",  # the enterprise's
        labels={"category": {code: c.name for code, c in config.categories().items()}},
    )  # data: Chinese
    return [
        metric("enterprise.visits", tr_noop("Metrics", "Enterprise visits"), "visits", compute=_figure("visits")),
        metric(
            "enterprise.covered",
            tr_noop("Metrics", "Enterprises visited"),
            "enterprises",
            compute=_figure("enterprises_covered"),
        ),
        metric("enterprise.demands", tr_noop("Metrics", "Enterprise demands"), "demands", compute=_figure("demands")),
        metric(
            "enterprise.resolution_rate",
            tr_noop("Metrics", "Enterprise demands resolved"),
            "%",
            compute=_figure("resolution_rate", "demands"),
            target=0.96,
            thresholds=THRESHOLDS["resolution_rate"],
        ),
        metric(
            "enterprise.satisfaction",
            tr_noop("Metrics", "Enterprises satisfied"),
            "%",
            compute=_figure("satisfaction", "feedbacks"),
            target=0.9,
            thresholds=THRESHOLDS["satisfaction"],
        ),
        metric(
            "enterprise.days_to_resolve",
            tr_noop("Metrics", "Days to resolve a demand"),
            "days",
            compute=_figure("days_to_resolve"),
            target=15.0,
            thresholds=THRESHOLDS["days_to_resolve"],
            higher_is_better=False,
        ),
    ]


def records(session: Session, p: dict, caller: Caller) -> dict:
    """The demands (the visits, for the visit figures) behind one group, newest first, at most ``limit``."""
    by, group = p.get("by") or [], p.get("group") or []
    if len(by) != len(group) or not set(by) <= set(DIMENSIONS):
        raise Refused(f"give one group value for each of {', '.join(by)} (breakdowns: {', '.join(DIMENSIONS)})")
    visits = p.get("metric") in ("enterprise.visits", "enterprise.covered")
    frame = kpis.visit_frame(session) if visits else kpis.demand_frame(session)
    frame["month"] = kpis.month(frame["visited_on" if visits else "raised_at"])
    for dim, value in zip(by, group, strict=True):
        if dim not in frame:
            return {"total": 0, "records": []}  # visits have no category
        frame = frame[frame[dim].astype(str) == str(value)]
    newest = frame.sort_values("visited_on" if visits else "raised_at", ascending=False).index[: limit_of(p)]
    ids = newest.tolist()
    if visits:  # a visit's record names its enterprise here, as a demand's does
        rows = _newest_first(session, Visit, Visit.visited_on.desc(), ids)
        found = [v.record() | {"name": c.name, "subdistrict": c.subdistrict} for v, c in rows]
    else:
        found = [d.record(c) for d, c in _newest_first(session, Demand, Demand.raised_at.desc(), ids)]
    return {"total": len(frame), "records": found}


Listed = TypeVar("Listed", Visit, Demand)


def _newest_first(
    session: Session, table: type[Listed], order: UnaryExpression[date] | UnaryExpression[datetime], ids: list[int]
) -> list[tuple[Listed, Enterprise]]:
    """Rows ``ids`` of ``table`` in ``order``, each with its enterprise."""
    rows = session.execute(
        select(table, Enterprise)
        .join(Enterprise, Enterprise.id == table.enterprise_id)
        .where(table.id.in_(ids))
        .order_by(order)
    )
    return [(row, company) for row, company in rows]


QUERIES = [
    QuerySpec(
        "enterprise.kpi_records",
        records,
        title="Enterprise demands or visits behind a KPI group",
        params={"metric": str, "by": list[str] | None, "group": list[str] | None, "limit": int | None},
    )
]
