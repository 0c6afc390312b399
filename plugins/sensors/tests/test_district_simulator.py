"""The simulator plays the catalogue's field rates: alarm onsets per device-year, offline and chattering shares, a
rainstorm's flooded devices — counted from the messages it sends, on a driven clock."""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import UTC, datetime, timedelta

from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.plugins.sensors.simulator import YEAR, Simulator


def _devices() -> dict[str, dict]:
    kinds = [("CAM-LIFT", 500), ("LEVEL", 100), ("SMK", 1000)]
    return {
        f"{code}-{n:05d}": {
            "id": f"{code}-{n:05d}",
            "type": code,
            "compound": f"C{n % 10}",
            "event": None,
            "battery": None,
        }
        for code, count in kinds
        for n in range(count)
    }


def test_onsets_follow_the_catalogue_rates_and_a_rainstorm_floods_its_compounds():
    devices, onsets, sent = _devices(), Counter(), Counter()

    def deliver(topic: str, payload: bytes) -> None:
        _, _, device_id, kind = topic.split("/")
        sent[device_id] += 1
        if kind == "event":
            code = json.loads(payload)["code"]
            devices[device_id]["event"] = code
            if code != "normal" and device_id not in simulator.chattering:
                onsets[devices[device_id]["type"]] += 1

    simulator = Simulator(devices, None, deliver, seed=3, speed=1.0, heartbeats=False)
    rates = device_catalogue().rates["CAM-LIFT"]
    assert abs(len([d for d in simulator.dead if d.startswith("CAM-LIFT")]) - 500 * rates.offline) <= 1
    start = now = datetime(2026, 7, 1, tzinfo=UTC)
    days = 10
    simulator.rainstorm(["C1", "C2"], start + timedelta(days=days), 1.0)
    while now < start + timedelta(days=days):
        now += timedelta(seconds=60)
        simulator.round(now, 60)
    alive = len(simulator.alive["CAM-LIFT"])
    expected = alive * (rates.genuine + rates.nuisance) * days * 86400 / YEAR
    assert abs(onsets["CAM-LIFT"] - expected) < 5 * math.sqrt(expected)  # Poisson: five sigma
    assert not any(sent[d] for d in simulator.dead)  # offline devices say nothing
    before = onsets["LEVEL"]
    while now < start + timedelta(days=days, hours=2):
        now += timedelta(seconds=60)
        simulator.round(now, 60)
    flooded = [d for d in simulator.alive["LEVEL"] if devices[d]["compound"] in ("C1", "C2")]
    assert onsets["LEVEL"] - before >= 0.7 * len(flooded) > 0  # 90% of their water levels trigger (and a few others)
