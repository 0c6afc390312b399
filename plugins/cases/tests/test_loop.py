"""The case loop on a real database: every transition, every illegal one, deadlines and escalation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from citybrain.core.api import Refused
from citybrain.core.cases import STATES, TRANSITIONS, Case, history
from citybrain.plugins.cases.tests.conftest import SH


def test_a_case_goes_round_the_whole_loop_and_every_step_is_in_its_history(world):
    case = world.open()
    assert case["state"] == "dispatched" and case["owner"] == "P1" and case["chain"] == ["P1", "C1", "S1", "D"]
    for action, state in [
        ("accept", "accepted"),
        ("start", "in_progress"),
        ("resolve", "resolved"),
        ("verify", "verified"),
        ("close", "closed"),
    ]:
        world.clock[0] += timedelta(minutes=5)
        assert world.act(case["id"], action)["state"] == state
    steps = world.run(lambda tx: history(tx.session, case["id"]))
    assert [(s["action"], s["from"], s["to"]) for s in steps] == [
        ("open", "new", "new"),
        ("dispatch", "new", "dispatched"),
        ("accept", "dispatched", "accepted"),
        ("start", "accepted", "in_progress"),
        ("resolve", "in_progress", "resolved"),
        ("verify", "resolved", "verified"),
        ("close", "verified", "closed"),
    ]
    assert {s["operator"] for s in steps} == {"operator"} and steps[2]["at"] == "2026-11-24T02:05:00+00:00"
    assert world.pending_timers() == []  # a closed case waits for nothing


def test_rejected_back_to_dispatch_reopened_after_a_failed_check_and_cancelled_with_reasons(world):
    case = world.open()
    with pytest.raises(Refused, match="reject needs a reason"):
        world.act(case["id"], "reject")
    back = world.act(case["id"], "reject", reason="不属于本物业 not ours")
    assert back["state"] == "new" and back["owner"] is None and back["reason"] == "不属于本物业 not ours"
    again = world.act(case["id"], "dispatch", unit="C1")
    assert again["owner"] == "C1" and again["level"] == 1
    for action in ("accept", "resolve"):
        world.act(case["id"], action)
    reopened = world.act(case["id"], "reopen", reason="复核未通过")
    assert reopened["state"] == "in_progress" and reopened["reopened"] == 1
    cancelled = world.act(case["id"], "cancel", reason="重复工单 duplicate")
    assert cancelled["state"] == "cancelled"


ILLEGAL = [
    (state, action) for state in STATES for action, (allowed, _, _) in TRANSITIONS.items() if state not in allowed
]


def _bring_to(world, state: str) -> int:
    case = world.open(type="SS-03")
    path = {
        "new": [("reject", "x")],
        "dispatched": [],
        "accepted": [("accept", "")],
        "in_progress": [("accept", ""), ("start", "")],
        "resolved": [("accept", ""), ("resolve", "")],
        "verified": [("accept", ""), ("resolve", ""), ("verify", "")],
        "closed": [("accept", ""), ("resolve", ""), ("verify", ""), ("close", "")],
        "cancelled": [("cancel", "x")],
    }
    for action, reason in path[state]:
        world.act(case["id"], action, reason=reason)
    return case["id"]


@pytest.mark.parametrize("state, action", ILLEGAL)
def test_every_illegal_transition_is_refused_and_says_which_states_allow_it(world, state, action):
    case_id = _bring_to(world, state)
    with pytest.raises(Refused) as refused:
        world.act(case_id, action, reason="because")
    allowed = sorted(TRANSITIONS[action][0])
    assert refused.value.message == f"case {case_id} is {state}: {action} needs it {' or '.join(allowed)}"
    assert refused.value.details["allowed_from"] == allowed


def test_opening_refuses_unknown_types_units_and_priorities(world):
    with pytest.raises(Refused) as refused:
        world.open(type="ZZ-99", unit="nowhere", priority="soon", title=" ")
    message = refused.value.message
    for part in ("unknown case type 'ZZ-99'", "unknown org unit 'nowhere'", "priority must be one of", "needs a title"):
        assert part in message


def test_a_missed_deadline_escalates_one_level_and_the_case_remembers_every_level(world):
    case = world.open(type="XQ-03", priority="medium")  # fire lane: 10 minutes to accept, round the clock
    assert datetime.fromisoformat(case["due_at"]) == world.clock[0] + timedelta(minutes=10)
    world.clock[0] += timedelta(minutes=9)
    assert world.fire_due() == 0
    world.clock[0] += timedelta(minutes=2)
    assert world.fire_due() == 1
    moved = world.run(lambda tx: tx.session.get(Case, case["id"]))
    assert (moved.owner, moved.state, moved.level, moved.escalations) == ("C1", "dispatched", 1, 1)
    world.clock[0] += timedelta(minutes=11)
    world.fire_due()
    world.clock[0] += timedelta(minutes=11)
    world.fire_due()
    world.clock[0] += timedelta(minutes=11)
    assert world.fire_due() == 1  # at the top: flagged overdue, nobody higher
    top = world.run(lambda tx: tx.session.get(Case, case["id"]))
    assert (top.owner, top.level) == ("D", 3) and top.due_at < world.clock[0]  # still shown overdue
    world.clock[0] += timedelta(hours=1)
    assert world.fire_due() == 0  # and nothing fires again
    steps = world.run(lambda tx: history(tx.session, case["id"]))
    assert [s["action"] for s in steps] == ["open", "dispatch", "escalate", "escalate", "escalate", "overdue"]
    assert [s["owner"] for s in steps[2:5]] == ["C1", "S1", "D"]
    record = world.open(type="XQ-02")  # another case is not touched by any of this
    assert record["escalations"] == 0


def test_acting_in_time_cancels_the_deadline_and_the_next_stage_gets_its_own(world):
    case = world.open(type="XQ-03")
    world.clock[0] += timedelta(minutes=5)
    accepted = world.act(case["id"], "accept")
    assert datetime.fromisoformat(accepted["due_at"]) == world.clock[0] + timedelta(hours=2)
    world.clock[0] += timedelta(minutes=30)
    assert world.fire_due() == 0  # the accept deadline was cancelled when it was accepted
    assert len(world.pending_timers()) == 1


def test_working_hour_limits_run_over_a_public_holiday(world):
    world.clock[0] = datetime(2026, 9, 30, 17, 0, tzinfo=SH)  # the eve of National Day, half an hour before closing
    case = world.open(type="SS-02", priority="medium")  # street light: 2 working hours to accept
    assert datetime.fromisoformat(case["due_at"]) == datetime(2026, 10, 8, 10, 30, tzinfo=SH)
    world.clock[0] = datetime(2026, 10, 7, 23, 0, tzinfo=SH)
    assert world.fire_due() == 0  # a week of holiday later: not yet late
    world.clock[0] = datetime(2026, 10, 8, 10, 31, tzinfo=SH)
    assert world.fire_due() == 1


def test_priority_scales_the_limit(world):
    urgent = world.open(type="XQ-02", priority="urgent")  # 30 min × 0.25
    low = world.open(type="XQ-02", priority="low")  # 30 min × 1.5
    assert datetime.fromisoformat(urgent["due_at"]) == world.clock[0] + timedelta(minutes=7.5)
    assert datetime.fromisoformat(low["due_at"]) == world.clock[0] + timedelta(minutes=45)
