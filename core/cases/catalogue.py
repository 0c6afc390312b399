"""The cross-department event catalogue (the seed's 511 event types): what a case can be, who owns it, how long it
may take, how urgent it is by default and which line or patrol team receives it.

Imported from a sheet (our own columns or a 一网统管-style Chinese sheet, through configs/cases/mappings.toml),
checked row by row and written all or nothing, merged by code: a type is never dropped, so no open case loses its
deadlines.  Until a catalogue is imported the shipped one applies (configs/cases/event_catalogue.csv, the demo's).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Boolean, Float, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import ImportReport, RowError, bundled
from citybrain.core.cases.model import PRIORITIES
from citybrain.core.sheets import mapped_rows, shipped_mappings
from citybrain.core.storage.engine import Base

KIND = "event_types"
LINES = ("12345", "greenery", "environment", "city_management", "civil_defence", "police")  # the seed's lines
TEAMS = ("inspection", "enforcement", "supervision")  # the three patrol teams
RECEIVERS = LINES + TEAMS
REQUIRED = ("code", "name", "department", "receiver", "resolve_hours")
MAX_HOURS = 24 * 90  # a deadline past a quarter is a typo, not a deadline
SHIPPED = ("cases", "event_catalogue.csv")


class EventType(Base):
    __tablename__ = "cb_event_types"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)  # Case.type holds it
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the sheet
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(60), default="")
    department: Mapped[str] = mapped_column(String(32), default="")  # an org unit of kind department ('' shipped)
    line: Mapped[str] = mapped_column(String(20), default="")  # one of LINES
    receiver: Mapped[str] = mapped_column(String(20), default="")  # one of RECEIVERS
    level: Mapped[str] = mapped_column(String(10), default="medium")  # the default priority: one of PRIORITIES
    accept_minutes: Mapped[float] = mapped_column(Float)
    resolve_hours: Mapped[float] = mapped_column(Float)
    working_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text, default="")  # where the item comes from, or "illustrative"


@dataclass(frozen=True)
class Departments:
    """The departments an item may name, by code or by name (a sheet from the district writes names)."""

    by_key: Mapping[str, str]

    @classmethod
    def of(cls, units: Mapping[str, dict]) -> Departments:
        found = {c: u for c, u in units.items() if u["kind"] == "department"}
        return cls({**{u["name"]: c for c, u in found.items()}, **{c: c for c in found}})


_YES, _NO = {"yes", "true", "1", "是", "y"}, {"no", "false", "0", "否", "n", ""}


def parse(filename: str, data: bytes, departments: Departments | None) -> tuple[list[dict], ImportReport]:
    """Every row checked; ``departments`` None (the shipped fallback, no org tree to check against) keeps names."""
    report = ImportReport(KIND)
    mapping, rows = mapped_rows(shipped_mappings("cases"), KIND, filename, data, REQUIRED, report)
    items: list[dict] = []
    first: dict[str, int] = {}

    def error(row: int, field: str, message: str) -> None:
        report.errors.append(RowError(row, mapping.columns.get(field, field), message))

    for row, cells in rows:
        code, name = cells.get("code", ""), cells.get("name", "")
        for field in ("code", "name"):
            if not cells.get(field):
                error(row, field, f"{field} is empty")
        if len(code) > 20:
            error(row, "code", f"{code!r} is longer than 20 characters")
        if code in first:
            error(row, "code", f"duplicate code {code} (first in row {first[code]})")
        elif code:
            first[code] = row
        department = cells.get("department", "")
        if departments is not None:
            if department not in departments.by_key:
                error(row, "department", f"unknown department {department!r}")
            department = departments.by_key.get(department, "")
        line, receiver = cells.get("line", ""), cells.get("receiver", "")
        if line and line not in LINES:
            error(row, "line", f"unknown line {line!r}; one of {', '.join(LINES)}")
        if receiver not in RECEIVERS:
            error(row, "receiver", f"unknown line or team {receiver!r}; one of {', '.join(RECEIVERS)}")
        level = cells.get("level") or "medium"
        if level not in PRIORITIES:
            error(row, "level", f"unknown level {level!r}; one of {', '.join(PRIORITIES)}")
        working = cells.get("working_hours", "").casefold()
        if working not in _YES | _NO:
            error(row, "working_hours", f"{cells['working_hours']!r}: write yes or no")
        items.append(
            {
                "code": code,
                "position": len(items),
                "name": name,
                "name_en": cells.get("name_en", ""),
                "category": cells.get("category", ""),
                "department": department,
                "line": line,
                "receiver": receiver,
                "level": level,
                "working_hours": working in _YES,
                "accept_minutes": _deadline(
                    cells.get("accept_minutes") or "30",
                    60 * MAX_HOURS,
                    "minutes",
                    partial(error, row, "accept_minutes"),
                ),
                "resolve_hours": _deadline(
                    cells.get("resolve_hours", ""), MAX_HOURS, "hours", partial(error, row, "resolve_hours")
                ),
                "source": cells.get("source", ""),
            }
        )
    report.errors.sort(key=lambda e: e.row)
    report.imported = 0 if report.errors else len(items)
    return items, report


def _deadline(raw: str, most: float, unit: str, error: Callable[[str], None]) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value <= most:  # NaN fails too
        error(f"{raw!r}: a deadline is a number of {unit} above 0 and at most {most:g}")
        return 0.0
    return value


def stored(session: Session) -> list[dict]:
    """The imported catalogue, in sheet order; empty before any import."""
    return [
        {c.name: getattr(t, c.name) for c in EventType.__table__.columns}
        for t in session.scalars(select(EventType).order_by(EventType.position, EventType.code))
    ]


def save(session: Session, items: list[dict]) -> None:
    """Merge by code (insert or update); imported items go after those already known, in sheet order."""
    known = {t.code: t for t in session.scalars(select(EventType))}
    start = max((t.position for t in known.values()), default=-1) + 1
    for n, item in enumerate(items):
        row = known.get(item["code"]) or EventType(code=item["code"], position=start + n)
        for key, value in item.items():
            if key not in ("code", "position"):
                setattr(row, key, value)
        session.add(row)
    session.flush()


def shipped_bytes() -> bytes:
    return bundled("citybrain.configs", *SHIPPED).read_bytes()
