"""A patrol against a real daemon: started, tracked, a problem found inside a grid opens a case there (source
patrol, photo, location) and shows handled once the case is; supervision re-checks a closed case and reopens it;
refusals say why."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.patrols.tests.conftest import inside, record_when


def run(client, name: str, payload: dict) -> dict:
    return client.command(name, payload).result(30)["result"]


@pytest.fixture
def operator(citybrain_daemon):
    client = citybrain_daemon.client(login="operator")
    client.wait_for(lambda _: client.replica.records("cases.grids") and client.replica.records("patrols.teams"))
    return client


def _grid(client) -> dict:
    return sorted(client.replica.records("cases.grids"), key=lambda g: g["code"])[7]


def test_a_problem_found_on_patrol_becomes_a_case_in_its_grid_and_shows_handled(operator):
    grid = _grid(operator)
    lat, lon = inside(grid)
    patrol = run(operator, "patrols.start", {"team": "HK-XC"})
    assert patrol["state"] == "active" and patrol["team_type"] == "inspection"
    assert run(operator, "patrols.track", {"patrol": patrol["id"], "lat": lat, "lon": lon}) == {"points": 1}
    found = run(
        operator,
        "patrols.problem",
        {
            "patrol": patrol["id"],
            "title": "井盖缺失",
            "type": "SS-01",
            "lat": lat,
            "lon": lon,
            "photo": "patrol-photos/test/0001.jpg",
        },
    )
    assert found["unit"] == grid["code"] and found["state"] == "open" and found["case"]
    case = record_when(operator, "cases.open", found["case"], lambda c: True)
    assert (case["source"], case["unit"]) == ("patrol", grid["code"])
    assert case["source_ref"] == f"patrols.problems/{found['id']}"
    assert case["attachments"] == ["patrol-photos/test/0001.jpg"] and (case["lat"], case["lon"]) == (lat, lon)
    for action in ("accept", "start", "resolve"):
        run(operator, "cases.act", {"case": case["id"], "action": action})
    handled = record_when(operator, "patrols.problems", found["id"], lambda p: p["state"] == "handled")
    assert handled["handled_at"]
    done = run(operator, "patrols.finish", {"patrol": patrol["id"], "checks": ["XC-01", "XC-04"]})
    assert done["state"] == "finished" and done["ended_at"] and done["checks"] == ["XC-01", "XC-04"]


def test_supervision_rechecks_a_closed_case_and_reopens_it(operator):
    lat, lon = inside(_grid(operator))
    inspection = run(operator, "patrols.start", {"team": "HK-XC"})
    found = run(
        operator,
        "patrols.problem",
        {"patrol": inspection["id"], "title": "楼道堆物", "type": "XQ-02", "lat": lat, "lon": lon},
    )
    with pytest.raises(RequestError) as refused:  # not handled yet: nothing to re-check
        run(
            operator,
            "patrols.recheck",
            {"patrol": inspection["id"], "case": found["case"], "passed": False, "reason": "x"},
        )
    assert refused.value.details["reason"] == "not_supervision"
    supervision = run(operator, "patrols.start", {"team": "HK-JD"})
    with pytest.raises(RequestError) as refused:
        run(operator, "patrols.recheck", {"patrol": supervision["id"], "case": found["case"], "passed": True})
    assert refused.value.details["reason"] == "not_handled"
    for action in ("accept", "resolve", "verify", "close"):
        run(operator, "cases.act", {"case": found["case"], "action": action})
    operator.wait_for(lambda _: operator.replica.get("cases.open", found["case"]) is None)
    with pytest.raises(RequestError) as refused:
        run(operator, "patrols.recheck", {"patrol": supervision["id"], "case": found["case"], "passed": False})
    assert refused.value.details["reason"] == "reason_needed"
    result = run(
        operator,
        "patrols.recheck",
        {"patrol": supervision["id"], "case": found["case"], "passed": False, "reason": "堆物仍在"},
    )
    assert result["state"] == "in_progress" and not result["passed"]
    case = record_when(operator, "cases.open", found["case"], lambda c: True)
    assert case["state"] == "in_progress" and case["reopened"] == 1 and "堆物仍在" in case["reason"]
    assert operator.replica.get("patrols.problems", found["id"])["state"] == "open"
    history = operator.query("cases.history", {"case": found["case"]}).result(30)["result"]
    assert [step["action"] for step in history][-2:] == ["close", "reopen"]


@pytest.mark.parametrize(
    ("command", "payload", "reason"),
    [
        ("patrols.start", {"team": "HK-NOPE"}, "unknown_team"),
        ("patrols.start", {"team": "HK-XC", "area": "999"}, "unknown_area"),
        ("patrols.problem", {"title": "远处", "type": "SR-01", "lat": 31.10, "lon": 121.20}, "outside_area"),
        ("patrols.problem", {"title": " ", "type": "SR-01", "lat": None, "lon": None}, "no_title"),
        ("patrols.finish", {"checks": ["ZF-01"]}, "unknown_check"),
    ],
)
def test_refusals_say_why_and_write_nothing(operator, command, payload, reason):
    patrol = run(operator, "patrols.start", {"team": "HK-XC"})
    if payload.get("lat", 0) is None:
        payload = {**payload, **dict(zip(("lat", "lon"), inside(_grid(operator)), strict=True))}
    problems = len(operator.replica.records("patrols.problems"))
    with pytest.raises(RequestError) as refused:
        run(operator, command, {"patrol": patrol["id"], **payload} if command != "patrols.start" else payload)
    assert refused.value.details["reason"] == reason
    assert len(operator.replica.records("patrols.problems")) == problems
    assert operator.replica.get("patrols.patrols", patrol["id"])["state"] == "active"


def test_a_finished_patrol_records_nothing_more(operator):
    lat, lon = inside(_grid(operator))
    patrol = run(operator, "patrols.start", {"team": "HK-ZF"})
    run(operator, "patrols.finish", {"patrol": patrol["id"], "checks": []})
    for command, payload in (
        ("patrols.track", {"lat": lat, "lon": lon}),
        ("patrols.problem", {"title": "占道", "type": "JM-01", "lat": lat, "lon": lon}),
    ):
        with pytest.raises(RequestError) as refused:
            run(operator, command, {"patrol": patrol["id"], **payload})
        assert refused.value.details["reason"] == "patrol_not_active"
