"""Resource requests and the cards of teams and shelters: every step a command, run one at a time by the daemon's
one writer, so two desks committing the same pallet are served in turn and the second is told what is left.

Quantities of a request: ``outstanding`` (still to be committed) + ``committed`` (reserved on the shelf) +
``dispatched`` (out) + ``returned`` + ``consumed`` = ``quantity``.  Committing reserves (partial commits allowed,
never more than is available); dispatching takes the reserved goods off the shelf; returning puts them back;
consuming writes them off.  Nothing owed, reserved or out: the request is closed.
"""

from __future__ import annotations

from citybrain.core.api import ErrorCode, Refused, Transaction, get_or_refuse, utcnow
from citybrain.plugins.assets import records
from citybrain.plugins.assets.tables import Equipment, ResourceRequest, Shelter, Supply, Team, Warehouse

TEAM_STATES = ("available", "assigned", "out_of_service")
SHELTER_STATES = ("open", "closed")


def _who(tx: Transaction) -> str:
    return tx.caller.username or "system"


def _positive(quantity: int) -> int:
    if quantity < 1:
        raise Refused("the quantity is at least 1", code=ErrorCode.INVALID_PAYLOAD)
    return quantity


def outstanding(r: ResourceRequest) -> int:
    return r.quantity - r.committed - r.dispatched - r.returned - r.consumed


def _state(r: ResourceRequest) -> str:
    if r.state == "cancelled":
        return r.state
    if r.committed:
        return "committed"
    if r.dispatched:
        return "dispatched"
    return "requested" if outstanding(r) else "closed"


def _publish(tx: Transaction, request: ResourceRequest, supply: Supply) -> dict:
    request.state = _state(request)
    warehouse = tx.session.get_one(Warehouse, supply.warehouse_id).name
    tx.put(records.STOCK, records.supply_record(supply, warehouse, records.today()))
    record = records.request_record(request, supply, warehouse)
    if request.state in records.OPEN_REQUESTS:
        tx.put(records.REQUESTS, record)
    else:
        tx.delete(records.REQUESTS, request.id)
    return record


def request(tx: Transaction, p: dict) -> dict:
    supply = get_or_refuse(tx.session, Supply, p["supply"], "stock line")
    r = ResourceRequest(
        supply_id=supply.id,
        quantity=_positive(p["quantity"]),
        purpose=p.get("purpose") or "",
        destination=p.get("destination") or "",
        source_ref=p.get("source_ref") or "",
        requested_by=_who(tx),
        requested_at=utcnow(),
        history="[]",
    )
    records.stamp(r, "requested", r.quantity, _who(tx), r.purpose)
    tx.session.add(r)
    tx.session.flush()
    return _publish(tx, r, supply)


def _open(tx: Transaction, request_id: int) -> tuple[ResourceRequest, Supply]:
    r = get_or_refuse(tx.session, ResourceRequest, request_id, "request")
    if r.state not in records.OPEN_REQUESTS:
        raise Refused(f"request {r.id} is {r.state}")
    return r, tx.session.get_one(Supply, r.supply_id)


def commit(tx: Transaction, p: dict) -> dict:
    """Reserve part or all of what is still owed, from what is on the shelf and not promised elsewhere."""
    r, supply = _open(tx, p["request"])
    quantity = _positive(p["quantity"])
    available = supply.quantity - supply.reserved
    if quantity > outstanding(r):
        raise Refused(
            f"request {r.id} still needs {outstanding(r)} {supply.unit}, not {quantity}",
            details={"reason": "over_owed", "request": r.id, "owed": outstanding(r), "unit": supply.unit},
        )
    if quantity > available:
        raise Refused(
            f"only {available} {supply.unit} of {supply.item} are available (the rest is promised "
            "or gone): commit that much, or less",
            details={"reason": "short", "available": available, "unit": supply.unit, "item": supply.item},
        )
    supply.reserved += quantity
    r.committed += quantity
    records.stamp(r, "committed", quantity, _who(tx), p.get("note") or "")
    return _publish(tx, r, supply)


def dispatch(tx: Transaction, p: dict) -> dict:
    """What was committed leaves the warehouse (all of it unless a quantity is given)."""
    r, supply = _open(tx, p["request"])
    quantity = p.get("quantity") or r.committed
    if not 1 <= quantity <= r.committed:
        raise Refused(
            f"request {r.id} has {r.committed} {supply.unit} committed to dispatch, not {quantity}",
            details={"reason": "over_committed", "request": r.id, "committed": r.committed, "unit": supply.unit},
        )
    supply.quantity -= quantity
    supply.reserved -= quantity
    r.committed -= quantity
    r.dispatched += quantity
    records.stamp(r, "dispatched", quantity, _who(tx), p.get("note") or "")
    return _publish(tx, r, supply)


def settle(tx: Transaction, p: dict) -> dict:
    """What came back goes on the shelf again; what was used up is written off."""
    r, supply = _open(tx, p["request"])
    back, used = p.get("returned") or 0, p.get("consumed") or 0
    if back < 0 or used < 0 or not 1 <= back + used <= r.dispatched:
        raise Refused(
            f"request {r.id} has {r.dispatched} {supply.unit} out: returned plus consumed must be between 1 and that"
        )
    supply.quantity += back
    r.dispatched -= back + used
    r.returned += back
    r.consumed += used
    for step, quantity in (("returned", back), ("consumed", used)):
        if quantity:
            records.stamp(r, step, quantity, _who(tx), p.get("note") or "")
    return _publish(tx, r, supply)


def cancel(tx: Transaction, p: dict) -> dict:
    """Release what is reserved; what is already out must come back (settle) first."""
    r, supply = _open(tx, p["request"])
    if r.dispatched:
        raise Refused(
            f"{r.dispatched} {supply.unit} are out: settle them before cancelling",
            details={"reason": "still_out", "out": r.dispatched, "unit": supply.unit},
        )
    supply.reserved -= r.committed
    records.stamp(r, "cancelled", r.committed, _who(tx), p.get("reason") or "")
    r.committed, r.state = 0, "cancelled"
    return _publish(tx, r, supply)


def _card(
    tx: Transaction, model: type[Team] | type[Equipment], collection: str, ident: int, what: str, p: dict
) -> dict:
    """A T-card's status (teams, vehicles and equipment): the time in status restarts only when it changes."""
    card = get_or_refuse(tx.session, model, ident, what)
    if p["status"] != card.status:
        card.status, card.status_since = p["status"], utcnow()
    card.assignment = p.get("note") or ""
    tx.put(collection, card.record())
    return card.record()


def team_status(tx: Transaction, p: dict) -> dict:
    return _card(tx, Team, records.TEAMS, p["team"], "team", p)


def equipment_status(tx: Transaction, p: dict) -> dict:
    return _card(tx, Equipment, records.EQUIPMENT, p["equipment"], "vehicle or equipment", p)


def shelter_occupancy(tx: Transaction, p: dict) -> dict:
    shelter = get_or_refuse(tx.session, Shelter, p["shelter"], "shelter")
    if p["occupancy"] < 0:
        raise Refused("occupancy is at least 0", code=ErrorCode.INVALID_PAYLOAD)
    shelter.occupancy, shelter.status = p["occupancy"], p.get("status") or shelter.status
    tx.put(records.SHELTERS, shelter.record())
    return shelter.record()
