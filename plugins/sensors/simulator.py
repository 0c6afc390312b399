"""The demo's devices, alive, at the field rates of the catalogue (``[rates]`` in configs/sensors/catalogue.toml;
where each rate comes from: docs/sensors.md, "Fault rates"): genuine and nuisance alarm conditions that clear
after their time, a few chattering devices, a share of each type offline, heartbeats and readings, batteries
draining; now and then a power cut takes a compound's devices offline and back, and ``rainstorm`` floods the
basements of some compounds.  Alarms come at their real rates; heartbeats ``speed`` times faster in the demo, so
the wall moves.  Messages go through the broker when there is one (the real MQTT path), else straight into the
ingest — the same checks either way.  ``round(now, seconds)`` plays any stretch of time, so a benchmark can drive
the clock (``district_alarm_rate``)."""

from __future__ import annotations

import asyncio
import heapq
import json
import random
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import numpy as np

from citybrain.plugins.sensors.catalogue import Catalogue, device_catalogue

TICK = 1.0  # seconds between rounds in the demo
SPEED = 20.0  # the demo's heartbeats and readings run this much faster than the catalogue's, so the wall moves
YEAR = 365 * 24 * 3600.0
CHATTER_PERIOD = 300.0  # seconds: a chattering device changes state about every five minutes
POWER_CUT_EVERY = 4 * 3600.0  # seconds, on average, between power cuts somewhere in the demo's district
POWER_CUT_LASTS = 600.0
# A rainstorm: what share of a flooded compound's devices of each type trigger, and with which condition
FLOODED = {
    "LEVEL": (0.9, "water_high"),
    "RAIN": (1.0, "rain_heavy"),
    "LEAK-W": (0.4, "water"),
    "MH-TILT": (0.15, "open"),
    "LIFT-MON": (0.25, "fault"),
    "BREAKER": (0.1, "tripped"),
    "ELEC-FIRE": (0.2, "leakage_high"),
    "PIPE-P": (0.2, "pressure_low"),
}


class Simulator:
    def __init__(
        self,
        devices: dict[str, dict],
        broker: str | None,
        deliver: Callable[[str, bytes], object],
        seed: int = 7,
        speed: float = SPEED,
        heartbeats: bool = True,
        catalogue: Catalogue | None = None,
    ) -> None:
        self.devices, self.deliver, self.catalogue = devices, deliver, catalogue or device_catalogue()
        self.speed, self.heartbeats = speed, heartbeats
        self.rng = random.Random(seed)
        self.counts = np.random.default_rng(seed)
        self.by_type: dict[str, list[str]] = {}
        for device_id in sorted(devices):
            self.by_type.setdefault(devices[device_id]["type"], []).append(device_id)
        self.dead: set[str] = set()
        self.chattering: set[str] = set()
        for code, ids in self.by_type.items():
            rates = self.catalogue.rates.get(code)
            if rates is not None:
                self.dead.update(self.rng.sample(ids, k=self._share(len(ids), rates.offline)))
                self.chattering.update(self.rng.sample(ids, k=self._share(len(ids), rates.chatter)))
        self.chattering -= self.dead
        self.alive = {
            code: [i for i in ids if i not in self.dead and i not in self.chattering]
            for code, ids in self.by_type.items()
        }
        self.later: list[tuple[float, int, str, str]] = []  # (when, order, device, code): clears and storm onsets
        self.power_cut: tuple[str, float] | None = None  # (compound, until)
        self.sequence = 0
        self.publish = self._via_broker(broker) if broker else self.deliver

    def _share(self, n: int, share: float) -> int:
        """``n * share`` devices, the fraction rounded at random (so a small type still gets its expected share)."""
        whole, part = divmod(n * share, 1.0)
        return int(whole) + (self.rng.random() < part)

    def _via_broker(self, broker: str) -> Callable[[str, bytes], object]:
        import paho.mqtt.client as mqtt

        from citybrain.plugins.sensors.mqtt import host_port

        # an id of its own: two demo daemons on one broker would otherwise take each other's connection
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"citybrain-simulator-{secrets.token_hex(4)}")
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

    def _later(self, at: float, device_id: str, code: str) -> None:
        self.sequence += 1
        heapq.heappush(self.later, (at, self.sequence, device_id, code))

    def _silent(self, device_id: str) -> bool:
        return self.power_cut is not None and self.devices[device_id]["compound"] == self.power_cut[0]

    def round(self, now: datetime, seconds: float) -> None:
        """Everything the devices send in the ``seconds`` up to ``now``."""
        t = now.timestamp()
        self._power(t, seconds)
        while self.later and self.later[0][0] <= t:
            _, _, device_id, code = heapq.heappop(self.later)
            device, spec = self.devices[device_id], self.catalogue.types[self.devices[device_id]["type"]]
            if self._silent(device_id):
                continue
            if code == "normal" and device.get("event") in spec.alarms:
                self.message(device, "event", now, code="normal")  # it cleared, or someone dealt with it
            elif code != "normal":
                self._onset(device, code, now, t, self.catalogue.rates[spec.code].genuine_minutes)
        for code, ids in self.alive.items():
            spec, rates = self.catalogue.types[code], self.catalogue.rates.get(code)
            if self.heartbeats:
                for device_id in self._pick(ids, len(ids) * seconds * self.speed / (spec.heartbeat * 60)):
                    if not self._silent(device_id):
                        self._beat(self.devices[device_id], spec, now)
            if rates is None or not spec.alarms:
                continue
            for per_year, minutes in ((rates.genuine, rates.genuine_minutes), (rates.nuisance, rates.nuisance_minutes)):
                for device_id in self._pick(ids, len(ids) * per_year * seconds / YEAR):
                    device = self.devices[device_id]
                    if not self._silent(device_id) and device.get("event") not in spec.alarms:
                        self._onset(device, self.rng.choice(spec.alarms), now, t, minutes)
        for device_id in sorted(self.chattering):
            if self.rng.random() < seconds / CHATTER_PERIOD and not self._silent(device_id):
                device, spec = self.devices[device_id], self.catalogue.types[self.devices[device_id]["type"]]
                on = device.get("event") in spec.alarms
                self.message(device, "event", now, code="normal" if on else spec.alarms[0])

    def _pick(self, ids: list[str], expected: float) -> list[str]:
        """How many of ``ids`` act in this round (Poisson), chosen at random."""
        n = int(self.counts.poisson(expected)) if expected > 0 else 0
        return [self.rng.choice(ids) for _ in range(n)] if ids else []

    def _onset(self, device: dict, code: str, now: datetime, t: float, minutes: float) -> None:
        self.message(device, "event", now, code=code)
        self._later(t + self.rng.expovariate(1 / (minutes * 60)), device["id"], "normal")

    def _beat(self, device: dict, spec, now: datetime) -> None:  # noqa: ANN001 - a DeviceType
        if spec.kind == "reading":
            low, high = spec.low or 0, spec.high or 100
            self.message(device, "reading", now, value=round(low + (high - low) * self.rng.betavariate(2, 8), 2))
        else:
            self.message(device, "heartbeat", now)

    def _power(self, t: float, seconds: float) -> None:
        """A power cut now and then: one compound's devices fall silent (offline after three heartbeats), then back."""
        if self.power_cut is None and self.rng.random() < seconds / POWER_CUT_EVERY:
            compound = self.rng.choice(sorted({d["compound"] for d in self.devices.values()}))
            self.power_cut = (compound, t + POWER_CUT_LASTS)
        elif self.power_cut is not None and t > self.power_cut[1]:
            self.power_cut = None

    def rainstorm(self, compounds: list[str], start: datetime, hours: float) -> int:
        """Flood ``compounds``: their water-level, rain, leak, manhole, lift and electrical devices trigger (the share
        in FLOODED) at times spread over the first ``hours``, each on for its type's genuine time.  How many."""
        onsets = 0
        for code, (share, condition) in FLOODED.items():
            for device_id in self.alive.get(code, ()):
                if self.devices[device_id]["compound"] in compounds and self.rng.random() < share:
                    at = start + timedelta(seconds=self.rng.uniform(0, hours * 3600))
                    self._later(at.timestamp(), device_id, condition)
                    onsets += 1
        return onsets

    async def run(self) -> None:
        while True:
            self.round(datetime.now(UTC), TICK)
            await asyncio.sleep(TICK)
