"""Sensors plugin, daemon half: the device registry and its live state, fed over MQTT (and by the demo's
simulator), checked message by message with every drop counted by reason.  No Qt here.

Configuration (``[plugins.sensors]`` in daemon.toml): ``broker = "host:port"`` (MQTT; optional ``username``,
``password``, ``tls``), ``simulate`` (default: on in the demo, off otherwise), ``[[plugins.sensors.replay]]``
(file, column, device, speed: a recorded series replayed through the ingest), ``history_days`` (default 30: how
long readings and events are kept for the device panel).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from citybrain.plugins.sensors.mqtt import MqttIn

from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    OpenItem,
    QuerySpec,
    Role,
    ScheduleSpec,
    TimerSpec,
    Transaction,
    Within,
    fits,
    hookimpl,
)
from citybrain.core.district import Tree
from citybrain.plugins.sensors import alarm_events, alarms, floods, history, kpis, maintenance, metrics, open_items
from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.plugins.sensors.fields import declared
from citybrain.plugins.sensors.ingest import Ingest, Taken
from citybrain.plugins.sensors.metrics import citybrain_metrics  # noqa: F401 - the KPIs it contributes (a hook)
from citybrain.plugins.sensors.rounds import Rounds
from citybrain.plugins.sensors.tables import Device

DEVICES, LINK, FLOOD, KPIS = "sensors.devices", "sensors.link", "sensors.flood", "sensors.kpis"
PUBLISH_EVERY = 0.02  # seconds: device changes reach desks coalesced (one frame per round), never per message
PUBLISH_SOON = 0.005  # seconds: a round with a device event (an alarm, a fault, back to normal) ends this soon
EVENTS_EVERY = 0.25  # seconds: alarms triggered meanwhile are raised, and the history written, in one transaction
PRUNE_EVERY = 3600.0  # seconds between prunings of the history
PERSIST_EVERY = 30.0  # seconds: last seen, battery and status written back for the next start
SILENCE_EVERY = 30.0  # seconds between looks for devices gone quiet (heartbeats are minutes apart)


def _devices(session: Session) -> list[dict]:
    return [d.record() for d in session.scalars(select(Device))]


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(
            DEVICES,
            key="id",
            title="Devices and their live state",
            load=_devices,
            # the busiest stream, sent once on PUB rather than once per desk; a device's alarm is what is placed
            place=DistrictWide("15,000 devices' state, sent once to every desk; their alarms are placed"),
        ),
        CollectionSpec(
            LINK,
            key="id",
            title="The ingest: broker connection, messages taken",
            place=DistrictWide("the daemon's own link to the broker"),
        ),
        # placed in its compound: the compound's committee (and up) and its property company get it
        CollectionSpec(
            alarms.ALARMS, key="id", title="Open alarms (ISA-18.2 states)", load=alarms.open_alarms, place="compound"
        ),
        # placed in the unit it is for: a desk gets its own unit's alarm load (and those of the units under it)
        CollectionSpec(
            FLOOD, key="id", title="Alarm rate per operator (EEMUA 191) and bad actors, per unit", place="unit"
        ),
        # placed in the unit they are for: a desk gets its own unit's figures (and those of the units under it)
        CollectionSpec(
            KPIS, key="id", title="Key figures per compound, and per scenario and in total for each unit", place="unit"
        ),
    ]


ALARM = Within("alarm", alarms.ALARMS)  # a command on one alarm: in the caller's unit


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "sensors.ack",
            alarms.acknowledge,
            title="Acknowledge an alarm (with a comment)",
            payload={"alarm": int, "comment": str | None},
            within=(ALARM,),
        ),
        CommandSpec(
            "sensors.ack_group",
            alarms.acknowledge_group,
            title="Acknowledge one compound's alarms of one condition (a listed group, with a comment)",
            payload={"alarms": list[int], "comment": str | None},
            within=(Within("alarms", alarms.ALARMS),),
        ),
        CommandSpec(
            "sensors.claim",
            alarms.claim,
            title="Claim an alarm: you handle it (30 minutes)",
            payload={"alarm": int},
            within=(ALARM,),
        ),
        CommandSpec(
            "sensors.shelve",
            alarms.shelve,
            title="Shelve an alarm for a while, saying why",
            payload={"alarm": int, "minutes": int, "reason": str},
            within=(ALARM,),
        ),
        CommandSpec(
            "sensors.maintenance",
            maintenance.start_window,
            role=Role.DUTY_LEADER,
            title="Put a compound under maintenance: its alarms are suppressed meanwhile",
            payload={"compound": fits(Device.compound), "hours": int, "reason": str},
            within=(Within("compound"),),
        ),
        CommandSpec(
            "sensors.device.service",
            maintenance.set_service,
            role=Role.DUTY_LEADER,
            title="Take a device out of service, or back",
            payload={"device": fits(Device.id), "in_service": bool, "reason": str | None},
        ),
    ]


def resolution(session: Session, params: dict, caller: Caller) -> dict:
    """The share of sensor cases resolved at each level (property company, committee, subdistrict…) over the last
    ``days``, from the shared case loop (the seed's 90/8/2)."""
    from citybrain.core.cases.stats import case_frame, summarise

    now = datetime.now(UTC)
    frame = case_frame(session, now - timedelta(days=params.get("days") or 30), now)
    (everything,) = summarise(frame[frame["source"] == "sensor"])
    return everything


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            "sensors.resolution",
            resolution,
            params={"days": int | None},
            title="Share of sensor cases resolved at each level",
        ),
        QuerySpec(
            "sensors.history",
            history.device_history,
            params={"device": str, "hours": int | None},
            title="A device's readings, events and alarms over the last hours",
        ),
        QuerySpec(
            "sensors.alarm_history",
            alarm_events.alarm_history,
            params={"alarm": int},
            title="An alarm's own events: raised, acknowledged, claimed, shelved, back to normal, cleared",
            within=(ALARM,),
        ),
        *metrics.QUERIES,
    ]


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    return [TimerSpec(alarms.SHELF_TIMER, alarms.unshelve), TimerSpec(alarms.REALARM_TIMER, alarms.realarm)]


@hookimpl
def citybrain_configure(config: Mapping[str, Any]) -> None:
    alarms.configure_realarm(config.get("realarm_minutes"))


class SensorService:
    """One daemon's sensor state: the ingest, its MQTT connection, the coalesced publishing and persisting."""

    def __init__(self, ctx: DaemonContext) -> None:
        self.ctx = ctx
        self.ingest = Ingest({str(k): dict(v) for k, v in ctx.records(DEVICES).items()})  # keyed by device code
        self.unsaved: set[str] = set()
        self.taken = 0
        self.link: MqttIn | None = None  # the MQTT link, when a broker is configured
        self.looked = float("-inf")  # when silent devices were last looked for (monotonic)
        self.chatter = alarms.AntiChatter()
        self.raising: list[tuple[str, str, datetime]] = []  # (device, condition, when): written on the next flush
        self.normal: list[str] = []
        self.history = history.HistoryBuffer()
        self.rounds = Rounds(self._flush, PUBLISH_EVERY, PUBLISH_SOON)

    def deliver(self, topic: str, payload: bytes) -> Taken | str:
        """One message from any path; a drop is counted by its reason, never raised."""
        try:
            self._adopt(topic)
            outcome = self.ingest.handle(topic, payload, alarms.clock())
            if isinstance(outcome, Taken):
                self.history.note(outcome)
                if outcome.code is not None:
                    self._event(outcome)
                    self.rounds.hurry()
        except Exception:  # noqa: BLE001 - a device must never stop the ingest; count it and go on
            self.ctx.log.exception("sensor message on %s could not be taken", topic)
            outcome = "internal_error"
        if isinstance(outcome, str):
            self.ctx.count_dropped(outcome)
        else:
            self.taken += 1
        return outcome

    def _adopt(self, topic: str) -> None:
        """A duty leader's out-of-service (a command, in the writer) reaches this live state before the message."""
        device_id = topic.split("/")[2] if topic.count("/") == 3 else ""
        live, mine = self.ctx.records(DEVICES).get(device_id), self.ingest.devices.get(device_id)
        if live and mine and "out_of_service" in (live["status"], mine["status"]) and live["status"] != mine["status"]:
            mine["status"] = live["status"]

    def _event(self, taken: Taken) -> None:
        device = self.ingest.devices[taken.device]
        catalogue = device_catalogue()
        spec = catalogue.types[device["type"]]
        if taken.code in spec.alarms:
            if self.chatter.trigger(taken.device, taken.code, catalogue.scenarios[spec.scenario].priority, taken.at):
                self.raising.append((taken.device, taken.code, taken.at))
        elif taken.code == "normal":
            self.chatter.normal(taken.device)
            self.normal.append(taken.device)

    async def publish(self, ctx: DaemonContext) -> None:
        await self.rounds.run()

    async def commit_events(self, ctx: DaemonContext) -> None:
        """Apart from publishing (a slow transaction never holds up the wall's tiles): alarms raised or back to
        normal, and the history, in one transaction a round."""
        while True:
            await self.commit_round()
            await asyncio.sleep(EVENTS_EVERY)

    async def commit_round(self) -> None:
        self.raising += self.chatter.due(alarms.clock())
        readings, events = self.history.take()
        if self.raising or self.normal or readings or events:
            batch, self.raising, self.normal = (self.raising, self.normal), [], []
            await self.ctx.transact_batch("batch_failed", _events, batch, self.ingest.devices, readings, events)

    def _flush(self) -> None:
        if time.monotonic() - self.looked >= SILENCE_EVERY:  # 15,000 devices: not on every flush
            self.looked = time.monotonic()
            self.ingest.silent(alarms.clock())
        changed = self.ingest.take_changed()
        if changed:
            self.ctx.publish(DEVICES, put=[dict(d) for d in changed])
            self.unsaved.update(d["id"] for d in changed)
        status = {
            "id": "ingest",
            "broker": self.ctx.config.get("broker"),
            "taken": self.taken,
            "connected": bool(self.link and self.link.connected),
        }
        if self.ctx.records(LINK).get("ingest") != status:
            self.ctx.publish(LINK, put=[status])

    async def persist(self, ctx: DaemonContext) -> None:
        pruned = float("-inf")
        while True:
            await asyncio.sleep(PERSIST_EVERY)
            await self.save()
            if time.monotonic() - pruned >= PRUNE_EVERY:
                pruned = time.monotonic()
                await ctx.transact(history.prune, datetime.now(UTC), ctx.config.get("history_days", history.KEEP_DAYS))

    async def save(self) -> None:
        ids, self.unsaved = self.unsaved, set()
        rows = [self.ingest.devices[i] for i in ids]
        if rows:
            await self.ctx.transact_batch("batch_failed", _save, rows)

    async def mqtt(self, ctx: DaemonContext) -> None:
        from citybrain.plugins.sensors.mqtt import MqttIn

        link = self.link = MqttIn(dict(ctx.config), asyncio.get_running_loop(), self.deliver)
        link.start()
        try:
            await asyncio.Event().wait()  # until the daemon stops this source
        finally:
            link.stop()

    async def replay(self, ctx: DaemonContext) -> None:
        from citybrain.plugins.sensors.replay import replay

        for entry in ctx.config["replay"]:
            try:
                sent = await replay(entry, self.deliver)
                ctx.log.info("replayed %d readings of %s onto %s", sent, entry["file"], entry["device"])
            except (OSError, ValueError, KeyError) as exc:  # a replay misconfigured: said, and the rest goes on
                ctx.log.warning("replay %s not run: %s", entry, exc)

    async def simulate(self, ctx: DaemonContext) -> None:
        from citybrain.plugins.sensors.simulator import Simulator

        await Simulator(self.ingest.devices, ctx.config.get("broker"), self.deliver).run()


def _events(
    tx: Transaction, batch: tuple[list, list], devices: dict[str, dict], readings: list[dict], events: list[dict]
) -> None:
    """Raise (or update) the alarms triggered since the last round; return to normal those that ended; keep the
    history."""
    history.write(tx.session, readings, events)
    raising, normal = batch
    quiet = maintenance.under_maintenance(tx.session, alarms.clock())
    for device_id, condition, at in raising:
        device = devices[device_id]
        alarms.raise_alarm(tx, device, condition, at, suppressed=device["compound"] in quiet)
    for device_id in normal:
        alarms.back_to_normal(tx, device_id)


async def follow_cases(ctx: DaemonContext) -> None:
    """The cases' news for their alarms: resolved ones clear them, escalated ones put them on the district's list."""
    await ctx.transact(_follow_cases)


def _follow_cases(tx: Transaction) -> None:
    alarms.resolved_cases(tx)
    alarms.escalated_cases(tx)


async def measure_kpis(ctx: DaemonContext) -> None:
    """From the live devices and alarms and the last day's alarms; only the records that changed are published.
    Computed on a reader thread (the loop only takes the snapshot and publishes): the loop must keep answering."""
    devices, open_alarms = list(ctx.records(DEVICES).values()), list(ctx.records(alarms.ALARMS).values())
    records = await ctx.read(kpis.measure, devices, open_alarms, datetime.now(UTC))
    held = ctx.records(KPIS)
    changed = [r for r in records if held.get(r["id"]) != r]
    gone = set(held) - {r["id"] for r in records}  # a unit no longer in the tree, a compound without devices
    if changed or gone:
        ctx.publish(KPIS, put=changed, delete=gone)


async def measure_flood(ctx: DaemonContext) -> None:
    """Operators are the logged-in desks that can act (operator role and up), counted by their unit from the
    daemon's health; each unit's record is published when it changed."""
    operators = Counter(
        d.get("unit") for d in ctx.stats()["desks"] if d.get("role") in ("operator", "duty_leader", "admin")
    )
    records = await ctx.read(floods.figures, datetime.now(UTC), operators, await ctx.read(Tree.load))
    held = ctx.records(FLOOD)
    changed = [r for r in records if held.get(r["id"]) != r]
    gone = set(held) - {r["id"] for r in records}
    if changed or gone:
        ctx.publish(FLOOD, put=changed, delete=gone)


def _save(tx: Transaction, rows: list[dict]) -> None:
    tx.session.execute(
        update(Device),
        [
            {
                "id": r["id"],
                "status": r["status"],
                "battery": r["battery"],
                "last_seen": datetime.fromisoformat(r["last_seen"]) if r["last_seen"] else None,
            }
            for r in rows
        ],
    )


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [
        ScheduleSpec("sensors.cases", every=10.0, handler=follow_cases),
        ScheduleSpec("sensors.flood", every=10.0, handler=measure_flood),
        ScheduleSpec("sensors.kpis", every=10.0, handler=measure_kpis),
    ]


@hookimpl
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    """For a handover: the district's unacknowledged and shelved alarms, the devices out of service."""
    return open_items.open_items(session, now)


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    service = SensorService(ctx)
    sources = [service.publish, service.commit_events, service.persist]
    if ctx.config.get("broker"):
        sources.append(service.mqtt)
    if ctx.config.get("simulate", ctx.demo):
        sources.append(service.simulate)
    if ctx.config.get("replay"):
        sources.append(service.replay)
    return sources


@hookimpl(trylast=True)  # after the others: the cases demo's org tree gives the devices their compounds
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.sensors import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
