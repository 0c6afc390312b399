"""Sensors plugin, daemon half: the device registry and its live state, fed over MQTT (and by the demo's
simulator), checked message by message with every drop counted by reason.  No Qt here.

Configuration (``[plugins.sensors]`` in daemon.toml): ``broker = "host:port"`` (MQTT; optional ``username``,
``password``, ``tls``), ``simulate`` (default: on in the demo, off otherwise).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from citybrain.core.api import CollectionSpec, Transaction, hookimpl
from citybrain.core.daemon.context import DaemonContext
from citybrain.plugins.sensors.ingest import Ingest, Taken
from citybrain.plugins.sensors.tables import Device

DEVICES, LINK = "sensors.devices", "sensors.link"
PUBLISH_EVERY = 0.5  # seconds: changes reach desks coalesced, never per message
PERSIST_EVERY = 30.0  # seconds: last seen, battery and status written back for the next start


def _devices(session: Session) -> list[dict]:
    return [d.record() for d in session.scalars(select(Device))]


@hookimpl
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [CollectionSpec(DEVICES, key="id", title="Devices and their live state", load=_devices),
            CollectionSpec(LINK, key="id", title="The ingest: broker connection, messages taken")]


class SensorService:
    """One daemon's sensor state: the ingest, its MQTT connection, the coalesced publishing and persisting."""

    def __init__(self, ctx: DaemonContext) -> None:
        self.ctx = ctx
        self.ingest = Ingest({k: dict(v) for k, v in ctx.records(DEVICES).items()})
        self.unsaved: set[str] = set()
        self.taken = 0
        self.link = None  # the MQTT link, when a broker is configured

    def deliver(self, topic: str, payload: bytes) -> Taken | str:
        """One message from any path; a drop is counted by its reason, never raised."""
        try:
            outcome = self.ingest.handle(topic, payload)
        except Exception:  # noqa: BLE001 - a device must never stop the ingest; count it and go on
            self.ctx.log.exception("sensor message on %s could not be taken", topic)
            outcome = "internal_error"
        if isinstance(outcome, str):
            self.ctx.count_dropped(outcome)
        else:
            self.taken += 1
        return outcome

    async def publish(self, ctx: DaemonContext) -> None:
        while True:
            self._flush()
            await asyncio.sleep(PUBLISH_EVERY)

    def _flush(self) -> None:
        self.ingest.silent(datetime.now(UTC))
        changed = self.ingest.take_changed()
        if changed:
            self.ctx.publish(DEVICES, put=[dict(d) for d in changed])
            self.unsaved.update(d["id"] for d in changed)
        status = {"id": "ingest", "broker": self.ctx.config.get("broker"), "taken": self.taken,
                  "connected": bool(self.link and self.link.connected)}
        if self.ctx.records(LINK).get("ingest") != status:
            self.ctx.publish(LINK, put=[status])

    async def persist(self, ctx: DaemonContext) -> None:
        while True:
            await asyncio.sleep(PERSIST_EVERY)
            await self.save()

    async def save(self) -> None:
        ids, self.unsaved = self.unsaved, set()
        rows = [self.ingest.devices[i] for i in ids]
        if rows:
            await self.ctx.transact(_save, rows)

    async def mqtt(self, ctx: DaemonContext) -> None:
        from citybrain.plugins.sensors.mqtt import MqttIn

        self.link = MqttIn(dict(ctx.config), asyncio.get_running_loop(), self.deliver)
        self.link.start()
        try:
            await asyncio.Event().wait()  # until the daemon stops this source
        finally:
            self.link.stop()

    async def simulate(self, ctx: DaemonContext) -> None:
        from citybrain.plugins.sensors.simulator import Simulator

        await Simulator(self.ingest.devices, ctx.config.get("broker"), self.deliver).run()


def _save(tx: Transaction, rows: list[dict]) -> None:
    tx.session.execute(update(Device), [{"id": r["id"], "status": r["status"], "battery": r["battery"],
                                         "last_seen": datetime.fromisoformat(r["last_seen"]) if r["last_seen"]
                                         else None} for r in rows])


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    service = SensorService(ctx)
    sources = [service.publish, service.persist]
    if ctx.config.get("broker"):
        sources.append(service.mqtt)
    if ctx.config.get("simulate", ctx.demo):
        sources.append(service.simulate)
    return sources


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.sensors import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
