"""What each record of the plans plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import with_fields
from citybrain.plugins.plans import responses

FIELDS: dict[str, dict[str, Any]] = {
    "plans.plans": {
        "id": int,
        "code": str,
        "name": str,
        "type": str,
        "category": str,
        "version": int,
        "event_types": list[str],
        "roles": list[dict],
        "levels": dict,
        "imported_at": str | None,
    },
    responses.RESPONSES: {
        "id": int,
        "plan": str,
        "plan_name": str,
        "level": str,
        "drill": bool,
        "state": Literal["active", "closed"],
        "source_ref": str,
        "roles": list[dict],
        "resources": list[dict],
        "timeline": list[dict],
        "activated_at": str | None,
        "activated_by": str,
        "closed_at": str | None,
        "summary": dict | None,
    },
    responses.TASKS: {
        "id": int,
        "response": int,
        "level": str,
        "action": str,
        "unit": str,
        "due_at": str | None,
        "state": Literal["open", "overdue", "done"],
        "done_at": str | None,
        "done_by": str,
        "note": str,
        "drill": bool,
    },
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
