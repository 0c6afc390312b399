"""An alarm's own history and its stored claim, over the real MQTT path and a real daemon: each change (raised,
claimed, acknowledged with its comment, shelved with its reason, back from the shelf, back to normal, cleared)
is a row written with the change, in order, saying who; who claimed it and when survives a daemon restart."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from citybrain.core.client import RequestError
from citybrain.core.times import utc_iso
from citybrain.plugins.sensors import alarms
from citybrain.plugins.sensors.alarms import SHELF_TIMER, Alarm
from citybrain.plugins.sensors.tests.test_alarms import PLUGINS, alarms_of, event


def start(factory, broker: str, data_dir=None):  # noqa: ANN001, ANN201
    daemon = factory(
        plugins=PLUGINS, data_dir=data_dir, plugin_config={"sensors": {"broker": broker, "simulate": False}}
    )
    client = daemon.client(login="duty")
    client.wait_for(lambda s: (client.replica.get("sensors.link", "ingest") or {}).get("connected"))
    return daemon, client


def test_every_change_of_an_alarm_is_in_its_history_and_a_claim_survives_a_restart(
    citybrain_daemon_factory, citybrain_mosquitto, publisher
):
    daemon, client = start(citybrain_daemon_factory, citybrain_mosquitto.broker)
    smoke = next(d for d in client.replica.records("sensors.devices") if d["type"] == "SMK")
    event(publisher, smoke, "smoke")  # urgent: raised at once
    client.wait_for(lambda s: alarms_of(client, smoke))
    (alarm,) = alarms_of(client, smoke)
    operator = daemon.client(login="operator", subscribe=False)
    claimed = operator.command("sensors.claim", {"alarm": alarm["id"]}).result(10)["result"]
    assert claimed["claimed_by"] == "operator" and claimed["claimed_at"] < claimed["claim_until"]

    data_dir = daemon.data_dir
    daemon.stop()  # the claim is the database's, not the daemon's memory
    daemon, client = start(citybrain_daemon_factory, citybrain_mosquitto.broker, data_dir)
    client.wait_for(lambda s: alarms_of(client, smoke))
    again = alarms_of(client, smoke)[0]
    assert (again["claimed_by"], again["claimed_at"], again["claim_until"]) == (
        "operator",
        claimed["claimed_at"],
        claimed["claim_until"],
    )
    with daemon.daemon.database.sessions() as session:  # a column of its own, not worked out from the claim's end
        assert utc_iso(session.get(Alarm, alarm["id"]).claimed_at) == claimed["claimed_at"]

    client.command("sensors.ack", {"alarm": alarm["id"], "comment": "物业到场核查"}).result(10)  # a leader may
    client.command("sensors.shelve", {"alarm": alarm["id"], "minutes": 30, "reason": "探测器待更换"}).result(10)

    async def expire() -> None:  # the shelf's timer, due now instead of in half an hour
        await daemon.daemon.write(
            lambda tx: tx.set_timer(SHELF_TIMER, str(alarm["id"]), datetime.now(UTC), {"alarm": alarm["id"]})
        )

    daemon.call(expire)
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["state"] == "unack")
    event(publisher, smoke, "normal")
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["state"] == "rtn_unack")

    async def normal_again() -> None:  # the device says "normal" again, as the commit round takes it
        await daemon.daemon.write(lambda tx: alarms.back_to_normal(tx, smoke["id"]), plugin="sensors")

    daemon.call(normal_again)  # no change to the alarm: none in its history
    client.command("sensors.ack", {"alarm": alarm["id"], "comment": "已恢复"}).result(10)
    client.wait_for(lambda s: not alarms_of(client, smoke))

    history = client.query("sensors.alarm_history", {"alarm": alarm["id"]}).result(10)["result"]
    steps = [(e["kind"], e["state"], e["by"], e["text"]) for e in history["events"]]
    assert steps == [
        ("raised", "unack", "system", ""),
        ("claimed", "unack", "operator", ""),
        ("acknowledged", "ack", "duty", "物业到场核查"),
        ("shelved", "shelved", "duty", "探测器待更换"),
        ("unshelved", "unack", "system", ""),
        ("normal", "rtn_unack", "system", ""),
        ("acknowledged", "cleared", "duty", "已恢复"),
    ]
    times = [e["at"] for e in history["events"]]
    assert times == sorted(times) and times[0] == alarm["first_at"]
    assert history["events"][1]["until"] == claimed["claim_until"] and history["events"][3]["until"]
    assert history["alarm"]["state"] == "cleared" and history["alarm"]["claimed_at"] == claimed["claimed_at"]
    with pytest.raises(RequestError, match="no alarm"):
        client.query("sensors.alarm_history", {"alarm": 10**9}).result(10)
