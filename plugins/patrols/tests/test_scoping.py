"""Patrols in their units (issue 21): a problem found on patrol is placed in the unit whose area holds it, like the
case it opens, so its committee's desk (and those above) get it, and another subdistrict's do not, on the snapshot,
the feed and the month's map; a supervision re-check of a case outside the desk's unit is refused.  The teams, their
plans and patrols are the district's: every desk sees them.  The demo district on a real daemon."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError
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
    supervision = run(theirs, "patrols.start", {"team": "HK-JD"})
    with pytest.raises(RequestError) as refused:  # a case of another subdistrict
        run(theirs, "patrols.recheck", {"patrol": supervision["id"], "case": found["case"], "passed": True})
    assert refused.value.code == "forbidden"
    assert refused.value.details == {"reason": "outside_unit", "field": "case", "unit": other}
    done = run(ours, "patrols.recheck", {"patrol": supervision["id"], "case": found["case"], "passed": True})
    assert done["passed"] and done["case"] == found["case"]
