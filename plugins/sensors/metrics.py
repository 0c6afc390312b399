"""The sensors' KPIs on the dashboards, through ``citybrain_metrics``: alarms raised (by month, scenario, compound)
and the share of sensor cases the property company resolved itself (by month, subdistrict and compound: the seed's
"over 90 %" is one compound's, 中云舫小区, not a district target, so the KPI has none);
and the query listing the alarms or cases behind one group."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    MetricSpec,
    QuerySpec,
    Refused,
    hookimpl,
    limit_of,
    read_frame,
    sum_kpi,
    tr_noop,
)
from citybrain.core.cases import Case, case_record
from citybrain.core.cases.model import CaseEvent
from citybrain.core.cases.stats import case_frame
from citybrain.plugins.sensors.alarms import Alarm
from citybrain.plugins.sensors.catalogue import device_catalogue

ALARM_DIMENSIONS = ("month", "scenario", "compound")
CASE_DIMENSIONS = ("month", "subdistrict", "compound")
EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def _month(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, utc=True).dt.tz_convert("Asia/Shanghai").dt.strftime("%Y-%m")


def load(session: Session) -> dict[str, pd.DataFrame]:
    alarms = read_frame(
        session,
        select(Alarm.id, Alarm.first_at, Alarm.scenario, Alarm.compound),
        ["id", "first_at", "scenario", "compound"],
    )
    cases = case_frame(session, *EVER)
    cases = cases[cases["source"] == "sensor"]
    return {
        "alarms": alarms.assign(month=_month(alarms["first_at"]), raised=1),
        "cases": cases.assign(
            resolved=cases["resolved_at"].notna().astype(int),
            by_property=cases["level_kind"].eq("property_company").astype(int),
            subdistrict=cases["subdistrict"].fillna(""),
            compound=cases["unit"],
        ),
    }


def version(session: Session) -> tuple:
    """New alarms, and every step of every case (each writes an event)."""
    return (
        *session.execute(select(func.count(Alarm.id), func.max(Alarm.id))).one(),
        *session.execute(select(func.count(CaseEvent.id), func.max(CaseEvent.id))).one(),
    )


def _raised(data: dict[str, pd.DataFrame], by: tuple[str, ...]) -> pd.DataFrame:
    return sum_kpi(data["alarms"], by, "raised")


def _by_property(data: dict[str, pd.DataFrame], by: tuple[str, ...]) -> pd.DataFrame:
    return sum_kpi(data["cases"], by, "by_property", "resolved")


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    common: dict = {"load": load, "version": version, "drill": "sensors.kpi_records", "place": "compound"}
    return [
        MetricSpec(
            "sensors.alarms_raised",
            tr_noop("Metrics", "Sensor alarms raised"),
            "alarms",
            compute=_raised,
            dimensions=ALARM_DIMENSIONS,
            higher_is_better=False,
            labels={"scenario": {code: s.name for code, s in device_catalogue().scenarios.items()}},
            **common,
        ),
        MetricSpec(
            "sensors.property_share",
            tr_noop("Metrics", "Sensor cases the property company resolved"),
            "%",
            compute=_by_property,
            dimensions=CASE_DIMENSIONS,
            **common,
        ),
    ]


def records(session: Session, p: dict, caller: Caller) -> dict:
    """The alarms (or the resolved sensor cases) behind one group, newest first, at most ``limit``."""
    alarms = p.get("metric") == "sensors.alarms_raised"
    by, group = p.get("by") or [], p.get("group") or []
    allowed = ALARM_DIMENSIONS if alarms else CASE_DIMENSIONS
    if len(by) != len(group) or not set(by) <= set(allowed):
        raise Refused(f"give one group value for each of {', '.join(by)} (breakdowns: {', '.join(allowed)})")
    frame = load(session)["alarms" if alarms else "cases"]
    frame = frame if alarms else frame[frame["resolved"] == 1]
    for dim, value in zip(by, group, strict=True):
        frame = frame[frame[dim].astype(str) == str(value)]
    ids = frame.sort_values("first_at" if alarms else "opened_at", ascending=False)["id"].head(limit_of(p)).tolist()
    if alarms:
        raised = session.scalars(select(Alarm).where(Alarm.id.in_(ids)).order_by(Alarm.first_at.desc()))
        found = [a.record() for a in raised]
    else:
        resolved = session.scalars(select(Case).where(Case.id.in_(ids)).order_by(Case.opened_at.desc()))
        found = [case_record(c) for c in resolved]
    return {"total": len(frame), "records": found}


QUERIES = [
    QuerySpec(
        "sensors.kpi_records",
        records,
        title="Sensor alarms or cases behind a KPI group",
        params={"metric": str, "by": list[str] | None, "group": list[str] | None, "limit": int | None},
    )
]
