"""What the sensors hand over to the next shift (hook ``citybrain_open_items``): the district's alarms nobody has
acknowledged, the district's shelved alarms (they come back by themselves), and the devices taken out of service.
Facts are codes, numbers and data; each desk words them (plugins/sensors/handover_words.py).  The longest lists
name the first ``LISTED`` and count the rest in one item, so a flood does not bury the handover."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import OpenItem
from citybrain.core.times import utc_iso
from citybrain.plugins.sensors.alarms import ANNUNCIATED, RANK, Alarm
from citybrain.plugins.sensors.tables import Device

LISTED = 20  # items of one kind named one by one; the rest are counted


def _more(kind: str, n: int, what: str) -> list[OpenItem]:
    return [OpenItem(kind, f"{n} more {what}", facts={"more": n})] if n > 0 else []


def _alarms(session: Session, kind: str, states: tuple[str, ...], what: str) -> list[OpenItem]:
    rows = list(
        session.execute(
            select(Alarm, Device.compound_name)
            .outerjoin(Device, Device.id == Alarm.device)
            .where(Alarm.district == 1, Alarm.state.in_(states))
        ).all()
    )
    rows.sort(key=lambda r: (-int(RANK.get(r[0].priority, "0")), r[0].first_at))  # urgent first, then the oldest
    items = []
    for alarm, compound in rows[:LISTED]:
        place = compound or alarm.compound
        facts = {
            "alarm": alarm.id,
            "condition": alarm.condition,
            "priority": alarm.priority,
            "state": alarm.state,
            "device": alarm.device,
            "compound": place,
            "since": utc_iso(alarm.first_at),
            "count": alarm.count,
            "until": utc_iso(alarm.shelved_until),
            "reason": alarm.comment if kind == "shelved" else "",
        }
        items.append(
            OpenItem(
                kind,
                f"{alarm.condition} {alarm.device} @ {place}",
                f"{alarm.priority}, {alarm.state}, since {facts['since']}",
                ref=f"sensors.alarms/{alarm.id}",
                facts=facts,
                priority=alarm.priority,
            )
        )
    return items + _more(kind, len(rows) - LISTED, what)


def _out_of_service(session: Session) -> list[OpenItem]:
    where = Device.status == "out_of_service"
    devices = session.scalars(select(Device).where(where).order_by(Device.compound_name, Device.id).limit(LISTED))
    items = [
        OpenItem(
            "device",
            f"{d.id} @ {d.compound_name} {d.building} {d.floor}",
            "out of service",
            facts={
                "device": d.id,
                "type": d.type,
                "compound": d.compound_name,
                "building": d.building,
                "floor": d.floor,
            },
        )
        for d in devices
    ]
    total = session.scalar(select(func.count()).select_from(Device).where(where)) or 0
    return items + _more("device", total - len(items), "devices out of service")


def open_items(session: Session, now: datetime) -> list[OpenItem]:
    return (
        _alarms(session, "alarm", ANNUNCIATED, "district alarms not acknowledged")
        + _alarms(session, "shelved", ("shelved",), "shelved district alarms")
        + _out_of_service(session)
    )
