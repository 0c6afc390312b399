"""What each record of the people plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any, Literal

from citybrain.core.api import with_fields
from citybrain.plugins.people import CONFLICTS, GRANTS, OUTREACH, POLICIES, TAGS, VISIT_FORM, VISITS

_HIT: dict[str, Any] = {  # what an outreach task and a grant say of the hit they answer
    "id": int,
    "person": int,
    "name": str,
    "id_masked": str,
    "committee": str | None,
    "subdistrict": str | None,
    "policy": str,
    "policy_name": str,
}
FIELDS: dict[str, dict[str, Any]] = {
    CONFLICTS: {
        "id": int,
        "kind": Literal["dead_alive", "moved", "name", "twice"],
        "resident": int,
        "other": int | None,
        "name": str,
        "id_masked": str,
        "committee": str | None,
        "compound": str | None,
        "detail": dict,
        "found_at": str,
    },
    TAGS: {
        "name": str,
        "entity": str,
        "source": str,
        "rule": str,
        "owner": str,
        "refresh": str,
        "valid_days": int | None,
        "description": str,
        "plugin": str,
    },
    VISIT_FORM: {"id": str, "source": str, "ledgers": list[str]},
    VISITS: {
        "id": int,
        "person": int,
        "name": str,
        "committee": str | None,
        "compound": str | None,
        "visited_on": str,
        "visitor": str,
        "lines": list[str],
        "fields": int,
        "cells": int,
        "changed": dict,
        "follow_up": bool,
        "tags": list[str],
    },
    POLICIES: {
        "id": str,
        "name": str,
        "department": str,
        "category": Literal[
            "relief", "elderly_care", "disability", "employment", "health", "housing", "veterans", "education"
        ],
        "eligibility": str,
        "exclusions": str,
        "benefit": str,
        "urgency": Literal["high", "medium", "low"],
        "no_visit": bool,
        "illustrative": bool,
        "source": str,
        "description": str,
    },
    OUTREACH: {
        **_HIT,
        "category": str,
        "urgency": str,
        "reasons": list[str],
        "created_by": str,
        "created_at": str,
        "outcome": Literal["applied", "enrolled", "not_eligible", "declined", "unreachable"] | None,
        "reason": str,
        "outcome_at": str | None,
    },
    GRANTS: {
        **_HIT,
        "key": str,
        "benefit": str,
        "reasons": list[str],
        "granted_by": str,
        "granted_at": str,
    },
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
