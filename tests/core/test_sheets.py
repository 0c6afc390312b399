"""core.sheets against hostile sheets: a declared million-row, 16,384-column range, a sheet wider than its header,
rows and lines past the caps; and the import of one through a real daemon, parsed outside its writer."""

from __future__ import annotations

import io
import threading
import tracemalloc
import zipfile

import pytest
import sheet_plugin
from openpyxl import Workbook

from citybrain.core import sheets
from citybrain.core.api import ImportRefused, Refused
from citybrain.core.client import RequestError
from citybrain.core.sheets import MAX_ROWS, read_sheet

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.worksheets[0].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet_xml(sheet_data: str, dimension: str = "A1:XFD1048576") -> bytes:
    """A real workbook whose first sheet's XML is replaced by ours: a declared range and the rows we write."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([["x"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><dimension ref="{dimension}"/>'
                    f"<sheetData>{sheet_data}</sheetData></worksheet>"
                ).encode()
            book.writestr(name, data)
    return out.getvalue()


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# a header, one row, and a row at the very bottom reaching the last column: 5 KB that openpyxl's own reader
# pads to 1,048,576 rows of 16,384 cells
BOTTOM = _with_sheet_xml(
    f'<row r="1">{_text("A1", "code")}{_text("B1", "name")}</row>'
    f'<row r="2">{_text("A2", "1")}{_text("B2", "甲")}</row>'
    f'<row r="1048576">{_text("A1048576", "2")}{_text("XFD1048576", "far right")}</row>'
)


def test_a_declared_million_rows_is_read_row_by_row_in_bounded_memory():
    assert len(BOTTOM) < 6_000
    tracemalloc.start()
    try:
        sheet = read_sheet("bottom.xlsx", BOTTOM)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sheet.columns == ["code", "name"]
    assert sheet.rows == [(2, {"code": "1", "name": "甲"}), (1048576, {"code": "2", "name": ""})]
    assert peak < 30 * 2**20  # padded, the gap alone is 10^6 rows; a cell per column of them, 1.7e10 cells


def test_rows_past_the_cap_are_refused_naming_the_cap_and_the_row():
    with pytest.raises(ImportRefused) as refused:
        read_sheet("bottom.xlsx", BOTTOM, max_rows=1)
    [error] = refused.value.report.errors
    assert error.row == 1048576 and "more than 1 rows; at most 1 are read" in error.message


def test_a_sheet_wider_than_its_header_is_read_to_the_header_only():
    xml = f'<row r="1">{_text("A1", "a")}{_text("B1", "b")}</row>' + "".join(
        f'<row r="{n}">{"".join(_text(f"{col}{n}", col) for col in ("A", "B", "C", "ZZ", "XFD"))}</row>'
        for n in range(2, 5)
    )
    sheet = read_sheet("wide.xlsx", _with_sheet_xml(xml))
    assert sheet.columns == ["a", "b"]
    assert [cells for _, cells in sheet.rows] == [{"a": "A", "b": "B"}] * 3
    csv_sheet = read_sheet("wide.csv", b"a,b\n1,2,3,4,5\n")
    assert csv_sheet.columns == ["a", "b"] and csv_sheet.rows == [(2, {"a": "1", "b": "2"})]


def test_a_header_past_the_column_cap_is_refused():
    with pytest.raises(ImportRefused) as refused:
        read_sheet("wide.csv", (",".join(f"c{i}" for i in range(300)) + "\n1\n").encode())
    assert "the header has more than 256 columns" in refused.value.report.errors[0].message
    with pytest.raises(ImportRefused):
        read_sheet("wide.xlsx", _with_sheet_xml('<row r="1">' + _text("A1", "a") + _text("XFD1", "z") + "</row>"))


def test_empty_rows_are_skipped_and_row_numbers_kept():
    sheet = read_sheet("gaps.xlsx", _workbook([[None], ["code", "name"], [], [None, None], [310109009000.0, " 甲 "]]))
    assert sheet.columns == ["code", "name"] and sheet.rows == [(5, {"code": "310109009000", "name": "甲"})]
    assert read_sheet("gaps.csv", b"code,name\n\n1,a\n").rows == [(3, {"code": "1", "name": "a"})]


def test_over_long_cells_and_lines_are_refused_row_by_row():
    with pytest.raises(ImportRefused) as refused:
        read_sheet("long.csv", f"a,b\n1,{'x' * 40_000}\n2,ok\n3,{'y' * 40_000}\n".encode())
    assert [(e.row, e.column) for e in refused.value.report.errors] == [(2, "b"), (4, "b")]
    assert "a cell holds at most 32,767" in refused.value.report.errors[0].message
    with pytest.raises(ImportRefused) as refused:
        read_sheet("line.csv", ("a\n" + "," * (2**20 + 1) + "\n").encode())
    assert "line 2 is longer than 1,048,576 characters" in refused.value.report.errors[0].message
    with pytest.raises(ImportRefused) as refused:  # csv's own field limit: a quote never closed
        read_sheet("quote.csv", ('a\n"' + "z\n" * 70_000).encode())
    assert refused.value.report.errors[0].row == 2


def test_a_workbook_that_unpacks_past_the_cap_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 2_000)
    with pytest.raises(ImportRefused) as refused:
        read_sheet("big.xlsx", BOTTOM)
    assert "unpacks to" in refused.value.report.errors[0].message
    with pytest.raises(Refused, match="not a readable Excel workbook"):
        read_sheet("junk.xlsx", b"PK not a zip")


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins={"system": "citybrain.plugins.system.daemon", "sheet": sheet_plugin}, demo=False
    ).add_demo_operators()


def _import(client, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": "sheet.rows", "filename": filename, "data": data}, timeout=60).result(60)


def test_an_import_past_the_row_cap_is_refused_by_the_daemon_parsed_outside_its_writer(daemon, monkeypatch):
    parsed_in: list[str] = []
    parse = sheets._parse

    def watched(*args):
        parsed_in.append(threading.current_thread().name)
        return parse(*args)

    monkeypatch.setattr(sheets, "_parse", watched)
    client = daemon.client(login="operator")
    reply = _import(client, "bottom.xlsx", BOTTOM)["result"]
    assert (reply["rows"], reply["imported"]) == (2, 2)
    rows = "".join(f'<row r="{n}">{_text(f"A{n}", str(n))}</row>' for n in range(2, MAX_ROWS + 3))
    too_many = _with_sheet_xml(f'<row r="1">{_text("A1", "n")}</row>{rows}', dimension="A1")
    with pytest.raises(RequestError) as refused:
        _import(client, "many.xlsx", too_many)
    assert refused.value.code == "import_refused"
    details = refused.value.details
    assert details["kind"] == "sheet.rows" and details["rows"] == MAX_ROWS
    assert details["errors"] == [
        {
            "row": MAX_ROWS + 2,
            "column": None,
            "message": f"the sheet has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} are read from "
            "one file: split it",
        }
    ]
    assert len(parsed_in) == 2 and not any(name.startswith("citybrain-writer") for name in parsed_in)
    assert all(name.startswith("citybrain-writer") for name in sheet_plugin.READ_IN)  # the importer itself did run


def test_a_mapping_writes_the_sheet_it_reads():
    """Demo data is written as the source would send it: the mapping's columns, read back by the same mapping."""
    from citybrain.core.sheets import ColumnMapping, read_sheet

    mapping = ColumnMapping("人社", "seekers", {"id_number": "公民身份号码", "name": "姓名"}, {})
    data = mapping.write([{"id_number": "310109197002030033", "name": "张伟"}, {"name": "王, 秀英"}])
    sheet = read_sheet("s.csv", data)
    assert [mapping.read(cells) for _, cells in sheet.rows] == [
        {"id_number": "310109197002030033", "name": "张伟"},
        {"id_number": "", "name": "王, 秀英"},
    ]
