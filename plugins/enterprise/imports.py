"""Spreadsheet imports: the enterprise registry and monthly indicators, from our own sheets or the district's
through a column mapping (configs/enterprise/mappings.toml).  Every row is checked first; an invalid credit
code, a duplicate, an unknown subdistrict or industry refuses the whole file, saying row and column."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, tuple_

from citybrain.core.api import ImportReport, RowError, Transaction, append_rows
from citybrain.core.district import SUBDISTRICT, Tree
from citybrain.core.sheets import ColumnMapping, pick_mapping, read_sheet, shipped_mappings
from citybrain.plugins.enterprise import ENTERPRISES, SIZES, config, creditcode
from citybrain.plugins.enterprise.tables import Enterprise, IndicatorValue
from citybrain.plugins.enterprise.tagging import with_tags
from citybrain.plugins.enterprise.warnings import scan

REQUIRED = {
    "enterprises": ("credit_code", "name", "industry", "subdistrict", "size"),
    "indicators": ("credit_code", "month"),
}
YES, NO = ("yes", "y", "true", "1", "是"), ("no", "n", "false", "0", "否", "")
MONTH = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})月?(?:[-/.](\d{1,2})日?)?$")


@dataclass
class Sheet:
    """A sheet read through its mapping: each row's fields, and the errors found, with the file's column names."""

    mapping: ColumnMapping
    report: ImportReport
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def error(self, row: int, field_name: str, message: str) -> None:
        self.report.errors.append(RowError(row, self.mapping.columns.get(field_name, field_name), message))


def _read(kind: str, filename: str, data: bytes) -> Sheet:
    sheet = read_sheet(filename, data)
    mapping = pick_mapping(shipped_mappings("enterprise"), kind, sheet, filename, REQUIRED[kind])
    report = ImportReport(
        f"enterprise.{kind}", rows=len(sheet.rows), notes=[f"read with the column mapping {mapping.name!r}"]
    )
    out = Sheet(mapping, report, [(n, mapping.read(cells)) for n, cells in sheet.rows])
    for n, fields in out.rows:
        for name in REQUIRED[kind]:
            if not fields.get(name):
                out.error(n, name, f"{name} is empty")
    return out


def _credit_codes(sheet: Sheet) -> dict[int, str]:
    """Each row's credit code when it is valid (problems reported)."""
    codes = {}
    for n, fields in sheet.rows:
        code = creditcode.normalise(fields.get("credit_code", ""))
        if code:
            problem = creditcode.problem(code)
            if problem:
                sheet.error(n, "credit_code", problem)
            else:
                codes[n] = code
    return codes


def _number(sheet: Sheet, n: int, name: str, raw: str, low: float, high: float) -> float | None:
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        sheet.error(n, name, f"{name} must be a number from {low:g} to {high:g}, not {raw!r}")
    return value


def _contacts(sheet: Sheet, n: int, raw: str) -> list[dict]:
    """``name:phone; name:phone:role`` (full-width separators too)."""
    people = []
    for part in filter(None, (p.strip() for p in raw.replace("；", ";").split(";"))):
        bits = [b.strip() for b in part.replace("：", ":").split(":")]
        if len(bits) < 2 or not all(bits[:2]):
            sheet.error(n, "contacts", f"{part!r}: write contacts as name:phone (a role may follow), separated by ';'")
            continue
        people.append({"name": bits[0], "phone": bits[1]} | ({"role": bits[2]} if len(bits) > 2 else {}))
    return people


def _subdistricts(tx: Transaction) -> dict[str, str]:
    """Subdistricts by code and by name."""
    units = [u for u in Tree.load(tx.session).units.values() if u["kind"] == SUBDISTRICT]
    return {u["code"]: u["code"] for u in units} | {u["name"]: u["code"] for u in units}


def import_enterprises(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """Merged by credit code: a known enterprise is updated, a new one added."""
    sheet = _read("enterprises", filename, data)
    codes, places = _credit_codes(sheet), _subdistricts(tx)
    first: dict[str, int] = {}
    values: list[dict] = []
    for n, f in sheet.rows:
        code = codes.get(n)
        if code in first:
            sheet.error(n, "credit_code", f"{code} is already on row {first[code]}")
        elif code:
            first[code] = n
        division = config.industries().division(f["industry"]) if f["industry"] else ""
        if division is None:
            sheet.error(n, "industry", f"{f['industry']!r} is not a GB/T 4754-2017 division (two digits, 01-97)")
        subdistrict = places.get(f["subdistrict"])
        if f["subdistrict"] and subdistrict is None:
            sheet.error(n, "subdistrict", f"unknown subdistrict {f['subdistrict']!r} (not in the district's org tree)")
        if f["size"] and f["size"].casefold() not in SIZES:
            sheet.error(n, "size", f"size is one of {', '.join(SIZES)}, not {f['size']!r}")
        key_flag = f.get("key_enterprise", "").casefold()
        if key_flag not in YES + NO:
            sheet.error(n, "key_enterprise", f"key_enterprise is yes or no, not {f['key_enterprise']!r}")
        if len(f["name"]) > 200 or len(f.get("address", "")) > 300:
            sheet.error(n, "name", "name (200) or address (300) is too long")
        if len(f.get("officer", "")) > 100:
            sheet.error(n, "officer", "officer is at most 100 characters")
        lat = _number(sheet, n, "lat", f["lat"], 18, 54) if f.get("lat") else None
        lon = _number(sheet, n, "lon", f["lon"], 73, 136) if f.get("lon") else None
        values.append(
            {
                "credit_code": code,
                "name": f["name"],
                "industry": division,
                "subdistrict": subdistrict,
                "address": f.get("address", ""),
                "lat": lat,
                "lon": lon,
                "size": f["size"].casefold(),
                "key_enterprise": key_flag in YES,
                "officer": f.get("officer", ""),
                "contacts": json.dumps(_contacts(sheet, n, f.get("contacts", "")), ensure_ascii=False),
            }
        )
    if sheet.report.errors:
        return sheet.report
    known = {e.credit_code: e for e in tx.session.scalars(select(Enterprise).where(Enterprise.credit_code.in_(first)))}
    for row in values:
        target = known.get(row["credit_code"]) or Enterprise()
        for name, value in row.items():
            setattr(target, name, value)
        tx.session.add(target)
    tx.session.flush()
    changed = [t.record() for t in tx.session.scalars(select(Enterprise).where(Enterprise.credit_code.in_(first)))]
    for record in with_tags(changed):
        tx.put(ENTERPRISES, record)
    sheet.report.imported = len(values)
    return sheet.report


def month_of(raw: str) -> str | None:
    """``2026-10``, ``2026/10``, ``202610``, ``2026年10月``, ``2026-10-01`` -> ``2026-10``; None if not a month."""
    match = MONTH.match(raw.strip())
    try:  # a day, when given, must be one of that month's (2026-02-31 is a typing slip, not February)
        date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)) if match else None
    except ValueError:
        return None
    return f"{match.group(1)}-{int(match.group(2)):02d}" if match else None


def import_indicators(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """One row per enterprise and month, one column per indicator; an empty cell is no figure (not zero)."""
    sheet = _read("indicators", filename, data)
    codes = _credit_codes(sheet)
    ids = dict(
        tx.session.execute(
            select(Enterprise.credit_code, Enterprise.id).where(Enterprise.credit_code.in_(set(codes.values())))
        ).all()
    )
    seen: dict[tuple[str, str], int] = {}
    figures: dict[tuple[int, str, str], float] = {}
    empty = 0  # rows without a single figure: read, nothing to keep
    for n, f in sheet.rows:
        code, month = codes.get(n), month_of(f["month"]) if f["month"] else None
        if f["month"] and month is None:
            sheet.error(n, "month", f"month must look like 2026-10, not {f['month']!r}")
        if code and code not in ids:
            sheet.error(n, "credit_code", f"{code} is not in the registry: import the enterprise first")
        if code and month and (code, month) in seen:
            sheet.error(n, "month", f"{code} {month} is already on row {seen[(code, month)]}")
        seen.setdefault((code or "", month or ""), n)
        empty += not any(f.get(indicator) for indicator in config.rules().indicators)
        for indicator in config.rules().indicators:
            raw = f.get(indicator, "")
            value = _number(sheet, n, indicator, raw, 0, 1e12) if raw else None
            if value is not None and code in ids and month:
                figures[(ids[code], indicator, month)] = value
    if sheet.report.errors:
        return sheet.report
    write_figures(tx, figures)
    sheet.report.imported = len(sheet.rows) - empty
    if empty:
        sheet.report.notes.append(f"{empty} rows had no figure at all: nothing kept from them")
    result = scan(tx)  # new figures: the warnings as they now stand
    sheet.report.notes.append(f"early warning over {result['month']}: {result['warned']} enterprises warned")
    return sheet.report


def write_figures(tx: Transaction, figures: dict[tuple[int, str, str], float]) -> None:
    """Upsert figures by (enterprise, indicator, month): known ones updated, the rest appended in bulk."""
    keys = list(figures)
    known = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        key_columns = tuple_(IndicatorValue.enterprise_id, IndicatorValue.indicator, IndicatorValue.month)
        for row in tx.session.scalars(select(IndicatorValue).where(key_columns.in_(chunk))):
            known[(row.enterprise_id, row.indicator, row.month)] = row
    for key, row in known.items():
        row.value = figures[key]
    append_rows(
        tx.session,
        IndicatorValue,
        [
            {"enterprise_id": e, "indicator": i, "month": m, "value": v}
            for (e, i, m), v in figures.items()
            if (e, i, m) not in known
        ],
    )
