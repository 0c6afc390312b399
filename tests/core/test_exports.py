"""Every Excel export writes text as text: a citizen's "=1+1" or "@SUM(A1)" reads back as exactly that string, never
a formula, through each plugin's own export query against a real daemon (and the desk-side writers directly)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from citybrain.core.exports import append_row, workbook_bytes, write_cell

HOSTILE = ("=1+1", "+cmd", "@SUM(A1)")


def _cells(data: bytes) -> dict[str, tuple[str, bool]]:
    """Every string-valued cell of every sheet: value -> (data type, quote prefix)."""
    book = load_workbook(io.BytesIO(data))
    return {
        c.value: (c.data_type, c.quotePrefix)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }


def _assert_text(data: bytes, texts: tuple[str, ...] = HOSTILE) -> None:
    cells = _cells(data)
    for text in texts:
        assert cells.get(text) == ("s", True), (text, cells.get(text))


def test_strings_stay_text_and_other_values_keep_their_type():
    book = Workbook()
    append_row(book.active, [*HOSTILE, "-2", "\tx", "#N/A", "plain", 5, 2.5, None, date(2026, 1, 2)])
    write_cell(book.active, 3, 1, '=HYPERLINK("http://x")')
    data = workbook_bytes(book)
    _assert_text(data, (*HOSTILE, "-2", "\tx", '=HYPERLINK("http://x")'))
    cells = _cells(data)
    assert cells["#N/A"] == ("s", False) and cells["plain"] == ("s", False)  # an error code's text is text too
    row = [c.value for c in load_workbook(io.BytesIO(data)).active[1]]
    assert row[7:9] == [5, 2.5] and row[10] == datetime(2026, 1, 2)


# -- each plugin's export, through its own query on a real daemon ----------------------------------------------
def _enterprise(client) -> bytes:
    exported = client.query("enterprise.export").result(30)["result"]
    book = load_workbook(io.BytesIO(exported))
    for row, text in enumerate(HOSTILE, start=2):  # names of three enterprises, written back through the import
        write_cell(book.worksheets[0], row, 2, text)
    data = workbook_bytes(book)
    client.command(
        "import", {"kind": "enterprise.enterprises", "filename": "export.xlsx", "data": data}, timeout=60
    ).result(60)
    return client.query("enterprise.export").result(30)["result"]


def _assets(client) -> bytes:
    data = ("name,address\n" + "".join(f'"{t}",玉田路{n}号\n' for n, t in enumerate(HOSTILE))).encode()
    client.command("import", {"kind": "assets.warehouses", "filename": "w.csv", "data": data}, timeout=60).result(60)
    return client.query("assets.export", {"kind": "warehouses"}).result(30)["result"]


def _duty_log(client) -> bytes:
    now = datetime.now(UTC)
    for text in HOSTILE:
        entry = {"event_at": now.isoformat(), "category": "call", "unit": "区应急局", "text": text, "corrects": None}
        client.command("duty.log", entry).result(30)
    window = {
        "start": (now - timedelta(hours=1)).isoformat(),
        "end": (now + timedelta(hours=1)).isoformat(),
        "category": None,
        "text": None,
    }
    from citybrain.plugins.duty.reports import log_document, log_workbook

    return log_workbook(log_document(client.query("duty.log.export", window).result(30)["result"]))  # as the desk does


@pytest.mark.parametrize("export", [_enterprise, _assets, _duty_log], ids=["enterprise", "assets", "duty-log"])
def test_a_plugins_export_query_writes_citizens_text_as_text(citybrain_daemon, export):
    _assert_text(export(citybrain_daemon.client(login="duty")))


# -- exports written without the daemon: the roster's shape, the desk's drill-down and table exports ------------
def test_the_roster_export_writes_names_as_text():
    from citybrain.plugins.duty.roster import duty_setup, export_roster

    header = next(iter(duty_setup().headers.values()))
    records = [
        {
            "date": f"2026-03-0{n}",
            "unit": header.unit,
            "position": header.position,
            "shift": header.shift.code,
            "person": text,
        }
        for n, text in enumerate(HOSTILE, start=1)
    ]
    _assert_text(export_roster(records, duty_setup(), date(2026, 3, 1)))


def test_the_desk_side_writers_write_text_as_text(tmp_path, qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from citybrain.plugins.metrics.export import write_records
    from citybrain.widgets.table_export import export_xlsx

    write_records([{"title": text, "count": 1} for text in HOSTILE], tmp_path / "drill.xlsx")
    _assert_text((tmp_path / "drill.xlsx").read_bytes())
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["内容"])
    for text in HOSTILE:
        model.appendRow(QStandardItem(text))
    assert export_xlsx(model, tmp_path / "table.xlsx", "工单") == 3
    _assert_text((tmp_path / "table.xlsx").read_bytes())
