"""What each record of the duty plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import with_fields
from citybrain.plugins.duty import handover, incidents, log, periods, reminders

FIELDS: dict[str, dict[str, Any]] = {
    "duty.people": {"name": str, "phone": str, "unit": str},
    "duty.now": {"post": str, "unit": str, "unit_name": str, "position": str, "position_name": str, "shift_name": str,
                 "in_shift": bool, "on_duty": list[dict], "until": str | None, "next": list[dict],
                 "next_starts_at": str | None},
    "duty.log": {"id": int, "recorded_at": str, "event_at": str, "category": Literal[log.CATEGORIES], "unit": str,
                 "author": str, "text": str, "corrects": int | None},
    "duty.incidents": {"id": int, "category": Literal[incidents.CATEGORIES], "type": str,
                       "level": Literal[incidents.LEVELS], "subdistrict": str, "address": str, "lat": float | None,
                       "lon": float | None, "casualties": dict[str, int], "description": str, "source": str,
                       "known_at": str, "closed_at": str | None, "clocks": dict},
    "duty.swaps": {"id": int, "assignment": str, "from": str, "to": str, "reason": str,
                   "state": Literal["pending", "approved", "refused"], "asked_by": str, "asked_at": str},
    "duty.handovers": {"id": int, "assignment": str, "unit": str, "position": str, "outgoing": str, "incoming": str,
                       "state": Literal[handover.STATES], "items": list[dict], "notes": str, "question": str,
                       "replaces": int | None, "compiled_at": str | None, "submitted_by": str | None,
                       "submitted_at": str | None, "decided_by": str | None, "decided_at": str | None},
    "duty.reminders": {"id": int, "title": str, "kind": Literal[reminders.KINDS], "unit": str,
                       "every_minutes": int | None, "state": str, "until": str | None, "due_at": str,
                       "created_by": str},
    "duty.periods": {"id": str, "kind": Literal[periods.KINDS], "name": str, "first": str, "last": str,
                     "active": bool, "leaders": bool, "every_minutes": int | None, "gaps": list[dict]},
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
