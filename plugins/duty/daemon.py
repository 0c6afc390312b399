"""Duty plugin, daemon half: people, the joint roster (import checked all or nothing, export in the same shape)
and the live "who is on duty now" board. No Qt here."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    ErrorCode,
    ImporterSpec,
    ImportReport,
    OpenItem,
    QuerySpec,
    Refused,
    Role,
    RowError,
    ScheduleSpec,
    TimerSpec,
    Transaction,
    aware_time,
    hookimpl,
)
from citybrain.core.sheets import read_sheet
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.duty import checkin, handover, incidents, log, periods, reminders, swaps
from citybrain.plugins.duty.fields import declared
from citybrain.plugins.duty.roster import ZONE, check_roster, duty_setup, export_roster, month_days
from citybrain.plugins.duty.tables import DutyAssignment, DutyPerson

PEOPLE, NOW = "duty.people", "duty.now"
DUTY_ROOM = DistrictWide("the district's joint duty room: its units are the roster's departments, not places")


def _people(session: Session) -> list[dict]:
    return [{"name": p.name, "phone": p.phone, "unit": p.unit} for p in session.scalars(select(DutyPerson))]


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(
            PEOPLE, key="name", title="People on the roster", load=_people, read_role=Role.OPERATOR, place=DUTY_ROOM
        ),
        CollectionSpec(
            NOW,
            key="post",
            title="Who is on duty now, and next",
            read_role=Role.VIEWER,  # the wall's
            place=DistrictWide("who is on duty: every desk calls on them, and the wall shows them"),
        ),
        CollectionSpec(log.LOG, key="id", title="Duty log (newest entries)", load=log.recent, place=DUTY_ROOM),
        CollectionSpec(
            incidents.INCIDENTS,
            key="id",
            title="Incidents and their reporting clocks",
            load=lambda s: [incidents.record(i) for i in incidents.still_open(s)],
            place=DistrictWide("the district duty room reports each incident to the city, against its clocks"),
        ),
        CollectionSpec(
            swaps.SWAPS,
            key="id",
            title="Swap requests waiting for the duty leader",
            load=swaps.pending,
            place=DUTY_ROOM,
        ),
        CollectionSpec(
            handover.HANDOVERS, key="id", title="Shift handovers (newest)", load=handover.recent, place=DUTY_ROOM
        ),
        CollectionSpec(
            reminders.REMINDERS, key="id", title="Reminders waiting or due", load=reminders.live, place=DUTY_ROOM
        ),
        CollectionSpec(
            periods.PERIODS,
            key="id",
            title="Heightened-duty periods on now or within a week",
            read_role=Role.VIEWER,  # the wall's banner
            place=DistrictWide("a heightened-duty period holds in every unit: its banner is on every desk"),
        ),
    ]


REPORTING = incidents.Reporting()


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    return [
        TimerSpec(incidents.CLOCK, REPORTING.on_due),
        TimerSpec(incidents.WARN, REPORTING.on_warn),
        TimerSpec(reminders.TIMER, reminders.on_due),
    ]


@hookimpl
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    return incidents.open_items(session, now) + reminders.open_items(session, now)


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "duty.log",
            log.write,
            title="Add a duty log entry (append-only)",
            payload={
                "event_at": str,
                "category": Literal[log.CATEGORIES],
                "unit": str,
                "text": str,
                "corrects": int | None,
            },
        ),
        CommandSpec(
            "duty.swap.request",
            swaps.request,
            title="Ask to hand a shift to someone else",
            payload={"assignment": str, "to": str, "reason": str | None},
        ),
        CommandSpec(
            "duty.swap.decide",
            swaps.decide,
            role=Role.DUTY_LEADER,
            title="Approve or refuse a swap",
            payload={"swap": int, "approve": bool, "note": str | None},
        ),
        CommandSpec(
            "duty.checkin",
            lambda tx, p: checkin.check_in(tx, p["person"]),
            title="Check in for the shift",
            payload={"person": str},
        ),
        CommandSpec(
            "duty.incident.open",
            REPORTING.open,
            title="Open an incident; its reporting clocks start",
            payload={
                "category": Literal[incidents.CATEGORIES],
                "type": str,
                "level": Literal[incidents.LEVELS],
                "known_at": str | None,
                "subdistrict": str | None,
                "address": str | None,
                "lat": float | None,
                "lon": float | None,
                "casualties": dict[str, int] | None,
                "description": str | None,
                "source": str | None,
            },
        ),
        CommandSpec(
            "duty.incident.report",
            REPORTING.report,
            title="Send a report (phone, written, follow-up, final)",
            payload={"incident": int, "kind": Literal[incidents.KINDS], "text": str},
        ),
        CommandSpec(
            "duty.incident.level",
            REPORTING.relevel,
            role=Role.DUTY_LEADER,
            title="Change an incident's level",
            payload={"incident": int, "level": Literal[incidents.LEVELS]},
        ),
        CommandSpec(
            "duty.incident.close",
            REPORTING.close,
            role=Role.DUTY_LEADER,
            title="Close an incident",
            payload={"incident": int},
        ),
        CommandSpec(
            "duty.handover.draft",
            handover.draft,
            title="Compile (again) the handover of the shift ending",
            payload={"person": str, "to": str | None, "notes": str | None},
        ),
        CommandSpec(
            "duty.handover.submit",
            handover.submit,
            title="Sign the handover draft as compiled",
            payload={"handover": int},
        ),
        CommandSpec(
            "duty.handover.decide",
            handover.decide,
            title="Accept a handover, or return it with a question",
            payload={"handover": int, "accept": bool, "question": str | None},
        ),
        CommandSpec(
            "duty.reminder.create",
            reminders.create,
            title="Schedule a reminder",
            payload={
                "title": str,
                "kind": Literal[reminders.KINDS],
                "unit": str,
                "first_at": str,
                "every_minutes": int | None,
                "until": str | None,
            },
        ),
        CommandSpec(
            "duty.reminder.ack",
            reminders.acknowledge,
            title="Acknowledge a reminder that is due",
            payload={"reminder": int, "note": str | None},
        ),
        CommandSpec(
            "duty.reminder.cancel",
            reminders.cancel,
            role=Role.DUTY_LEADER,
            title="Cancel a reminder",
            payload={"reminder": int},
        ),
    ]


# -- the roster -------------------------------------------------------------------------------
def _store(tx: Transaction, assignments: list, month: date) -> None:
    """Replace the month, except shifts someone has checked in for: they are history and stay as they were."""
    days = [d.isoformat() for d in month_days(month)]
    worked = set(
        tx.session.scalars(
            select(checkin.DutyCheckin.assignment)
            .join(DutyAssignment, DutyAssignment.id == checkin.DutyCheckin.assignment)
            .where(DutyAssignment.date.in_(days))
        )
    )
    tx.session.execute(delete(DutyAssignment).where(DutyAssignment.date.in_(days), DutyAssignment.id.not_in(worked)))
    for a in assignments:
        r = a.record()
        if r["id"] in worked:
            continue
        tx.session.add(
            DutyAssignment(
                id=r["id"],
                date=r["date"],
                unit=r["unit"],
                position=r["position"],
                shift=r["shift"],
                person=r["person"],
                starts_at=a.span[0],
                ends_at=a.span[1],
            )
        )


def import_roster(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """A month's roster replaces that month, or nothing changes."""
    people = {p.name for p in tx.session.scalars(select(DutyPerson))}
    assignments, report = check_roster(
        filename,
        data,
        duty_setup(),
        people,
        WorkCalendar.shipped(),
        leader_days=lambda month: periods.leader_days(tx.session, WorkCalendar.shipped(), month),
    )
    if not report.errors:
        _store(tx, assignments, min(a.day for a in assignments))
    return report


def import_people(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """People by name (name, phone, unit): inserted or updated."""
    sheet = read_sheet(filename, data)
    report = ImportReport("duty.people", rows=len(sheet.rows))
    units = {p.unit for p in duty_setup().posts}
    rows = []
    for row, cells in sheet.rows:
        for column in ("name", "phone", "unit"):
            if not cells.get(column):
                report.errors.append(RowError(row, column, f"{column} is empty"))
        if cells.get("unit") and cells["unit"] not in units:
            report.errors.append(
                RowError(row, "unit", f"unknown unit {cells['unit']!r}; one of {', '.join(sorted(units))}")
            )
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
    return [
        ImporterSpec(
            "duty.roster",
            import_roster,
            title="A month's joint roster (one row per day)",
            extensions=(".xlsx", ".csv"),
            role=Role.DUTY_LEADER,
        ),
        ImporterSpec(
            "duty.people",
            import_people,
            title="People on duty (name, phone, unit)",
            extensions=(".xlsx", ".csv"),
            role=Role.DUTY_LEADER,
        ),
        ImporterSpec(
            "duty.periods",
            import_periods,
            extensions=(".xlsx", ".csv"),
            role=Role.DUTY_LEADER,
            title="Heightened-duty periods (code, kind, name, first and last day, reminder minutes)",
        ),
    ]


def import_periods(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """Periods imported; those near now reach the desks' banners at once, one begun gets its reminder."""
    report = periods.import_periods(tx, filename, data)
    if not report.errors:
        tx.session.flush()
        now = datetime.now(UTC)
        for record in periods.records(tx.session, WorkCalendar.shipped(), duty_setup(), now).values():
            tx.put(periods.PERIODS, record)
        periods.start_reminders(tx, periods.reminders_due(tx.session, WorkCalendar.shipped(), now), now)
    return report


def _month(params: dict) -> date:
    try:
        return datetime.strptime(params["month"], "%Y-%m").date()
    except ValueError:
        raise Refused(
            f"month must look like 2026-12, not {params['month']!r}", code=ErrorCode.INVALID_PAYLOAD
        ) from None


def _assignments(session: Session, month: date) -> list[dict]:
    days = [d.isoformat() for d in month_days(month)]
    rows = session.scalars(select(DutyAssignment).where(DutyAssignment.date.in_(days)).order_by(DutyAssignment.date))
    return [
        {
            "date": a.date,
            "unit": a.unit,
            "position": a.position,
            "shift": a.shift,
            "person": a.person,
            "starts_at": a.starts_at.isoformat(),
            "ends_at": a.ends_at.isoformat(),
        }
        for a in rows
    ]


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            "duty.roster",
            lambda s, p, c: _assignments(s, _month(p)),
            params={"month": str},
            title="A month's roster",
            role=Role.OPERATOR,
            personal=True,
        ),
        QuerySpec(
            "duty.export",
            lambda s, p, c: export_roster(_assignments(s, _month(p)), duty_setup(), _month(p)),
            params={"month": str},
            title="A month's roster as an Excel workbook (the import's shape)",
            role=Role.OPERATOR,
            personal=True,
        ),
        QuerySpec(
            "duty.on_duty",
            _on_duty,
            params={"unit": str, "position": str},
            title="Who is on duty now at a unit and position (name, phone)",
            personal=True,
        ),
        QuerySpec(
            "duty.incident.reports",
            lambda s, p, c: incidents.reports(s, p["incident"]),
            params={"incident": int},
            title="The reports sent for an incident, with text and time",
        ),
        QuerySpec("duty.log.search", _search, params=SEARCH, title="Duty log entries by time, category, text"),
        # the desk writes the document (Excel or PDF) with every label in its own language: one per document
        QuerySpec(
            "duty.log.export",
            _log_report,
            params=SEARCH,
            title="Duty log of a period to export (ICS-214 style; audited)",
            role=Role.OPERATOR,
            personal=True,
        ),
    ]


SEARCH = {"start": str, "end": str, "category": Literal[log.CATEGORIES] | None, "text": str | None}


def _window(params: dict) -> tuple[datetime, datetime]:
    return aware_time(params["start"], "start"), aware_time(params["end"], "end")


def _search(session: Session, params: dict, caller: Caller) -> list[dict]:
    return log.search(session, *_window(params), params.get("category"), params.get("text"))


def _log_report(session: Session, params: dict, caller: Caller) -> dict:
    return log.report(session, *_window(params), params.get("category"), params.get("text"), caller.username or "")


# -- who is on duty now --------------------------------------------------------------------
def _on_duty(session: Session, params: dict, caller: Caller) -> list[dict]:
    """The people on duty now at a unit and position, every shift of it (other plugins fill roles with them)."""
    posts = board(session, datetime.now(UTC)).values()
    return [
        {"name": p["name"], "phone": p["phone"]}
        for post in posts
        if post["unit"] == params["unit"] and post["position"] == params["position"]
        for p in post["on_duty"]
    ]


def board(session: Session, now: datetime) -> dict[str, dict]:
    """Per post: who is on now (with phones) until when, and who comes next."""
    phones = {p.name: p.phone for p in session.scalars(select(DutyPerson))}
    rows = session.scalars(
        select(DutyAssignment).where(DutyAssignment.ends_at > now, DutyAssignment.starts_at < now + timedelta(days=2))
    )
    out: dict[str, dict] = {}
    today = now.astimezone(ZONE).date()
    for post in duty_setup().posts:
        key = f"{post.unit}/{post.position}/{post.shift.code}"
        in_shift = any(b <= now < e for b, e in (post.shift.span(today), post.shift.span(today - timedelta(days=1))))
        out[key] = {
            "post": key,
            "unit": post.unit,
            "unit_name": post.unit_name,
            "position": post.position,
            "position_name": post.position_name,
            "shift_name": post.shift.name,
            "in_shift": in_shift,
            "on_duty": [],
            "until": None,
            "next": [],
            "next_starts_at": None,
        }
    ordered = sorted(rows, key=lambda a: a.starts_at)
    checked = checkin.states(session, [a.id for a in ordered if a.starts_at <= now])
    for a in ordered:
        entry = out[f"{a.unit}/{a.position}/{a.shift}"]
        person = {"name": a.person, "phone": phones.get(a.person, "")}
        if a.starts_at <= now:  # checked in, late, or missing once the grace period is over
            person["check_in"] = (
                ("late" if checked[a.id] else "on time")
                if a.id in checked
                else ("missing" if now > a.starts_at + checkin.GRACE else "due")
            )
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


async def check_periods(ctx: DaemonContext) -> None:
    """Publish the periods near (begun, ended, the roster's gaps) and start the reminder of one just begun."""
    now = datetime.now(UTC)
    wanted = await ctx.read(periods.records, WorkCalendar.shipped(), duty_setup(), now)
    current = ctx.records(periods.PERIODS)
    put = [r for k, r in wanted.items() if current.get(k) != r]
    gone = [k for k in current if k not in wanted]
    if put or gone:
        ctx.publish(periods.PERIODS, put=put, delete=gone)
    due = await ctx.read(periods.reminders_due, WorkCalendar.shipped(), now)
    if due:
        await ctx.transact(periods.start_reminders, due, now)


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [
        ScheduleSpec("duty.board", every=30.0, handler=refresh_board),
        ScheduleSpec("duty.periods", every=60.0, handler=check_periods),
    ]


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.duty import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
