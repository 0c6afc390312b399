"""Case statistics: at which level cases were resolved, how fast they were accepted and resolved, how many
ran late — by type, unit (the owner that resolved it) and period, computed with pandas from the case table."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.cases.model import Case
from citybrain.core.district import Tree
from citybrain.core.storage.frames import read_frame

GROUPS = ("type", "resolved_by_unit", "level_kind", "month", "subdistrict")


def case_frame(session: Session, start: datetime, end: datetime) -> pd.DataFrame:
    """Cases opened in [start, end), one row each, with the columns the statistics group by."""
    frame = read_frame(
        session,
        select(
            Case.id,
            Case.source,
            Case.type,
            Case.unit,
            Case.state,
            Case.opened_at,
            Case.dispatched_at,
            Case.accepted_at,
            Case.resolved_at,
            Case.resolved_by_unit,
            Case.escalations,
            Case.due_at,
        ).where(Case.opened_at >= start, Case.opened_at < end),
        [
            "id",
            "source",
            "type",
            "unit",
            "state",
            "opened_at",
            "dispatched_at",
            "accepted_at",
            "resolved_at",
            "resolved_by_unit",
            "escalations",
            "due_at",
        ],
    )
    tree = Tree.load(session)
    kinds = {code: u["kind"] for code, u in tree.units.items()}
    frame["level_kind"] = frame["resolved_by_unit"].map(kinds)
    frame["subdistrict"] = frame["unit"].map(lambda c: tree.subdistrict_of(c))
    for column in ("opened_at", "dispatched_at", "accepted_at", "resolved_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame["month"] = frame["opened_at"].dt.tz_convert("Asia/Shanghai").dt.strftime("%Y-%m")
    return frame


def summarise(frame: pd.DataFrame, by: str | None = None) -> list[dict]:
    """Per group: cases, resolved, the share resolved at each level kind, mean hours to accept and to
    resolve (from dispatch and from opening), and how many missed a deadline (escalated at least once)."""
    if by is not None and by not in GROUPS:
        raise ValueError(f"group by one of {', '.join(GROUPS)}")
    data = frame.assign(
        resolved=frame["resolved_at"].notna(),
        overdue=frame["escalations"] > 0,
        hours_to_accept=(frame["accepted_at"] - frame["dispatched_at"]).dt.total_seconds() / 3600,
        hours_to_resolve=(frame["resolved_at"] - frame["opened_at"]).dt.total_seconds() / 3600,
    )
    groups = data.groupby(by, dropna=False) if by else [("all", data)]
    out = []
    for key, part in groups:
        resolved = part[part["resolved"]]
        shares = resolved["level_kind"].value_counts(normalize=True).round(4).to_dict() if len(resolved) else {}
        out.append(
            {
                "group": None if pd.isna(key) else key,
                "cases": int(len(part)),
                "resolved": int(len(resolved)),
                "resolved_at_level": shares,
                "overdue": int(part["overdue"].sum()),
                "mean_hours_to_accept": _mean(part["hours_to_accept"]),
                "mean_hours_to_resolve": _mean(part["hours_to_resolve"]),
            }
        )
    return out


def _mean(series: pd.Series) -> float | None:
    value = series.mean()
    return None if pd.isna(value) else round(float(value), 3)
