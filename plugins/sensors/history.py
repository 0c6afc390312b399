"""Each device's history for its panel: readings (one a minute at most) and every event, written in batches with
the alarms they raised, kept ``history_days`` (default 30) and pruned hourly.  The panel asks for a window with
``sensors.history``; what arrives afterwards it takes from the live device records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, Refused, Transaction, utcnow
from citybrain.core.times import utc_iso
from citybrain.plugins.sensors.alarms import Alarm
from citybrain.plugins.sensors.ingest import Taken
from citybrain.plugins.sensors.tables import DeviceEvent, Reading

RESOLUTION = timedelta(minutes=1)
KEEP_DAYS = 30
MAX_HOURS = 24 * 31


@dataclass
class HistoryBuffer:
    """What the ingest took since the last write; readings thinned to ``RESOLUTION`` per device."""

    readings: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    kept: dict[str, datetime] = field(default_factory=dict)  # device -> when its last kept reading was taken

    def note(self, taken: Taken) -> None:
        if taken.code is not None:
            self.events.append({"device": taken.device, "at": taken.at, "code": taken.code})
        elif taken.value is not None:
            last = self.kept.get(taken.device)
            if last is None or taken.at - last >= RESOLUTION or taken.at < last:
                self.kept[taken.device] = taken.at
                self.readings.append({"device": taken.device, "at": taken.at, "value": taken.value})

    def take(self) -> tuple[list[dict], list[dict]]:
        taken, self.readings, self.events = (self.readings, self.events), [], []
        return taken


def write(session: Session, readings: list[dict], events: list[dict]) -> None:
    if readings:
        session.execute(insert(Reading), readings)
    if events:
        session.execute(insert(DeviceEvent), events)


def prune(tx: Transaction, now: datetime, days: int) -> None:
    before = now - timedelta(days=days)
    tx.session.execute(delete(Reading).where(Reading.at < before))
    tx.session.execute(delete(DeviceEvent).where(DeviceEvent.at < before))


def device_history(session: Session, params: dict, caller: Caller) -> dict:
    """The device's readings, events and alarms over the last ``hours`` (default 24)."""
    hours = 24 if params.get("hours") is None else params["hours"]
    if not 1 <= hours <= MAX_HOURS:
        raise Refused(f"hours must be between 1 and {MAX_HOURS}")
    device, since = params["device"], utcnow() - timedelta(hours=hours)
    readings = session.execute(
        select(Reading.at, Reading.value).where(Reading.device == device, Reading.at >= since).order_by(Reading.at)
    ).all()
    events = session.execute(
        select(DeviceEvent.at, DeviceEvent.code)
        .where(DeviceEvent.device == device, DeviceEvent.at >= since)
        .order_by(DeviceEvent.at)
    ).all()
    alarms = session.scalars(
        select(Alarm)
        .where(Alarm.device == device, or_(Alarm.last_at >= since, Alarm.state != "cleared"))
        .order_by(Alarm.first_at)
    ).all()
    return {
        "device": device,
        "since": utc_iso(since),
        "readings": [[utc_iso(at), value] for at, value in readings],
        "events": [[utc_iso(at), code] for at, code in events],
        "alarms": [a.record() for a in alarms],
    }
