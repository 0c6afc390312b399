"""What each record of the metrics plugin's collections holds (``CollectionSpec.fields``; docs/reference.md)."""

from __future__ import annotations

from typing import Any

from citybrain.core.api import with_fields

NUMBERS = list[float | None] | None  # one per group, in the order of "groups"; None: not computed

VALUE: dict[str, Any] = {
    "id": str,
    "metric": str,
    "by": list[str],
    "groups": list,
    "values": NUMBERS,
    "numerators": NUMBERS,
    "denominators": NUMBERS,
    "previous": NUMBERS,
    "error": str | None,
}
FIELDS: dict[str, dict[str, Any]] = {
    "metrics.catalogue": {
        "id": str,
        "title": str,
        "unit": str,
        "plugin": str,
        "dimensions": list[str],
        "period": str,
        "target": float | None,
        "thresholds": list[float] | None,
        "higher_is_better": bool,
        "drill": str,
        "labels": dict[str, dict[str, str]],
        "place": str | None,  # the field placing the metric's rows: also computed per unit (metrics.unit_values)
    },
    "metrics.values": VALUE,
    "metrics.unit_values": {**VALUE, "unit": str},  # id "metric/by@unit": the figure over the unit's subtree
    "metrics.categories": {"code": str, "name": str, "parent": str | None, "contact_hours": float | None},
    "metrics.provenance": {"id": int, "metric": str, "dimension": str, "group": str, "source": str},
}
declared = with_fields(FIELDS)  # decorates the plugin's citybrain_collections
