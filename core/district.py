"""The district's organisation: district → subdistricts → neighbourhood committees → grids and compounds,
plus departments and property companies, each with contacts and the people on duty.

Every module locates things in this tree, and cases escalate up it: a
compound's property company first, then its committee, its subdistrict and
the district.  Units are imported from spreadsheets (merged by code, all or
nothing) or seeded by the demo.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, String, Text, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import ImportReport, RowError
from citybrain.core.sheets import read_sheet
from citybrain.core.storage.engine import Base

DISTRICT, SUBDISTRICT, COMMITTEE, GRID, COMPOUND = "district", "subdistrict", "committee", "grid", "compound"
DEPARTMENT, PROPERTY = "department", "property_company"
KINDS = (DISTRICT, SUBDISTRICT, COMMITTEE, GRID, COMPOUND, DEPARTMENT, PROPERTY)
PARENT_KINDS: dict[str, tuple[str | None, ...]] = {  # what a unit of each kind may hang under
    DISTRICT: (None,),
    SUBDISTRICT: (DISTRICT,),
    COMMITTEE: (SUBDISTRICT,),
    GRID: (COMMITTEE,),
    COMPOUND: (COMMITTEE, GRID),
    DEPARTMENT: (DISTRICT,),
    PROPERTY: (DISTRICT, SUBDISTRICT),
}
OWNERS = (PROPERTY, DEPARTMENT, GRID, COMMITTEE, SUBDISTRICT, DISTRICT)  # kinds that can own a case
COLUMNS = ("code", "name", "kind", "parent", "property_company", "address", "lat", "lon", "contacts", "on_duty")


class OrgUnit(Base):
    __tablename__ = "cb_org_units"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    parent: Mapped[str | None] = mapped_column(String(32), index=True)
    property_company: Mapped[str | None] = mapped_column(String(32))  # compounds: who manages them
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float)  # WGS84
    lon: Mapped[float | None] = mapped_column(Float)
    contacts: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"name", "role", "phone"}]
    on_duty: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"name", "phone"}]

    def as_record(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent,
            "property_company": self.property_company,
            "address": self.address,
            "lat": self.lat,
            "lon": self.lon,
            "contacts": json.loads(self.contacts or "[]"),
            "on_duty": json.loads(self.on_duty or "[]"),
        }


@dataclass(frozen=True)
class Tree:
    """The units by code, with the walks every module needs."""

    units: Mapping[str, dict]

    @classmethod
    def load(cls, session: Session) -> Tree:
        """The tree as this transaction sees it, read once per transaction (or savepoint): kept in the session's
        ``info`` until the transaction ends or writes org units (``_drop_tree``).  The demo's seeding
        asked 45 times in one transaction."""
        if session.autoflush:
            session.flush()  # as the query would: org units still pending reach _drop_tree first
        kept = session.info.get(_TREE)
        if kept is not None and kept[0] is _innermost(session):
            return kept[1]
        tree = cls({u.code: u.as_record() for u in session.scalars(select(OrgUnit))})
        session.info[_TREE] = (_innermost(session), tree)
        return tree

    def ancestors(self, code: str) -> list[str]:
        out, seen = [], {code}
        parent = self.units.get(code, {}).get("parent")
        while parent and parent not in seen:
            out.append(parent)
            seen.add(parent)
            parent = self.units.get(parent, {}).get("parent")
        return out

    def escalation_chain(self, code: str) -> list[str]:
        """Who owns a problem at ``code``, level by level: property company, committee, subdistrict, district.

        A grid's staff own a problem in their grid first; compounds own nothing themselves; a department's or a
        property company's own problems go up to their parent.
        """
        unit = self.units.get(code)
        if unit is None:
            return []
        chain = [unit["property_company"]] if unit["kind"] == COMPOUND and unit.get("property_company") else []
        return chain + [c for c in [code, *self.ancestors(code)] if self.units[c]["kind"] in OWNERS]

    def root(self) -> str | None:
        """The district at the top of the tree (None: no tree yet)."""
        return next((c for c, u in self.units.items() if u["kind"] == DISTRICT and not u.get("parent")), None)

    def under(self) -> dict[str, list[str]]:
        """Each unit's units right under it: by ``parent``, and a property company's compounds (which hang under
        their committee). A session in a unit sees this tree's subtree of it (core/daemon/units.py)."""
        children: dict[str, list[str]] = {}
        for code, info in self.units.items():
            if info.get("parent"):
                children.setdefault(info["parent"], []).append(code)
            if info["kind"] == COMPOUND and info.get("property_company"):
                children.setdefault(info["property_company"], []).append(code)
        return children

    def holders(self, code: str) -> set[str]:
        """The units whose subtree (:meth:`under`) holds ``code``: itself, its ancestors and, for a compound, its
        property company and theirs. A figure placed at each of them counts ``code`` (per-unit aggregates)."""
        found, todo = {code}, [code]
        while todo:
            info = self.units.get(todo.pop(), {})
            above = [info.get("parent")]
            if info.get("kind") == COMPOUND:
                above.append(info.get("property_company"))
            for unit in above:
                if unit and unit not in found:
                    found.add(unit)
                    todo.append(unit)
        return found

    def subdistrict_of(self, code: str) -> str | None:
        return next(
            (c for c in [code, *self.ancestors(code)] if self.units.get(c, {}).get("kind") == SUBDISTRICT), None
        )


ORG_CHANGED = "citybrain.org_changed"  # Session.info: this transaction wrote org units
_TREE = "citybrain.org_tree"  # Session.info: (the transaction Tree.load read it in, the tree)


def _innermost(session: Session) -> object:
    return session.get_nested_transaction() or session.get_transaction()


def note_changes(session: Session, flush_context: object, instances: object) -> None:
    """A ``before_flush`` listener: marks a transaction that adds, changes or deletes org units (the daemon then
    makes its sessions' subtrees again, docs/protocol.md "Units")."""
    if _writes_units(session):
        session.info[ORG_CHANGED] = True


def _writes_units(session: Session) -> bool:
    return any(isinstance(o, OrgUnit) for o in (*session.new, *session.dirty, *session.deleted))


@event.listens_for(Session, "before_flush")
def _drop_tree(session: Session, flush_context: object, instances: object) -> None:
    """Any session's: the tree ``Tree.load`` kept is dropped when the transaction writes org units."""
    if _TREE in session.info and _writes_units(session):
        del session.info[_TREE]


def _people(text: str, row: int, column: str, errors: list[RowError]) -> list[dict]:
    """``name:phone; name:phone`` (a role may follow the phone: ``name:phone:role``)."""
    people = []
    for part in filter(None, (p.strip() for p in text.replace("；", ";").split(";"))):
        bits = [b.strip() for b in part.replace("：", ":").split(":")]
        if len(bits) < 2 or not bits[0] or not bits[1]:
            errors.append(RowError(row, column, f"{part!r}: write people as name:phone, separated by ';'"))
            continue
        person = {"name": bits[0], "phone": bits[1]}
        if len(bits) > 2:
            person["role"] = bits[2]
        people.append(person)
    return people


def parse_units(filename: str, data: bytes, existing: Mapping[str, dict]) -> tuple[list[dict], ImportReport]:
    """Every row checked against the sheet and the units already known; the report lists each problem."""
    sheet = read_sheet(filename, data)
    report = ImportReport("org_units", rows=len(sheet.rows))
    missing = [c for c in ("code", "name", "kind") if c not in sheet.columns]
    if missing:
        report.errors.append(
            RowError(1, None, f"missing column(s): {', '.join(missing)}; expected {', '.join(COLUMNS)}")
        )
        return [], report
    units: list[dict] = []
    rows_of: dict[str, int] = {}
    for row, cells in sheet.rows:
        code, kind = cells["code"], cells["kind"]
        for column in ("code", "name", "kind"):
            if not cells[column]:
                report.errors.append(RowError(row, column, f"{column} is empty"))
        if kind and kind not in KINDS:
            report.errors.append(RowError(row, "kind", f"unknown kind {kind!r}; one of {', '.join(KINDS)}"))
        if code in rows_of:
            report.errors.append(RowError(row, "code", f"duplicate code {code} (first in row {rows_of[code]})"))
            continue
        if code:
            rows_of[code] = row
        unit: dict[str, Any] = {  # a row of org_units as stored: text, people lists, coordinates
            "code": code,
            "name": cells["name"],
            "kind": kind,
            "parent": cells.get("parent") or None,
            "property_company": cells.get("property_company") or None,
            "address": cells.get("address", ""),
            "contacts": _people(cells.get("contacts", ""), row, "contacts", report.errors),
            "on_duty": _people(cells.get("on_duty", ""), row, "on_duty", report.errors),
        }
        for axis in ("lat", "lon"):
            try:
                unit[axis] = float(cells[axis]) if cells.get(axis) else None
            except ValueError:
                report.errors.append(RowError(row, axis, f"{cells[axis]!r} is not a number"))
        units.append(unit)
    merged = {**existing, **{u["code"]: u for u in units if u["code"]}}
    for unit in units:
        _check_links(unit, merged, rows_of.get(unit["code"], 0), report.errors)
    report.errors.sort(key=lambda e: e.row)
    report.imported = 0 if report.errors else len(units)
    return units, report


def _check_links(unit: dict, merged: Mapping[str, dict], row: int, errors: list[RowError]) -> None:
    parent, kind = unit["parent"], unit["kind"]
    if parent is not None and parent not in merged:
        errors.append(RowError(row, "parent", f"unknown parent {parent}"))
    elif kind in PARENT_KINDS:
        seen, walk = [unit["code"]], parent
        while walk is not None and walk in merged:
            if walk in seen:
                errors.append(RowError(row, "parent", "cycle: " + " → ".join([*seen[seen.index(walk) :], walk])))
                return
            seen.append(walk)
            walk = merged[walk]["parent"]
        parent_kind = merged[parent]["kind"] if parent else None
        if parent_kind not in PARENT_KINDS[kind]:
            allowed = ", ".join(k or "no parent" for k in PARENT_KINDS[kind])
            errors.append(RowError(row, "parent", f"a {kind} hangs under {allowed}, not {parent_kind or 'nothing'}"))
    company = unit["property_company"]
    if company is not None and merged.get(company, {}).get("kind") != PROPERTY:
        errors.append(RowError(row, "property_company", f"{company} is not a known property company"))


def save_units(session: Session, units: Iterable[dict]) -> list[dict]:
    """Insert or update units by code; returns their records as stored."""
    out = []
    for unit in units:
        row = session.get(OrgUnit, unit["code"]) or OrgUnit(code=unit["code"])
        for key in ("name", "kind", "parent", "property_company", "address", "lat", "lon"):
            setattr(row, key, unit.get(key))
        row.address = row.address or ""
        row.contacts = json.dumps(unit.get("contacts", []), ensure_ascii=False)
        row.on_duty = json.dumps(unit.get("on_duty", []), ensure_ascii=False)
        session.add(row)
        out.append(row.as_record())
    return out
