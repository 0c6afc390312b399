"""Incident reporting (突发事件信息报送): incidents and the reporting clocks that run while they last.

Clocks (configs/duty/reporting.toml, per category and level, with the usual practice as defaults): a first
report by phone within 30 minutes of the incident being known, a written report within an hour, follow-ups
at an interval while it lasts, a final report once it is closed.  Each clock is a durable timer, so a
restart neither loses nor repeats one; a warning fires shortly before each deadline; a missed deadline
marks the clock overdue (the desks ring for the duty leader) and writes it into the duty log.  Raising the
level restarts the phone and written clocks (the higher level is reported anew) and shortens follow-ups.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (
    Base,
    OpenItem,
    Refused,
    TimerInfo,
    Transaction,
    UTCDateTime,
    aware_time,
    bundled,
    get_or_refuse,
    utcnow,
)
from citybrain.core.times import utc_iso
from citybrain.plugins.duty import log

INCIDENTS = "duty.incidents"
CLOCK, WARN = "duty.clock", "duty.clock.warn"  # timer kinds
CATEGORIES = ("natural", "accident", "health", "security")  # the Emergency Response Law's four categories
LEVELS = ("I", "II", "III", "IV")  # 特别重大, 重大, 较大, 一般
HANDOVER_PRIORITY = {"I": "urgent", "II": "high"}  # the levels a handover lists first, with urgent and high alarms
KINDS = ("phone", "written", "follow_up", "final")
# the duty log is the district's record, written in its working language (docs/architecture.md, "Duty log")
REPORT_NAMES = {"phone": "电话报告", "written": "书面报告", "follow_up": "续报", "final": "终报"}


@dataclass(frozen=True)
class Rules:
    phone: timedelta
    written: timedelta
    follow_up: dict[str, timedelta]  # by level
    final: timedelta
    warn: timedelta

    @classmethod
    def shipped(cls) -> Rules:
        data = tomllib.loads(bundled("citybrain.configs", "duty", "reporting.toml").read_text(encoding="utf-8"))
        minutes = data["minutes"]
        return cls(
            timedelta(minutes=minutes["phone"]),
            timedelta(minutes=minutes["written"]),
            {lvl: timedelta(minutes=m) for lvl, m in data["follow_up_minutes"].items()},
            timedelta(minutes=minutes["final"]),
            timedelta(minutes=minutes["warn_before"]),
        )


class Incident(Base):
    __tablename__ = "duty_incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    category: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(4))
    subdistrict: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    casualties: Mapped[str] = mapped_column(Text, default="{}")  # JSON {"dead", "injured", "missing"}
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    known_at: Mapped[datetime] = mapped_column(UTCDateTime())  # when the duty room learnt of it: clocks start here
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    clocks: Mapped[str] = mapped_column(Text, default="{}")  # JSON kind -> {"due", "state"}


class IncidentReport(Base):
    __tablename__ = "duty_incident_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("duty_incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(64))


def record(incident: Incident) -> dict:
    return {
        "id": incident.id,
        "category": incident.category,
        "type": incident.type,
        "level": incident.level,
        "subdistrict": incident.subdistrict,
        "address": incident.address,
        "lat": incident.lat,
        "lon": incident.lon,
        "casualties": json.loads(incident.casualties),
        "description": incident.description,
        "source": incident.source,
        "known_at": incident.known_at.astimezone(UTC).isoformat(timespec="seconds"),
        "closed_at": utc_iso(incident.closed_at),
        "clocks": json.loads(incident.clocks),
    }


class Reporting:
    """The incident commands and the clocks' timer handlers; ``now`` can be moved by tests."""

    def __init__(self, rules: Rules | None = None, now=utcnow) -> None:  # noqa: ANN001
        self.rules = rules or Rules.shipped()
        self.now = now

    # -- clocks -------------------------------------------------------------------------------
    def _start(self, tx: Transaction, incident: Incident, kind: str, due: datetime) -> None:
        clocks = json.loads(incident.clocks)
        clocks[kind] = {"due": due.astimezone(UTC).isoformat(timespec="seconds"), "state": "running"}
        incident.clocks = json.dumps(clocks)
        key = f"{incident.id}/{kind}"
        tx.set_timer(CLOCK, key, due, {"incident": incident.id, "kind": kind})
        tx.set_timer(WARN, key, max(due - self.rules.warn, self.now()), {"incident": incident.id, "kind": kind})

    def _stop(self, tx: Transaction, incident: Incident, kind: str, state: str) -> None:
        clocks = json.loads(incident.clocks)
        if kind in clocks:
            clocks[kind]["state"] = state
            incident.clocks = json.dumps(clocks)
        for timer in (CLOCK, WARN):
            tx.cancel_timer(timer, f"{incident.id}/{kind}")

    def on_warn(self, tx: Transaction, timer: TimerInfo) -> None:
        self._mark(tx, timer, "warning", lambda incident: None)

    def on_due(self, tx: Transaction, timer: TimerInfo) -> None:
        def logged(incident: Incident) -> None:
            log.write_system(
                tx, "other", "ZZB", f"事件{incident.id}（{incident.type}）{REPORT_NAMES[timer.payload['kind']]}超时未报"
            )
            if timer.payload["kind"] == "follow_up":  # follow-ups keep coming while it lasts
                self._start(tx, incident, "follow_up", self.now() + self.rules.follow_up[incident.level])

        self._mark(tx, timer, "overdue", logged)

    def _mark(self, tx: Transaction, timer: TimerInfo, state: str, then) -> None:  # noqa: ANN001
        incident = tx.session.get(Incident, timer.payload["incident"])
        clocks = json.loads(incident.clocks) if incident else {}
        clock = clocks.get(timer.payload["kind"])
        if incident is None or clock is None or clock["state"] not in ("running", "warning"):
            return  # reported in time, or the clock was restarted: nothing to do
        clock["state"] = state
        incident.clocks = json.dumps(clocks)
        then(incident)
        tx.put(INCIDENTS, record(incident))

    # -- commands -----------------------------------------------------------------------------
    def open(self, tx: Transaction, p: dict) -> dict:
        known = aware_time(p["known_at"], "known_at") if p.get("known_at") else self.now()
        incident = Incident(
            category=p["category"],
            type=p["type"],
            level=p["level"],
            subdistrict=p.get("subdistrict") or "",
            address=p.get("address") or "",
            lat=p.get("lat"),
            lon=p.get("lon"),
            casualties=json.dumps(p.get("casualties") or {}),
            description=p.get("description") or "",
            source=p.get("source") or "",
            known_at=known,
            clocks="{}",
        )
        tx.session.add(incident)
        tx.session.flush()
        self._start(tx, incident, "phone", known + self.rules.phone)
        self._start(tx, incident, "written", known + self.rules.written)
        self._start(tx, incident, "follow_up", known + self.rules.follow_up[incident.level])
        tx.put(INCIDENTS, record(incident))
        return record(incident)

    def report(self, tx: Transaction, p: dict) -> dict:
        incident = get_or_refuse(tx.session, Incident, p["incident"], "incident")
        kind = p["kind"]
        if kind == "final" and incident.closed_at is None:
            raise Refused("the final report comes after the incident is closed")
        tx.session.add(
            IncidentReport(
                incident_id=incident.id, kind=kind, text=p["text"], at=self.now(), author=tx.caller.username or ""
            )
        )
        self._stop(tx, incident, kind, "done")
        if kind == "follow_up" and incident.closed_at is None:
            self._start(tx, incident, "follow_up", self.now() + self.rules.follow_up[incident.level])
        tx.put(INCIDENTS, record(incident))
        return record(incident)

    def relevel(self, tx: Transaction, p: dict) -> dict:
        incident = get_or_refuse(tx.session, Incident, p["incident"], "incident")
        incident.level = p["level"]
        now = self.now()
        for kind, limit in (("phone", self.rules.phone), ("written", self.rules.written)):
            self._start(tx, incident, kind, now + limit)  # the new level is reported anew
        self._start(tx, incident, "follow_up", now + self.rules.follow_up[incident.level])
        tx.put(INCIDENTS, record(incident))
        return record(incident)

    def close(self, tx: Transaction, p: dict) -> dict:
        incident = get_or_refuse(tx.session, Incident, p["incident"], "incident")
        incident.closed_at = self.now()
        self._stop(tx, incident, "follow_up", "done")
        self._start(tx, incident, "final", incident.closed_at + self.rules.final)
        tx.put(INCIDENTS, record(incident))
        return record(incident)


def still_open(session: Session) -> list[Incident]:
    """Open incidents, and closed ones whose final report is still due."""
    return [
        i
        for i in session.scalars(select(Incident))
        if i.closed_at is None or json.loads(i.clocks).get("final", {}).get("state") != "done"
    ]


def open_items(session: Session, now: datetime) -> list[OpenItem]:
    """Each incident still open (or owing its final report) with its next reporting deadline."""
    items = []
    for incident in still_open(session):
        pending = {kind: c for kind, c in json.loads(incident.clocks).items() if c["state"] != "done"}
        if not pending:
            continue
        kind, clock = min(pending.items(), key=lambda kv: kv[1]["due"])
        overdue = [k for k, c in pending.items() if c["state"] == "overdue"]
        detail = f"level {incident.level} · {incident.address or incident.subdistrict} · next {kind} report" + (
            f" · overdue: {', '.join(overdue)}" if overdue else ""
        )
        items.append(
            OpenItem(
                "incident",
                f"#{incident.id} {incident.type}",
                detail,
                datetime.fromisoformat(clock["due"]),
                f"{INCIDENTS}/{incident.id}",
                facts={
                    "incident": incident.id,
                    "type": incident.type,
                    "level": incident.level,
                    "address": incident.address,
                    "subdistrict": incident.subdistrict,
                    "next": kind,
                    "overdue": overdue,
                },
                priority=HANDOVER_PRIORITY.get(incident.level),
            )
        )
    return items


def reports(session: Session, incident_id: int) -> list[dict]:
    """Every report sent for an incident, oldest first, with its text, time and author."""
    rows = session.scalars(
        select(IncidentReport)
        .where(IncidentReport.incident_id == incident_id)
        .order_by(IncidentReport.at, IncidentReport.id)
    )
    return [
        {"kind": r.kind, "text": r.text, "at": r.at.astimezone(UTC).isoformat(timespec="seconds"), "author": r.author}
        for r in rows
    ]
