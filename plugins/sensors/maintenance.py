"""Alarms held back by design: compounds under maintenance (their alarms are recorded as suppressed, not
annunciated) and devices taken out of service (their alarms with them)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, Transaction, UTCDateTime, get_or_refuse, utcnow
from citybrain.plugins.sensors.alarm_events import note
from citybrain.plugins.sensors.alarms import ACTIVE, ALARMS, Alarm
from citybrain.plugins.sensors.tables import Device

DEVICES = "sensors.devices"


class MaintenanceWindow(Base):
    __tablename__ = "sensors_maintenance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    compound: Mapped[str] = mapped_column(String(32), index=True)
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(64))


def under_maintenance(session: Session, now: datetime) -> set[str]:
    return set(session.scalars(select(MaintenanceWindow.compound).where(MaintenanceWindow.until > now)))


def start_window(tx: Transaction, p: dict) -> dict:
    if not (p.get("reason") or "").strip() or not 1 <= p["hours"] <= 24 * 14:
        raise Refused("a maintenance window needs a reason and from 1 hour to 14 days", code=ErrorCode.INVALID_PAYLOAD)
    window = MaintenanceWindow(
        compound=p["compound"],
        until=utcnow() + timedelta(hours=p["hours"]),
        reason=p["reason"].strip(),
        by=tx.caller.username or "",
    )
    tx.session.add(window)
    return {"compound": window.compound, "until": window.until.isoformat(timespec="seconds")}


def set_service(tx: Transaction, p: dict) -> dict:
    """Take a device out of service (its open alarms with it), or back into service."""
    device = get_or_refuse(tx.session, Device, p["device"], "device")
    if p["in_service"]:
        device.status = "online" if device.status == "out_of_service" else device.status
    else:
        device.status = "out_of_service"
        for alarm in tx.session.scalars(select(Alarm).where(Alarm.device == device.id, Alarm.state.in_(ACTIVE))):
            alarm.state, alarm.comment = "out_of_service", (p.get("reason") or "").strip()
            note(tx, alarm, "out_of_service", utcnow(), operator=True, text=alarm.comment)
            tx.put(ALARMS, alarm.record())
    tx.put(
        DEVICES,
        device.record()
        | {
            k: v
            for k, v in (tx.get(DEVICES, device.id) or {}).items()
            if k in ("value", "event", "battery", "last_seen")
        },
    )
    return {"device": device.id, "status": device.status}
