"""What each record of the enterprise plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any

from citybrain.core.api import with_fields
from citybrain.plugins.enterprise import DEMANDS, ENTERPRISES, PLANS, WARNINGS

FIELDS: dict[str, dict[str, Any]] = {
    ENTERPRISES: {
        "id": int,
        "credit_code": str,
        "name": str,
        "industry": str,
        "section": str,
        "industry_name": str,
        "subdistrict": str,
        "address": str,
        "lat": float | None,
        "lon": float | None,
        "size": str,
        "key_enterprise": bool,
        "contacts": list[dict],
        "officer": str,
    },
    WARNINGS: {
        "id": int,
        "enterprise_id": int,
        "name": str,
        "credit_code": str,
        "subdistrict": str,
        "industry": str,
        "size": str,
        "month": str,
        "score": float,
        "reasons": list[dict],
        "state": str,
        "raised_at": str | None,
        "updated_at": str | None,
    },
    PLANS: {
        "id": int,
        "enterprise_id": int,
        "name": str,
        "subdistrict": str,
        "planned_for": str,
        "visitors": str,
        "purpose": str,
        "warning": int | None,
        "state": str,
    },
    DEMANDS: {
        "id": int,
        "enterprise_id": int,
        "name": str,
        "subdistrict": str,
        "visit": int | None,
        "category": str,
        "category_name": str,
        "title": str,
        "description": str,
        "department": str,
        "state": str,
        "case": int | None,
        "raised_at": str | None,
        "due_at": str | None,
        "answered_at": str | None,
        "answer": str,
        "closed_at": str | None,
        "satisfied": bool | None,
        "rating": int | None,
        "reopened": int,
        "escalations": int,
        "escalated_to": str,
        "overdue": bool,
        "history": list[dict],
    },
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
