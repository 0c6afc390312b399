"""Enterprise-service KPIs: visits, enterprises covered, demands, resolution rate, satisfaction and the average time
to resolve, by department, category, subdistrict or month — pure pandas over two frames, so that the dashboards'
metrics hook can take the same functions.

A demand is resolved once answered and not reopened since (state answered or closed); satisfaction is the share
of feedbacks that were satisfied; time to resolve runs from raising to the first answer, in days."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.plugins.enterprise.demands import Demand
from citybrain.plugins.enterprise.tables import Enterprise
from citybrain.plugins.enterprise.visits import Visit

DIMENSIONS = ("department", "category", "subdistrict", "month")
FIGURES = (
    "visits",
    "enterprises_covered",
    "demands",
    "resolved",
    "resolution_rate",
    "feedbacks",
    "satisfied_feedbacks",
    "satisfaction",
    "average_rating",
    "days_to_resolve",
)
VISIT_COLUMNS = ["enterprise_id", "visited_on", "department", "subdistrict"]
DEMAND_COLUMNS = [
    "enterprise_id",
    "category",
    "department",
    "subdistrict",
    "raised_at",
    "answered_at",
    "state",
    "satisfied",
    "rating",
]


def _frame(rows: Sequence[Sequence[object]], columns: list[str]) -> pd.DataFrame:
    """Rows whose first value is their id: the frame's index (the drill-down finds the records by it)."""
    return pd.DataFrame([r[1:] for r in rows], columns=columns, index=pd.Index([r[0] for r in rows], name="id"))


def visit_frame(session: Session) -> pd.DataFrame:
    return _frame(
        session.execute(
            select(Visit.id, Visit.enterprise_id, Visit.visited_on, Visit.department, Enterprise.subdistrict).join(
                Enterprise, Enterprise.id == Visit.enterprise_id
            )
        ).all(),
        VISIT_COLUMNS,
    )


def demand_frame(session: Session) -> pd.DataFrame:
    return _frame(
        session.execute(
            select(
                Demand.id,
                Demand.enterprise_id,
                Demand.category,
                Demand.department,
                Enterprise.subdistrict,
                Demand.raised_at,
                Demand.answered_at,
                Demand.state,
                Demand.satisfied,
                Demand.rating,
            ).join(Enterprise, Enterprise.id == Demand.enterprise_id)
        ).all(),
        DEMAND_COLUMNS,
    )


def month(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, utc=True).dt.strftime("%Y-%m")


def kpis(visits: pd.DataFrame, demands: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """One row per value of ``by`` (one row for everything when None) with every figure of :data:`FIGURES`;
    visits have no category, so by category their figures are 0."""
    visits = visits.assign(month=month(visits["visited_on"]), all="all")
    answered = pd.to_datetime(demands["answered_at"], utc=True)
    demands = demands.assign(
        month=month(demands["raised_at"]),
        all="all",
        resolved=demands["state"].isin(("answered", "closed")),
        feedback=demands["satisfied"].notna(),
        satisfied_feedbacks=demands["satisfied"].eq(True),
        days=(answered - pd.to_datetime(demands["raised_at"], utc=True)).dt.total_seconds() / 86400,
    )
    key = by or "all"
    seen = (
        visits.groupby(key).agg(visits=("enterprise_id", "size"), enterprises_covered=("enterprise_id", "nunique"))
        if key in visits.columns
        else pd.DataFrame(columns=["visits", "enterprises_covered"])
    )
    asked = demands.groupby(key).agg(
        demands=("state", "size"),
        resolved=("resolved", "sum"),
        feedbacks=("feedback", "sum"),
        satisfied_feedbacks=("satisfied_feedbacks", "sum"),
        average_rating=("rating", "mean"),
        days_to_resolve=("days", "mean"),
    )
    out = seen.join(asked, how="outer")
    counts = ["visits", "enterprises_covered", "demands", "resolved", "feedbacks", "satisfied_feedbacks"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["resolution_rate"] = out["resolved"] / out["demands"].where(out["demands"] > 0)
    out["satisfaction"] = out["satisfied_feedbacks"] / out["feedbacks"].where(out["feedbacks"] > 0)
    out = out.rename_axis(key).reset_index()
    return out[[key, *FIGURES]].rename(columns={key: "group"})


def query(session: Session, params: dict, caller: object) -> list[dict]:
    """``by`` one of :data:`DIMENSIONS` (or none: the district's totals); ``start``/``end`` months, inclusive."""
    visits, demands = visit_frame(session), demand_frame(session)
    start, end = params.get("start") or "0000-00", params.get("end") or "9999-99"
    visits = visits[month(visits["visited_on"]).between(start, end)] if len(visits) else visits
    demands = demands[month(demands["raised_at"]).between(start, end)] if len(demands) else demands
    table = kpis(visits, demands, params.get("by"))
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in table.to_dict("records")]
