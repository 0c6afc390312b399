"""Alarms over the real MQTT path: an urgent one raises at once and opens a case for the compound's property
company; later triggers update it; it needs a comment to be acknowledged; a low-priority device that flaps
never reaches the list (anti-chatter) until it persists; a compound under maintenance is suppressed; a shelved
alarm comes back by itself; a claim keeps others off until a duty leader breaks it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.plugins.sensors import history as history_store

PLUGINS = {"sensors": "citybrain.plugins.sensors.daemon", "cases": "citybrain.plugins.cases.daemon"}
IDS = count()


@pytest.fixture
def setup(citybrain_daemon_factory, citybrain_mosquitto, publisher):
    daemon = citybrain_daemon_factory(
        plugins=PLUGINS, plugin_config={"sensors": {"broker": citybrain_mosquitto.broker, "simulate": False}}
    )
    client = daemon.client(login="duty")
    client.wait_for(lambda s: (client.replica.get("sensors.link", "ingest") or {}).get("connected"))
    return daemon, client, client.replica.records("sensors.devices"), publisher


def send(publisher, device: dict, kind: str, at: datetime | None = None, **fields: object) -> None:
    body = {"id": f"t-{next(IDS)}", "ts": (at or datetime.now(UTC)).isoformat(), **fields}
    publisher.publish(f"citybrain/sensors/{device['id']}/{kind}", json.dumps(body).encode(), qos=1).wait_for_publish(10)


def event(publisher, device: dict, code: str) -> None:
    send(publisher, device, "event", code=code)


def flood_of(client, unit: str | None = None) -> dict:
    """The alarm load of ``unit`` (the district's: the tree's root) as ``client`` holds it; {} before it is measured."""
    if unit is None:
        unit = next(u["code"] for u in client.replica.records("org.units") if u["kind"] == "district")
    return client.replica.get("sensors.flood", f"flood@{unit}") or {}


def alarms_of(client, device: dict) -> list[dict]:
    return [a for a in client.replica.records("sensors.alarms") if a["device"] == device["id"]]


def test_an_urgent_alarm_raises_at_once_opens_a_case_and_is_acknowledged_with_a_comment(setup):
    daemon, client, devices, publisher = setup
    smoke = next(d for d in devices if d["type"] == "SMK")
    event(publisher, smoke, "smoke")
    client.wait_for(lambda s: alarms_of(client, smoke) and alarms_of(client, smoke)[0]["case"])
    (alarm,) = alarms_of(client, smoke)
    assert (alarm["state"], alarm["priority"], alarm["count"]) == ("unack", "urgent", 1)
    case = client.replica.get("cases.open", alarm["case"])
    assert case["source"] == "sensor" and case["source_ref"] == f"sensors.alarms/{alarm['id']}"
    assert case["owner"] and case["owner"] != case["unit"]  # dispatched to the compound's property company
    event(publisher, smoke, "smoke")
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["count"] == 2)  # one alarm, updated

    def worst() -> str | None:
        actors = flood_of(client).get("bad_actors") or [{}]
        return actors[0].get("device")

    client.wait_for(lambda s: worst() == smoke["id"], timeout=30)  # measured every 10 s
    flood = flood_of(client)
    assert flood["raised_10min"] == 1 and flood["operators"] >= 1 and flood["level"] in ("manageable", "busy")
    assert flood["bad_actors"][0] == {"device": smoke["id"], "triggers": 2, "alarms": 1}
    # each unit's load, placed in it: the compound's committee has the alarm, another subdistrict none of it
    units = {u["code"]: u for u in client.replica.records("org.units")}
    committee = units[smoke["compound"]]["parent"]
    other = next(c for c, u in sorted(units.items()) if u["kind"] == "subdistrict" and c != units[committee]["parent"])
    ours, theirs = daemon.desk_in(committee), daemon.desk_in(other)
    ours.wait_for(lambda s: flood_of(ours, committee).get("raised_10min") == 1, timeout=30)
    assert flood_of(ours, committee)["bad_actors"][0]["device"] == smoke["id"] and flood_of(ours) == {}
    theirs.wait_for(lambda s: flood_of(theirs, other), timeout=30)
    assert flood_of(theirs, other)["raised_10min"] == 0 and not flood_of(theirs, other)["bad_actors"]
    assert not theirs.replica.get("sensors.flood", f"flood@{committee}")
    event(publisher, smoke, "normal")
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["state"] == "rtn_unack")
    with pytest.raises(RequestError, match="with a comment"):
        client.command("sensors.ack", {"alarm": alarm["id"]}).result(10)
    client.command("sensors.ack", {"alarm": alarm["id"], "comment": "物业到场，误报（油烟）"}).result(10)
    client.wait_for(lambda s: not alarms_of(client, smoke))  # acknowledged after its return: cleared


def test_a_flapping_low_priority_device_stays_off_the_list_until_it_persists(setup):
    daemon, client, devices, publisher = setup
    stair = [d for d in devices if d["type"] == "CAM-STAIR"]
    flapping, persistent = stair[0], stair[1]
    for _ in range(2):
        event(publisher, flapping, "clutter")
        event(publisher, flapping, "normal")
    for _ in range(3):
        event(publisher, persistent, "clutter")
    client.wait_for(lambda s: alarms_of(client, persistent))
    assert alarms_of(client, persistent)[0]["priority"] == "low" and not alarms_of(client, flapping)


def test_maintenance_suppresses_shelving_expires_and_a_claim_keeps_others_off(setup):
    daemon, client, devices, publisher = setup
    gas = [d for d in devices if d["type"] == "GAS-D" or d["type"] == "GAS-V"]
    quiet, loud = gas[0], next(d for d in gas if d["compound"] != gas[0]["compound"])
    client.command("sensors.maintenance", {"compound": quiet["compound"], "hours": 2, "reason": "燃气管道改造"}).result(
        10
    )
    event(publisher, quiet, "valve_closed" if quiet["type"] == "GAS-V" else "gas_high")
    event(publisher, loud, "valve_closed" if loud["type"] == "GAS-V" else "gas_high")
    client.wait_for(lambda s: alarms_of(client, quiet) and alarms_of(client, loud))
    assert alarms_of(client, quiet)[0]["state"] == "suppressed" and alarms_of(client, quiet)[0]["case"] is None
    alarm = alarms_of(client, loud)[0]

    def make_operator(tx) -> None:
        create_operator(tx.session, "operator2", "operator2-demo", Role.OPERATOR)

    async def add() -> None:
        await daemon.daemon.write(make_operator)

    daemon.call(add)
    first, second = daemon.client(login="operator"), daemon.client(subscribe=False)
    second.login("operator2", "operator2-demo")
    first.command("sensors.claim", {"alarm": alarm["id"]}).result(10)
    with pytest.raises(RequestError, match="claimed by operator"):
        second.command("sensors.ack", {"alarm": alarm["id"], "comment": "处理中"}).result(10)
    client.command("sensors.shelve", {"alarm": alarm["id"], "minutes": 30, "reason": "燃气公司已在现场"}).result(10)
    client.wait_for(lambda s: alarms_of(client, loud)[0]["state"] == "shelved")  # the leader may: claim broken

    def expire(tx) -> None:  # the shelf's timer, due now instead of in half an hour
        from citybrain.plugins.sensors.alarms import SHELF_TIMER

        tx.set_timer(SHELF_TIMER, str(alarm["id"]), datetime.now(UTC), {"alarm": alarm["id"]})

    async def now() -> None:
        await daemon.daemon.write(expire)

    daemon.call(now)
    client.wait_for(lambda s: alarms_of(client, loud)[0]["state"] == "unack")  # back, as its condition still is


def test_the_share_resolved_at_each_level_comes_from_the_case_loop(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, plugin_config={"sensors": {"simulate": False}})
    shares = daemon.client(login="duty").query("sensors.resolution", {"days": 60}).result(30)["result"]
    assert shares["cases"] > 0 and shares["resolved"] > 0  # the cases demo's sensor cases
    levels = shares["resolved_at_level"]
    assert set(levels) <= {"property_company", "committee", "subdistrict", "district", "department"}
    assert abs(sum(levels.values()) - 1) < 0.01 and max(levels, key=levels.get) == "property_company"


def test_the_device_panel_history_holds_readings_one_a_minute_and_every_event_with_its_alarms(setup):
    daemon, client, devices, publisher = setup
    heat = next(d for d in devices if d["type"] == "HEAT")
    now = datetime.now(UTC)
    for seconds, value in ((170, 21.5), (150, 22.0), (100, 23.5), (40, 999.0)):  # 999: out of range, not kept
        send(publisher, heat, "reading", at=now - timedelta(seconds=seconds), value=value)
    event(publisher, heat, "over_temperature")  # urgent: raised at once, written with the history before it
    client.wait_for(lambda s: alarms_of(client, heat))
    history = client.query("sensors.history", {"device": heat["id"], "hours": 1}).result(10)["result"]
    assert [v for _, v in history["readings"]] == [21.5, 23.5]  # the second fell in the first one's minute
    assert [c for _, c in history["events"]] == ["over_temperature"]
    assert [a["condition"] for a in history["alarms"]] == ["over_temperature"]
    assert history["readings"][0][0] == (now - timedelta(seconds=170)).isoformat(timespec="seconds")
    with pytest.raises(RequestError, match="hours must be between"):
        client.query("sensors.history", {"device": heat["id"], "hours": 0}).result(10)

    async def prune() -> None:  # as the hourly pruning does, with the retention ending two minutes ago
        await daemon.daemon.write(history_store.prune, now - timedelta(seconds=120), 0)

    daemon.call(prune)
    history = client.query("sensors.history", {"device": heat["id"], "hours": 1}).result(10)["result"]
    assert [v for _, v in history["readings"]] == [23.5] and len(history["events"]) == 1
