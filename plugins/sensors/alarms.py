"""Alarms the way ISA-18.2 / IEC 62682 (and EPICS Phoebus) handle them in control rooms.

One alarm per device and condition: a later trigger updates it (``count``).  States:

- ``unack`` — active, not acknowledged;           ``ack`` — active, acknowledged;
- ``rtn_unack`` — back to normal, not yet acknowledged (acknowledging clears it);
- ``latched`` — back to normal, but urgent ones stay until acknowledged by name (same as rtn_unack, annunciated);
- ``shelved`` — hidden by an operator, with a reason and an expiry, then back as it then is;
- ``suppressed`` — by design (a compound under maintenance): recorded, not annunciated;
- ``out_of_service`` — its device taken out of service;  ``cleared`` — over (history).

Anti-chatter: a trigger raises the alarm only when the condition is still on after the on-delay, or has come
``CHATTER_COUNT`` times within it — a device flapping faster than that never reaches the list; urgent alarms
raise at once.  A claim names who handles it, until its timeout; only the claimant or a duty leader acts on a
claimed alarm (the leader breaks claims).  Every action is a command, so every action is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, Refused, Role, TimerInfo, Transaction, UTCDateTime, utcnow
from citybrain.core.times import utc_iso
from citybrain.plugins.sensors.catalogue import CATALOGUE

ALARMS = "sensors.alarms"
SHELF_TIMER = "sensors.unshelve"
ACTIVE = ("unack", "ack", "rtn_unack", "latched", "shelved", "suppressed", "out_of_service")
ON_DELAY = timedelta(seconds=30)
CHATTER_COUNT = 3
CLAIM = timedelta(minutes=30)


class Alarm(Base):
    __tablename__ = "sensors_alarms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device: Mapped[str] = mapped_column(String(64), index=True)
    condition: Mapped[str] = mapped_column(String(32))
    compound: Mapped[str] = mapped_column(String(32), index=True)
    scenario: Mapped[str] = mapped_column(String(16), index=True)
    priority: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), index=True)
    active: Mapped[int] = mapped_column(Integer, default=1)  # the condition itself: 1 on, 0 back to normal
    count: Mapped[int] = mapped_column(Integer, default=1)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acked_by: Mapped[str] = mapped_column(String(64), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    claim_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shelved_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    case_id: Mapped[int | None] = mapped_column(Integer)

    def record(self) -> dict:
        return {"id": self.id, "device": self.device, "condition": self.condition, "compound": self.compound,
                "scenario": self.scenario, "priority": self.priority, "state": self.state,
                "active": bool(self.active), "count": self.count, "first_at": utc_iso(self.first_at),
                "last_at": utc_iso(self.last_at), "acked_by": self.acked_by, "comment": self.comment,
                "claimed_by": self.claimed_by, "claim_until": utc_iso(self.claim_until),
                "shelved_until": utc_iso(self.shelved_until), "case": self.case_id}


def open_alarms(session: Session) -> list[dict]:
    return [a.record() for a in session.scalars(select(Alarm).where(Alarm.state.in_(ACTIVE)))]


@dataclass
class Pending:
    first: datetime
    count: int = 1


@dataclass
class AntiChatter:
    """Triggers waiting for their on-delay; a return to normal before it drops them (counted as chatter)."""

    waiting: dict[tuple[str, str], Pending] = field(default_factory=dict)
    chatter: int = 0

    def trigger(self, device: str, condition: str, priority: str, at: datetime) -> bool:
        """Whether the alarm raises now."""
        if priority == "urgent":
            return True
        key = (device, condition)
        if key in self.waiting:
            self.waiting[key].count += 1
        else:
            self.waiting[key] = Pending(at)
        if self.waiting[key].count >= CHATTER_COUNT:
            del self.waiting[key]
            return True
        return False

    def normal(self, device: str) -> None:
        for key in [k for k in self.waiting if k[0] == device]:
            del self.waiting[key]
            self.chatter += 1

    def due(self, now: datetime) -> list[tuple[str, str, datetime]]:
        """Triggers still on after their on-delay: they raise now."""
        ready = [(d, c, p.first) for (d, c), p in self.waiting.items() if now - p.first >= ON_DELAY]
        for device, condition, _ in ready:
            del self.waiting[(device, condition)]
        return ready


def raise_alarm(tx: Transaction, device: dict, condition: str, at: datetime, suppressed: bool) -> dict:
    """Raise, or update the one open alarm of this device and condition."""
    scenario = CATALOGUE.scenarios[device["scenario"]]
    alarm = tx.session.scalars(select(Alarm).where(Alarm.device == device["id"], Alarm.condition == condition,
                                                   Alarm.state.in_(ACTIVE))).first()
    if alarm is None:
        state = "out_of_service" if device["status"] == "out_of_service" else "suppressed" if suppressed else "unack"
        alarm = Alarm(device=device["id"], condition=condition, compound=device["compound"], scenario=scenario.code,
                      priority=scenario.priority, state=state, first_at=at, last_at=at, count=1, active=1)
        tx.session.add(alarm)
        tx.session.flush()
        if state == "unack":
            alarm.case_id = _open_case(tx, alarm, device)
    else:
        alarm.count, alarm.last_at, alarm.active = alarm.count + 1, max(alarm.last_at, at), 1
        if alarm.state in ("rtn_unack", "latched"):
            alarm.state = "unack"
    tx.put(ALARMS, alarm.record())
    return alarm.record()


def back_to_normal(tx: Transaction, device_id: str) -> None:
    for alarm in tx.session.scalars(select(Alarm).where(Alarm.device == device_id, Alarm.state.in_(ACTIVE))):
        alarm.active = 0
        if alarm.state == "ack":
            alarm.state = "latched" if alarm.priority == "urgent" else "cleared"
        elif alarm.state == "unack":
            alarm.state = "rtn_unack"
        elif alarm.state in ("suppressed", "out_of_service"):
            alarm.state = "cleared"
        _publish(tx, alarm)


def _publish(tx: Transaction, alarm: Alarm) -> None:
    if alarm.state in ACTIVE:
        tx.put(ALARMS, alarm.record())
    else:
        tx.delete(ALARMS, alarm.id)


def _acting(tx: Transaction, alarm_id: int) -> Alarm:
    alarm = tx.session.get(Alarm, alarm_id)
    if alarm is None or alarm.state not in ACTIVE:
        raise Refused(f"no open alarm {alarm_id}", code="invalid_payload")
    who, now = tx.caller.username or "", utcnow()
    claimed = alarm.claimed_by and alarm.claim_until and alarm.claim_until > now and alarm.claimed_by != who
    if claimed and (tx.caller.role is None or tx.caller.role < Role.DUTY_LEADER):
        raise Refused(f"alarm {alarm_id} is claimed by {alarm.claimed_by} until {utc_iso(alarm.claim_until)}: "
                      "they act on it, or a duty leader breaks the claim", code="refused")
    return alarm


def acknowledge(tx: Transaction, p: dict) -> dict:
    alarm = _acting(tx, p["alarm"])
    if not p.get("comment", "").strip() and alarm.priority in ("high", "urgent"):
        raise Refused("a high or urgent alarm is acknowledged with a comment", code="invalid_payload")
    alarm.acked_by, alarm.comment = tx.caller.username or "", (p.get("comment") or "").strip()
    alarm.state = "ack" if alarm.active else "cleared"
    _publish(tx, alarm)
    return alarm.record()


def claim(tx: Transaction, p: dict) -> dict:
    alarm = _acting(tx, p["alarm"])
    alarm.claimed_by, alarm.claim_until = tx.caller.username or "", utcnow() + CLAIM
    _publish(tx, alarm)
    return alarm.record()


def shelve(tx: Transaction, p: dict) -> dict:
    alarm = _acting(tx, p["alarm"])
    if not (p.get("reason") or "").strip() or not 1 <= p["minutes"] <= 24 * 60:
        raise Refused("shelving needs a reason and from 1 minute to 24 hours", code="invalid_payload")
    alarm.state, alarm.shelved_until, alarm.comment = "shelved", utcnow() + timedelta(minutes=p["minutes"]), p["reason"]
    tx.set_timer(SHELF_TIMER, str(alarm.id), alarm.shelved_until, {"alarm": alarm.id})
    _publish(tx, alarm)
    return alarm.record()


def unshelve(tx: Transaction, timer: TimerInfo) -> None:
    """A shelf's expiry: the alarm comes back as its condition now is."""
    alarm = tx.session.get(Alarm, timer.payload["alarm"])
    if alarm is not None and alarm.state == "shelved":
        alarm.state, alarm.shelved_until = ("unack" if alarm.active else "rtn_unack"), None
        _publish(tx, alarm)


def _open_case(tx: Transaction, alarm: Alarm, device: dict) -> int | None:
    """A case in the shared loop for an alarm that needs action (its scenario says which type), when the cases
    plugin is there; dispatched to the compound's property company first, escalating as it is not handled."""
    scenario = CATALOGUE.scenarios[alarm.scenario]
    if not scenario.case_type or not tx.offers("cases.open"):
        return None
    payload = {"source": "sensor", "type": scenario.case_type, "unit": alarm.compound, "priority": alarm.priority,
               "title": f"{scenario.name.split()[0]} · {device['compound_name']} {device['building']}",
               "address": f"{device['compound_name']} {device['building']} {device['floor']}",
               "lat": device["lat"], "lon": device["lon"], "source_ref": f"{ALARMS}/{alarm.id}"}
    try:
        with tx.session.begin_nested():  # a compound the org tree does not know: the alarm stands without a case
            return tx.call("cases.open", payload)["id"]
    except Refused:
        return None


def resolved_cases(tx: Transaction) -> int:
    """Alarms whose case was resolved (by the property company, the committee or the subdistrict): cleared."""
    if not tx.offers("cases.open"):
        return 0  # no cases plugin: no case to follow
    from citybrain.core.cases.model import Case

    done = ("resolved", "verified", "closed")
    rows = tx.session.execute(select(Alarm, Case).join(Case, Case.id == Alarm.case_id)
                              .where(Alarm.state.in_(ACTIVE), Case.state.in_(done))).all()
    for alarm, case in rows:
        alarm.state, alarm.comment = "cleared", f"case {case.id} {case.state} by {case.resolved_by_unit or case.owner}"
        _publish(tx, alarm)
    return len(rows)
