"""Which figures a desk reads (no Qt): a placed KPI's over the desk's unit (``metrics.unit_values``, ids
``metric/by@unit``), every other KPI's, and every KPI on a district desk, the district's (``metrics.values``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Protocol

from citybrain.plugins.metrics import CATALOGUE, PROVENANCE, UNIT_VALUES, VALUES
from citybrain.plugins.metrics.dashboards import Provenance

Records = Callable[[str], dict | None]  # a KPI's record by its district id ("metric/by")


class Published(Protocol):
    """What a board reads of a desk's context: the records the daemon publishes and the operator (a DeskContext
    is one)."""

    @property
    def operator(self) -> dict | None: ...

    def records(self, collection: str) -> list[dict]: ...

    def record(self, collection: str, key: Hashable) -> dict | None: ...


def desk_unit(ctx: Published) -> str | None:
    """The unit whose figures this desk reads for a placed KPI: the operator's; None for the whole district (no
    unit, or the district at the root, whose figures are ``metrics.values``)."""
    unit = (ctx.operator or {}).get("unit")
    root = next((u for u in ctx.records("org.units") if u.get("code") == unit), {}) if unit else {}
    return None if not unit or (root.get("kind") == "district" and not root.get("parent")) else unit


def placed(ctx: Published) -> set[str]:
    """The KPIs computed per unit (their catalogue record names a ``place``)."""
    return {kpi["id"] for kpi in ctx.records(CATALOGUE) if kpi.get("place")}


def figures(ctx: Published) -> Records:
    """The records a dashboard, a drill-down or an export reads on this desk, by their district ids."""
    unit = desk_unit(ctx)
    own = placed(ctx) if unit else set()

    def record(record_id: str) -> dict | None:
        if record_id.split("/", 1)[0] in own:
            return ctx.record(UNIT_VALUES, f"{record_id}@{unit}")
        return ctx.record(VALUES, record_id)

    return record


def provenance(ctx: Published) -> Provenance:
    """Which figures on this desk are made up. The case study's figures are the district's: a unit's share of
    one (Ouyang's tickets of 2023) is the demo's, except a figure for a unit itself (Quyang's pushes), which is
    that unit's whole figure wherever it is read."""
    records = ctx.records(PROVENANCE)
    if desk_unit(ctx):
        own = placed(ctx)
        units = {u["code"] for u in ctx.records("org.units")}
        records = [r for r in records if r["source"] != "seed" or r["metric"] not in own or r["group"] in units]
    return Provenance(records)
