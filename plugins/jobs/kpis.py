"""The employment KPIs on the dashboards (``citybrain_metrics``), by subdistrict (the seeker's) and month: pushes,
responses, interviews, hires, push-to-hire conversion and days from registration to hire.  Each event counts in the
month it happened (a push of March hired in April is a March push and an April hire), so a month's conversion is
that month's hires over its pushes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import pandas as pd
from pandas.core.groupby import DataFrameGroupBy
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, MetricSpec, QuerySpec, Refused, Role, limit_of, read_frame, tr_noop
from citybrain.plugins.jobs.matches import push_record
from citybrain.plugins.jobs.tables import Push, Seeker

DIMENSIONS = ("month", "subdistrict")
EVENTS = {"push": "pushed_at", "response": "responded_at", "interview": "interview_at", "hire": "hired_at"}
COLUMNS = ["id", "subdistrict", "registered_on", *EVENTS.values()]


def load(session: Session) -> pd.DataFrame:
    """One row per event: the push's id, its kind, subdistrict, month, and for a hire the days since registering."""
    pushes = read_frame(
        session,
        select(Push.id, Push.subdistrict, Seeker.registered_on, *(getattr(Push, c) for c in EVENTS.values())).join(
            Seeker, Seeker.id == Push.seeker
        ),
        COLUMNS,
    )
    frames = []
    for kind, column in EVENTS.items():
        when = pd.to_datetime(pushes[column], utc=True)
        had = when.notna()
        frame = pd.DataFrame(
            {
                "id": pushes["id"][had],
                "kind": kind,
                "subdistrict": pushes["subdistrict"][had].fillna(""),
                "month": when[had].dt.strftime("%Y-%m"),
            }
        )
        if kind == "hire":
            registered = pd.to_datetime(pushes["registered_on"][had]).dt.tz_localize("UTC")
            frame["days"] = (when[had] - registered).dt.total_seconds() / 86400
        frames.append(frame)
    return (
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id", "kind", "subdistrict", "month"])
    )


def version(session: Session) -> tuple:
    return tuple(
        session.execute(
            select(
                func.count(Push.id),
                func.max(Push.id),
                func.count(Push.responded_at),
                func.count(Push.interview_at),
                func.count(Push.hired_at),
            )
        ).one()
    )


def _groups(frame: pd.DataFrame, by: tuple[str, ...]) -> DataFrameGroupBy:
    return frame.groupby(list(by)) if by else frame.assign(all="all").groupby("all")


def _count(kind: str) -> Callable[[pd.DataFrame, tuple[str, ...]], pd.DataFrame]:
    def compute(events: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
        counts = _groups(events[events["kind"] == kind], by).size().astype(float)
        if not by:  # none yet is 0, not "no figure"
            counts = counts.reindex(["all"], fill_value=0.0)
        return pd.DataFrame({"value": counts})

    return compute


def conversion(events: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    hires = _groups(events[events["kind"] == "hire"], by).size()
    pushes = _groups(events[events["kind"] == "push"], by).size()
    table = pd.DataFrame({"numerator": hires, "denominator": pushes}).fillna(0)
    table["value"] = table["numerator"] / table["denominator"].where(table["denominator"] > 0)
    return table


def days_to_hire(events: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({"value": _groups(events[events["kind"] == "hire"], by)["days"].mean()})


def metrics() -> Iterable[MetricSpec]:
    metric = partial(
        MetricSpec, load=load, version=version, dimensions=DIMENSIONS, drill="jobs.kpi_records", place="subdistrict"
    )
    return [
        metric("jobs.pushes", tr_noop("Metrics", "Job pushes"), "pushes", compute=_count("push")),
        metric("jobs.responses", tr_noop("Metrics", "Answers to job pushes"), "answers", compute=_count("response")),
        metric("jobs.interviews", tr_noop("Metrics", "Job interviews"), "interviews", compute=_count("interview")),
        metric("jobs.hires", tr_noop("Metrics", "Hires through job pushes"), "hires", compute=_count("hire")),
        metric(
            "jobs.conversion",
            tr_noop("Metrics", "Pushes that led to a hire"),
            "%",
            compute=conversion,
            target=0.15,
            thresholds=(0.10, 0.05),
        ),
        metric(
            "jobs.days_to_hire",
            tr_noop("Metrics", "Days from registration to hire"),
            "days",
            compute=days_to_hire,
            target=60.0,
            thresholds=(90.0, 180.0),
            higher_is_better=False,
        ),
    ]


KIND = {
    "jobs.pushes": "push",
    "jobs.responses": "response",
    "jobs.interviews": "interview",
    "jobs.hires": "hire",
    "jobs.conversion": "hire",
    "jobs.days_to_hire": "hire",
}


def records(session: Session, p: dict, caller: Caller) -> dict:
    """The pushes behind one group (for the hire figures, the hired pushes), newest first, at most ``limit``."""
    by, group = p.get("by") or [], p.get("group") or []
    if len(by) != len(group) or not set(by) <= set(DIMENSIONS):
        raise Refused(f"give one group value for each of {', '.join(by)} (breakdowns: {', '.join(DIMENSIONS)})")
    events = load(session)
    events = events[events["kind"] == KIND.get(p.get("metric") or "", "push")]
    for dim, value in zip(by, group, strict=True):
        events = events[events[dim].astype(str) == str(value)]
    ids = events["id"].drop_duplicates()
    newest = session.scalars(select(Push).where(Push.id.in_(ids.tolist())).order_by(Push.id.desc()).limit(limit_of(p)))
    return {"total": len(ids), "records": [push_record(r) for r in newest]}


QUERIES = [
    QuerySpec(
        "jobs.kpi_records",
        records,
        role=Role.OPERATOR,
        title="The pushes behind a jobs KPI group (seeker keys, no names)",
        params={"metric": str, "by": list[str] | None, "group": list[str] | None, "limit": int | None},
    )
]
