"""What the policy matching adds to the people plugin's daemon half: the catalogue as a collection, the 应享未享
queries and the citizen query (personal, audited, placed by committee), outreach tasks and their commands, and the
hits and outcomes counted through ``citybrain_metrics`` (the metrics plugin computes and publishes them)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Literal

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DistrictWide,
    MetricSpec,
    QuerySpec,
    Role,
    Within,
    hookimpl,
    read_frame,
    sum_kpi,
    tr_noop,
)
from citybrain.plugins.people import (
    ENTITLEMENTS,
    GRANT,
    GRANTS,
    OUTREACH,
    OUTREACH_OUTCOME,
    OUTREACH_PLAN,
    POLICIES,
    UNMET,
    UNMET_COUNTS,
    grants,
    matching,
    outreach,
    tagging,
    unmet,
)
from citybrain.plugins.people.grants import Grant
from citybrain.plugins.people.outreach import OutreachTask
from citybrain.plugins.people.policies import URGENCY, by_id, catalogue
from citybrain.plugins.people.tables import Conflict, Resident

_RESIDENTS_OF = partial(  # records naming residents (masked): operators only, each placed by its committee
    CollectionSpec, key="id", read_role=Role.OPERATOR, place="committee"
)
COLLECTIONS = [
    CollectionSpec(
        POLICIES,
        key="id",
        title="The policy catalogue",
        load=lambda s: [p.as_record() for p in catalogue()],
        place=DistrictWide("reference: what each policy grants, and to whom"),
    ),
    _RESIDENTS_OF(
        OUTREACH, title="Outreach visits for residents missing a benefit, and their outcomes", load=outreach.tasks
    ),
    _RESIDENTS_OF(
        GRANTS, title="No-visit benefits granted from the lists (免申即享), the last four months", load=grants.recent
    ),
]
_UNIT_QUERY = partial(  # a committee's desk lists and counts its own residents' hits
    QuerySpec, params=unmet.FILTERS, place="committee", within=(Within("unit"),), role=Role.OPERATOR, personal=True
)
QUERIES = [
    _UNIT_QUERY(
        UNMET, unmet.hits, title="Residents who qualify for a policy and do not receive it, with the reasons (masked)"
    ),
    _UNIT_QUERY(
        UNMET_COUNTS, unmet.counts, title="Residents missing a benefit, counted by committee, category and urgency"
    ),
    QuerySpec(
        ENTITLEMENTS,
        unmet.entitlements,
        params={"person": int},
        place="committee",
        role=Role.OPERATOR,
        personal=True,
        title="Every policy one resident receives, qualifies for or nearly qualifies for, with the reasons",
    ),
]
COMMANDS = [
    CommandSpec(
        OUTREACH_PLAN,
        outreach.create,
        payload={"person": int, "policy": str, "committee": str},
        within=(Within("committee"),),
        role=Role.OPERATOR,
        title="Plan an outreach visit to a resident missing a benefit",
    ),
    CommandSpec(
        OUTREACH_OUTCOME,
        outreach.outcome,
        payload={"task": int, "outcome": Literal[outreach.OUTCOMES], "reason": str | None},
        within=(Within("task", OUTREACH),),
        role=Role.OPERATOR,
        title="Record an outreach visit's outcome",
    ),
    CommandSpec(
        GRANT,
        grants.grant,
        payload={"person": int, "policy": str, "committee": str},
        within=(Within("committee"),),
        role=Role.OPERATOR,
        title="Grant a no-visit policy's benefit to a resident it lists, without a visit (免申即享)",
    ),
]


def load(session: Session) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The current hits (person, unit, subdistrict, category, urgency, month), the outreach tasks and the no-visit
    grants, each with its id and resident (the drill-down lists them)."""
    scan = matching.current(session)
    table = scan.table()
    places = pd.DataFrame(
        session.execute(select(Resident.id, Resident.committee, Resident.subdistrict)).all(),
        columns=["person", "unit", "subdistrict"],
    )
    table = table.merge(places, on="person", how="left")
    categories = np.array([p.category for p in scan.policies], dtype=object)
    table["policy_id"] = np.array([p.id for p in scan.policies], dtype=object)[table["policy"].to_numpy(dtype=np.int64)]
    table["category"] = categories[table["policy"].to_numpy(dtype=np.int64)]
    table["urgency"] = [URGENCY[u] for u in table["urgency"]]
    table["month"] = scan.today.strftime("%Y-%m")
    table["hits"], table["actionable"] = 1, (~table["flagged"]).astype(int)
    columns = ["id", "person", "unit", "subdistrict", "policy"]
    tasks = _by_policy(
        read_frame(
            session,
            select(
                OutreachTask.id,
                OutreachTask.resident_id,
                OutreachTask.committee,
                OutreachTask.subdistrict,
                OutreachTask.policy,
                OutreachTask.created_at,
                OutreachTask.outcome,
            ),
            [*columns, "at", "outcome"],
        )
    )
    tasks["tasks"] = 1
    for name in outreach.OUTCOMES:
        tasks[name] = (tasks["outcome"] == name).astype(int)
    tasks["closed"] = tasks["outcome"].notna().astype(int)
    granted = _by_policy(
        read_frame(
            session,
            select(Grant.id, Grant.resident_id, Grant.committee, Grant.subdistrict, Grant.policy, Grant.granted_at),
            [*columns, "at"],
        )
    )
    granted["grants"] = 1
    return table, tasks, granted


def _by_policy(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame of tasks or grants (``policy`` an id, ``at`` a time) with its policies' category and urgency, and
    the month of ``at``."""
    known = by_id()
    frame["category"] = [known[p].category if p in known else "" for p in frame["policy"]]
    frame["urgency"] = [known[p].urgency if p in known else "" for p in frame["policy"]]
    frame["month"] = pd.to_datetime(frame["at"], utc=True).dt.strftime("%Y-%m")
    return frame


def version(session: Session) -> tuple:
    tasks = session.execute(select(func.count(OutreachTask.id), func.max(OutreachTask.outcome_at))).one()
    conflicts = session.execute(select(func.count(Conflict.id), func.max(Conflict.id))).one()
    granted = session.execute(select(func.count(Grant.id))).one()
    return (*tagging.stamp(session, pd.Timestamp.now().date()), *conflicts, *tasks, *granted)


LABELS = {  # the groups' names on the dashboards (translated there, in the "Metrics" context)
    "category": {
        "relief": tr_noop("Metrics", "Relief"),
        "elderly_care": tr_noop("Metrics", "Elderly care"),
        "disability": tr_noop("Metrics", "Disability"),
        "employment": tr_noop("Metrics", "Employment"),
        "health": tr_noop("Metrics", "Health"),
        "housing": tr_noop("Metrics", "Housing"),
        "veterans": tr_noop("Metrics", "Veterans"),
        "education": tr_noop("Metrics", "Education"),
    },
    "urgency": {
        "high": tr_noop("Metrics", "High urgency"),
        "medium": tr_noop("Metrics", "Medium urgency"),
        "low": tr_noop("Metrics", "Low urgency"),
    },
}


def _sum(which: int, numerator: str, denominator: str | None = None):  # noqa: ANN202 - a MetricSpec's compute
    """``numerator`` (÷ ``denominator``) summed over the hits (``which`` 0), outreach tasks (1) or grants (2)."""
    return lambda data, by: sum_kpi(data[which], by, numerator, denominator)


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    metric = partial(
        MetricSpec,
        load=load,
        version=version,
        dimensions=("month", "subdistrict", "unit", "category", "urgency"),
        drill="people.kpi_records",  # kpi_records.py
        labels=LABELS,
        place="unit",  # the resident's committee
    )
    return [
        metric(
            "people.unmet",
            tr_noop("Metrics", "Residents missing a benefit (hits)"),
            "hits",
            compute=_sum(0, "hits"),
            higher_is_better=False,
        ),
        metric(
            "people.unmet_actionable",
            tr_noop("Metrics", "Hits ready for a visit (no conflict)"),
            "hits",
            compute=_sum(0, "actionable"),
            higher_is_better=False,
        ),
        metric("people.outreach", tr_noop("Metrics", "Outreach visits planned"), "visits", compute=_sum(1, "tasks")),
        metric(
            "people.outreach_enrolled",
            tr_noop("Metrics", "Outreach visits ending enrolled"),
            "%",
            compute=_sum(1, "enrolled", "closed"),
        ),
        metric(
            "people.outreach_not_eligible",
            tr_noop("Metrics", "Outreach visits finding the rule wrong"),
            "%",
            compute=_sum(1, "not_eligible", "closed"),
            higher_is_better=False,
        ),
        metric(
            "people.granted",
            tr_noop("Metrics", "No-visit benefits granted from the lists"),
            "grants",
            compute=_sum(2, "grants"),
        ),
    ]
