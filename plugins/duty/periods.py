"""Heightened-duty periods (加强值班): flood season, public holidays and major events.

Periods are data: yearly ones and the kinds' rules in configs/duty/periods.toml, public holidays from the working
calendar, others imported (``duty.periods``: a sheet, all or nothing, row by row).  Each kind carries its rules:
a leader on duty in every unit every day (checked on a roster's import, and over the stored roster when a period
comes after it: ``gaps``), a reminder at the kind's cadence for as long as the period lasts (created by the daemon
when the period begins), and the banner the desks and the wall show (``duty.periods``, worded by the desk).
No Qt here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Date, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ImportReport, RowError, Transaction, bundled, get_or_refuse
from citybrain.core.sheets import read_sheet
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.duty import reminders
from citybrain.plugins.duty.roster import ZONE, DutySetup
from citybrain.plugins.duty.tables import DutyAssignment

PERIODS = "duty.periods"
KINDS = ("flood_season", "holiday", "major_event")
AHEAD = timedelta(days=7)  # a period shows (and its roster is checked) from a week before it begins
CHECKED_DAYS = 31  # how far ahead a long period's roster is checked for leaders
COLUMNS = {"code": "代码", "kind": "类型", "name": "名称", "first": "开始", "last": "结束", "every": "提醒间隔"}
KIND_WORDS = {
    "汛期": "flood_season",
    "防汛": "flood_season",
    "节假日": "holiday",
    "法定节假日": "holiday",
    "重大活动": "major_event",
    **{k: k for k in KINDS},
}


@dataclass(frozen=True)
class Rules:
    """What a kind of period asks of the joint duty."""

    leaders: bool
    reminder_minutes: int
    reminder: str
    unit: str


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    name: str  # data, as written (汛期, 进博会保障); empty for a holiday taken from the calendar
    first: date
    last: date  # inclusive
    every_minutes: int | None  # the reminder's cadence (None: none)

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def span(self) -> tuple[datetime, datetime]:
        """From the first day's 00:00 to the end of the last, Shanghai time."""
        return (
            datetime.combine(self.first, time(), ZONE),
            datetime.combine(self.last + timedelta(days=1), time(), ZONE),
        )


class DutyPeriod(Base):
    """An imported period (a major event, a flood season declared early)."""

    __tablename__ = "duty_periods"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    first: Mapped[date] = mapped_column(Date)
    last: Mapped[date] = mapped_column(Date)
    every_minutes: Mapped[int | None] = mapped_column(Integer)


@dataclass(frozen=True)
class Setup:
    rules: dict[str, Rules]
    yearly: list[dict]
    holidays: bool

    @classmethod
    def shipped(cls) -> Setup:
        data = tomllib.loads(bundled("citybrain.configs", "duty", "periods.toml").read_text(encoding="utf-8"))
        rules = {
            kind: Rules(
                bool(r.get("leaders", True)),
                int(r.get("reminder_minutes", 0)),
                r.get("reminder", ""),
                r.get("unit", ""),
            )
            for kind, r in data["kinds"].items()
        }
        return cls(rules, data.get("yearly", []), bool(data.get("holidays", {}).get("from_calendar", False)))

    def configured(self, calendar: WorkCalendar, years: Iterable[int]) -> list[Period]:
        """The yearly periods of ``years`` and the calendar's public holidays (each run of days one period)."""
        out = []
        for year in years:
            for y in self.yearly:
                first, last = (date.fromisoformat(f"{year}-{y[k]}") for k in ("first", "last"))
                out.append(
                    Period(
                        f"{y['code']}-{year}",
                        y["kind"],
                        y.get("name", ""),
                        first,
                        last,
                        self.rules[y["kind"]].reminder_minutes or None,
                    )
                )
        if self.holidays:
            days = sorted(calendar.holidays)
            runs: list[list[date]] = []
            for day in days:
                if runs and day - runs[-1][-1] == timedelta(days=1):
                    runs[-1].append(day)
                else:
                    runs.append([day])
            out += [
                Period(
                    f"holiday-{run[0].isoformat()}",
                    "holiday",
                    "",
                    run[0],
                    run[-1],
                    self.rules["holiday"].reminder_minutes or None,
                )
                for run in runs
            ]
        return out


@cache
def period_setup() -> Setup:
    """The shipped heightened-duty kinds (configs/duty/periods.toml), read on first use (never at import)."""
    return Setup.shipped()


def imported(session: Session) -> list[Period]:
    return [
        Period(p.code, p.kind, p.name, p.first, p.last, p.every_minutes) for p in session.scalars(select(DutyPeriod))
    ]


def near(session: Session, calendar: WorkCalendar, now: datetime) -> list[Period]:
    """The periods under way now or beginning within a week, earliest first."""
    today = now.astimezone(ZONE).date()
    every = period_setup().configured(calendar, (today.year - 1, today.year, today.year + 1)) + imported(session)
    return sorted((p for p in every if p.last >= today and p.first <= today + AHEAD), key=lambda p: p.first)


def leader_gaps(period: Period, setup: DutySetup, filled: set[tuple[date, str]], today: date) -> list[dict]:
    """The days of ``period`` (from today, a month at most) on which a unit has no leader on the roster."""
    if not period_setup().rules[period.kind].leaders:
        return []
    units = {p.unit: p.unit_name for p in setup.posts if p.position == "leader"}
    start = max(period.first, today)
    days = [
        start + timedelta(days=n)
        for n in range((min(period.last, today + timedelta(days=CHECKED_DAYS)) - start).days + 1)
    ]
    return [
        {"date": d.isoformat(), "unit": u, "unit_name": name}
        for d in days
        for u, name in units.items()
        if (d, u) not in filled
    ]


def leaders_on(session: Session, first: date, last: date) -> set[tuple[date, str]]:
    """(day, unit) where the stored roster has a leader."""
    rows = session.execute(
        select(DutyAssignment.date, DutyAssignment.unit).where(
            DutyAssignment.position == "leader",
            DutyAssignment.date >= first.isoformat(),
            DutyAssignment.date <= last.isoformat(),
        )
    )
    return {(date.fromisoformat(d), u) for d, u in rows}


def records(session: Session, calendar: WorkCalendar, setup: DutySetup, now: datetime) -> dict[str, dict]:
    """The live collection: each period near, whether it is on, its rules and the roster's gaps in it."""
    today = now.astimezone(ZONE).date()
    periods = near(session, calendar, now)
    filled = leaders_on(session, today, today + timedelta(days=CHECKED_DAYS + 8)) if periods else set()
    return {p.code: record(p, now, leader_gaps(p, setup, filled, today)) for p in periods}


def record(period: Period, now: datetime, gaps: list[dict]) -> dict:
    begins, ends = period.span()
    rules = period_setup().rules[period.kind]
    return {
        "id": period.code,
        "kind": period.kind,
        "name": period.name,
        "first": period.first.isoformat(),
        "last": period.last.isoformat(),
        "active": begins <= now < ends,
        "leaders": rules.leaders,
        "every_minutes": period.every_minutes,
        "gaps": gaps,
    }


def reminders_due(session: Session, calendar: WorkCalendar, now: datetime) -> list[Period]:
    """Periods under way whose reminder the daemon has not created yet (one per period, whatever became of it)."""
    made = set(session.scalars(select(reminders.DutyReminder.period).where(reminders.DutyReminder.period.is_not(None))))
    return [
        p
        for p in near(session, calendar, now)
        if p.every_minutes and p.code not in made and p.span()[0] <= now < p.span()[1]
    ]


def start_reminders(tx: Transaction, periods: list[Period], now: datetime) -> None:
    """A reminder for each period just begun: at its cadence from now until the period ends (the duty log
    writes its title: Chinese, as every entry the daemon writes)."""
    for period in periods:
        rules = period_setup().rules[period.kind]
        title = (
            rules.reminder if not period.name or period.name in rules.reminder else f"{rules.reminder}（{period.name}）"
        )
        made = reminders.create(
            tx,
            {
                "title": title,
                "kind": "special",
                "unit": rules.unit,
                "first_at": (now + timedelta(minutes=period.every_minutes or 0)).isoformat(),
                "every_minutes": period.every_minutes,
                "until": period.span()[1].astimezone(UTC).isoformat(),
            },
            now=now,
        )
        get_or_refuse(tx.session, reminders.DutyReminder, made["id"], "reminder").period = period.code


def import_periods(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """Periods by code (代码, 类型, 名称, 开始, 结束[, 提醒间隔 in minutes]): inserted or replaced, or nothing."""
    sheet = read_sheet(filename, data)
    report = ImportReport("duty.periods", rows=len(sheet.rows))
    missing = [c for k, c in COLUMNS.items() if k != "every" and c not in sheet.columns]
    if missing:
        report.errors.append(RowError(1, missing[0], f"the sheet needs the columns {', '.join(COLUMNS.values())}"))
        return report
    rows: list[DutyPeriod] = []
    seen: dict[str, int] = {}
    for row, cells in sheet.rows:
        period = _period(row, cells, report)
        if period is None:
            continue
        if period.code in seen:
            report.errors.append(RowError(row, COLUMNS["code"], f"{period.code} is already on row {seen[period.code]}"))
        seen.setdefault(period.code, row)
        rows.append(period)
    if report.errors:
        return report
    for period in rows:
        tx.session.merge(period)
    report.imported = len(rows)
    return report


def _period(row: int, cells: dict[str, str], report: ImportReport) -> DutyPeriod | None:
    def fail(field: str, message: str) -> None:
        report.errors.append(RowError(row, COLUMNS[field], message))

    code, name = cells.get(COLUMNS["code"], "").strip(), cells.get(COLUMNS["name"], "").strip()
    kind = KIND_WORDS.get(cells.get(COLUMNS["kind"], "").strip())
    days = {}
    for field in ("first", "last"):
        raw = cells.get(COLUMNS[field], "").strip().split(" ")[0].replace("/", "-")
        try:
            days[field] = date.fromisoformat(raw)
        except ValueError:
            fail(field, f"{raw!r} is not a date (2026-06-01)")
    if not code or len(code) > 64:
        fail("code", "a code of 1 to 64 characters")
    if not name or len(name) > 100:
        fail("name", "a name of 1 to 100 characters")
    if kind is None:
        fail("kind", f"one of 汛期, 节假日, 重大活动 ({', '.join(KINDS)})")
    if len(days) == 2 and not timedelta(0) <= days["last"] - days["first"] <= timedelta(days=366):
        fail("last", "the end is on or after the start, within a year")
    every = cells.get(COLUMNS["every"], "").strip()
    if every and not (every.isdigit() and 10 <= int(every) <= 1440):
        fail("every", f"minutes from 10 to 1440, not {every!r}")
    if kind is None or len(days) < 2 or not code or not name:
        return None
    default = period_setup().rules[kind].reminder_minutes or None
    return DutyPeriod(
        code=code,
        kind=kind,
        name=name,
        first=days["first"],
        last=days["last"],
        every_minutes=int(every) if every else default,
    )


def leader_days(session: Session, calendar: WorkCalendar, month: date) -> dict[date, str]:
    """The days of ``month`` on which a period asks for a leader in every unit, with the period's name."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    out: dict[date, str] = {}
    for period in period_setup().configured(calendar, (month.year,)) + imported(session):
        if period_setup().rules[period.kind].leaders:
            for n in range((min(period.last, last) - max(period.first, first)).days + 1):
                out.setdefault(max(period.first, first) + timedelta(days=n), period.name or KIND_NAMES[period.kind])
    return out


KIND_NAMES = {"flood_season": "汛期", "holiday": "法定节假日", "major_event": "重大活动"}  # in refusals, as data
