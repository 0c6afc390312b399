"""The demo's devices, alive: heartbeats and readings at their catalogue rates, events now and then, a few
chattering devices, batteries draining, devices dropping out, and now and then a storm that knocks a whole
compound out for a while.  Messages go through the broker when there is one (the real MQTT path), else straight
into the ingest — the same checks either way."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable
from datetime import UTC, datetime

from citybrain.plugins.sensors.catalogue import CATALOGUE

TICK = 1.0  # seconds between rounds
SPEED = 20.0  # demo time runs this much faster than the catalogue's heartbeats, so the wall moves
EVENTS_PER_DEVICE_HOUR = 0.02
STORM_EVERY = 600.0  # seconds, on average
STORM_LASTS = 120.0


class Simulator:
    def __init__(self, devices: dict[str, dict], broker: str | None, deliver: Callable[[str, bytes], object],
                 seed: int = 7) -> None:
        self.devices, self.deliver = devices, deliver
        self.rng = random.Random(seed)
        self.chattering = set(self.rng.sample(sorted(devices), k=min(12, len(devices))))
        self.dead = set(self.rng.sample(sorted(devices), k=min(len(devices) // 200, len(devices))))
        self.storm: tuple[str, float] | None = None
        self.sequence = 0
        self.publish = self._via_broker(broker) if broker else self.deliver

    def _via_broker(self, broker: str) -> Callable[[str, bytes], object]:
        import paho.mqtt.client as mqtt

        from citybrain.plugins.sensors.mqtt import host_port

        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="citybrain-simulator")
        client.connect_async(*host_port(broker))
        client.loop_start()
        return lambda topic, payload: client.publish(topic, payload, qos=1)

    def message(self, device: dict, kind: str, now: datetime, **fields: object) -> None:
        self.sequence += 1
        battery = device.get("battery")
        if battery is not None and self.rng.random() < 0.01:
            battery = max(0, battery - 1)  # draining
        body = {"id": f"sim-{self.sequence}", "ts": now.isoformat(timespec="seconds"), **fields}
        if battery is not None:
            body["battery"] = battery
        self.publish(f"citybrain/sensors/{device['id']}/{kind}", json.dumps(body).encode())

    def round(self, now: datetime, loop_time: float) -> None:
        if self.storm is None and self.rng.random() < TICK / STORM_EVERY:
            compound = self.rng.choice(sorted({d["compound"] for d in self.devices.values()}))
            self.storm = (compound, loop_time + STORM_LASTS)
        elif self.storm is not None and loop_time > self.storm[1]:
            self.storm = None
        for device in self.devices.values():
            if device["id"] in self.dead or (self.storm and device["compound"] == self.storm[0]):
                continue  # silent: offline once three heartbeats have passed
            spec = CATALOGUE.types[device["type"]]
            if device["id"] in self.chattering and self.rng.random() < 0.3:
                code = spec.alarms[0] if device.get("event") in (None, "normal") else "normal"
                self.message(device, "event", now, code=code)
                continue
            if self.rng.random() < TICK * SPEED / (spec.heartbeat * 60):
                if spec.kind == "reading":
                    low, high = spec.low or 0, spec.high or 100
                    self.message(device, "reading", now, value=round(low + (high - low) * self.rng.betavariate(2, 8), 2))
                else:
                    self.message(device, "heartbeat", now)
            if device.get("event") in spec.alarms and self.rng.random() < 0.02:
                self.message(device, "event", now, code="normal")  # someone dealt with it
            elif self.rng.random() < TICK * SPEED * EVENTS_PER_DEVICE_HOUR / 3600 and spec.alarms:
                self.message(device, "event", now, code=self.rng.choice(spec.alarms))

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self.round(datetime.now(UTC), loop.time())
            await asyncio.sleep(TICK)
