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

Re-alarm: an acknowledged alarm still on after its priority's time (catalogue ``realarm_minutes``) comes back as
unacknowledged, by a durable timer (audited as the system's).  ``district``: the alarm is the district desk's —
its scenario is life-safety (fire, gas), or its case was escalated to the subdistrict or the district.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (
    Base,
    ErrorCode,
    Refused,
    Role,
    TimerInfo,
    Transaction,
    UTCDateTime,
    audit_record,
    get_or_refuse,
    utcnow,
)
from citybrain.core.district import DISTRICT, SUBDISTRICT, OrgUnit
from citybrain.core.times import utc_iso
from citybrain.plugins.sensors.alarm_events import note
from citybrain.plugins.sensors.catalogue import device_catalogue

ALARMS = "sensors.alarms"
SHELF_TIMER = "sensors.unshelve"
REALARM_TIMER = "sensors.realarm"
REALARMED = "sensors.realarmed"  # the audit's note when an acknowledged alarm still on is unacknowledged again
DISTRICT_LEVELS = (SUBDISTRICT, DISTRICT)  # a case escalated to one of these makes its alarm the district desk's
clock: Callable[[], datetime] = utcnow  # the one clock of operators' actions here (a benchmark drives it)
realarm_after: dict[str, timedelta] = {}  # by priority: configure_realarm() fills it (citybrain_start)
ACTIVE = ("unack", "ack", "rtn_unack", "latched", "shelved", "suppressed", "out_of_service")
ON_DELAY = timedelta(seconds=30)
CHATTER_COUNT = 3
CLAIM = timedelta(minutes=30)
RANK = {"low": "0", "medium": "1", "high": "2", "urgent": "3"}  # `rank`, sorted descending: urgent first, newest first
ANNUNCIATED = ("unack", "rtn_unack", "latched")  # what an acknowledgement is for
GROUP_MAX = 500  # alarms one group acknowledgement may name


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
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    comment: Mapped[str] = mapped_column(Text, default="")
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # stored: a restart keeps who and when
    claim_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shelved_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    case_id: Mapped[int | None] = mapped_column(Integer)
    district: Mapped[int] = mapped_column(Integer, default=0)  # 1: on the district desk's list (life-safety, escalated)

    def record(self) -> dict:
        return {
            "id": self.id,
            "device": self.device,
            "condition": self.condition,
            "compound": self.compound,
            "scenario": self.scenario,
            "priority": self.priority,
            "state": self.state,
            "active": bool(self.active),
            "count": self.count,
            "first_at": utc_iso(self.first_at),
            "last_at": utc_iso(self.last_at),
            "acked_by": self.acked_by,
            "acked_at": utc_iso(self.acked_at),
            "comment": self.comment,
            "claimed_by": self.claimed_by,
            "claimed_at": utc_iso(self.claimed_at),
            "claim_until": utc_iso(self.claim_until),
            "shelved_until": utc_iso(self.shelved_until),
            "case": self.case_id,
            "district": bool(self.district),
            "rank": f"{RANK.get(self.priority, '0')}{utc_iso(self.first_at)}{self.id:010d}",
        }


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
    scenario = device_catalogue().scenarios[device["scenario"]]
    alarm = tx.session.scalars(
        select(Alarm).where(Alarm.device == device["id"], Alarm.condition == condition, Alarm.state.in_(ACTIVE))
    ).first()
    if alarm is None:
        state = "out_of_service" if device["status"] == "out_of_service" else "suppressed" if suppressed else "unack"
        alarm = Alarm(
            device=device["id"],
            condition=condition,
            compound=device["compound"],
            scenario=scenario.code,
            priority=scenario.priority,
            state=state,
            first_at=at,
            last_at=at,
            count=1,
            active=1,
            district=int(scenario.life_safety),
        )
        tx.session.add(alarm)
        tx.session.flush()
        if state == "unack":
            alarm.case_id = _open_case(tx, alarm, device)
        note(tx, alarm, "raised", at)
    else:
        alarm.count, alarm.last_at, alarm.active = alarm.count + 1, max(alarm.last_at, at), 1
        if alarm.state in ("rtn_unack", "latched"):
            alarm.state = "unack"
            note(tx, alarm, "active", at)
    tx.put(ALARMS, alarm.record())
    return alarm.record()


def back_to_normal(tx: Transaction, device_id: str) -> None:
    for alarm in tx.session.scalars(select(Alarm).where(Alarm.device == device_id, Alarm.state.in_(ACTIVE))):
        was, alarm.active = alarm.active, 0
        if alarm.state == "ack":  # only an acknowledged alarm has a re-alarm pending
            tx.cancel_timer(REALARM_TIMER, str(alarm.id))
            alarm.state = "latched" if alarm.priority == "urgent" else "cleared"
        elif alarm.state == "unack":
            alarm.state = "rtn_unack"
        elif alarm.state in ("suppressed", "out_of_service"):
            alarm.state = "cleared"
        if was or alarm.state == "cleared":  # a second "normal" changes nothing: not a change in its history
            note(tx, alarm, "normal", clock())
        _publish(tx, alarm)


def _publish(tx: Transaction, alarm: Alarm) -> None:
    if alarm.state in ACTIVE:
        tx.put(ALARMS, alarm.record())
    else:
        tx.delete(ALARMS, alarm.id)


def _acting(tx: Transaction, alarm_id: int) -> Alarm:
    alarm = get_or_refuse(
        tx.session, Alarm, alarm_id, "open alarm", only=lambda found: found.state in ACTIVE, reason="not_open"
    )
    who, now = tx.caller.username or "", clock()
    claimed = alarm.claimed_by and alarm.claim_until and alarm.claim_until > now and alarm.claimed_by != who
    if claimed and (tx.caller.role is None or tx.caller.role < Role.DUTY_LEADER):
        raise Refused(
            f"alarm {alarm_id} is claimed by {alarm.claimed_by} until {utc_iso(alarm.claim_until)}: "
            "they act on it, or a duty leader breaks the claim",
            {"reason": "claimed", "who": alarm.claimed_by, "until": utc_iso(alarm.claim_until)},
        )
    return alarm


def acknowledge(tx: Transaction, p: dict) -> dict:
    alarm = _acting(tx, p["alarm"])
    _acknowledge(tx, alarm, p.get("comment"))
    return alarm.record()


def _acknowledge(tx: Transaction, alarm: Alarm, comment: str | None) -> None:
    if not (comment or "").strip() and alarm.priority in ("high", "urgent"):
        raise Refused(
            "a high or urgent alarm is acknowledged with a comment",
            {"reason": "comment_needed"},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    alarm.acked_by, alarm.acked_at, alarm.comment = tx.caller.username or "", clock(), (comment or "").strip()
    alarm.state = "ack" if alarm.active else "cleared"
    note(tx, alarm, "acknowledged", alarm.acked_at, operator=True, text=alarm.comment)
    if alarm.state == "ack":  # still on after its priority's time: it comes back (realarm)
        tx.set_timer(REALARM_TIMER, str(alarm.id), alarm.acked_at + _realarm_after(alarm.priority), {"alarm": alarm.id})
    else:
        tx.cancel_timer(REALARM_TIMER, str(alarm.id))
    _publish(tx, alarm)


def acknowledge_group(tx: Transaction, p: dict) -> dict:
    """A group the operator chose on purpose: the alarms of one compound and one condition, at most GROUP_MAX —
    never everything on the board.  All or none: one claimed by someone else refuses the whole group.  Those no
    longer waiting for an acknowledgement (acknowledged meanwhile, shelved) are left as they are."""
    ids = list(dict.fromkeys(p["alarms"]))
    if not 1 <= len(ids) <= GROUP_MAX:
        raise Refused(
            f"a group acknowledgement names 1 to {GROUP_MAX} alarms",
            {"reason": "group_size", "most": GROUP_MAX},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    alarms = [_acting(tx, i) for i in ids]
    if len({(a.compound, a.condition) for a in alarms}) > 1:
        raise Refused(
            "a group acknowledgement is one compound's alarms of one condition",
            {"reason": "group_mixed"},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    waiting = [a for a in alarms if a.state in ANNUNCIATED]
    for alarm in waiting:
        _acknowledge(tx, alarm, p.get("comment"))
    return {"acknowledged": [a.id for a in waiting]}


def claim(tx: Transaction, p: dict) -> dict:
    alarm = _acting(tx, p["alarm"])
    alarm.claimed_by, alarm.claimed_at = tx.caller.username or "", clock()
    alarm.claim_until = alarm.claimed_at + CLAIM
    note(tx, alarm, "claimed", alarm.claimed_at, operator=True, until=alarm.claim_until)
    _publish(tx, alarm)
    return alarm.record()


def shelve(tx: Transaction, p: dict) -> dict:
    alarm = _acting(tx, p["alarm"])
    if not (p.get("reason") or "").strip() or not 1 <= p["minutes"] <= 24 * 60:
        raise Refused(
            "shelving needs a reason and from 1 minute to 24 hours",
            {"reason": "shelve_reason"},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    alarm.state, alarm.shelved_until, alarm.comment = "shelved", clock() + timedelta(minutes=p["minutes"]), p["reason"]
    tx.cancel_timer(REALARM_TIMER, str(alarm.id))
    tx.set_timer(SHELF_TIMER, str(alarm.id), alarm.shelved_until, {"alarm": alarm.id})
    note(tx, alarm, "shelved", clock(), operator=True, text=alarm.comment, until=alarm.shelved_until)
    _publish(tx, alarm)
    return alarm.record()


def unshelve(tx: Transaction, timer: TimerInfo) -> None:
    """A shelf's expiry: the alarm comes back as its condition now is."""
    alarm = tx.session.get(Alarm, timer.payload["alarm"])
    if alarm is not None and alarm.state == "shelved":
        alarm.state, alarm.shelved_until = ("unack" if alarm.active else "rtn_unack"), None
        note(tx, alarm, "unshelved", clock())
        _publish(tx, alarm)


def realarm(tx: Transaction, timer: TimerInfo) -> None:
    """An acknowledged alarm still on after its priority's time comes back as unacknowledged: a system action,
    audited, published."""
    alarm = tx.session.get(Alarm, timer.payload["alarm"])
    if alarm is None or alarm.state != "ack" or not alarm.active:
        return  # it cleared, returned to normal or was shelved meanwhile
    alarm.state = "unack"
    minutes = round(_realarm_after(alarm.priority).total_seconds() / 60, 2)
    audit_record(
        tx.session,
        operator="system",
        desk=None,
        command=REALARM_TIMER,
        payload=json.dumps({"alarm": alarm.id}).encode(),
        result="ok",
        detail=f"alarm {alarm.id} ({alarm.device} {alarm.condition}) acknowledged by {alarm.acked_by} still on "
        f"after {minutes:g} min: back to unacknowledged",
        note=REALARMED,
        parts={"alarm": alarm.id, "device": alarm.device, "by": alarm.acked_by, "minutes": minutes},
    )
    note(tx, alarm, "realarm", clock(), text=alarm.acked_by)
    _publish(tx, alarm)


def configure_realarm(minutes: dict[str, float] | None) -> None:
    """The daemon's own re-alarm times (``[plugins.sensors] realarm_minutes``) over the catalogue's."""
    realarm_after.clear()
    realarm_after.update(
        {p: timedelta(minutes=m) for p, m in {**device_catalogue().realarm, **(minutes or {})}.items()}
    )


def _realarm_after(priority: str) -> timedelta:
    if not realarm_after:  # no daemon start configured it (a test's transaction): the catalogue's
        configure_realarm(None)
    return realarm_after[priority]


def escalated_cases(tx: Transaction) -> int:
    """Alarms whose case the shared loop escalated to the subdistrict or the district: now the district desk's."""
    if not tx.offers("cases.open"):
        return 0
    from citybrain.core.cases.model import Case

    rows = tx.session.scalars(
        select(Alarm)
        .join(Case, Case.id == Alarm.case_id)
        .join(OrgUnit, OrgUnit.code == Case.owner)
        .where(Alarm.state.in_(ACTIVE), Alarm.district == 0, OrgUnit.kind.in_(DISTRICT_LEVELS))
    ).all()
    for alarm in rows:
        alarm.district = 1
        note(tx, alarm, "district", clock())
        _publish(tx, alarm)
    return len(rows)


def _open_case(tx: Transaction, alarm: Alarm, device: dict) -> int | None:
    """A case in the shared loop for an alarm that needs action (its scenario says which type), when the cases
    plugin is there; dispatched to the compound's property company first, escalating as it is not handled."""
    scenario = device_catalogue().scenarios[alarm.scenario]
    if not scenario.case_type or not tx.offers("cases.open"):
        return None
    payload = {
        "source": "sensor",
        "type": scenario.case_type,
        "unit": alarm.compound,
        "priority": alarm.priority,
        "title": f"{scenario.name.split()[0]} · {device['compound_name']} {device['building']}",
        "address": f"{device['compound_name']} {device['building']} {device['floor']}",
        "lat": device["lat"],
        "lon": device["lon"],
        "source_ref": f"{ALARMS}/{alarm.id}",
    }
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
    rows = tx.session.execute(
        select(Alarm, Case).join(Case, Case.id == Alarm.case_id).where(Alarm.state.in_(ACTIVE), Case.state.in_(done))
    ).all()
    for alarm, case in rows:
        if alarm.state == "ack":
            tx.cancel_timer(REALARM_TIMER, str(alarm.id))
        alarm.state = "cleared"  # the operator's comment stays; the history says which unit resolved the case
        note(tx, alarm, "cleared", clock(), text=case.resolved_by_unit or case.owner or "")
        _publish(tx, alarm)
    return len(rows)
