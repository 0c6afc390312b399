"""What each record of the CAP plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any

from citybrain.core.api import with_fields
from citybrain.plugins.cap import store

FIELDS: dict[str, dict[str, Any]] = {
    store.WARNINGS: {
        "id": int,
        "chain": str,
        "sender": str,
        "identifier": str,
        "sent": str,
        "msg_type": str,
        "status": str,
        "index": int,
        "source": str,
        "language": str,
        "languages": list[str],
        "event": str | None,
        "headline": str | None,
        "severity": str | None,
        "urgency": str | None,
        "certainty": str | None,
        "description": str | None,
        "instruction": str | None,
        "sender_name": str | None,
        "effective": str | None,
        "onset": str | None,
        "expires": str | None,
        "areas": list[dict],
        "reaches_district": bool,
    },
    store.SUGGESTIONS: {
        "id": int,
        "alert": int,
        "chain": str,
        "rule": str,
        "plan": str,
        "level": str,
        "drill": bool,
        "state": str,
        "event": str | None,
        "headline": str | None,
        "severity": str | None,
        "status": str,
    },
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
