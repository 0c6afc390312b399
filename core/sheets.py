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

from citybrain.core.api import Refused


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
        rows.append((number, {col: (row[i] if i < len(row) else "") for i, col in enumerate(columns) if col}))
    return Sheet(columns, rows)
