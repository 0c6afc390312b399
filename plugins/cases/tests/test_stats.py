"""Statistics on a generated month of cases equal a computation by hand from how they were generated."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from citybrain.core.cases import Case
from citybrain.core.cases.stats import case_frame, summarise
from citybrain.plugins.cases.tests.conftest import SH

START = datetime(2026, 11, 1, 8, 0, tzinfo=SH)


def _month(world) -> list[dict]:
    """30 cases, one a day; case i waits (i % 5 + 1) × 10 minutes to be accepted and i + 1 hours to be resolved.
    Every 10th is escalated once before it is accepted (resolved by the committee); every 7th stays open."""
    plan = []
    for i in range(30):
        world.clock[0] = START + timedelta(days=i)
        case = world.open(type="SS-03" if i % 2 else "XQ-02", unit="X1")
        escalated = i % 10 == 0
        if escalated:
            world.clock[0] += timedelta(minutes=5)
            world.run(lambda tx, cid=case["id"]: world.loop.escalate(tx, tx.session.get(Case, cid)))
        dispatched = world.clock[0]
        world.clock[0] += timedelta(minutes=(i % 5 + 1) * 10)
        world.act(case["id"], "accept")
        accepted = world.clock[0]
        resolved = None
        if i % 7:
            world.clock[0] = START + timedelta(days=i, hours=i + 1)
            world.act(case["id"], "resolve")
            resolved = world.clock[0]
        plan.append(
            {
                "type": "SS-03" if i % 2 else "XQ-02",
                "opened": START + timedelta(days=i),
                "dispatched": dispatched,
                "accepted": accepted,
                "resolved": resolved,
                "by": "committee" if escalated else "property_company",
                "escalated": escalated,
            }
        )
    return plan


def _by_hand(plan: list[dict]) -> dict:
    resolved = [p for p in plan if p["resolved"]]
    kinds = [p["by"] for p in resolved]
    return {
        "cases": len(plan),
        "resolved": len(resolved),
        "overdue": sum(p["escalated"] for p in plan),
        "resolved_at_level": {k: round(kinds.count(k) / len(kinds), 4) for k in set(kinds)},
        "mean_hours_to_accept": round(
            sum((p["accepted"] - p["dispatched"]).total_seconds() for p in plan) / len(plan) / 3600, 3
        ),
        "mean_hours_to_resolve": round(
            sum((p["resolved"] - p["opened"]).total_seconds() for p in resolved) / len(resolved) / 3600, 3
        ),
    }


def test_the_month_matches_the_hand_computation_overall_and_by_type(world):
    plan = _month(world)
    frame = world.run(lambda tx: case_frame(tx.session, START, START + timedelta(days=30)))
    (overall,) = summarise(frame)
    assert {k: overall[k] for k in _by_hand(plan)} == _by_hand(plan)
    assert overall["cases"] == 30 and overall["resolved"] == 25 and overall["overdue"] == 3
    assert overall["resolved_at_level"] == {"property_company": 0.92, "committee": 0.08}  # 23 and 2 of 25
    by_type = {row["group"]: row for row in summarise(frame, "type")}
    for kind in ("SS-03", "XQ-02"):
        expected = _by_hand([p for p in plan if p["type"] == kind])
        assert {k: by_type[kind][k] for k in expected} == expected
    assert [row["group"] for row in summarise(frame, "month")] == ["2026-11"]


def test_a_window_counts_only_cases_opened_inside_it(world):
    _month(world)
    frame = world.run(lambda tx: case_frame(tx.session, START, START + timedelta(days=10)))
    assert summarise(frame)[0]["cases"] == 10
    with pytest.raises(ValueError, match="group by one of"):
        summarise(frame, "colour")
