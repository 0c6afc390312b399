"""The 应享未享 queries: the hits listed for a committee or subdistrict by category and urgency, with each hit's
reasons (the criteria that held, the benefit record that is missing or ended, the data's date); their counts; and
the citizen query (one resident against every policy).  Masked like every people answer; placed by committee."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, ErrorCode, Refused, TagResult, get_or_refuse, limit_of
from citybrain.plugins.people import matching, privacy, tagging
from citybrain.plugins.people.outreach import OutreachTask
from citybrain.plugins.people.policies import CATEGORIES, URGENCY, by_id
from citybrain.plugins.people.residents import _age
from citybrain.plugins.people.tables import Benefit, Resident, SourceFacts

FILTERS = {
    "unit": str | None,
    "category": str | None,
    "urgency": str | None,
    "policy": str | None,
    "flagged": bool | None,  # True: only hits on residents with a conflict; False: only the others; None: all
    "limit": int | None,
}


def _filtered(session: Session, scan: matching.Scan, params: dict) -> pd.DataFrame:
    table = scan.table()
    for name, allowed in (("category", CATEGORIES), ("urgency", URGENCY), ("policy", tuple(by_id()))):
        value = params.get(name)
        if value is None:
            continue
        if value not in allowed:
            raise Refused(f"no {name} {value!r}", {"reason": "not_found", "key": value}, code=ErrorCode.INVALID_PAYLOAD)
        keep = [j for j, p in enumerate(scan.policies) if getattr(p, "id" if name == "policy" else name) == value]
        table = table[table["policy"].isin(keep)]
    if unit := params.get("unit"):
        ids = session.scalars(
            select(Resident.id).where(
                or_(Resident.committee == unit, Resident.compound == unit, Resident.subdistrict == unit)
            )
        ).all()
        table = table[table["person"].isin(ids)]
    if params.get("flagged") is not None:
        table = table[table["flagged"] == bool(params["flagged"])]
    return table


def hits(session: Session, params: dict, caller: Caller) -> list[dict]:
    """The hits the filters select, most urgent first (then in catalogue order), at most ``limit``."""
    scan = matching.current(session)
    table = _filtered(session, scan, params).sort_values(["urgency", "policy", "person"], kind="stable")
    table = table.head(limit_of(params, 500, 5_000))
    persons = [int(p) for p in table["person"].unique()]
    residents = {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(persons)))}
    codes = {scan.policies[int(j)].benefit for j in table["policy"].unique()}
    ended: dict[tuple[int, str], date] = {}
    for rid, code, until in session.execute(
        select(Benefit.resident_id, Benefit.programme, func.max(Benefit.until))
        .where(Benefit.resident_id.in_(persons), Benefit.programme.in_(codes), Benefit.until < scan.today)
        .group_by(Benefit.resident_id, Benefit.programme)
    ):
        if until is not None:
            ended[(rid, code)] = until
    dated = dict(
        session.execute(
            select(SourceFacts.resident_id, func.max(SourceFacts.imported_at))
            .where(SourceFacts.resident_id.in_(persons))
            .group_by(SourceFacts.resident_id)
        ).all()
    )
    planned = {  # the latest task of each resident and policy
        (t.resident_id, t.policy): t
        for t in session.scalars(
            select(OutreachTask).where(OutreachTask.resident_id.in_(persons)).order_by(OutreachTask.id)
        )
    }
    out = []
    for person, j, k in zip(table["person"], table["policy"], table["hit"], strict=True):
        r, policy = residents[int(person)], scan.policies[int(j)]
        task = planned.get((r.id, policy.id))
        stopped = ended.get((r.id, policy.benefit))
        out.append(
            {
                "key": f"{r.id}:{policy.id}",
                "person": r.id,
                "name": r.name,
                "sex": r.sex,
                "age": _age(r.birth_date, scan.today),
                "id_masked": privacy.id_number(r.id_number),
                "compound": r.compound,
                "committee": r.committee,
                "subdistrict": r.subdistrict,
                "policy": policy.id,
                "policy_name": policy.name,
                "category": policy.category,
                "urgency": policy.urgency,
                "no_visit": policy.no_visit,
                "reasons": scan.hits[int(j)].reasons(int(k)),
                "missing": {"benefit": policy.benefit, "ended": stopped.isoformat() if stopped else None},
                "data_date": dated[r.id].date().isoformat() if r.id in dated else None,
                "check": scan.check.get(r.id, []),
                "task": task.id if task else None,
                "outcome": task.outcome if task else None,
            }
        )
    return out


def counts(session: Session, params: dict, caller: Caller) -> list[dict]:
    """The hits counted by committee, category and urgency (with how many of them carry a conflict)."""
    scan = matching.current(session)
    table = _filtered(session, scan, params | {"flagged": None})
    if table.empty:
        return []
    places = pd.DataFrame(
        session.execute(select(Resident.id, Resident.committee, Resident.subdistrict)).all(),
        columns=["person", "committee", "subdistrict"],
    )
    table = table.merge(places, on="person", how="left")
    table["category"] = [scan.policies[j].category for j in table["policy"]]
    table["urgency"] = [URGENCY[u] for u in table["urgency"]]
    grouped = (
        table.groupby(["committee", "subdistrict", "category", "urgency"], dropna=False)
        .agg(hits=("person", "size"), flagged=("flagged", "sum"), people=("person", "nunique"))
        .reset_index()
    )
    grouped[["hits", "flagged", "people"]] = grouped[["hits", "flagged", "people"]].astype(int)
    return [
        {k: (None if v != v else v) for k, v in row.items()}  # NaN (no committee) as None
        for row in grouped.astype(object).to_dict("records")
    ]


def entitlements(session: Session, params: dict, caller: Caller) -> list[dict]:
    """The citizen query: every policy one resident receives, qualifies for, or nearly qualifies for (one
    criterion short), with the reasons; their open conflicts.  A list of one, placed by its ``committee``."""
    r = get_or_refuse(session, Resident, params["person"], "resident")
    scan = matching.current(session)
    today = scan.today
    states = matching.one(scan.frame.loc[[r.id]], _one_row(tagging.tags(session, today), r.id), today)
    for s in states:
        policy = by_id()[s["policy"]]
        s |= {
            "name": policy.name,
            "category": policy.category,
            "urgency": policy.urgency,
            "benefit": policy.benefit,
            "no_visit": policy.no_visit,
            "illustrative": policy.illustrative,
        }
    return [
        {
            "committee": r.committee,
            "person": r.id,
            "name": r.name,
            "id_masked": privacy.id_number(r.id_number),
            "age": _age(r.birth_date, today),
            "check": scan.check.get(r.id, []),
            "policies": states,
        }
    ]


def _one_row(result: TagResult, key: int) -> TagResult:
    """The tags one resident carries (what their rules' ``tag("x")`` read)."""
    return TagResult(result.defs, result.carried.loc[[key]], {}, {}, {})
