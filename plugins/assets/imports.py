"""Registry imports: warehouses, stock, shelters, teams — from our own sheets or anyone else's through a column
mapping (configs/assets/mappings.toml: the Sahana Eden sheets are mapped there).  Every row is checked first; any
problem refuses the whole file, saying row and column (the file's own column name)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select

from citybrain.core.api import ImportReport, RowError, Transaction, bundled, utcnow
from citybrain.core.sheets import ColumnMapping, load_mappings, mapped_rows
from citybrain.plugins.assets import records
from citybrain.plugins.assets.tables import Equipment, Expert, Shelter, Supply, Team, Warehouse
from citybrain.plugins.assets.taxonomy import TAXONOMY

MAPPINGS = load_mappings(bundled("citybrain.configs", "assets", "mappings.toml").read_text(encoding="utf-8"))
REQUIRED = {
    "warehouses": ("name",),
    "stock": ("warehouse", "category", "item", "unit", "quantity"),
    "shelters": ("name", "capacity"),
    "teams": ("name", "type"),
    "equipment": ("name", "type"),
    "experts": ("name", "field"),
}
SHELTER_STATES = ("open", "closed")


def key(name: str) -> str:
    """Names compared as people mean them: without case or surrounding spaces ("NROC Warehouse B ")."""
    return " ".join(name.split()).casefold()


class Row:
    """One row's fields, read and checked; problems go to the report with the file's own column name."""

    def __init__(self, number: int, fields: dict[str, str], mapping: ColumnMapping, report: ImportReport) -> None:
        self.number, self.fields, self.mapping, self.report = number, fields, mapping, report

    def error(self, field: str, message: str) -> None:
        self.report.errors.append(RowError(self.number, self.mapping.columns.get(field, field), message))

    def text(self, field: str, required: bool = False, limit: int = 200) -> str:
        value = self.fields.get(field, "")
        if required and not value:
            self.error(field, f"{field} is empty")
        elif len(value) > limit:
            self.error(field, f"{field} is longer than {limit} characters")
        return value

    def integer(self, field: str, default: int = 0) -> int:
        raw = self.fields.get(field, "").replace(",", "")
        if not raw:
            if field in REQUIRED.get(self.mapping.kind, ()):
                self.error(field, f"{field} is empty")
            return default
        try:
            value = int(float(raw)) if float(raw).is_integer() else None
        except ValueError:
            value = None
        if value is None or value < 0:
            self.error(field, f"{field} must be a whole number of at least 0, not {raw!r}")
            return default
        return value

    def coordinate(self, field: str, low: float, high: float) -> float | None:
        raw = self.fields.get(field, "")
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            self.error(field, f"{field} must be a number from {low} to {high}, not {raw!r}")
            return None
        return value

    def day(self, field: str) -> date | None:
        raw = self.fields.get(field, "")
        if not raw:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.error(field, f"{field} must be a date like 2027-06-30, not {raw!r}")
            return None


def _rows(kind: str, filename: str, data: bytes, report: ImportReport) -> list[Row]:
    mapping, rows = mapped_rows(MAPPINGS, kind, filename, data, REQUIRED[kind], report)
    return [Row(number, fields, mapping, report) for number, fields in rows]


def _importer(
    kind: str, check: Callable[[Transaction, list[Row]], list[Callable[[], None]]]
) -> Callable[[Transaction, str, bytes], ImportReport]:
    """Read with a mapping, ``check`` every row (returning what to write), write only when nothing was wrong."""

    def handle(tx: Transaction, filename: str, data: bytes) -> ImportReport:
        report = ImportReport(f"assets.{kind}")
        writes = check(tx, _rows(kind, filename, data, report))
        if not report.errors:
            for write in writes:
                write()
            tx.session.flush()
            records.publish_all(tx)
            report.imported = len(writes)
        return report

    return handle


Named = TypeVar("Named", Warehouse, Shelter, Expert, Team, Equipment)  # the imported kinds, found by name
Card = TypeVar("Card", Team, Equipment)  # T-cards


def _by_name(tx: Transaction, model: type[Named]) -> dict[str, Named]:
    return {key(o.name): o for o in tx.session.scalars(select(model))}


def _upsert(
    tx: Transaction, existing: dict[str, Any], model: type, name: str, values: dict[str, Any]
) -> Callable[[], None]:
    def write() -> None:
        target = existing.get(key(name)) or model(name=name)
        for field, value in values.items():
            setattr(target, field, value)
        tx.session.add(target)

    return write


def _unique(rows: list[Row], field: str) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        name = key(row.fields.get(field, ""))
        if name and name in seen:
            row.error(field, f"{row.fields[field]!r} is already on row {seen[name]}")
        seen.setdefault(name, row.number)


def check_warehouses(tx: Transaction, rows: list[Row]) -> list[Callable[[], None]]:
    _unique(rows, "name")
    existing = _by_name(tx, Warehouse)
    return [
        _upsert(
            tx,
            existing,
            Warehouse,
            r.text("name", required=True),
            {
                "address": r.text("address", limit=300),
                "manager": r.text("manager"),
                "contact": r.text("contact", limit=100),
                "hours": r.text("hours", limit=100),
                "lat": r.coordinate("lat", -90, 90),
                "lon": r.coordinate("lon", -180, 180),
            },
        )
        for r in rows
    ]


def check_shelters(tx: Transaction, rows: list[Row]) -> list[Callable[[], None]]:
    _unique(rows, "name")
    existing = _by_name(tx, Shelter)
    writes = []
    for r in rows:
        status = (r.fields.get("status") or "open").casefold()
        if status not in SHELTER_STATES:
            r.error("status", f"status is one of {', '.join(SHELTER_STATES)}, not {r.fields['status']!r}")
        writes.append(
            _upsert(
                tx,
                existing,
                Shelter,
                r.text("name", required=True),
                {
                    "address": r.text("address", limit=300),
                    "capacity": r.integer("capacity"),
                    "occupancy": r.integer("occupancy"),
                    "status": status,
                    "lat": r.coordinate("lat", -90, 90),
                    "lon": r.coordinate("lon", -180, 180),
                },
            )
        )
    return writes


def _cards(
    tx: Transaction, rows: list[Row], model: type[Card], read: Callable[[Row], dict]
) -> list[Callable[[], None]]:
    """T-cards (teams, vehicles and equipment): a new one starts available; a known one keeps its status."""
    _unique(rows, "name")
    known = _by_name(tx, model)
    writes = []
    for r in rows:
        values = read(r)
        if key(r.fields.get("name", "")) not in known:
            values |= {"status": "available", "status_since": utcnow(), "assignment": ""}
        writes.append(_upsert(tx, known, model, r.text("name", required=True), values))
    return writes


def check_teams(tx: Transaction, rows: list[Row]) -> list[Callable[[], None]]:
    return _cards(
        tx,
        rows,
        Team,
        lambda r: {
            "type": r.text("type", required=True, limit=100),
            "headcount": r.integer("headcount"),
            "leader": r.text("leader", limit=100),
            "contact": r.text("contact", limit=100),
            "base": r.text("base", limit=300),
            "equipment": r.text("equipment", limit=2000),
        },
    )


def check_equipment(tx: Transaction, rows: list[Row]) -> list[Callable[[], None]]:
    return _cards(
        tx,
        rows,
        Equipment,
        lambda r: {
            "type": r.text("type", required=True, limit=100),
            "identifier": r.text("identifier", limit=100),
            "base": r.text("base", limit=300),
            "contact": r.text("contact", limit=100),
        },
    )


def check_experts(tx: Transaction, rows: list[Row]) -> list[Callable[[], None]]:
    _unique(rows, "name")
    existing = _by_name(tx, Expert)
    return [
        _upsert(
            tx,
            existing,
            Expert,
            r.text("name", required=True, limit=100),
            {
                "field": r.text("field", required=True),
                "organisation": r.text("organisation"),
                "phone": r.text("phone", limit=100),
                "note": r.text("note", limit=2000),
            },
        )
        for r in rows
    ]


def check_stock(tx: Transaction, rows: list[Row]) -> list[Callable[[], None]]:
    """Stock lines by (warehouse, item, unit): a count replaces the quantity; the same line twice in one file
    (two donors, say) adds up; a count below what requests have reserved is refused."""
    warehouses = _by_name(tx, Warehouse)
    lines: dict[tuple[int, str, str], dict[str, Any]] = {}
    for r in rows:
        house = warehouses.get(key(r.fields.get("warehouse", "")))
        if house is None and r.fields.get("warehouse"):
            r.error("warehouse", f"unknown warehouse {r.fields['warehouse']!r}: import the warehouses first")
        category = r.text("category", required=True)
        if category and category not in TAXONOMY.codes:
            r.error(
                "category",
                f"category {r.fields['category']!r} is not in the supply taxonomy (or the mapping's category table)",
            )
        item, unit, quantity = (
            r.text("item", required=True),
            r.text("unit", required=True, limit=32),
            r.integer("quantity"),
        )
        values = {
            "category": category,
            "minimum": r.integer("minimum"),
            "expiry": r.day("expiry"),
            "owner": r.text("owner"),
        }
        if house is None or not item or not unit:
            continue
        line = lines.setdefault((house.id, key(item), key(unit)), {"item": item, "unit": unit, "quantity": 0, "row": r})
        line["quantity"] += quantity
        line |= {k: v for k, v in values.items() if v or k not in line}
    existing = {(s.warehouse_id, key(s.item), key(s.unit)): s for s in tx.session.scalars(select(Supply))}
    writes = []
    for ident, line in lines.items():
        supply = existing.get(ident)
        if supply is not None and line["quantity"] < supply.reserved:
            line["row"].error(
                "quantity",
                f"{supply.reserved} {supply.unit} of {supply.item} are reserved for "
                f"requests: the count cannot be {line['quantity']}",
            )
        writes.append(_write_line(tx, supply, ident[0], line))
    return writes


def _write_line(tx: Transaction, supply: Supply | None, warehouse_id: int, line: dict[str, Any]) -> Callable[[], None]:
    def write() -> None:
        target = supply or Supply(warehouse_id=warehouse_id, item=line["item"], unit=line["unit"], reserved=0)
        target.quantity, target.category, target.minimum = line["quantity"], line["category"], line["minimum"]
        target.expiry, target.owner = line["expiry"], line["owner"]
        tx.session.add(target)

    return write


IMPORTERS = {
    "warehouses": _importer("warehouses", check_warehouses),
    "stock": _importer("stock", check_stock),
    "shelters": _importer("shelters", check_shelters),
    "teams": _importer("teams", check_teams),
    "equipment": _importer("equipment", check_equipment),
    "experts": _importer("experts", check_experts),
}
