"""What a broken or hostile device, and a peer on the broker, can do to the sensors plugin on PostgreSQL, through a
real Mosquitto: an overlong event code or message id and an oversized payload are dropped by reason; a batch the
database refuses is counted and dropped, and the plugin stays on; a client taking the old fixed client id finds no
session of the daemon's to take; the log says the broker has no login and no TLS."""

from __future__ import annotations

import json
import logging
import threading

import paho.mqtt.client as mqtt
import pytest
import sqlalchemy as sa

PLUGINS = {"sensors": "citybrain.plugins.sensors.daemon", "system": "citybrain.plugins.system.daemon"}


def _send(client: mqtt.Client, device: str, kind: str, payload: bytes | dict) -> None:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    client.publish(f"citybrain/sensors/{device}/{kind}", body, qos=1).wait_for_publish(10)


def _health(client) -> dict:
    return client.replica.get("system.health", "daemon") or {}


def _dropped(client) -> dict:
    return {k.split(".", 1)[1]: v for k, v in _health(client).get("dropped", {}).items() if k.startswith("sensors.")}


def _connected(client) -> bool:
    return bool((client.replica.get("sensors.link", "ingest") or {}).get("connected"))


@pytest.fixture
def sensors_on_postgres(citybrain_daemon_factory, citybrain_postgres, citybrain_mosquitto, caplog):
    caplog.set_level(logging.WARNING, logger="citybrain.plugins.sensors.mqtt")
    daemon = citybrain_daemon_factory(
        plugins=PLUGINS,
        database_url=citybrain_postgres.new_database(),
        plugin_config={"sensors": {"broker": citybrain_mosquitto.broker, "simulate": False}},
    )
    client = daemon.client()
    client.wait_for(lambda s: _connected(client))
    return daemon, client


def test_overlong_values_and_a_refused_batch_leave_the_plugin_on(sensors_on_postgres, publisher, caplog):
    daemon, client = sensors_on_postgres
    devices = client.replica.records("sensors.devices")
    smoke = next(d for d in devices if d["type"] == "SMK")
    level = next(d for d in devices if d["type"] == "LEVEL")
    _send(publisher, smoke["id"], "event", {"id": "e-1", "code": "x" * 33})  # longer than sensors_events.code
    _send(publisher, smoke["id"], "heartbeat", {"id": "i" * 65})
    _send(publisher, smoke["id"], "heartbeat", b'{"id": "' + b"p" * 5000 + b'"}')
    client.wait_for(lambda s: _dropped(client) == {"too_long": 2, "too_large": 1})

    # a batch the database itself refuses (a constraint added behind the daemon's back): counted, dropped
    with daemon.daemon.database.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE sensors_events ADD CONSTRAINT no_fault CHECK (code <> 'fault')"))
    _send(publisher, smoke["id"], "event", {"id": "e-2", "code": "fault"})
    client.wait_for(lambda s: _dropped(client).get("batch_failed", 0) >= 1)
    _send(publisher, level["id"], "reading", {"id": "r-1", "value": 41.5})  # the ingest and its history go on
    client.wait_for(lambda s: client.replica.get("sensors.devices", level["id"])["value"] == 41.5)
    assert daemon.daemon.host.loaded("sensors")  # not switched off
    with daemon.daemon.database.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT code FROM sensors_events WHERE device = :d"), {"d": smoke["id"]}).all()
    assert stored == []  # neither the overlong code nor the refused batch reached the table
    assert any("could not be stored" in r.getMessage() for r in caplog.records)


def test_no_session_of_the_daemon_to_take_and_the_open_broker_is_warned(
    sensors_on_postgres, citybrain_mosquitto, publisher, caplog
):
    daemon, client = sensors_on_postgres
    warnings = [r.getMessage() for r in caplog.get_records("setup") if r.name == "citybrain.plugins.sensors.mqtt"]
    assert any("no login" in w for w in warnings) and any("no TLS" in w for w in warnings)
    present: list[bool] = []
    answered = threading.Event()

    def connected(c, u, flags, reason, p=None) -> None:
        present.append(flags.session_present)
        answered.set()

    thief = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="citybrain-daemon", clean_session=False)
    thief.on_connect = connected
    thief.connect("127.0.0.1", citybrain_mosquitto.port)
    thief.loop_start()
    try:
        assert answered.wait(10)
        assert present == [False]  # the daemon keeps no session under a guessable id
        level = next(d for d in client.replica.records("sensors.devices") if d["type"] == "LEVEL")
        _send(publisher, level["id"], "reading", {"id": "r-9", "value": 12.25})
        client.wait_for(lambda s: client.replica.get("sensors.devices", level["id"])["value"] == 12.25)
        assert _connected(client)
    finally:
        thief.loop_stop()
        thief.disconnect()
