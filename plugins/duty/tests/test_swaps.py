"""Swaps: asked by an officer, decided by the duty leader, checked for clashes, recorded in the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from citybrain.core.client import RequestError

PLUGINS = {"duty": "citybrain.plugins.duty.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def _tomorrow(client) -> list[dict]:
    day = (datetime.now(UTC) + timedelta(days=2)).astimezone().strftime("%Y-%m-%d")
    month = day[:7]
    return [a for a in client.query("duty.roster", {"month": month}).result(10)["result"] if a["date"] == day]


def _id(a: dict) -> str:
    return f"{a['date']}/{a['unit']}/{a['position']}/{a['shift']}/{a['person']}"


def test_an_approved_swap_changes_the_roster_and_is_logged(daemon):
    officer, leader = daemon.client(login="operator"), daemon.client(login="duty")
    shifts = _tomorrow(leader)
    shift = next(a for a in shifts if a["unit"] == "YJJ" and a["position"] == "officer")
    busy = {a["person"] for a in _tomorrow(leader)}
    free = next(
        p["name"] for p in leader.replica.records("duty.people") if p["unit"] == "YJJ" and p["name"] not in busy
    )
    asked = officer.command("duty.swap.request", {"assignment": _id(shift), "to": free, "reason": "家中有事"}).result(
        10
    )
    swap = asked["result"]
    leader.wait_for(lambda s: leader.replica.get("duty.swaps", swap["id"]) is not None)
    with pytest.raises(RequestError) as forbidden:
        officer.command("duty.swap.decide", {"swap": swap["id"], "approve": True}).result(10)
    assert forbidden.value.code == "forbidden"
    leader.command("duty.swap.decide", {"swap": swap["id"], "approve": True, "note": "同意"}).result(10)
    assert {a["person"] for a in _tomorrow(leader) if a["unit"] == "YJJ" and a["position"] == "officer"} == {free}
    leader.wait_for(
        lambda s: (
            leader.replica.get("duty.swaps", swap["id"]) is None
            and any("换班" in e["text"] and free in e["text"] for e in leader.replica.records("duty.log"))
        )
    )


def test_a_swap_that_would_put_someone_in_two_places_is_refused(daemon):
    officer, leader = daemon.client(login="operator"), daemon.client(login="duty")
    shifts = _tomorrow(leader)
    shift = next(a for a in shifts if a["unit"] == "YJJ" and a["position"] == "officer")
    clash = next(a["person"] for a in shifts if a["unit"] == "ZZB" and a["shift"] == "day")  # on duty then
    swap = officer.command("duty.swap.request", {"assignment": _id(shift), "to": clash}).result(10)["result"]
    with pytest.raises(RequestError, match="one person in two places"):
        leader.command("duty.swap.decide", {"swap": swap["id"], "approve": True}).result(10)
    refused = leader.command("duty.swap.decide", {"swap": swap["id"], "approve": False, "note": "冲突"}).result(10)
    assert refused["result"]["state"] == "refused"
