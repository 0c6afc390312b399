"""What each record of the patrols plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import one_of, with_fields
from citybrain.plugins.patrols import CHECKLISTS, PATROLS, PLANS, PROBLEMS, TEAM_TYPES, TEAMS

TEAM_TYPE = one_of(TEAM_TYPES)
# a team member: {name, phone, role, operator}: operator is the account they log in with (a username) or nil
FIELDS: dict[str, dict[str, Any]] = {
    TEAMS: {"code": str, "type": TEAM_TYPE, "name": str, "unit": str, "areas": list[str], "members": list[dict]},
    CHECKLISTS: {"code": str, "team_type": TEAM_TYPE, "text": str},
    PLANS: {
        "id": int,
        "team": str,
        "name": str,
        "area": str,
        "route": list[list],
        "days": list[int],
        "start": str,
        "minutes": int,
        "checks": list[str],
        "active": bool,
    },
    PATROLS: {
        "id": int,
        "team": str,
        "team_type": TEAM_TYPE,
        "plan": int | None,
        "area": str,
        "state": Literal["active", "finished"],
        "started_at": str,
        "ended_at": str | None,
        "started_by": str,
        "points": int,
        "last": list[float] | None,
        "checks": list[str],
    },
    PROBLEMS: {
        "id": int,
        "patrol": int,
        "team_type": TEAM_TYPE,
        "found_at": str,
        "title": str,
        "type": str,
        "unit": str,
        "lat": float,
        "lon": float,
        "photo": str,
        "case": int | None,
        "state": Literal["open", "handled", "unhandled"],
        "handled_at": str | None,
    },
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
