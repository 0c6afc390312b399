"""What each record of the sensors plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import with_fields
from citybrain.plugins.sensors import alarms

PRIORITIES = ("urgent", "high", "medium", "low")

FIELDS: dict[str, dict[str, Any]] = {
    "sensors.devices": {
        "id": str,
        "type": str,
        "scenario": str,
        "compound": str,
        "compound_name": str,
        "building": str,
        "floor": str,
        "lat": float | None,
        "lon": float | None,
        "installed": str,
        "status": Literal["online", "offline", "alarm", "fault", "out_of_service"],
        "last_seen": str | None,
        "battery": int | None,
        "value": float | None,
        "event": str | None,
    },
    "sensors.link": {"id": Literal["ingest"], "broker": str | None, "taken": int, "connected": bool},
    "sensors.alarms": {
        "id": int,
        "device": str,
        "condition": str,
        "compound": str,
        "scenario": str,
        "priority": Literal[PRIORITIES],
        "state": Literal[alarms.ACTIVE],
        "active": bool,
        "count": int,
        "first_at": str,
        "last_at": str,
        "acked_by": str,
        "acked_at": str | None,
        "comment": str,
        "claimed_by": str,
        "claimed_at": str | None,
        "claim_until": str | None,
        "shelved_until": str | None,
        "case": int | None,
        "district": bool,
        "rank": str,
    },
    "sensors.flood": {
        "id": str,
        "unit": str | None,  # the unit whose load it is; nil: the district's, no org tree yet
        "raised_10min": int,
        "operators": int,
        "per_operator": float,
        "level": Literal["manageable", "busy", "flood"],
        "bad_actors": list[dict[str, str | int]],
    },
    "sensors.kpis": {
        "id": str,
        "by": Literal["compound", "scenario", "total"],
        "key": str,
        "name": str,
        "unit": str | None,  # the unit the figures are for (a compound's: the compound); nil: no org tree yet
        "devices": int,
        "online": int,
        "offline": int,
        "fault": int,
        "low_battery": int,
        "in_alarm": int,
        "unacked": int,
        "property": int,
        "raised_24h": int,
        "online_pct": float | None,
        "offline_pct": float | None,
        "waiting": Literal[(*PRIORITIES, "")],
    },  # the most urgent waiting; "": none
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
