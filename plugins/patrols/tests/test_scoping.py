"""Patrols in their units (issue 21): a problem found on patrol is placed in the unit whose area holds it, like the
case it opens, so its committee's desk (and those above) get it, and another subdistrict's do not, on the snapshot,
the feed and the month's map; a supervision re-check of a case outside the desk's unit is refused.  The teams, their
plans and patrols are the district's: every desk sees them.  The demo district on a real daemon."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError
from citybrain.core.testing import PASSWORDS
from citybrain.plugins.patrols.tests.conftest import inside, record_when


def run(client, name: str, payload: dict) -> dict:
    return client.command(name, payload).result(30)["result"]


def ancestors(client, code: str) -> set[str]:
    parents = {u["code"]: u.get("parent") for u in client.replica.records("org.units")}
    found = set()
    unit: str | None = code
    while unit:
        found.add(unit)
        unit = parents.get(unit)
    return found


def test_a_problem_reaches_its_committee_s_desk_not_another_subdistrict_s_and_rechecks_stay_inside(citybrain_daemon):
    district = citybrain_daemon.client(login="operator")
    district.wait_for(lambda _: district.replica.records("cases.grids") and district.replica.records("patrols.teams"))
    kinds = {u["code"]: u["kind"] for u in district.replica.records("org.units")}
    grid = sorted(district.replica.records("cases.grids"), key=lambda g: g["code"])[7]
    committee = next(c for c in ancestors(district, grid["code"]) if kinds[c] == "committee")
    subdistrict = next(c for c in ancestors(district, grid["code"]) if kinds[c] == "subdistrict")
    other = next(c for c, k in sorted(kinds.items()) if k == "subdistrict" and c != subdistrict)
    ours, theirs = citybrain_daemon.desk_in(committee), citybrain_daemon.desk_in(other)
    for desk, unit in ((ours, committee), (theirs, other)):  # the snapshot: the problems in the desk's subtree
        mine = desk.replica.records("patrols.problems")
        assert all(unit in ancestors(district, p["unit"]) for p in mine) and (mine or desk is ours)
        assert {p["id"] for p in mine} == {
            p["id"] for p in district.replica.records("patrols.problems") if unit in ancestors(district, p["unit"])
        }
        assert len(desk.replica.records("patrols.patrols")) == len(district.replica.records("patrols.patrols"))
        month = desk.query("patrols.map", {}).result(30)["result"]  # the map's problems are cut the same way
        assert all(unit in ancestors(district, p["unit"]) for p in month["problems"])
        assert month["problems"] or desk is ours

    lat, lon = inside(grid)
    patrol = run(district, "patrols.start", {"team": "HK-XC"})
    found = run(
        district,
        "patrols.problem",
        {"patrol": patrol["id"], "title": "井盖缺失", "type": "SS-01", "lat": lat, "lon": lon},
    )
    record_when(ours, "patrols.problems", found["id"], lambda p: p["unit"] == grid["code"])  # by feed
    marker = run(theirs, "patrols.start", {"team": "HK-XC", "area": other})  # district-wide: after the problem
    theirs.wait_for(lambda _: theirs.replica.get("patrols.patrols", marker["id"]) is not None)
    assert theirs.replica.get("patrols.problems", found["id"]) is None

    for action in ("accept", "resolve", "verify", "close"):
        run(district, "cases.act", {"case": found["case"], "action": action})
    supervision = run(theirs, "patrols.start", {"team": "HK-JD"})  # the district's team, in the desk's own unit
    assert supervision["area"] == other
    with pytest.raises(RequestError) as refused:  # a case of another subdistrict
        run(theirs, "patrols.recheck", {"patrol": supervision["id"], "case": found["case"], "passed": True})
    assert refused.value.code == "forbidden"
    assert refused.value.details == {"reason": "outside_unit", "field": "case", "unit": other}
    done = run(ours, "patrols.recheck", {"patrol": supervision["id"], "case": found["case"], "passed": True})
    assert done["passed"] and done["case"] == found["case"]


def test_a_desk_starts_patrols_in_its_own_unit_only(citybrain_daemon):
    """The area named, the plan's and the team's default are each checked against the desk's unit; the refusal says
    outside_unit, as every scoped command does."""
    district = citybrain_daemon.client(login="operator")
    district.wait_for(lambda _: district.replica.records("patrols.plans") and district.replica.records("org.units"))
    kinds = {u["code"]: u["kind"] for u in district.replica.records("org.units")}
    subdistricts = sorted(c for c, k in kinds.items() if k == "subdistrict")
    ours, other = subdistricts[0], subdistricts[1]
    desk = citybrain_daemon.desk_in(ours)
    desk.wait_for(lambda _: desk.replica.records("patrols.plans"))
    for payload in (
        {"team": "HK-XC", "area": other},  # named
        {"team": "HK-XC", "plan": next(p["id"] for p in desk.replica.records("patrols.plans") if p["area"] == other)},
    ):
        with pytest.raises(RequestError) as refused:
            run(desk, "patrols.start", payload)
        assert refused.value.code == "forbidden", payload
        assert refused.value.details["reason"] == "outside_unit" and refused.value.details["field"] == "area"
    assert run(desk, "patrols.start", {"team": "HK-XC", "area": ours})["area"] == ours
    assert run(desk, "patrols.start", {"team": "HK-XC"})["area"] == ours  # the team's first area the desk sees
    assert run(district, "patrols.start", {"team": "HK-XC", "area": other})["area"] == other  # the district: all

    committee = next(c for c, u in sorted(kinds.items()) if u == "committee")
    small = citybrain_daemon.desk_in(committee)  # the team's areas are subdistricts, above it: the desk's own unit
    assert run(small, "patrols.start", {"team": "HK-XC"})["area"] == committee


def test_team_members_are_linked_to_operator_accounts(citybrain_daemon):
    duty = citybrain_daemon.client(login="duty")
    duty.wait_for(lambda _: duty.replica.get("patrols.teams", "HK-XC") is not None)
    team = duty.replica.get("patrols.teams", "HK-XC")
    leader, second = team["members"][0]["name"], team["members"][2]["name"]
    assert team["members"][0]["operator"] is None and team["members"][2]["operator"] is None
    assert run(duty, "patrols.link", {"team": "HK-XC", "member": leader, "operator": "operator"})["operator"] == (
        "operator"
    )
    linked = record_when(
        duty, "patrols.teams", "HK-XC", lambda t: any(m.get("operator") == "operator" for m in t["members"])
    )
    assert [m["name"] for m in linked["members"] if m.get("operator") == "operator"] == [leader]
    for payload, reason in (
        ({"team": "HK-XC", "member": leader, "operator": "nobody"}, "unknown_operator"),
        ({"team": "HK-XC", "member": "无此人", "operator": "operator"}, "unknown_member"),
        ({"team": "HK-XC", "member": second, "operator": "operator"}, "operator_taken"),
    ):
        with pytest.raises(RequestError) as refused:
            run(duty, "patrols.link", payload)
        assert refused.value.details["reason"] == reason
    operator = citybrain_daemon.client(login="operator")
    for name, payload in (
        ("patrols.link", {"team": "HK-XC", "member": second, "operator": "duty"}),
        ("patrols.unlink", {"team": "HK-XC", "member": leader}),
    ):
        with pytest.raises(RequestError) as refused:  # the duty leader links and unlinks
            run(operator, name, payload)
        assert refused.value.code == "forbidden"
    run(duty, "patrols.unlink", {"team": "HK-XC", "member": leader})
    record_when(duty, "patrols.teams", "HK-XC", lambda t: t["members"][0]["operator"] is None)
    with pytest.raises(RequestError) as refused:  # nothing to unlink: said, not silently done
        run(duty, "patrols.unlink", {"team": "HK-XC", "member": leader})
    assert refused.value.details["reason"] == "not_linked"


def test_a_patrol_started_by_a_linked_account_carries_its_member_for_operators_only(citybrain_daemon):
    duty = citybrain_daemon.client(login="duty")
    duty.wait_for(lambda _: duty.replica.get("patrols.teams", "HK-ZF") is not None)
    member = duty.replica.get("patrols.teams", "HK-ZF")["members"][3]["name"]
    subdistrict = sorted(u["code"] for u in duty.replica.records("org.units") if u["kind"] == "subdistrict")[1]
    username, password = citybrain_daemon.operator_in(subdistrict)
    run(duty, "patrols.link", {"team": "HK-ZF", "member": member, "operator": username})
    field = citybrain_daemon.client()
    field.login(username, password)
    theirs = run(field, "patrols.start", {"team": "HK-ZF"})
    assert theirs["member"] == member and theirs["started_by"] == username
    mine = run(duty, "patrols.start", {"team": "HK-ZF"})  # the duty leader is no member: nobody carried
    assert mine["member"] is None
    shown = record_when(duty, "patrols.patrols", theirs["id"], lambda p: p.get("member") == member)
    assert shown["started_by"] == username
    wall = citybrain_daemon.client(login="wall")  # a viewer: the patrol, without the member's name
    seen = record_when(wall, "patrols.patrols", theirs["id"], lambda p: True)
    assert "member" not in seen and seen["started_by"] == username


def test_the_demo_links_a_member_of_each_team_to_the_account_they_log_in_with_in_their_unit(citybrain_daemon):
    """The demo's field accounts: each linked to one member named as the account, placed where that member patrols
    (the supervision leader: the whole district); the month's patrols there carry them, and one they start now too."""
    duty = citybrain_daemon.client(login="duty")
    duty.wait_for(lambda _: len(duty.replica.records("patrols.teams")) == 3 and duty.replica.records("patrols.patrols"))
    linked = {
        t["code"]: [(m["name"], m["operator"]) for m in t["members"] if m.get("operator")]
        for t in duty.replica.records("patrols.teams")
    }
    assert {team: [account for _, account in found] for team, found in linked.items()} == {
        "HK-XC": ["xuncha"],
        "HK-ZF": ["zhifa"],
        "HK-JD": ["jiandu"],
    }
    units = {"xuncha": "310109009000", "zhifa": "310109010000", "jiandu": None}  # the demo's (core DEMO_UNITS)
    for team, ((name, username),) in linked.items():
        field = citybrain_daemon.client()
        reply = field.login(username, PASSWORDS[username])
        assert reply["display_name"] == name and reply["unit"] == units[username]
        month = [p for p in duty.replica.records("patrols.patrols") if p["started_by"] == username]
        assert all(p["member"] == name and p["team"] == team for p in month)
        assert all(p["area"] == units[username] for p in month if units[username])
        started = run(field, "patrols.start", {"team": team})
        assert started["member"] == name and started["area"] == (units[username] or started["area"])
    assert any(p["started_by"] == "jiandu" for p in duty.replica.records("patrols.patrols"))  # the month shows them
