"""The joint roster: which units keep duty, in which shifts, in which positions — and a month's sheet checked
against it before anything is stored.

A roster sheet is what duty offices keep: one row per day, a first column with the date, then a column per
``unit/position`` (``unit/position/shift`` where the unit has more than one shift), names in the cells
(several separated by 、 , or ;).  Every refusal names its row and column: an unknown person, a date outside
the month, a day or a post left empty (leaders on weekends and public holidays included), one person in
two places at once.
"""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from citybrain.core.api import ImportReport, RowError, append_row, bundled
from citybrain.core.sheets import read_sheet
from citybrain.core.workcalendar import WorkCalendar

DATE_COLUMN = "日期"
ZONE = ZoneInfo("Asia/Shanghai")
_SPLIT = re.compile(r"[、,，;；/]\s*|\s+")


@dataclass(frozen=True)
class Shift:
    code: str
    name: str
    start: time
    hours: float

    def span(self, day: date) -> tuple[datetime, datetime]:
        begins = datetime.combine(day, self.start, ZONE)
        return begins, begins + timedelta(hours=self.hours)


@dataclass(frozen=True)
class Post:
    """One column of the sheet: a unit's position in one shift."""

    unit: str
    unit_name: str
    position: str
    position_name: str
    shift: Shift
    required: str  # "always" or "holidays"

    def header(self, several_shifts: bool) -> str:
        base = f"{self.unit_name}/{self.position_name}"
        return f"{base}/{self.shift.name}" if several_shifts else base


@dataclass(frozen=True)
class DutySetup:
    posts: list[Post]
    headers: dict[str, Post]  # sheet column -> post

    @classmethod
    def from_toml(cls, text: str) -> DutySetup:
        data = tomllib.loads(text)
        shifts = {
            s["code"]: Shift(s["code"], s["name"], time.fromisoformat(s["start"]), float(s["hours"]))
            for s in data["shifts"]
        }
        posts, headers = [], {}
        for unit in data["units"]:
            for pos in unit["positions"]:
                for code in pos["shifts"]:
                    post = Post(
                        unit["code"],
                        unit["name"],
                        pos["code"],
                        pos["name"],
                        shifts[code],
                        pos.get("required", "always"),
                    )
                    posts.append(post)
                    headers[post.header(len(pos["shifts"]) > 1)] = post
        return cls(posts, headers)

    @classmethod
    def shipped(cls) -> DutySetup:
        return cls.from_toml(bundled("citybrain.configs", "duty", "units.toml").read_text(encoding="utf-8"))


@cache
def duty_setup() -> DutySetup:
    """The shipped units, shifts and posts (configs/duty/units.toml), read on first use (never at import)."""
    return DutySetup.shipped()


@dataclass(frozen=True)
class Assignment:
    day: date
    post: Post
    person: str
    row: int
    column: str

    @property
    def span(self) -> tuple[datetime, datetime]:
        return self.post.shift.span(self.day)

    def record(self) -> dict:
        begins, ends = self.span
        return {
            "id": f"{self.day.isoformat()}/{self.post.unit}/{self.post.position}/{self.post.shift.code}/{self.person}",
            "date": self.day.isoformat(),
            "unit": self.post.unit,
            "unit_name": self.post.unit_name,
            "position": self.post.position,
            "position_name": self.post.position_name,
            "shift": self.post.shift.code,
            "shift_name": self.post.shift.name,
            "person": self.person,
            "starts_at": begins.isoformat(),
            "ends_at": ends.isoformat(),
        }


def _day(text: str) -> date | None:
    text = text.strip().split(" ")[0].replace("/", "-").replace(".", "-")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def month_days(first: date) -> list[date]:
    days, day = [], first.replace(day=1)
    while day.month == first.month:
        days.append(day)
        day += timedelta(days=1)
    return days


def check_roster(
    filename: str,
    data: bytes,
    setup: DutySetup,
    people: set[str],
    calendar: WorkCalendar,
    month: date | None = None,
    leader_days: Callable[[date], dict[date, str]] | None = None,
) -> tuple[list[Assignment], ImportReport]:
    """Every assignment of the sheet, and a report listing every problem (empty: it may be stored).
    ``leader_days(month)``: the days of a heightened-duty period (with its name) when every unit needs a leader."""
    sheet = read_sheet(filename, data)
    report = ImportReport("duty.roster", rows=len(sheet.rows))
    if DATE_COLUMN not in sheet.columns:
        report.errors.append(RowError(1, DATE_COLUMN, f"the first column must be {DATE_COLUMN}"))
        return [], report
    for column in sheet.columns:
        if column and column != DATE_COLUMN and column not in setup.headers:
            report.errors.append(RowError(1, column, f"unknown column; expected one of {', '.join(setup.headers)}"))
    dates = [d for _, cells in sheet.rows if (d := _day(cells.get(DATE_COLUMN, "")))]
    month = month or (min(dates) if dates else None)
    if month is None:
        report.errors.append(RowError(2, DATE_COLUMN, "no dates in the sheet"))
        return [], report
    assignments: list[Assignment] = []
    seen: dict[date, int] = {}
    for row, cells in sheet.rows:
        day = _day(cells.get(DATE_COLUMN, ""))
        if day is None:
            report.errors.append(RowError(row, DATE_COLUMN, f"{cells.get(DATE_COLUMN)!r} is not a date (2026-12-01)"))
            continue
        if (day.year, day.month) != (month.year, month.month):
            report.errors.append(RowError(row, DATE_COLUMN, f"{day} is outside {month:%Y-%m}"))
            continue
        if day in seen:
            report.errors.append(RowError(row, DATE_COLUMN, f"{day} appears twice (first in row {seen[day]})"))
            continue
        seen[day] = row
        holiday = not calendar.is_working_day(day)
        for column, post in setup.headers.items():
            names = [n for n in _SPLIT.split(cells.get(column, "")) if n]
            if not names and (post.required == "always" or holiday):
                why = "a leader is needed on a weekend or public holiday" if post.required == "holidays" else "nobody"
                report.errors.append(RowError(row, column, f"{day}: {why} on duty"))
            for name in names:
                if name not in people:
                    report.errors.append(RowError(row, column, f"unknown person {name!r}"))
                else:
                    assignments.append(Assignment(day, post, name, row, column))
    _leaders(assignments, setup, seen, leader_days(month) if leader_days else {}, report)
    for day in month_days(month):
        if day not in seen:
            report.errors.append(RowError(0, DATE_COLUMN, f"{day} has no row: nobody would be on duty"))
    _twice(assignments, report)
    report.errors.sort(key=lambda e: (e.row, e.column or ""))
    report.imported = 0 if report.errors else len(assignments)
    return assignments, report


def _leaders(
    assignments: list[Assignment],
    setup: DutySetup,
    rows: dict[date, int],
    leader_days: dict[date, str],
    report: ImportReport,
) -> None:
    """On a day of a heightened-duty period every unit has a leader on duty (in one of its leader posts)."""
    filled = {(a.day, a.post.unit) for a in assignments if a.post.position == "leader"}
    said = {(e.row, e.column) for e in report.errors}  # an empty post already refused is not refused twice
    columns: dict[str, tuple[str, str]] = {}
    for column, post in setup.headers.items():
        if post.position == "leader":
            columns.setdefault(post.unit, (column, post.unit_name))
    for day, period in sorted(leader_days.items()):
        for unit, (column, name) in columns.items():
            if day in rows and (day, unit) not in filled and (rows[day], column) not in said:
                report.errors.append(RowError(rows[day], column, f"{day}: {period} needs a leader of {name} on duty"))


def _twice(assignments: list[Assignment], report: ImportReport) -> None:
    """One person in two places at once: two of their shifts overlap in time."""
    by_person: dict[str, list[Assignment]] = {}
    for a in assignments:
        by_person.setdefault(a.person, []).append(a)
    for person, mine in by_person.items():
        mine.sort(key=lambda a: a.span[0])
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                if b.span[0] >= a.span[1]:
                    break
                report.errors.append(
                    RowError(b.row, b.column, f"{person} is already on duty then: row {a.row}, {a.column}")
                )


def export_roster(assignments: list[dict], setup: DutySetup, month: date) -> bytes:
    """The month as a sheet in the import's own shape (an Excel workbook)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = f"{month:%Y-%m}"
    columns = list(setup.headers)
    append_row(sheet, [DATE_COLUMN, *columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    header_of = {(p.unit, p.position, p.shift.code): h for h, p in setup.headers.items()}
    cells: dict[tuple[str, str], list[str]] = {}
    for a in assignments:
        cells.setdefault((a["date"], header_of[(a["unit"], a["position"], a["shift"])]), []).append(a["person"])
    for day in month_days(month):
        append_row(sheet, [day.isoformat(), *("、".join(cells.get((day.isoformat(), c), [])) for c in columns)])
    sheet.column_dimensions["A"].width = 12
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
