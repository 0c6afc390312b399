"""The KPIs the cases plugin contributes to dashboards through ``citybrain_metrics`` (as any plugin would): case
volume, resolution rate and overdue share (cases that missed a deadline and escalated), by month, subdistrict,
type and source; and the query that lists the cases behind one group."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, MetricSpec, QuerySpec, Refused, hookimpl, in_unit, limit_of, sum_kpi, tr_noop
from citybrain.core.cases import Case, case_record
from citybrain.core.cases.model import CaseEvent
from citybrain.core.cases.stats import case_frame

DIMENSIONS = ("month", "subdistrict", "type", "source")
EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def load(session: Session) -> pd.DataFrame:
    frame = case_frame(session, *EVER)
    return frame.assign(
        cases=1,
        resolved=frame["resolved_at"].notna().astype(int),
        overdue=(frame["escalations"] > 0).astype(int),
        subdistrict=frame["subdistrict"].fillna(""),
    )


def version(session: Session) -> tuple:
    """Every step of every case writes an event: their count and last id stamp the inputs."""
    return tuple(session.execute(select(func.count(CaseEvent.id), func.max(CaseEvent.id))).one())


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    metric = partial(
        MetricSpec, load=load, version=version, dimensions=DIMENSIONS, drill="cases.kpi_records", place="unit"
    )
    return [
        metric(
            "cases.volume", tr_noop("Metrics", "Cases opened"), "cases", compute=partial(sum_kpi, numerator="cases")
        ),
        metric(
            "cases.resolution_rate",
            tr_noop("Metrics", "Case resolution rate"),
            "%",
            compute=partial(sum_kpi, numerator="resolved", denominator="cases"),
            target=0.9,
            thresholds=(0.85, 0.8),
        ),
        metric(
            "cases.overdue_share",
            tr_noop("Metrics", "Overdue share of cases"),
            "%",
            compute=partial(sum_kpi, numerator="overdue", denominator="cases"),
            target=0.05,
            thresholds=(0.08, 0.12),
            higher_is_better=False,
        ),
    ]


def records(session: Session, p: dict, caller: Caller) -> dict:
    """The cases behind one group of a case KPI (newest first, at most ``limit``)."""
    frame = in_unit(load(session), "unit", caller)
    by, group = p.get("by") or [], p.get("group") or []
    if len(by) != len(group) or not set(by) <= set(DIMENSIONS):
        raise Refused(f"give one group value for each of {', '.join(by)} (breakdowns: {', '.join(DIMENSIONS)})")
    for dim, value in zip(by, group, strict=True):
        frame = frame[frame[dim].astype(str) == str(value)]
    ids = frame.sort_values("opened_at", ascending=False)["id"].head(limit_of(p)).tolist()
    cases = session.scalars(select(Case).where(Case.id.in_(ids)).order_by(Case.opened_at.desc()))
    return {"total": len(frame), "records": [case_record(c) for c in cases]}


QUERIES = [
    QuerySpec(
        "cases.kpi_records",
        records,
        title="Cases behind a KPI group (those in the caller's unit)",
        params={"metric": str, "by": list[str] | None, "group": list[str] | None, "limit": int | None},
        scoped=True,
    )
]
