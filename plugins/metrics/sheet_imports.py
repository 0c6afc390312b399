"""Ticket and patrol spreadsheets in the shape the city platform exports (configs/metrics/mappings.toml): every row
checked first, any problem refuses the whole file with row and column (the sheet's own column name)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from citybrain.core.api import ImportReport, RowError, Transaction, bundled
from citybrain.core.district import OrgUnit
from citybrain.core.sheets import ColumnMapping, load_mappings, mapped_rows
from citybrain.plugins.metrics import catalogue
from citybrain.plugins.metrics.store import upsert_ticket
from citybrain.plugins.metrics.tables import CHANNELS, SATISFACTION, TEAM_TYPES, Patrol

MAPPINGS = load_mappings(bundled("citybrain.configs", "metrics", "mappings.toml").read_text(encoding="utf-8"))
REQUIRED = {"tickets": ("id", "received_at", "category"), "patrols": ("team_type", "day", "area", "found", "handled")}
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
    mapping, rows = mapped_rows(MAPPINGS, kind, filename, data, REQUIRED[kind], report)
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
    subdistricts = {name: code for code, name in tx.session.execute(
        select(OrgUnit.code, OrgUnit.name).where(OrgUnit.kind == "subdistrict"))}
    seen: dict[str, int] = {}
    tickets = []
    for cells in _rows("tickets", filename, data, report):
        ident = cells.text("id", limit=64)
        if ident in seen:
            cells.fail("id", f"{ident!r} is already on row {seen[ident]}")
        seen.setdefault(ident, cells.number)
        area = cells.text("subdistrict", limit=64)
        tickets.append({
            "id": ident, "received_at": cells.moment("received_at"), "category": _category(cells, entries, names),
            "channel": cells.choice("channel", CHANNELS) if cells.fields.get("channel") else "phone",
            "subdistrict": subdistricts.get(area, area), "address": cells.text("address", limit=300),
            "lat": cells.amount("lat", float, -90, 90), "lon": cells.amount("lon", float, -180, 180),
            "first_contact_at": cells.moment("first_contact_at"), "handling_unit": cells.text("handling_unit"),
            "resolved": cells.choice("resolved", FLAGS),
            "satisfaction": cells.choice("satisfaction", {s: s for s in SATISFACTION} | {"": None}),
            "reopen_count": cells.amount("reopen_count") or 0, "description": cells.text("description", limit=4000),
            "source": filename[-64:]})
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
        patrols.append(Patrol(team_type=cells.choice("team_type", TEAM_TYPES), day=cells.day("day"),
                              area=cells.text("area", limit=64), found=found or 0, handled=handled or 0,
                              source=filename[-64:]))
    if not report.errors:
        tx.session.add_all(patrols)
        tx.session.flush()
        report.imported = len(patrols)
    return report
