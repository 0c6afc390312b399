"""Metrics plugin, daemon half: hotline tickets and patrols (tables, imports, demo), the KPIs they contribute, and
the engine that computes every plugin's KPIs (``citybrain_metrics``) when their inputs change and publishes them.
No Qt here."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    ImporterSpec,
    MetricSpec,
    QuerySpec,
    Refused,
    Role,
    SchemaInfo,
    Transaction,
    get_or_refuse,
    hookimpl,
)
from citybrain.plugins.metrics import (
    CATALOGUE,
    CATEGORIES,
    PROVENANCE,
    UNIT_VALUES,
    VALUES,
    catalogue,
    demo,
    drill,
    governance,
    hotline,
    open311,
    patrols,
)
from citybrain.plugins.metrics.engine import Engine, catalogue_record
from citybrain.plugins.metrics.fields import declared
from citybrain.plugins.metrics.sheet_imports import import_governance, import_patrols, import_tickets
from citybrain.plugins.metrics.tables import Provenance, Snapshot, Ticket

REFRESH_SECONDS = 2.0  # how often the inputs' stamps are checked ([plugins.metrics] refresh)


@hookimpl
def citybrain_schema() -> SchemaInfo:
    return SchemaInfo("metrics", 1)


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(CATALOGUE, key="id", title="KPIs", place=DistrictWide("reference: what each KPI is")),
        CollectionSpec(
            VALUES,
            key="id",
            title="KPI values by breakdown",
            place=DistrictWide("the district's figures, computed once for every desk"),
        ),
        CollectionSpec(
            UNIT_VALUES,
            key="id",
            title="KPI values by breakdown, over a unit's subtree (for the units desks are logged in at)",
            read_role=Role.VIEWER,
            place="unit",
        ),
        CollectionSpec(
            CATEGORIES,
            key="code",
            title="Hotline categories",
            load=catalogue.records,
            place=DistrictWide("reference: the hotline's categories"),
        ),
        CollectionSpec(
            PROVENANCE,
            key="id",
            title="Which figures are made up (demo) or the case study's own",
            load=lambda s: [p.record() for p in s.scalars(select(Provenance))],
            place=DistrictWide("reference: which figures are made up"),
        ),
    ]


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    return hotline.specs() + patrols.specs() + governance.specs()


def _snapshot(tx: Transaction, headlines: dict[str, float | None]) -> None:
    now = datetime.now(UTC)
    tx.session.add_all(
        Snapshot(metric=metric, at=now, period="all", value=value) for metric, value in headlines.items()
    )


async def refresh_metrics(ctx: DaemonContext) -> None:
    """Publish the KPI catalogue, then recompute what changed every few seconds (a stamp check when nothing did),
    placed KPIs also for each unit a desk is logged in at (``system.desks``' units, from the daemon's stats)."""
    specs = ctx.metrics()
    ctx.publish(CATALOGUE, put=[catalogue_record(spec) for spec in specs])
    engine = Engine(specs)
    every = float(ctx.config.get("refresh", REFRESH_SECONDS))
    while True:
        units = {desk["unit"] for desk in ctx.stats()["desks"] if desk.get("unit")}
        done = await ctx.read(engine.refresh, units)
        if done.values:
            ctx.publish(VALUES, put=done.values)
        if done.unit_values or done.unit_gone:
            ctx.publish(UNIT_VALUES, put=done.unit_values, delete=done.unit_gone)
        if done.headlines:
            await ctx.transact(_snapshot, done.headlines)
        await asyncio.sleep(every)


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    return [refresh_metrics]


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    drill_params = {"metric": str, "by": list[str] | None, "group": list[str] | None, "limit": int | None}
    return [
        QuerySpec("metrics.tickets", drill.tickets, params=drill_params, title="Tickets behind a KPI group"),
        QuerySpec("metrics.patrols", drill.patrols, params=drill_params, title="Patrols behind a KPI group"),
        QuerySpec(
            "metrics.ranking",
            drill.ranking,
            params=drill_params,
            title="The city's governance ranking behind a KPI group",
        ),
        QuerySpec("metrics.history", drill.history, params={"metric": str}, title="A KPI's history"),
    ]


def ticket_case(tx: Transaction, p: dict) -> dict:
    """Open a case in the shared loop for a ticket (when the cases plugin is there) and remember it on the ticket."""
    ticket = get_or_refuse(tx.session, Ticket, p["ticket"], "ticket")
    if ticket.case_id is not None:
        raise Refused(f"ticket {ticket.id} already opened case #{ticket.case_id}")
    if not tx.offers("cases.open"):
        raise Refused("cases cannot be opened: the cases plugin is not there")
    case = tx.call(
        "cases.open",
        {
            "source": "hotline",
            "type": p["type"],
            "unit": p["unit"],
            "priority": p["priority"],
            "title": p.get("title") or f"12345 {ticket.id}",
            "description": ticket.description,
            "address": ticket.address,
            "lat": ticket.lat,
            "lon": ticket.lon,
            "source_ref": ticket.id,
        },
    )
    ticket.case_id = case["id"]
    ticket.updated_at = datetime.now(UTC)
    return {"case": case["id"]}


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "metrics.ticket_case",
            ticket_case,
            title="Open a case for a hotline ticket",
            payload={"ticket": str, "type": str, "unit": str, "priority": str, "title": str | None},
        )
    ]


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            "metrics.open311",
            open311.import_open311,
            title="Open311 GeoReport v2 services or requests",
            extensions=(".json", ".xml"),
            parse=open311.parse,
        ),
        ImporterSpec(
            "metrics.tickets", import_tickets, title="12345 tickets (city platform sheet)", extensions=(".csv", ".xlsx")
        ),
        ImporterSpec("metrics.patrols", import_patrols, title="Patrol records", extensions=(".csv", ".xlsx")),
        ImporterSpec(
            "metrics.governance",
            import_governance,
            extensions=(".csv", ".xlsx"),
            title="The city's monthly ranking of districts' governance satisfaction",
        ),
    ]


@hookimpl(trylast=True)
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    demo.seed(tx, rng)  # after the cases demo: tickets fall in its subdistricts
