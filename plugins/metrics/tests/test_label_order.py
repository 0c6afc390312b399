"""A table of a breakdown lists its groups in the order the KPI declares their labels (urgency high, medium, low),
not in the codes' alphabet (high, low, medium)."""

from __future__ import annotations

from citybrain.plugins.metrics.tiles import in_label_order

URGENCY = {"high": "High urgency", "medium": "Medium urgency", "low": "Low urgency"}


def rows(*groups: str) -> list[dict]:
    return [{"group": g, "value": n, "count": None, "previous": None} for n, g in enumerate(groups)]


def test_groups_follow_the_declared_labels() -> None:
    ordered = in_label_order(rows("high", "low", "medium"), URGENCY)
    assert [r["group"] for r in ordered] == ["high", "medium", "low"]
    assert [r["value"] for r in ordered] == [0, 2, 1]  # each value stays with its group


def test_groups_the_labels_do_not_name_come_after_as_they_came() -> None:
    ordered = in_label_order(rows("zeta", "low", "alpha", "high"), URGENCY)
    assert [r["group"] for r in ordered] == ["high", "low", "zeta", "alpha"]


def test_without_labels_the_order_is_the_record_s() -> None:
    assert [r["group"] for r in in_label_order(rows("b", "a"), None)] == ["b", "a"]
