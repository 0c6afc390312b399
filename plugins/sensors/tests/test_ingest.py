"""Every message is taken or dropped for one counted reason; duplicates (QoS 1 redelivery) are taken once;
silent devices go offline; nothing a device sends raises."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from citybrain.plugins.sensors.ingest import Ingest, Taken

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def device(ident: str, kind: str) -> dict:
    return {
        "id": ident,
        "type": kind,
        "status": "online",
        "last_seen": None,
        "battery": 80,
        "value": None,
        "event": None,
    }


@pytest.fixture
def ingest() -> Ingest:
    return Ingest({"SMK-1": device("SMK-1", "SMK"), "LEVEL-1": device("LEVEL-1", "LEVEL")})


def send(ingest: Ingest, device: str, kind: str, **body) -> Taken | str:
    return ingest.handle(f"citybrain/sensors/{device}/{kind}", json.dumps(body).encode(), NOW)


def test_each_bad_message_is_dropped_for_its_reason(ingest):
    assert ingest.handle("other/topic", b"{}", NOW) == "bad_topic"
    assert ingest.handle("citybrain/sensors/SMK-1/gossip", b"{}", NOW) == "bad_topic"
    assert ingest.handle("citybrain/sensors/SMK-1/event", b"{not json", NOW) == "malformed_json"
    assert ingest.handle("citybrain/sensors/SMK-1/event", b"\xff\xfe", NOW) == "malformed_json"
    assert ingest.handle("citybrain/sensors/SMK-1/event", b"[1, 2]", NOW) == "malformed_json"
    assert send(ingest, "NOPE-9", "heartbeat", id="1") == "unknown_device"
    assert send(ingest, "LEVEL-1", "reading", id="2", value=999) == "out_of_range"  # 0-200 cm
    assert send(ingest, "LEVEL-1", "reading", id="3", value="12") == "out_of_range"
    assert send(ingest, "SMK-1", "heartbeat", id="4", battery=140) == "out_of_range"
    assert send(ingest, "SMK-1", "heartbeat", id="5", ts=(NOW + timedelta(hours=1)).isoformat()) == "future_timestamp"
    assert send(ingest, "SMK-1", "heartbeat", id="6", ts=(NOW - timedelta(days=3)).isoformat()) == "stale_timestamp"
    assert send(ingest, "SMK-1", "heartbeat", id="7", ts="yesterday") == "malformed_json"
    assert send(ingest, "SMK-1", "event", id="8") == "malformed_json"  # an event without its code
    assert ingest.take_changed() == []  # none of it touched the state


def test_a_redelivered_message_is_taken_once_and_an_event_sets_the_status(ingest):
    first = send(ingest, "SMK-1", "event", id="m-1", code="smoke", battery=61, ts=NOW.timestamp() * 1000)
    assert isinstance(first, Taken) and first.code == "smoke"
    assert send(ingest, "SMK-1", "event", id="m-1", code="smoke") == "duplicate"
    smoke = ingest.devices["SMK-1"]
    assert (smoke["status"], smoke["battery"], smoke["last_seen"]) == ("alarm", 61, NOW.isoformat())
    assert isinstance(send(ingest, "SMK-1", "event", id="m-2", code="normal"), Taken)
    assert ingest.devices["SMK-1"]["status"] == "online"
    assert isinstance(send(ingest, "LEVEL-1", "reading", id="r-1", value=42.5), Taken)
    assert ingest.devices["LEVEL-1"]["value"] == 42.5
    assert sorted(d["id"] for d in ingest.take_changed()) == ["LEVEL-1", "SMK-1"]


def test_a_silent_device_goes_offline_and_comes_back_when_heard(ingest):
    send(ingest, "LEVEL-1", "heartbeat", id="h-1")
    ingest.take_changed()
    assert ingest.silent(NOW + timedelta(minutes=44)) == []  # LEVEL heartbeats every 15 min: 3 missed at 45
    assert ingest.silent(NOW + timedelta(minutes=46)) == ["LEVEL-1"]
    assert ingest.devices["LEVEL-1"]["status"] == "offline"
    send(ingest, "LEVEL-1", "heartbeat", id="h-2")
    assert ingest.devices["LEVEL-1"]["status"] == "online"


def test_garbage_never_raises(ingest):
    rng = random.Random(3)
    for _ in range(2000):
        payload = bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
        topic = rng.choice(["citybrain/sensors/SMK-1/event", "citybrain/sensors/LEVEL-1/reading", "x", ""])
        assert isinstance(ingest.handle(topic, payload, NOW), (str, Taken))
    for body in ({"ts": 1e30}, {"ts": -1e30}, {"ts": True}, {"value": float("nan")}, {"value": None}, {"code": 3}):
        assert isinstance(send(ingest, "LEVEL-1", "reading", **body), str)
