"""Ticket, patrol and governance-ranking spreadsheets in the shape the city platform exports
(configs/metrics/mappings.toml): every row checked first, any problem refuses the whole file with row and column
(the sheet's own column name)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from citybrain.core.api import ImportReport, RowError, Transaction
from citybrain.core.district import OrgUnit
from citybrain.core.sheets import ColumnMapping, mapped_rows, shipped_mappings
from citybrain.plugins.metrics import catalogue
from citybrain.plugins.metrics.store import upsert_ticket
from citybrain.plugins.metrics.tables import CHANNELS, SATISFACTION, TEAM_TYPES, GovernanceScore, Patrol

REQUIRED = {
    "tickets": ("id", "received_at", "category"),
    "patrols": ("team_type", "day", "area", "found", "handled"),
    "governance": ("month", "district", "value"),
}
MONTH = re.compile(r"(\d{4})\s*(?:[-/.年]\s*)?(\d{1,2})\s*月?")
ZONE = ZoneInfo("Asia/Shanghai")
FLAGS = {"yes": True, "no": False, "": None}


class Cells:
    """One row's fields; each reader returns the value or records the problem under the sheet's column name."""

    def __init__(self, number: int, fields: dict[str, str], mapping: ColumnMapping, report: ImportReport) -> None:
        self.number, self.fields, self.mapping, self.report = number, fields, mapping, report

    def fail(self, field: str, message: str) -> None:
        self.report.errors.append(RowError(self.number, self.mapping.columns.get(field, field), message))

    def text(self, field: str, limit: int = 200) -> str:
        value = self.given(field)
        if len(value) > limit:
            self.fail(field, f"{field} is longer than {limit} characters")
        return value[:limit]

    def choice(self, field: str, allowed: dict[str, Any] | tuple[str, ...]) -> Any:
        value = self.fields.get(field, "")
        table = allowed if isinstance(allowed, dict) else {a: a for a in allowed}
        if value.casefold() not in table:
            self.fail(field, f"{field} is one of {', '.join(k or '(empty)' for k in table)}, not {value!r}")
            return None
        return table[value.casefold()]

    def given(self, field: str) -> str:
        """The cell, or '' (a problem when the field is required)."""
        raw = self.fields.get(field, "")
        if not raw and field in REQUIRED[self.mapping.kind]:
            self.fail(field, f"{field} is empty")
        return raw

    def moment(self, field: str) -> datetime | None:
        raw = self.given(field)
        if not raw:
            return None
        try:
            value = datetime.fromisoformat(raw.replace("/", "-"))
        except ValueError:
            self.fail(field, f"{field} must be a time like 2023-05-01 09:30, not {raw!r}")
            return None
        return value if value.tzinfo else value.replace(tzinfo=ZONE)

    def day(self, field: str) -> date | None:
        moment = self.moment(field)
        return moment.date() if moment else None

    def amount(self, field: str, cast: Callable[[str], Any] = int, low: float = 0, high: float = 1e9) -> Any:
        raw = self.given(field)
        if not raw:
            return None
        try:
            value = cast(float(raw)) if cast is int and float(raw).is_integer() else cast(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            self.fail(field, f"{field} must be a number from {low:g} to {high:g}, not {raw!r}")
            return None
        return value


def _rows(kind: str, filename: str, data: bytes, report: ImportReport) -> list[Cells]:
    mapping, rows = mapped_rows(shipped_mappings("metrics"), kind, filename, data, REQUIRED[kind], report)
    return [Cells(number, fields, mapping, report) for number, fields in rows]


def _category(cells: Cells, entries: dict[str, catalogue.Entry], names: dict[str, str]) -> str:
    value = cells.fields.get("category", "")
    code = value if value in entries else names.get(value)
    if value and (code is None or entries[code].parent is None):
        cells.fail("category", f"{value!r} is not a second-level category of the catalogue")
    return code or value


def import_tickets(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    report = ImportReport("metrics.tickets")
    entries = catalogue.load(tx.session)
    names = {e.name: code for code, e in entries.items() if e.parent}
    subdistricts = {
        name: code
        for code, name in tx.session.execute(select(OrgUnit.code, OrgUnit.name).where(OrgUnit.kind == "subdistrict"))
    }
    seen: dict[str, int] = {}
    tickets = []
    for cells in _rows("tickets", filename, data, report):
        ident = cells.text("id", limit=64)
        if ident in seen:
            cells.fail("id", f"{ident!r} is already on row {seen[ident]}")
        seen.setdefault(ident, cells.number)
        area = cells.text("subdistrict", limit=64)
        tickets.append(
            {
                "id": ident,
                "received_at": cells.moment("received_at"),
                "category": _category(cells, entries, names),
                "channel": cells.choice("channel", CHANNELS) if cells.fields.get("channel") else "phone",
                "subdistrict": subdistricts.get(area, area),
                "address": cells.text("address", limit=300),
                "lat": cells.amount("lat", float, -90, 90),
                "lon": cells.amount("lon", float, -180, 180),
                "first_contact_at": cells.moment("first_contact_at"),
                "handling_unit": cells.text("handling_unit"),
                "resolved": cells.choice("resolved", FLAGS),
                "satisfaction": cells.choice("satisfaction", {s: s for s in SATISFACTION} | {"": None}),
                "reopen_count": cells.amount("reopen_count") or 0,
                "description": cells.text("description", limit=4000),
                "source": filename[-64:],
            }
        )
    if not report.errors:
        for ticket in tickets:
            upsert_ticket(tx.session, ticket)
        tx.session.flush()
        report.imported = len(tickets)
    return report


def import_patrols(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    report = ImportReport("metrics.patrols")
    patrols = []
    for cells in _rows("patrols", filename, data, report):
        found, handled = cells.amount("found"), cells.amount("handled")
        if found is not None and handled is not None and handled > found:
            cells.fail("handled", f"{handled} problems handled but only {found} found")
        patrols.append(
            Patrol(
                team_type=cells.choice("team_type", TEAM_TYPES),
                day=cells.day("day"),
                area=cells.text("area", limit=64),
                found=found or 0,
                handled=handled or 0,
                source=filename[-64:],
            )
        )
    if not report.errors:
        tx.session.add_all(patrols)
        tx.session.flush()
        report.imported = len(patrols)
    return report


def _month(cells: Cells) -> int | None:
    raw = cells.given("month")
    found = MONTH.match(raw.strip()) if raw else None
    if raw and (found is None or not 1 <= int(found[2]) <= 12):
        cells.fail("month", f"month must look like 2023-07 or 2023年7月, not {raw!r}")
        return None
    return int(found[1]) * 100 + int(found[2]) if found else None


def import_governance(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """The city's monthly ranking of its districts' governance satisfaction: each month in the file replaces that
    month, or nothing changes.  A percentage from 0 to 100 (92.73 or 92.73%); the rank is given for every row of a
    month or for none (then worked out from the month's percentages)."""
    report = ImportReport("metrics.governance")
    rows: dict[int, list[tuple[Cells, str, float, int | None]]] = {}
    seen: dict[tuple[int, str], int] = {}
    for cells in _rows("governance", filename, data, report):
        month, district = _month(cells), cells.text("district", limit=64)
        cells.fields["value"] = cells.fields.get("value", "").strip().removesuffix("%")
        value = cells.amount("value", float, 0, 100)
        rank = cells.amount("rank", int, 1, 100) if cells.fields.get("rank") else None
        if month is not None and district:
            if (month, district) in seen:
                cells.fail(
                    "district", f"{district} is already ranked for {month_text(month)} on row {seen[month, district]}"
                )
            seen.setdefault((month, district), cells.number)
            if value is not None:
                rows.setdefault(month, []).append((cells, district, value, rank))
    for month, entries in rows.items():
        given = [e for e in entries if e[3] is not None]
        if given and len(given) != len(entries):
            for cells, *_ in (e for e in entries if e[3] is None):
                cells.fail("rank", f"{month_text(month)}: a rank is given for some districts, not for this one")
    if report.errors:
        return report
    now = datetime.now(UTC)
    tx.session.execute(delete(GovernanceScore).where(GovernanceScore.month.in_(list(rows))))
    for month, entries in rows.items():
        values = sorted((v for _, _, v, _ in entries), reverse=True)
        for _, district, value, rank in entries:
            tx.session.add(
                GovernanceScore(
                    month=month,
                    district=district,
                    value=value / 100,
                    source=filename[-64:],
                    rank=rank if rank is not None else values.index(value) + 1,
                    updated_at=now,
                )
            )
    tx.session.flush()
    report.imported = sum(len(entries) for entries in rows.values())
    return report


def month_text(month: int) -> str:
    return f"{month // 100}-{month % 100:02d}"
