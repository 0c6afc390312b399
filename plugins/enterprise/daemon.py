"""Enterprise plugin, daemon half: the registry (credit codes checked, GB/T 4754 industries, subdistricts from the
org tree), monthly indicators and the early-warning scan, visit plans and records, demands through the shared case
loop, and the KPIs.  No Qt here."""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    ImporterSpec,
    OpenItem,
    QuerySpec,
    Restricted,
    Role,
    ScheduleSpec,
    TimerSpec,
    Transaction,
    Within,
    append_row,
    hookimpl,
)
from citybrain.plugins.enterprise import (
    CONTACTS,
    DEMANDS,
    ENTERPRISES,
    PLANS,
    WARNINGS,
    config as enterprise_config,
    demands,
    imports,
    kpis,
    metrics,
    tagging,
    visits,
    warnings,
)
from citybrain.plugins.enterprise.fields import declared
from citybrain.plugins.enterprise.metrics import citybrain_metrics  # noqa: F401 - the KPIs it contributes (a hook)
from citybrain.plugins.enterprise.tables import Enterprise

EXPORT_COLUMNS = (
    "credit_code",
    "name",
    "industry",
    "subdistrict",
    "address",
    "lat",
    "lon",
    "size",
    "key_enterprise",
    "contacts",
    "officer",
)


def _registry(session: Session) -> list[dict]:
    """The register as imported (``key_enterprise``: the register's own mark)."""
    return [e.record() for e in session.scalars(select(Enterprise))]


def _enterprises(session: Session) -> list[dict]:
    return tagging.with_tags(_registry(session))  # key_enterprise: the tag (large, or marked)


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    # each placed in its subdistrict: a subdistrict's desk gets its own enterprises, their warnings, visits, demands
    return [
        CollectionSpec(
            ENTERPRISES,
            key="id",
            title="Enterprises (the registry)",
            load=_enterprises,
            restricted=Restricted(CONTACTS, ("contacts",)),
            place="subdistrict",
        ),
        CollectionSpec(
            WARNINGS,
            key="id",
            title="Open early warnings, with their reasons",
            load=warnings.active,
            place="subdistrict",
        ),
        CollectionSpec(PLANS, key="id", title="Visit plans not yet done", load=visits.open_plans, place="subdistrict"),
        CollectionSpec(
            DEMANDS, key="id", title="Enterprise demands not closed", load=demands.open_demands, place="subdistrict"
        ),
    ]


ENTERPRISE = Within("enterprise", ENTERPRISES)


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "enterprise.warning.dismiss",
            warnings.dismiss,
            payload={"warning": int, "reason": str},
            title="Dismiss a warning, saying why (its causes do not raise it again)",
            within=(Within("warning", WARNINGS),),
        ),
        CommandSpec(
            "enterprise.scan",
            lambda tx, p: warnings.scan(tx),
            role=Role.DUTY_LEADER,
            title="Score every enterprise's indicators now",
        ),
        CommandSpec(
            "enterprise.plan",
            visits.plan,
            title="Plan a visit (from a warning, or not)",
            payload={
                "enterprise": int,
                "planned_for": str,
                "visitors": str,
                "purpose": str | None,
                "warning": int | None,
            },
            within=(ENTERPRISE,),
        ),
        CommandSpec(
            "enterprise.visit",
            visits.record_visit,
            title="Record a visit made",
            payload={
                "enterprise": int,
                "visited_on": str,
                "visitors": str,
                "department": str | None,
                "findings": str | None,
                "plan": int | None,
            },
            within=(ENTERPRISE,),
        ),
        CommandSpec(
            "enterprise.demand.raise",
            demands.raise_demand,
            title="Receive an enterprise's demand",
            payload={"enterprise": int, "category": str, "title": str, "description": str | None, "visit": int | None},
            within=(ENTERPRISE,),
        ),
        CommandSpec(
            "enterprise.demand.act",
            demands.act,
            title="Move a demand along its loop",
            within=(Within("demand", DEMANDS),),
            payload={
                "demand": int,
                "action": Literal[tuple(demands.STEPS)],
                "department": str | None,
                "answer": str | None,
                "satisfied": bool | None,
                "rating": int | None,
                "reason": str | None,
                "note": str | None,
            },
        ),
    ]


def card(session: Session, params: dict, caller: Caller) -> dict:
    """What an enterprise's card shows besides the live collections: its visits and every demand, closed too."""
    return {
        "visits": visits.of_enterprise(session, params["enterprise"]),
        "demands": demands.of_enterprise(session, params["enterprise"]),
    }


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            "enterprise.enterprises",
            imports.import_enterprises,
            extensions=(".xlsx", ".csv"),
            title="Enterprises (credit_code, name, industry, subdistrict, size, …)",
            role=Role.DUTY_LEADER,
        ),
        ImporterSpec(
            "enterprise.indicators",
            imports.import_indicators,
            extensions=(".xlsx", ".csv"),
            title="Monthly indicators (credit_code, month, one column per indicator)",
        ),
    ]


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(":".join(filter(None, (p["name"], p["phone"], p.get("role")))) for p in value)
    return value


def export(session: Session, params: dict, caller: Caller) -> bytes:
    """The registry as an Excel workbook in our own import shape (it imports back unchanged)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "enterprises"
    append_row(sheet, EXPORT_COLUMNS)
    for record in sorted(_registry(session), key=lambda r: r["credit_code"]):  # the mark, as it imports back
        append_row(sheet, [_cell(record[c]) for c in EXPORT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            "enterprise.export",
            export,
            title="The enterprise registry as an Excel workbook",
            role=Role.OPERATOR,
            personal=True,
        ),
        QuerySpec(
            "enterprise.series",
            warnings.series,
            params={"enterprise": int},
            title="An enterprise's monthly indicators",
            within=(ENTERPRISE,),
        ),
        QuerySpec(
            "enterprise.card",
            card,
            params={"enterprise": int},
            title="An enterprise's visits and demands",
            within=(ENTERPRISE,),
        ),
        QuerySpec(
            "enterprise.kpis",
            kpis.query,
            title="Visits, demands, resolution, satisfaction by a dimension",
            params={"by": Literal[kpis.DIMENSIONS] | None, "start": str | None, "end": str | None},
        ),
        *metrics.QUERIES,
    ]


async def scan(ctx: DaemonContext) -> None:
    """Scored on a reader (every figure read), applied in the writer: commands wait for the few warnings only."""
    result = await ctx.transact(warnings.apply, await ctx.read(warnings.assess))
    ctx.log.info(
        "early warning over %s: %d warned, %d raised, %d cleared",
        result["month"],
        result["warned"],
        result["raised"],
        result["cleared"],
    )


@hookimpl
def citybrain_configure(config: Mapping[str, Any]) -> None:
    enterprise_config.configure(config)  # the scoring settings in daemon.toml over warning.toml's


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    if not ctx.config.get("indicator_query"):
        return []
    from citybrain.plugins.enterprise import indicator_query

    return [indicator_query.run]


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [
        ScheduleSpec("enterprise.scan", every=3600.0, handler=scan),
        ScheduleSpec("enterprise.cases", every=10.0, handler=follow_cases),
    ]


async def follow_cases(ctx: DaemonContext) -> None:
    await ctx.transact(demands.follow_cases)


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    return [TimerSpec(demands.DUE, demands.on_due)]


@hookimpl
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    """For a handover: overdue demands, by name."""
    return [
        OpenItem(
            "demand",
            f"{d['name']}: {d['title']}",
            f"{d['state']} · {d['department']} · overdue, escalated to the {d['escalated_to']}",
            datetime.fromisoformat(d["due_at"]),
            f"{DEMANDS}/{d['id']}",
            facts={key: d[key] for key in ("name", "title", "state", "department", "escalations")},
        )
        for d in demands.open_demands(session)
        if d["overdue"]
    ]


@hookimpl(trylast=True)  # after the cases demo: enterprises sit in its subdistricts
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.enterprise import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
