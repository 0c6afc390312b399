"""Reading the spreadsheets people actually send: CSV (UTF-8, with or without BOM, or GB18030) and Excel.

Every importer starts here.  Cells come back as stripped strings ('' for
empty), keyed by the header's column names; each row carries the number a
person sees in the sheet (the header is row 1, the first data row is row 2).

A sheet is streamed, never trusted: the header (the first row with anything in it) sets how many columns are
read, cells to its right are never kept, empty rows are skipped without being built (openpyxl's own reader pads
every row to the declared ``<dimension>`` and yields every row in a gap, so a 5 KB file could claim a million
rows of 16,384 cells), and what goes past a cap (rows, header columns, a cell's length, an .xlsx's unpacked size,
a CSV line) is refused like a bad row: :class:`ImportRefused` with the row and the cap named, nothing imported.
The daemon parses an import's sheet in a worker thread before its write transaction (:func:`parse_ahead`, through
:mod:`citybrain.core.parse_ahead`); :func:`read_sheet` inside the importer then takes that parse, so the single
writer never waits on one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import PurePath
from typing import IO, Protocol, cast
from xml.etree.ElementTree import Element

from citybrain.core import parse_ahead as ahead
from citybrain.core.api import ErrorCode, ImportRefused, ImportReport, Refused, RowError, bundled

MAX_ROWS = 100_000  # data rows in one sheet: a bigger register is split into files
MAX_COLUMNS = 256  # columns in the header
MAX_CELL = 32_767  # characters in one cell: Excel's own limit
MAX_UNPACKED = 256 * 2**20  # bytes an .xlsx may unpack to (its parts' declared sizes, which zipfile enforces)
MAX_LINE = 2**20  # characters in one line of a CSV file
MAX_ERRORS = 20  # row errors reported before reading stops
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", "")


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
    raise Refused("the file is neither UTF-8 nor GB18030 text", code=ErrorCode.INVALID_PAYLOAD)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores codes such as 310109009000 as numbers
    return str(value).strip()


class _Refusal(Exception):
    """Reading stops here: the row and what is wrong (raised inside the row streams)."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.error = RowError(row, None, message)


class _StreamedSheet(Protocol):
    """What the stream reads of openpyxl's read-only worksheet and workbook: private parts (their stubs leave
    them out), used since the parse went row by row; tests/core's sheet tests fail if a release renames them."""

    _shared_strings: list[str]

    def _get_source(self) -> AbstractContextManager[IO[bytes]]: ...


class _StreamedBook(Protocol):
    epoch: datetime
    _date_formats: set[int]
    _timedelta_formats: set[int]


class _Width:
    """How many columns the streams keep: the cap while the header is read, then the header's width."""

    def __init__(self, columns: int) -> None:
        self.columns = columns


def _xlsx_rows(filename: str, data: bytes, width: _Width) -> Iterator[tuple[int, dict[int, object]]]:
    """(row number, {column number: value}) for each ``<row>`` element the first worksheet holds, in order; empty
    cells are dropped and cells right of ``width`` kept as one as they stream past; no element is kept once read."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    try:
        unpacked = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Refused(f"{filename} is not a readable Excel workbook: {exc}", code=ErrorCode.INVALID_PAYLOAD) from None
    if unpacked > MAX_UNPACKED:
        raise _Refusal(
            0, f"the workbook unpacks to {unpacked / 2**20:,.0f} MB; at most {MAX_UNPACKED // 2**20} MB are read"
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = cast(_StreamedSheet, book.worksheets[0])
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise Refused(f"{filename} is not a readable Excel workbook: {exc}", code=ErrorCode.INVALID_PAYLOAD) from None
    row_tag, cell_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
    formats = cast(_StreamedBook, book)
    number, cells, stack, in_cell = 0, dict[int, object](), list[Element](), 0
    try:
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=formats.epoch,
                date_formats=formats._date_formats,
                timedelta_formats=formats._timedelta_formats,
            )
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    stack.append(element)
                    if element.tag == cell_tag:
                        in_cell += 1
                    elif element.tag == row_tag:
                        number = int(element.get("r") or number + 1)
                        parser.row_counter, parser.col_counter, cells = number, 0, {}
                    continue
                stack.pop()
                if element.tag == cell_tag:
                    in_cell -= 1
                    cell = parser.parse_cell(element)
                    if _cell(cell["value"]):  # one past the width stands for every cell right of it
                        cells[min(cell["column"], width.columns + 1)] = cell["value"]
                elif element.tag == row_tag:
                    yield number, cells
                if stack and not in_cell:  # read: let it go (a cell's parts stay until the cell is read)
                    stack[-1].remove(element)
    except (_Refusal, Refused):
        raise
    except Exception as exc:  # malformed XML, a bad coordinate or shared-string index
        raise Refused(
            f"{filename}: its first sheet cannot be read near row {number}: {exc}", code=ErrorCode.INVALID_PAYLOAD
        ) from None
    finally:
        book.close()


def _csv_lines(text: str) -> Iterator[str]:
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE:
            raise _Refusal(number, f"line {number} is longer than {MAX_LINE:,} characters")
        yield line


def _csv_rows(data: bytes, width: _Width) -> Iterator[tuple[int, dict[int, object]]]:
    reader = csv.reader(_csv_lines(_text(data)))
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            cells: dict[int, object] = {i: v for i, v in enumerate(row[: width.columns], start=1) if v}
            if any(v.strip() for v in row[width.columns :]):
                cells[width.columns + 1] = "…"  # one past the width stands for every cell right of it
            yield number, cells
    except csv.Error as exc:  # a field over csv's own limit (131,072 characters), a stray quote
        raise _Refusal(number + 1, f"not readable as CSV: {exc}") from None


def _rows(filename: str, data: bytes, width: _Width) -> Iterator[tuple[int, dict[int, object]]]:
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(filename, data, width)
    if suffix in (".csv", ".txt", ""):
        return _csv_rows(data, width)
    raise Refused(f"{filename}: only .csv and .xlsx sheets can be read", code=ErrorCode.INVALID_PAYLOAD)


def _parse(filename: str, data: bytes, max_rows: int, max_columns: int) -> Sheet:
    width = _Width(max_columns)
    columns: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    report = ImportReport("")
    try:
        for number, found in _rows(filename, data, width):
            values = {i: _cell(v) for i, v in found.items()}
            values = {i: v for i, v in values.items() if v}  # a row with text right of the header is not blank
            if not values:
                continue  # blank lines are not rows
            if columns is None:
                if max(values) > max_columns:
                    raise _Refusal(
                        number, f"the header has more than {max_columns:,} columns; at most {max_columns:,} are read"
                    )
                if any(len(v) > MAX_CELL for v in values.values()):
                    raise _Refusal(number, f"a header cell holds more than {MAX_CELL:,} characters")
                width.columns = max(values)
                columns = [values.get(i, "") for i in range(1, width.columns + 1)]
                continue
            if len(rows) == max_rows:
                raise _Refusal(
                    number,
                    f"the sheet has more than {max_rows:,} rows; at most {max_rows:,} are read from one file: split it",
                )
            cells: dict[str, str] = {}
            for i, col in enumerate(columns, start=1):
                value = values.get(i, "")
                if len(value) > MAX_CELL:
                    report.errors.append(
                        RowError(number, col or None, f"{len(value):,} characters; a cell holds at most {MAX_CELL:,}")
                    )
                    value = ""
                if col and not cells.get(col):  # a header twice (it happens): the first filled cell counts
                    cells[col] = value
            rows.append((number, cells))
            if len(report.errors) >= MAX_ERRORS:
                break
    except _Refusal as refusal:
        report.errors.append(refusal.error)
    if report.errors:
        report.rows = len(rows)
        raise ImportRefused(report)
    if columns is None:
        raise Refused(f"{filename} is empty", code=ErrorCode.INVALID_PAYLOAD)
    return Sheet(columns, rows)


def is_sheet(filename: str) -> bool:
    """Whether :func:`read_sheet` reads a file of this name (other importers read TOML, XML…)."""
    return PurePath(filename).suffix.lower() in SHEET_SUFFIXES


def parse_at_caps(filename: str, data: bytes) -> Sheet:
    """The sheet at the default caps: what the daemon parses ahead of an import (:mod:`citybrain.core.parse_ahead`)."""
    return _parse(filename, data, MAX_ROWS, MAX_COLUMNS)


def parse_ahead(filename: str, data: bytes) -> ahead.Parsed:
    """Parse now (in a worker thread), keeping a refusal to raise where the importer reads the sheet: for a
    plugin's own source that feeds an importer (``with await asyncio.to_thread(parse_ahead, name, data): ...``)."""
    return ahead.ahead(parse_at_caps, filename, data)


def read_sheet(filename: str, data: bytes, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> Sheet:
    """Parse ``data`` by the file's extension (.csv, .xlsx): refuses anything else, and what goes past
    ``max_rows`` data rows or ``max_columns`` header columns, with a clear message. At the default caps, an
    import's sheet the daemon parsed ahead (same filename, the very same bytes object) is taken, not parsed again."""
    if (max_rows, max_columns) == (MAX_ROWS, MAX_COLUMNS):
        return ahead.take(parse_at_caps, filename, data)
    return _parse(filename, data, max_rows, max_columns)


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

    def write(self, rows: list[dict]) -> bytes:
        """``rows`` (the importer's fields, already in the sheet's words) as a CSV in this mapping's columns: the
        sheet it reads (demo data written as the source would send it)."""
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns.values())
        for row in rows:
            writer.writerow([row.get(field, "") for field in self.columns])
        return out.getvalue().encode("utf-8")

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

    return [
        ColumnMapping(m["name"], m["kind"], dict(m["columns"]), {k: dict(v) for k, v in m.get("values", {}).items()})
        for m in tomllib.loads(text).get("mappings", [])
    ]


@cache
def shipped_mappings(component: str) -> list[ColumnMapping]:
    """``configs/COMPONENT/mappings.toml``, read when an import first asks for it (never at import): do not change
    the list."""
    return load_mappings(bundled("citybrain.configs", component, "mappings.toml").read_text(encoding="utf-8"))


def pick_mapping(
    mappings: list[ColumnMapping], kind: str, sheet: Sheet, filename: str, required: tuple[str, ...]
) -> ColumnMapping:
    """Of the mappings of ``kind`` that find every ``required`` field's column, the one that finds the most
    columns (the first on a tie); refused, saying what each one lacks, when none does."""
    candidates = [m for m in mappings if m.kind == kind]
    usable = [m for m in candidates if not m.missing(sheet.columns, required)]
    if usable:
        return max(usable, key=lambda m: m.fit(sheet.columns))  # max keeps the first of equals
    lacks = "; ".join(f"{m.name} needs {', '.join(m.missing(sheet.columns, required))}" for m in candidates)
    raise Refused(f"{filename}: no column mapping for {kind} fits its header ({lacks})", code=ErrorCode.INVALID_PAYLOAD)


def mapped_rows(
    mappings: list[ColumnMapping],
    kind: str,
    filename: str,
    data: bytes,
    required: tuple[str, ...],
    report: ImportReport,
) -> tuple[ColumnMapping, list[tuple[int, dict[str, str]]]]:
    """Read a sheet with the best-fitting mapping of ``kind``: its rows as (row number, fields), the row count and
    the mapping's name noted in ``report``."""
    sheet = read_sheet(filename, data)
    mapping = pick_mapping(mappings, kind, sheet, filename, required)
    report.rows = len(sheet.rows)
    report.notes.append(f"read with the column mapping {mapping.name!r}")
    return mapping, [(number, mapping.read(cells)) for number, cells in sheet.rows]
