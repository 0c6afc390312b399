"""What each record of the cases plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core import district
from citybrain.core.api import with_fields
from citybrain.core.cases import PRIORITIES, SOURCES, STATES

FIELDS: dict[str, dict[str, Any]] = {
    "cases.open": {
        "id": int,
        "source": Literal[SOURCES],
        "source_ref": str,
        "type": str,
        "title": str,
        "description": str,
        "priority": Literal[PRIORITIES],
        "unit": str,
        "address": str,
        "lat": float | None,
        "lon": float | None,
        "attachments": list,
        "state": Literal[STATES],
        "owner": str | None,
        "level": int,
        "chain": list[str],
        "levels": list[dict],
        "escalations": int,
        "reopened": int,
        "reason": str,
        "opened_at": str,
        "opened_by": str,
        "dispatched_at": str | None,
        "accepted_at": str | None,
        "resolved_at": str | None,
        "due_at": str | None,
    },
    "org.units": {
        "code": str,
        "name": str,
        "kind": Literal[district.KINDS],
        "parent": str | None,
        "property_company": str | None,
        "address": str | None,
        "lat": float | None,
        "lon": float | None,
        "contacts": list[dict],
        "on_duty": list[dict],
    },
    "cases.types": {
        "code": str,
        "name": str,
        "name_en": str,
        "category": str,
        "accept_minutes": float,
        "resolve_hours": float,
        "working_hours": bool,
        "department": str,
        "line": str,
        "receiver": str,
        "level": Literal[PRIORITIES],
        "source": str,
    },
    "cases.boundaries": {"id": str, "feature": str | int, "name": str, "rings": list[list[list[float]]]},
    "cases.grids": {"code": str, "name": str, "committee": str | None, "rings": list[list[list[float]]]},
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
