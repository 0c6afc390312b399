"""Re-alarm over the real MQTT path and a real daemon: an acknowledged alarm still on after its priority's time
comes back as unacknowledged (a system action, audited); one back to normal, shelved or cleared does not (its
timer is cancelled).  The times are shortened through the daemon's configuration; the test waits on the feed."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from citybrain.core.storage.audit import AuditEntry
from citybrain.core.timers import Timer
from citybrain.plugins.sensors.alarms import REALARM_TIMER, REALARMED
from citybrain.plugins.sensors.tests.test_alarms import PLUGINS, alarms_of, event

SECOND = 1 / 60  # minutes


@pytest.fixture
def setup(citybrain_daemon_factory, citybrain_mosquitto, publisher):
    daemon = citybrain_daemon_factory(
        plugins=PLUGINS,
        plugin_config={
            "sensors": {
                "broker": citybrain_mosquitto.broker,
                "simulate": False,
                "realarm_minutes": {"urgent": 2 * SECOND, "high": 600},
            }
        },
    )
    client = daemon.client(login="duty")
    client.wait_for(lambda s: (client.replica.get("sensors.link", "ingest") or {}).get("connected"))
    return daemon, client, client.replica.records("sensors.devices"), publisher


def _rows(daemon, model, *where) -> list:
    with daemon.daemon.database.sessions() as session:
        return list(session.scalars(select(model).where(*where)))


def test_an_acknowledged_alarm_still_on_after_its_time_comes_back_unacknowledged(setup):
    daemon, client, devices, publisher = setup
    smoke = next(d for d in devices if d["type"] == "SMK")
    event(publisher, smoke, "smoke")
    client.wait_for(lambda s: alarms_of(client, smoke))
    (alarm,) = alarms_of(client, smoke)
    client.command("sensors.ack", {"alarm": alarm["id"], "comment": "物业已去查看"}).result(10)
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["state"] == "ack")
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["state"] == "unack", timeout=30)  # 2 s later: back
    back = alarms_of(client, smoke)[0]
    assert back["acked_by"] == "duty" and back["active"]  # who acknowledged it last stays on the alarm
    (entry,) = _rows(daemon, AuditEntry, AuditEntry.command == REALARM_TIMER)
    assert entry.operator == "system" and entry.result == "ok" and f"alarm {alarm['id']}" in entry.detail
    parts = {"alarm": alarm["id"], "device": smoke["id"], "by": "duty"}  # desks word the note from its parts
    assert entry.note == REALARMED and json.loads(entry.parts or "{}").items() >= parts.items()
    history = client.query("sensors.alarm_history", {"alarm": alarm["id"]}).result(10)["result"]["events"]
    assert [(e["kind"], e["state"], e["by"], e["text"]) for e in history][-1] == ("realarm", "unack", "system", "duty")
    # acknowledged again, then back to normal: latched, and its re-alarm is cancelled, not fired
    client.command("sensors.ack", {"alarm": alarm["id"], "comment": "消防已到场"}).result(10)
    event(publisher, smoke, "normal")
    client.wait_for(lambda s: alarms_of(client, smoke)[0]["state"] == "latched")
    timers = _rows(daemon, Timer, Timer.kind == REALARM_TIMER, Timer.key == str(alarm["id"]))
    assert sorted(t.state for t in timers) == ["cancelled", "fired"]


def test_a_shelved_alarm_does_not_come_back_by_its_realarm(setup):
    daemon, client, devices, publisher = setup
    leak = next(d for d in devices if d["type"] == "LEAK-W")
    for _ in range(3):  # high: raises on the third trigger (anti-chatter)
        event(publisher, leak, "water")
    client.wait_for(lambda s: alarms_of(client, leak))
    (alarm,) = alarms_of(client, leak)
    client.command("sensors.ack", {"alarm": alarm["id"], "comment": "物业关阀"}).result(10)
    client.wait_for(lambda s: alarms_of(client, leak)[0]["state"] == "ack")
    (pending,) = _rows(daemon, Timer, Timer.kind == REALARM_TIMER, Timer.key == str(alarm["id"]))
    assert pending.state == "pending" and 599 * 60 < (pending.due_at - pending.created_at).total_seconds() < 601 * 60
    client.command("sensors.shelve", {"alarm": alarm["id"], "minutes": 60, "reason": "维修中"}).result(10)
    client.wait_for(lambda s: alarms_of(client, leak)[0]["state"] == "shelved")
    (cancelled,) = _rows(daemon, Timer, Timer.kind == REALARM_TIMER, Timer.key == str(alarm["id"]))
    assert cancelled.state == "cancelled"
