"""What desks see of the registry: the live collections, each record with its readiness alerts worked out, so that
the readiness board and the desk's notifications read them rather than compute them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.api import Transaction, utcnow
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.assets.tables import Equipment, Expert, ResourceRequest, Shelter, Supply, Team, Warehouse, iso
from citybrain.plugins.assets.taxonomy import supply_taxonomy

WAREHOUSES, STOCK, TEAMS, SHELTERS, REQUESTS = (
    "assets.warehouses",
    "assets.stock",
    "assets.teams",
    "assets.shelters",
    "assets.requests",
)
EQUIPMENT, EXPERTS = "assets.equipment", "assets.experts"
EXPIRING = timedelta(days=30)  # stock expiring within this is flagged
OPEN_REQUESTS = ("requested", "committed", "dispatched")


def today() -> date:
    return datetime.now(WorkCalendar.shipped().zone).date()  # the district's own day decides what has expired


def supply_alerts(supply: Supply, on: date) -> list[str]:
    alerts = []
    if supply.quantity - supply.reserved < supply.minimum:
        alerts.append("below_minimum")
    if supply.expiry is not None:
        if supply.expiry < on:
            alerts.append("expired")
        elif supply.expiry <= on + EXPIRING:
            alerts.append("expiring")
    return alerts


def supply_record(supply: Supply, warehouse: str, on: date) -> dict:
    return {
        "id": supply.id,
        "warehouse_id": supply.warehouse_id,
        "warehouse": warehouse,
        "category": supply.category,
        "category_name": supply_taxonomy().names.get(supply.category, supply.category),
        "item": supply.item,
        "unit": supply.unit,
        "quantity": supply.quantity,
        "reserved": supply.reserved,
        "available": supply.quantity - supply.reserved,
        "minimum": supply.minimum,
        "expiry": supply.expiry.isoformat() if supply.expiry else None,
        "owner": supply.owner,
        "alerts": supply_alerts(supply, on),
    }


def request_record(request: ResourceRequest, supply: Supply, warehouse: str) -> dict:
    return {
        "id": request.id,
        "supply_id": request.supply_id,
        "item": supply.item,
        "unit": supply.unit,
        "warehouse": warehouse,
        "quantity": request.quantity,
        "committed": request.committed,
        "dispatched": request.dispatched,
        "returned": request.returned,
        "consumed": request.consumed,
        "outstanding": request.quantity - request.committed - request.dispatched - request.returned - request.consumed,
        "state": request.state,
        "purpose": request.purpose,
        "destination": request.destination,
        "source_ref": request.source_ref,
        "requested_by": request.requested_by,
        "requested_at": iso(request.requested_at),
        "history": json.loads(request.history),
    }


def _names(session: Session) -> dict[int, str]:
    return {w.id: w.name for w in session.scalars(select(Warehouse))}


def stock(session: Session, on: date | None = None) -> list[dict]:
    names, on = _names(session), on or today()
    return [supply_record(s, names.get(s.warehouse_id, ""), on) for s in session.scalars(select(Supply))]


def requests(session: Session) -> list[dict]:
    names = _names(session)
    rows = session.execute(
        select(ResourceRequest, Supply)
        .join(Supply, Supply.id == ResourceRequest.supply_id)
        .where(ResourceRequest.state.in_(OPEN_REQUESTS))
    )
    return [request_record(r, s, names.get(s.warehouse_id, "")) for r, s in rows]


def loaders() -> dict[str, Callable[[Session], list[dict]]]:
    return {
        WAREHOUSES: lambda s: [w.record() for w in s.scalars(select(Warehouse))],
        STOCK: stock,
        TEAMS: lambda s: [t.record() for t in s.scalars(select(Team))],
        EQUIPMENT: lambda s: [e.record() for e in s.scalars(select(Equipment))],
        EXPERTS: lambda s: [e.record() for e in s.scalars(select(Expert))],
        SHELTERS: lambda s: [x.record() for x in s.scalars(select(Shelter))],
        REQUESTS: requests,
    }


def publish_all(tx: Transaction) -> None:
    """Every registry record as it now is (after an import: a few hundred rows at most)."""
    for name, load in loaders().items():
        for record in load(tx.session):
            tx.put(name, record)


def stamp(
    request: ResourceRequest, step: str, quantity: int, who: str, note: str = "", at: datetime | None = None
) -> None:
    """Append a step to the request's own history (the audit log has the commands too)."""
    history = json.loads(request.history)
    history.append({"step": step, "quantity": quantity, "by": who, "at": iso(at or utcnow()), "note": note})
    request.history = json.dumps(history, ensure_ascii=False)
