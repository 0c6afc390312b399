"""Governance satisfaction (群众满意度), the district-level figure the city ranks its districts by each month — not
the 12345 callers' satisfaction rate (市民满意率, ``hotline.satisfaction``), which is a share of rated tickets.

The city publishes a percentage per district and month; the ranking is imported (``metrics.governance``) and kept
as it is.  Two KPIs come from it, each for this district (the org tree's district) unless broken down by district:

- ``governance.satisfaction``: the month's percentage; a year's figure is the mean of its months.
- ``governance.rank``: the district's place in the city that month (the city's own, or worked out from the month's
  percentages); a year's is its place by the year's means.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import MetricSpec, read_frame, tr_noop
from citybrain.core.district import OrgUnit
from citybrain.plugins.metrics.cube import ALL, month_label
from citybrain.plugins.metrics.tables import GovernanceScore

DIMENSIONS = ("month", "year", "district")
COLUMNS = ["month", "district", "value", "rank"]


def load(session: Session) -> tuple[pd.DataFrame, str]:
    """Every district's months, and this district's name (as the ranking writes it: the org tree's district)."""
    frame = read_frame(session, select(*(getattr(GovernanceScore, c) for c in COLUMNS)), COLUMNS)
    ours = session.scalars(select(OrgUnit.name).where(OrgUnit.kind == "district").order_by(OrgUnit.code)).first()
    return frame, ours or ""


def version(session: Session) -> tuple:
    """Rows and their latest change — and the district's name (the org tree may be imported after the ranking)."""
    return (
        *session.execute(select(func.count(GovernanceScore.id), func.max(GovernanceScore.updated_at))).one(),
        session.scalars(select(OrgUnit.name).where(OrgUnit.kind == "district")).first(),
    )


def _table(data: tuple[pd.DataFrame, str], by: tuple[str, ...]) -> pd.DataFrame:
    """Per (period of ``by``, district): the value and the rank, each district's months averaged over a year."""
    frame, _ = data
    if "month" in by:
        return frame.assign(month=frame["month"].map(month_label))
    periods = ["year"] if "year" in by else []
    means = frame.assign(year=frame["month"] // 100).groupby([*periods, "district"], as_index=False)["value"].mean()
    ranked = means.groupby(periods)["value"] if periods else means["value"]
    return means.assign(rank=ranked.rank(ascending=False, method="min"))


def compute(column: str):  # noqa: ANN201 - the MetricSpec's compute
    def kpi(data: tuple[pd.DataFrame, str], by: tuple[str, ...]) -> pd.DataFrame:
        table = _table(data, by)
        if "district" not in by:
            table = table[table["district"] == data[1]]
        out = pd.DataFrame(
            {"value": table[column].astype(float).to_numpy()},
            index=pd.MultiIndex.from_frame(table[list(by)])
            if len(by) > 1
            else pd.Index(table[by[0]] if by else [ALL] * len(table)),
        )
        if not by and len(out) != 1:  # no breakdown: the mean over every month (the rank has none)
            value = table[column].mean() if column == "value" and len(table) else None
            out = pd.DataFrame({"value": [value]}, index=pd.Index([ALL]))
        return out.sort_index()

    return kpi


def specs() -> list[MetricSpec]:
    common: dict = {
        "load": load,
        "version": version,
        "dimensions": DIMENSIONS,
        "period": "month",
        "drill": "metrics.ranking",
    }
    return [
        MetricSpec(
            "governance.satisfaction",
            tr_noop("Metrics", "Governance satisfaction (city survey)"),
            "%",
            compute=compute("value"),
            **common,
        ),
        MetricSpec(
            "governance.rank",
            tr_noop("Metrics", "Rank among Shanghai's districts"),
            "rank",
            compute=compute("rank"),
            higher_is_better=False,
            **common,
        ),
    ]
