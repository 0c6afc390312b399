"""Reading the spreadsheets people actually send: CSV (UTF-8, with or without BOM, or GB18030) and Excel.

Every importer starts here.  Cells come back as stripped strings ('' for
empty), keyed by the header's column names; each row carries the number a
person sees in the sheet (the header is row 1, the first data row is row 2).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

from citybrain.core.api import ImportReport, Refused


@dataclass(frozen=True)
class Sheet:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as shown in the sheet, cells by column)


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused("the file is neither UTF-8 nor GB18030 text", code="invalid_payload")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores codes such as 310109009000 as numbers
    return str(value).strip()


def read_sheet(filename: str, data: bytes) -> Sheet:
    """Parse ``data`` by the file's extension (.csv, .xlsx); refuses anything else with a clear message."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
            raise Refused(f"{filename} is not a readable Excel workbook: {exc}", code="invalid_payload") from None
        values = [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
    elif suffix in (".csv", ".txt", ""):
        values = [[c.strip() for c in row] for row in csv.reader(io.StringIO(_text(data)))]
    else:
        raise Refused(f"{filename}: only .csv and .xlsx sheets can be read", code="invalid_payload")
    if not values:
        raise Refused(f"{filename} is empty", code="invalid_payload")
    columns = [c.strip() for c in values[0]]
    rows = []
    for number, row in enumerate(values[1:], start=2):
        if not any(row):
            continue  # blank lines are not rows
        cells: dict[str, str] = {}
        for i, col in enumerate(columns):
            if col and not cells.get(col):  # a header twice (it happens): the first filled cell counts
                cells[col] = row[i] if i < len(row) else ""
        rows.append((number, cells))
    return Sheet(columns, rows)


@dataclass(frozen=True)
class ColumnMapping:
    """How someone else's sheet maps onto an importer's fields: ``columns`` field -> their column name,
    ``values`` field -> {their word: ours} (words compared without case; a word not listed is kept)."""

    name: str
    kind: str
    columns: dict[str, str]
    values: dict[str, dict[str, str]]

    def missing(self, header: list[str], required: tuple[str, ...]) -> list[str]:
        """The columns of ``required`` fields that ``header`` lacks."""
        have = {h.strip().casefold() for h in header}
        return [self.columns.get(f, f) for f in required if self.columns.get(f, f).strip().casefold() not in have]

    def fit(self, header: list[str]) -> int:
        """How many of its columns ``header`` has: the best-fitting mapping reads the sheet."""
        have = {h.strip().casefold() for h in header}
        return sum(column.strip().casefold() in have for column in self.columns.values())

    def read(self, cells: dict[str, str]) -> dict[str, str]:
        """One row's cells as the importer's fields (fields not mapped are absent)."""
        by_name = {k.strip().casefold(): v for k, v in cells.items()}
        out = {}
        for field, column in self.columns.items():
            value = by_name.get(column.strip().casefold(), "").strip()
            table = {k.casefold(): v for k, v in self.values.get(field, {}).items()}
            out[field] = table.get(value.casefold(), value)
        return out


def load_mappings(text: str) -> list[ColumnMapping]:
    """Mappings from TOML: ``[[mappings]]`` with name, kind, columns and optional ``values.FIELD`` tables."""
    import tomllib

    return [ColumnMapping(m["name"], m["kind"], dict(m["columns"]), {k: dict(v) for k, v in m.get("values", {}).items()})
            for m in tomllib.loads(text).get("mappings", [])]


def pick_mapping(mappings: list[ColumnMapping], kind: str, sheet: Sheet, filename: str,
                 required: tuple[str, ...]) -> ColumnMapping:
    """Of the mappings of ``kind`` that find every ``required`` field's column, the one that finds the most
    columns (the first on a tie); refused, saying what each one lacks, when none does."""
    candidates = [m for m in mappings if m.kind == kind]
    usable = [m for m in candidates if not m.missing(sheet.columns, required)]
    if usable:
        return max(usable, key=lambda m: m.fit(sheet.columns))  # max keeps the first of equals
    lacks = "; ".join(f"{m.name} needs {', '.join(m.missing(sheet.columns, required))}" for m in candidates)
    raise Refused(f"{filename}: no column mapping for {kind} fits its header ({lacks})", code="invalid_payload")


def mapped_rows(mappings: list[ColumnMapping], kind: str, filename: str, data: bytes, required: tuple[str, ...],
                report: ImportReport) -> tuple[ColumnMapping, list[tuple[int, dict[str, str]]]]:
    """Read a sheet with the best-fitting mapping of ``kind``: its rows as (row number, fields), the row count and
    the mapping's name noted in ``report``."""
    sheet = read_sheet(filename, data)
    mapping = pick_mapping(mappings, kind, sheet, filename, required)
    report.rows = len(sheet.rows)
    report.notes.append(f"read with the column mapping {mapping.name!r}")
    return mapping, [(number, mapping.read(cells)) for number, cells in sheet.rows]
