"""Device messages, checked and taken into the live state — whatever way they came (MQTT, the simulator, a replay).

Topic ``citybrain/sensors/{device}/{kind}``, kind one of ``reading``, ``event``, ``heartbeat``; payload JSON
``{"id": message id, "ts": ISO 8601 with offset or epoch seconds, "value": number (readings),
"code": text (events; "normal" ends one), "battery": 0-100 (optional)}`` (docs/sensors.md).

Every message is taken or dropped for one reason, counted: too_large (over ``MAX_PAYLOAD``, unread), bad_topic,
malformed_json, unknown_device,
out_of_range, too_long (an event code or message id longer than the history stores), future_timestamp,
stale_timestamp, duplicate (QoS 1 redelivers; ids are remembered per device). Nothing a device sends can raise out
of here, nor make the history's transaction fail later.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from citybrain.core.api import too_long
from citybrain.plugins.sensors.catalogue import Catalogue, device_catalogue
from citybrain.plugins.sensors.tables import DeviceEvent

PREFIX = "citybrain/sensors/"
KINDS = ("reading", "event", "heartbeat")
FUTURE = timedelta(minutes=5)  # clocks drift; further ahead than this is a broken clock
STALE = timedelta(hours=24)  # older than this is history (replay it as such), not live state
REMEMBERED = 200_000  # message ids kept against redelivery
MAX_PAYLOAD = 4096  # bytes: a device message is a few dozen; a larger one is dropped unread
ID_CHARS = 64  # the longest message id remembered (ids are a device's counter or a UUID)


@dataclass
class Taken:
    """What one message changed, for the caller to publish (and, for events, to raise alarms from)."""

    device: str
    kind: str
    at: datetime
    value: float | None = None
    code: str | None = None


@dataclass
class Ingest:
    """The devices' live state: ``devices`` (id -> record), the ids changed since the last ``take_changed``."""

    devices: dict[str, dict]
    catalogue: Catalogue = field(default_factory=device_catalogue)
    changed: set[str] = field(default_factory=set)
    seen: OrderedDict = field(default_factory=OrderedDict)

    def handle(self, topic: str, payload: bytes, now: datetime | None = None) -> Taken | str:
        """The change taken, or the reason the message was dropped."""
        now = now or datetime.now(UTC)
        if len(payload) > MAX_PAYLOAD:
            return "too_large"
        if not topic.startswith(PREFIX) or topic.count("/") != 3:
            return "bad_topic"
        device_id, kind = topic[len(PREFIX) :].split("/")
        if kind not in KINDS:
            return "bad_topic"
        try:
            message = json.loads(payload)
        except (ValueError, UnicodeDecodeError):
            return "malformed_json"
        if not isinstance(message, dict):
            return "malformed_json"
        device = self.devices.get(device_id)
        if device is None:
            return "unknown_device"
        at = _time(message.get("ts"), now)
        if at is None:
            return "malformed_json"
        if at > now + FUTURE:
            return "future_timestamp"
        if at < now - STALE:
            return "stale_timestamp"
        ident = (device_id, str(message.get("id", "")))
        if len(ident[1]) > ID_CHARS:
            return "too_long"
        if ident[1] and ident in self.seen:
            return "duplicate"
        taken = self._apply(device, kind, message, at)
        if isinstance(taken, str):
            return taken
        if ident[1]:
            self.seen[ident] = None
            if len(self.seen) > REMEMBERED:
                self.seen.popitem(last=False)
        return taken

    def _apply(self, device: dict, kind: str, message: dict, at: datetime) -> Taken | str:
        spec = self.catalogue.types[device["type"]]
        taken = Taken(device["id"], kind, at)
        battery = message.get("battery")
        if battery is not None and (not isinstance(battery, (int, float)) or not 0 <= battery <= 100):
            return "out_of_range"
        if kind == "reading":
            value = message.get("value")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not spec.in_range(value):
                return "out_of_range"
            taken.value = device["value"] = round(float(value), 3)
        elif kind == "event":
            code = message.get("code")
            if not isinstance(code, str) or not code:
                return "malformed_json"
            if too_long(code, DeviceEvent.code):
                return "too_long"
            taken.code = device["event"] = code
            if device["status"] != "out_of_service":
                device["status"] = "alarm" if code in spec.alarms else "fault" if code == "fault" else "online"
        if device["status"] == "offline":
            device["status"] = "online"
        if battery is not None:
            device["battery"] = int(battery)
        device["last_seen"] = max(device["last_seen"] or "", at.isoformat(timespec="seconds"))
        self.changed.add(device["id"])
        return taken

    def take_changed(self) -> list[dict]:
        changed = [self.devices[d] for d in self.changed]
        self.changed = set()
        return changed

    def silent(self, now: datetime) -> list[str]:
        """Devices not heard from for three heartbeats: offline (they go to maintenance, not to alarms)."""
        gone = []
        for device in self.devices.values():
            limit = timedelta(minutes=3 * self.catalogue.types[device["type"]].heartbeat)
            last = device["last_seen"]
            if (
                device["status"] not in ("offline", "out_of_service")
                and last
                and datetime.fromisoformat(last) < now - limit
            ):
                device["status"] = "offline"
                self.changed.add(device["id"])
                gone.append(device["id"])
        return gone


def _time(value: object, now: datetime) -> datetime | None:
    if value is None:
        return now  # a device without a clock: the time it arrived
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, UTC)  # seconds or milliseconds
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.astimezone(UTC) if moment.tzinfo else None
    return None
