"""What each record of the assets plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import with_fields
from citybrain.plugins.assets import records
from citybrain.plugins.assets.imports import SHELTER_STATES
from citybrain.plugins.assets.requests import TEAM_STATES

FIELDS: dict[str, dict[str, Any]] = {
    records.WAREHOUSES: {
        "id": int,
        "name": str,
        "address": str,
        "manager": str,
        "contact": str,
        "hours": str,
        "lat": float | None,
        "lon": float | None,
    },
    records.STOCK: {
        "id": int,
        "warehouse_id": int,
        "warehouse": str,
        "category": str,
        "category_name": str,
        "item": str,
        "unit": str,
        "quantity": int,
        "reserved": int,
        "available": int,
        "minimum": int,
        "expiry": str | None,
        "owner": str,
        "alerts": list[str],
    },
    records.TEAMS: {
        "id": int,
        "name": str,
        "type": str,
        "headcount": int,
        "leader": str,
        "contact": str,
        "base": str,
        "equipment": str,
        "status": Literal[TEAM_STATES],
        "status_since": str | None,
        "assignment": str,
    },
    records.EQUIPMENT: {
        "id": int,
        "name": str,
        "type": str,
        "identifier": str,
        "base": str,
        "contact": str,
        "status": str,
        "status_since": str | None,
        "assignment": str,
    },
    records.EXPERTS: {"id": int, "name": str, "field": str, "organisation": str, "phone": str, "note": str},
    records.SHELTERS: {
        "id": int,
        "name": str,
        "address": str,
        "capacity": int,
        "occupancy": int,
        "status": Literal[SHELTER_STATES],
        "lat": float | None,
        "lon": float | None,
        "full": bool,
    },
    records.REQUESTS: {
        "id": int,
        "supply_id": int,
        "item": str,
        "unit": str,
        "warehouse": str,
        "quantity": int,
        "committed": int,
        "dispatched": int,
        "returned": int,
        "consumed": int,
        "outstanding": int,
        "state": str,
        "purpose": str,
        "destination": str,
        "source_ref": str,
        "requested_by": str,
        "requested_at": str | None,
        "history": list[dict],
    },
    "assets.taxonomy": {"code": str, "name": str, "parent": str | None},
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
