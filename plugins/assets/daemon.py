"""Assets plugin, daemon half: the resource registry (warehouses and stock, teams, shelters), its readiness
alerts, resource requests that reserve stock, imports through column mappings and Excel export.  No Qt here."""

from __future__ import annotations

import io
import random
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    ImporterSpec,
    OpenItem,
    QuerySpec,
    Restricted,
    Role,
    ScheduleSpec,
    Transaction,
    append_row,
    hookimpl,
)
from citybrain.core.sheets import shipped_mappings
from citybrain.plugins.assets import imports, records, requests
from citybrain.plugins.assets.fields import declared
from citybrain.plugins.assets.taxonomy import supply_taxonomy

TAXONOMY_COLLECTION = "assets.taxonomy"
SHARED = DistrictWide("the district's emergency resources: any unit may call on them in an incident")


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    titles = {
        records.WAREHOUSES: "Warehouses",
        records.STOCK: "Stock lines with their readiness alerts",
        records.TEAMS: "Teams and forces (T-cards)",
        records.SHELTERS: "Shelters and their occupancy",
        records.REQUESTS: "Open resource requests",
        records.EQUIPMENT: "Vehicles and equipment (T-cards)",
        records.EXPERTS: "Experts to call on",
    }
    contacts = (records.WAREHOUSES, records.TEAMS, records.EQUIPMENT)  # their "contact" (a phone): operators and above
    return [
        CollectionSpec(
            name,
            key="id",
            title=titles[name],
            load=load,  # experts' phones: operators and above
            read_role=Role.OPERATOR if name == records.EXPERTS else None,
            restricted=Restricted(f"{name}.contacts", ("contact",)) if name in contacts else None,
            place=SHARED,
        )
        for name, load in records.loaders().items()
    ] + [
        CollectionSpec(
            TAXONOMY_COLLECTION,
            key="code",
            title="Supply taxonomy",
            load=lambda _: supply_taxonomy().records(),
            place=DistrictWide("reference: the national supply taxonomy"),
        )
    ]


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    step = {"request": int, "quantity": int | None, "note": str | None}
    return [
        CommandSpec(
            "assets.request",
            requests.request,
            title="Request a quantity of a stock line",
            payload={
                "supply": int,
                "quantity": int,
                "purpose": str | None,
                "destination": str | None,
                "source_ref": str | None,
            },
        ),
        CommandSpec(
            "assets.commit",
            requests.commit,
            title="Commit (reserve) part or all of a request",
            payload={"request": int, "quantity": int, "note": str | None},
        ),
        CommandSpec("assets.dispatch", requests.dispatch, title="Dispatch what is committed", payload=step),
        CommandSpec(
            "assets.settle",
            requests.settle,
            title="Record what came back and what was consumed",
            payload={"request": int, "returned": int | None, "consumed": int | None, "note": str | None},
        ),
        CommandSpec(
            "assets.cancel",
            requests.cancel,
            title="Cancel a request, releasing its reservation",
            payload={"request": int, "reason": str | None},
        ),
        CommandSpec(
            "assets.team.status",
            requests.team_status,
            title="Set a team's status (T-card)",
            payload={"team": int, "status": Literal[requests.TEAM_STATES], "note": str | None},
        ),
        CommandSpec(
            "assets.equipment.status",
            requests.equipment_status,
            title="Set a vehicle's or equipment's status (T-card)",
            payload={"equipment": int, "status": Literal[requests.TEAM_STATES], "note": str | None},
        ),
        CommandSpec(
            "assets.shelter.occupancy",
            requests.shelter_occupancy,
            title="Report a shelter's occupancy",
            payload={"shelter": int, "occupancy": int, "status": Literal[requests.SHELTER_STATES] | None},
        ),
    ]


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    titles = {
        "warehouses": "Warehouses (name, address, manager, contact, hours, lat, lon)",
        "stock": "Stock lines (warehouse, category, item, unit, quantity, minimum, expiry, owner)",
        "shelters": "Shelters (name, address, capacity, occupancy, status, lat, lon)",
        "teams": "Teams and forces (name, type, headcount, leader, contact, base, equipment)",
        "equipment": "Vehicles and equipment (name, type, identifier, base, contact)",
        "experts": "Experts (name, field, organisation, phone, note)",
    }
    return [
        ImporterSpec(f"assets.{kind}", handler, title=titles[kind], extensions=(".xlsx", ".csv"), role=Role.DUTY_LEADER)
        for kind, handler in imports.IMPORTERS.items()
    ]


EXPORTS = {
    "warehouses": records.WAREHOUSES,
    "stock": records.STOCK,
    "shelters": records.SHELTERS,
    "teams": records.TEAMS,
    "equipment": records.EQUIPMENT,
    "experts": records.EXPERTS,
}


def export(session: Session, params: dict, caller: Caller) -> bytes:
    """One kind as an Excel workbook in our own import shape (it imports back unchanged)."""
    from openpyxl import Workbook

    kind = params["kind"]
    columns = list(next(m for m in shipped_mappings("assets") if m.kind == kind and m.name == "citybrain").columns)
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = kind
    append_row(sheet, columns)
    for record in sorted(records.loaders()[EXPORTS[kind]](session), key=lambda r: r["id"]):
        append_row(sheet, [record.get(c) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def find(session: Session, params: dict, caller: Caller) -> list[dict]:
    """Stock lines of an item (its name, without case or extra spaces), the most available first."""
    wanted = imports.key(params["item"])
    return sorted(
        (s for s in records.stock(session) if imports.key(s["item"]) == wanted), key=lambda s: -s["available"]
    )


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            "assets.export",
            export,
            params={"kind": Literal[tuple(EXPORTS)]},
            title="A registry table as an Excel workbook",
            role=Role.OPERATOR,
            personal=True,
        ),
        QuerySpec("assets.find", find, params={"item": str}, title="Stock lines of an item, most available first"),
    ]


async def refresh_expiry(ctx: DaemonContext) -> None:
    """Stock crosses into "expiring" or "expired" as days pass, not only when someone writes: re-publish those."""
    current = ctx.records(records.STOCK)
    now = await ctx.read(records.stock)
    changed = [r for r in now if (current.get(r["id"]) or {}).get("alerts") != r["alerts"]]
    if changed:
        ctx.publish(records.STOCK, put=changed)


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [ScheduleSpec("assets.expiry", every=3600.0, handler=refresh_expiry)]


@hookimpl
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    """For a handover: what is not ready — stock below minimum or expired, teams, vehicles and equipment out of
    service, full shelters."""
    items = [
        OpenItem(
            "readiness",
            f"{s['item']} @ {s['warehouse']}",
            f"{', '.join(s['alerts'])}: {s['available']} {s['unit']} available, minimum {s['minimum']}",
            facts={
                "stock": s["item"],
                "warehouse": s["warehouse"],
                "alerts": s["alerts"],
                "available": s["available"],
                "unit": s["unit"],
                "minimum": s["minimum"],
            },
        )
        for s in records.stock(session)
        if {"below_minimum", "expired"} & set(s["alerts"])
    ]
    items += [
        OpenItem(
            "readiness",
            t["name"],
            f"out of service since {t['status_since']}: {t['assignment']}",
            facts={"out_of_service": t["name"], "since": t["status_since"], "assignment": t["assignment"]},
        )
        for kind in (records.TEAMS, records.EQUIPMENT)
        for t in records.loaders()[kind](session)
        if t["status"] == "out_of_service"
    ]
    items += [
        OpenItem(
            "readiness",
            s["name"],
            f"full: {s['occupancy']} / {s['capacity']}",
            facts={"full": s["name"], "occupancy": s["occupancy"], "capacity": s["capacity"]},
        )
        for s in records.loaders()[records.SHELTERS](session)
        if s["full"] and s["status"] == "open"
    ]
    return items


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.assets import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
