"""Duty plugin, daemon half: people, the joint roster (import checked all or nothing, export in the same shape)
and the live "who is on duty now" board. No Qt here."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from sqlalchemy import String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (Base, Caller, CollectionSpec, CommandSpec, ImporterSpec, ImportReport, QuerySpec,
                                Refused, Role, RowError, ScheduleSpec, TimerSpec, Transaction, aware_time,
                                hookimpl)
from citybrain.core.daemon.context import DaemonContext
from citybrain.core.sheets import read_sheet
from citybrain.core.storage.engine import UTCDateTime
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.duty import checkin, incidents, log, swaps
from citybrain.plugins.duty.roster import DATE_COLUMN, ZONE, DutySetup, check_roster, export_roster, month_days

PEOPLE, NOW = "duty.people", "duty.now"
SETUP = DutySetup.shipped()
CALENDAR = WorkCalendar.shipped()


class DutyPerson(Base):
    __tablename__ = "duty_people"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    phone: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(16))


class DutyAssignment(Base):
    __tablename__ = "duty_assignments"

    id: Mapped[str] = mapped_column(String(160), primary_key=True)
    date: Mapped[str] = mapped_column(String(10), index=True)  # ISO day of the shift's start
    unit: Mapped[str] = mapped_column(String(16))
    position: Mapped[str] = mapped_column(String(16))
    shift: Mapped[str] = mapped_column(String(16))
    person: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


def _people(session: Session) -> list[dict]:
    return [{"name": p.name, "phone": p.phone, "unit": p.unit} for p in session.scalars(select(DutyPerson))]


@hookimpl
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [CollectionSpec(PEOPLE, key="name", title="People on the roster", load=_people),
            CollectionSpec(NOW, key="post", title="Who is on duty now, and next"),
            CollectionSpec(log.LOG, key="id", title="Duty log (newest entries)", load=log.recent),
            CollectionSpec(incidents.INCIDENTS, key="id", title="Incidents and their reporting clocks", load=_incidents),
            CollectionSpec(swaps.SWAPS, key="id", title="Swap requests waiting for the duty leader", load=swaps.pending)]


REPORTING = incidents.Reporting()


def _incidents(session: Session) -> list[dict]:
    """Open incidents, and closed ones whose final report is still due."""
    rows = session.scalars(select(incidents.Incident))
    return [incidents.record(i) for i in rows
            if i.closed_at is None or json.loads(i.clocks).get("final", {}).get("state") != "done"]


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    return [TimerSpec(incidents.CLOCK, REPORTING.on_due), TimerSpec(incidents.WARN, REPORTING.on_warn)]


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [CommandSpec("duty.log", log.write, title="Add a duty log entry (append-only)", payload={
        "event_at": str, "category": Literal[log.CATEGORIES], "unit": str, "text": str, "corrects": int | None}),
            CommandSpec("duty.swap.request", lambda tx, p: swaps.request(tx, p, DutyAssignment, DutyPerson),
                        title="Ask to hand a shift to someone else", payload={"assignment": str, "to": str,
                                                                               "reason": str | None}),
            CommandSpec("duty.swap.decide", lambda tx, p: swaps.decide(tx, p, DutyAssignment), role=Role.DUTY_LEADER,
                        title="Approve or refuse a swap", payload={"swap": int, "approve": bool, "note": str | None}),
            CommandSpec("duty.checkin", lambda tx, p: checkin.check_in(tx, p["person"], DutyAssignment),
                        title="Check in for the shift", payload={"person": str}),
            CommandSpec("duty.incident.open", REPORTING.open, title="Open an incident; its reporting clocks start",
                        payload={"category": str, "type": str, "level": str, "known_at": str | None,
                                 "subdistrict": str | None, "address": str | None, "lat": float | None,
                                 "lon": float | None, "casualties": dict[str, int] | None, "description": str | None,
                                 "source": str | None}),
            CommandSpec("duty.incident.report", REPORTING.report, title="Send a report (phone, written, follow-up, final)",
                        payload={"incident": int, "kind": str, "text": str}),
            CommandSpec("duty.incident.level", REPORTING.relevel, role=Role.DUTY_LEADER, title="Change an incident's level",
                        payload={"incident": int, "level": str}),
            CommandSpec("duty.incident.close", REPORTING.close, role=Role.DUTY_LEADER, title="Close an incident",
                        payload={"incident": int})]


# -- the roster -------------------------------------------------------------------------------
def _store(tx: Transaction, assignments: list, month: date) -> None:
    """Replace the month, except shifts someone has checked in for: they are history and stay as they were."""
    days = [d.isoformat() for d in month_days(month)]
    worked = set(tx.session.scalars(select(checkin.DutyCheckin.assignment).join(
        DutyAssignment, DutyAssignment.id == checkin.DutyCheckin.assignment).where(DutyAssignment.date.in_(days))))
    tx.session.execute(delete(DutyAssignment).where(DutyAssignment.date.in_(days), DutyAssignment.id.not_in(worked)))
    for a in assignments:
        r = a.record()
        if r["id"] in worked:
            continue
        tx.session.add(DutyAssignment(id=r["id"], date=r["date"], unit=r["unit"], position=r["position"],
                                      shift=r["shift"], person=r["person"], starts_at=a.span[0], ends_at=a.span[1]))


def import_roster(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """A month's roster replaces that month, or nothing changes."""
    people = {p.name for p in tx.session.scalars(select(DutyPerson))}
    assignments, report = check_roster(filename, data, SETUP, people, CALENDAR)
    if not report.errors:
        _store(tx, assignments, min(a.day for a in assignments))
    return report


def import_people(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """People by name (name, phone, unit): inserted or updated."""
    sheet = read_sheet(filename, data)
    report = ImportReport("duty.people", rows=len(sheet.rows))
    units = {p.unit for p in SETUP.posts}
    rows = []
    for row, cells in sheet.rows:
        for column in ("name", "phone", "unit"):
            if not cells.get(column):
                report.errors.append(RowError(row, column, f"{column} is empty"))
        if cells.get("unit") and cells["unit"] not in units:
            report.errors.append(RowError(row, "unit", f"unknown unit {cells['unit']!r}; one of {', '.join(sorted(units))}"))
        rows.append(cells)
    if not report.errors:
        for cells in rows:
            person = tx.session.get(DutyPerson, cells["name"]) or DutyPerson(name=cells["name"])
            person.phone, person.unit = cells["phone"], cells["unit"]
            tx.session.add(person)
            tx.put(PEOPLE, {"name": person.name, "phone": person.phone, "unit": person.unit})
        report.imported = len(rows)
    return report


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [ImporterSpec("duty.roster", import_roster, title="A month's joint roster (one row per day)",
                         extensions=(".xlsx", ".csv"), role=Role.DUTY_LEADER),
            ImporterSpec("duty.people", import_people, title="People on duty (name, phone, unit)",
                         extensions=(".xlsx", ".csv"), role=Role.DUTY_LEADER)]


def _month(params: dict) -> date:
    try:
        return datetime.strptime(params["month"], "%Y-%m").date()
    except ValueError:
        raise Refused(f"month must look like 2026-12, not {params['month']!r}", code="invalid_payload") from None


def _assignments(session: Session, month: date) -> list[dict]:
    days = [d.isoformat() for d in month_days(month)]
    rows = session.scalars(select(DutyAssignment).where(DutyAssignment.date.in_(days)).order_by(DutyAssignment.date))
    return [{"date": a.date, "unit": a.unit, "position": a.position, "shift": a.shift, "person": a.person,
             "starts_at": a.starts_at.isoformat(), "ends_at": a.ends_at.isoformat()} for a in rows]


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [QuerySpec("duty.roster", lambda s, p, c: _assignments(s, _month(p)), params={"month": str},
                      title="A month's roster"),
            QuerySpec("duty.export", lambda s, p, c: export_roster(_assignments(s, _month(p)), SETUP, _month(p)),
                      params={"month": str}, title="A month's roster as an Excel workbook (the import's shape)"),
            QuerySpec("duty.log.search", _search, params=SEARCH, title="Duty log entries by time, category, text"),
            QuerySpec("duty.log.export", _export_log, params=SEARCH, title="Duty log as an Excel workbook (ICS-214 style)")]


SEARCH = {"start": str, "end": str, "category": str | None, "text": str | None}


def _window(params: dict) -> tuple[datetime, datetime]:
    return aware_time(params["start"], "start"), aware_time(params["end"], "end")


def _search(session: Session, params: dict, caller: Caller) -> list[dict]:
    return log.search(session, *_window(params), params.get("category"), params.get("text"))


def _export_log(session: Session, params: dict, caller: Caller) -> bytes:
    start, end = _window(params)
    entries = log.search(session, start, end, params.get("category"), params.get("text"))
    return log.export_log(entries, "区城运中心 · 区应急局 · 总值班室 联合值班", f"{params['start']} — {params['end']}",
                          caller.username or "")


# -- who is on duty now --------------------------------------------------------------------
def board(session: Session, now: datetime) -> dict[str, dict]:
    """Per post: who is on now (with phones) until when, and who comes next."""
    phones = {p.name: p.phone for p in session.scalars(select(DutyPerson))}
    rows = session.scalars(select(DutyAssignment).where(DutyAssignment.ends_at > now,
                                                        DutyAssignment.starts_at < now + timedelta(days=2)))
    out: dict[str, dict] = {}
    today = now.astimezone(ZONE).date()
    for post in SETUP.posts:
        key = f"{post.unit}/{post.position}/{post.shift.code}"
        in_shift = any(b <= now < e for b, e in (post.shift.span(today), post.shift.span(today - timedelta(days=1))))
        out[key] = {"post": key, "unit": post.unit, "unit_name": post.unit_name, "position": post.position,
                    "position_name": post.position_name, "shift_name": post.shift.name, "in_shift": in_shift,
                    "on_duty": [], "until": None, "next": [], "next_starts_at": None}
    rows = sorted(rows, key=lambda a: a.starts_at)
    checked = checkin.states(session, [a.id for a in rows if a.starts_at <= now])
    for a in rows:
        entry = out[f"{a.unit}/{a.position}/{a.shift}"]
        person = {"name": a.person, "phone": phones.get(a.person, "")}
        if a.starts_at <= now:  # checked in, late, or missing once the grace period is over
            person["check_in"] = ("late" if checked[a.id] else "on time") if a.id in checked else (
                "missing" if now > a.starts_at + checkin.GRACE else "due")
            entry["on_duty"].append(person)
            entry["until"] = a.ends_at.isoformat()
        elif entry["next_starts_at"] in (None, a.starts_at.isoformat()):
            entry["next"].append(person)
            entry["next_starts_at"] = a.starts_at.isoformat()
    return out


async def refresh_board(ctx: DaemonContext) -> None:
    wanted = await ctx.read(board, datetime.now(UTC))
    current = ctx.records(NOW)
    put = [r for k, r in wanted.items() if current.get(k) != r]
    if put:
        ctx.publish(NOW, put=put)


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [ScheduleSpec("duty.board", every=30.0, handler=refresh_board)]


# -- demo -----------------------------------------------------------------------------------
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["建国", "海燕", "志强", "丽华", "晓明", "文杰", "春梅", "国庆", "立新", "秀兰", "伟民", "红霞", "振华", "雪琴"]


def demo_people(rng: random.Random) -> list[dict]:
    """Eight leaders and ten officers per unit, with made-up mobile numbers."""
    people, used = [], set()
    for unit in sorted({p.unit for p in SETUP.posts}):
        for n in range(18):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            while name in used:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice("一二三")
            used.add(name)
            people.append({"name": name, "phone": f"13{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}",
                           "unit": unit, "role": "leader" if n < 8 else "officer"})
    return people


def demo_sheet(people: list[dict], month: date) -> bytes:
    """A month in the sheet's own shape, people in rotation: the demo goes through the same checks as a real file."""
    pools = {(p["unit"], p["role"]): [x["name"] for x in people if x["unit"] == p["unit"] and x["role"] == p["role"]]
             for p in people}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([DATE_COLUMN, *SETUP.headers])
    for i, day in enumerate(month_days(month)):
        row, slot = [day.isoformat()], {}
        for header, post in SETUP.headers.items():
            pool = pools[(post.unit, post.position)]
            k = slot.get((post.unit, post.position), 0)
            slot[(post.unit, post.position)] = k + 1
            row.append(pool[(i * 2 + k) % len(pool)])
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    people = demo_people(rng)
    for p in people:
        tx.session.add(DutyPerson(name=p["name"], phone=p["phone"], unit=p["unit"]))
    tx.session.flush()
    today = datetime.now(UTC).date().replace(day=1)
    for month in ((today - timedelta(days=1)).replace(day=1), today, (today + timedelta(days=32)).replace(day=1)):
        report = import_roster(tx, f"{month:%Y-%m}.csv", demo_sheet(people, month))
        if report.errors:
            raise ValueError(f"the demo roster for {month:%Y-%m} is not valid: {report.errors[:3]}")
    demo_log(tx, rng, people)
    demo_incidents(tx)
    demo_checkins(tx)


def demo_checkins(tx: Transaction) -> None:
    """Everyone on duty now checked in two minutes after their shift began."""
    now = datetime.now(UTC)
    for a in tx.session.scalars(select(DutyAssignment).where(DutyAssignment.starts_at <= now, DutyAssignment.ends_at > now)):
        checkin.check_in(tx, a.person, DutyAssignment, now=a.starts_at + timedelta(minutes=2))


def demo_incidents(tx: Transaction) -> None:
    """Two incidents in progress with their clocks running: one just reported by phone, one under way for hours."""
    now = datetime.now(UTC)
    flood = REPORTING.open(tx, {"category": "natural", "type": "暴雨积水 Flooding", "level": "IV",
                                "subdistrict": "310109017000", "address": "四川北路海宁路口", "source": "12345热线",
                                "known_at": (now - timedelta(minutes=12)).isoformat(),
                                "casualties": {"dead": 0, "injured": 0, "missing": 0}})
    REPORTING.report(tx, {"incident": flood["id"], "kind": "phone", "text": "已电话报告区应急局值班室"})
    gas = REPORTING.open(tx, {"category": "accident", "type": "燃气泄漏 Gas leak", "level": "III",
                              "subdistrict": "310109019000", "address": "江湾镇街道某小区", "source": "110联动",
                              "known_at": (now - timedelta(hours=3)).isoformat(),
                              "casualties": {"dead": 0, "injured": 2, "missing": 0}})
    reports = (("phone", "电话报告区委总值班室"), ("written", "书面报告已报送"), ("follow_up", "续报：已疏散居民120人"))
    for kind, text in reports:
        REPORTING.report(tx, {"incident": gas["id"], "kind": kind, "text": text})


DEMO_LOG = [
    ("call", "12345热线转来：{place}楼道堆物，已通知物业清理"),
    ("instruction", "区委总值班室通知：今夜起加强防汛值守"),
    ("report", "向市城运中心报送{place}积水处置情况（续报）"),
    ("action", "调度城管执法队赶赴{place}处置占道经营"),
    ("call", "市民来电反映{place}路灯不亮，已派单"),
    ("other", "交接班：设备运行正常，无遗留事项"),
]


def demo_log(tx: Transaction, rng: random.Random, people: list[dict]) -> None:
    """Two days of entries, one correction among them; inserted as the log's own writes would be."""
    places = ["欧阳路", "四川北路", "北外滩", "凉城新村", "江湾镇", "曲阳路"]
    now = datetime.now(UTC)
    entries = []
    for i in range(40):
        at = now - timedelta(minutes=rng.uniform(5, 48 * 60))
        category, text = rng.choice(DEMO_LOG)
        entries.append(log.DutyLogEntry(recorded_at=at + timedelta(minutes=rng.uniform(1, 10)), event_at=at,
                                        category=category, unit=rng.choice(["CYZX", "YJJ", "ZZB"]),
                                        author=rng.choice(people)["name"], text=text.format(place=rng.choice(places))))
    entries.sort(key=lambda e: e.event_at)
    tx.session.add_all(entries)
    tx.session.flush()
    tx.session.add(log.DutyLogEntry(recorded_at=now, event_at=entries[-1].event_at, category=entries[-1].category,
                                    unit=entries[-1].unit, author=entries[-1].author, corrects=entries[-1].id,
                                    text="更正：上条记录地点有误 correction: wrong place in the entry above"))
