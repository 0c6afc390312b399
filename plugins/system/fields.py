"""What each record of the system plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import PluginStatus, Role, one_of, with_fields

ROLE = one_of(role.label for role in Role)
STATE = one_of(status.value for status in PluginStatus)

FIELDS: dict[str, dict[str, Any]] = {
    "system.health": {  # docs/protocol.md, "The daemon's health"
        "id": Literal["daemon"],
        "name": str,
        "epoch": str,
        "started_at": str,
        "uptime_s": float,
        "seq": int,
        "update_rate": float,
        "requests": int,
        "commands_ok": int,
        "commands_failed": int,
        "queries": int,
        "queries_failed": int,
        "logins_failed": int,
        "logins_throttled": int,
        "dropped": dict[str, int],
        "dropped_total": int,
        "desks_connected": int,
        "database": str,
        "collections": int,
        "records": int,
    },
    "system.desks": {
        "desk": str,
        "connected_since": str,
        "operator": str | None,
        "role": ROLE | None,
        "unit": str | None,
    },
    "system.plugins": {
        "id": str,
        "name": str,
        "side": Literal["daemon", "desk"],
        "state": STATE,
        "error": str | None,
        "module": str,
        "version": str | None,
        "where": str | None,
    },
    "system.audit": {
        "id": int,
        "at": str,
        "operator": str | None,
        "desk": str | None,
        "command": str,
        "result": Literal["ok", "error"],
        "error_code": str | None,
        "detail": str | None,
        "note": str | None,
        "parts": dict | None,
    },
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
