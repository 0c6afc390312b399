"""The People services dashboard's drill-down (``people.kpi_records``): the hits, outreach visits or no-visit grants
behind one group of a 应享未享 KPI (a committee, a category, an urgency, a month), masked as every people answer,
only those of the caller's unit, most urgent or newest first.  Personal, so audited."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, ErrorCode, QuerySpec, Refused, Role, limit_of
from citybrain.plugins.people import catalogue, privacy
from citybrain.plugins.people.policies import URGENCY, by_id
from citybrain.plugins.people.tables import Resident

KPI_RECORDS = "people.kpi_records"
DIMENSIONS = ("month", "subdistrict", "unit", "category", "urgency")
FRAME = {  # which of catalogue.load's frames each KPI counts, and the rows it counts there
    "people.unmet": (0, None),
    "people.unmet_actionable": (0, "actionable"),
    "people.outreach": (1, None),
    "people.outreach_enrolled": (1, "closed"),
    "people.outreach_not_eligible": (1, "closed"),
    "people.granted": (2, None),
}
KINDS = ("hit", "visit", "grant")


def records(session: Session, p: dict, caller: Caller) -> dict:
    """``{metric, by, group, limit}``: ``{total, records}``, the records behind one group."""
    metric, by, group = p.get("metric") or "", p.get("by") or [], p.get("group") or []
    if metric not in FRAME:
        raise Refused(f"no people KPI {metric!r}", code=ErrorCode.INVALID_PAYLOAD)
    if len(by) != len(group) or not set(by) <= set(DIMENSIONS):
        raise Refused(
            f"give one group value for each of {', '.join(by)} (breakdowns: {', '.join(DIMENSIONS)})",
            code=ErrorCode.INVALID_PAYLOAD,
        )
    which, counted = FRAME[metric]
    frame = catalogue.load(session)[which]
    if counted:
        frame = frame[frame[counted] == 1]
    for dim, value in zip(by, group, strict=True):
        frame = frame[frame[dim].astype(str) == str(value)]
    frame = frame[[caller.sees(unit) for unit in frame["unit"]]] if caller.units is not None else frame
    if which == 0:  # most urgent first
        frame = frame.assign(rank=frame["urgency"].map(URGENCY.index)).sort_values(["rank", "person"], kind="stable")
    else:  # newest first
        frame = frame.sort_values("at", ascending=False, kind="stable")
    total = len(frame)
    frame = frame.head(limit_of(p, 200, 2_000))
    return {"total": total, "records": _worded(session, frame, KINDS[which])}


def _worded(session: Session, frame: pd.DataFrame, kind: str) -> list[dict]:
    persons = [int(x) for x in frame["person"].unique()]
    residents = {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(persons)))}
    known = by_id()
    out = []
    for row in frame.to_dict("records"):
        r = residents.get(int(row["person"]))
        policy = known.get(row["policy_id"] if kind == "hit" else row["policy"])
        out.append(
            {
                "kind": kind,
                "person": int(row["person"]),
                "name": r.name if r else "",
                "id_masked": privacy.id_number(r.id_number) if r else "",
                "committee": row["unit"],
                "policy": policy.name if policy else row["policy"],
                "category": row["category"],
                "urgency": row["urgency"],
                "state": ("flagged" if row["flagged"] else "open") if kind == "hit" else row.get("outcome") or "",
                "month": row["month"],
            }
        )
    return out


QUERIES = [
    QuerySpec(
        KPI_RECORDS,
        records,
        params={"metric": str, "by": list[str] | None, "group": list[str] | None, "limit": int | None},
        role=Role.OPERATOR,
        personal=True,
        title="The hits, outreach visits or grants behind a People services KPI group (masked, the caller's unit)",
    )
]
