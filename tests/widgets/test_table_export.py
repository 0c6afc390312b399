"""Exporting a table writes what the view shows: its filter, its order, its columns' text, its markers' labels."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from citybrain.widgets.collection_model import CollectionTableModel, Column
from citybrain.widgets.data_table import DataTable
from citybrain.widgets.palette import Marker


def test_export_is_the_view_not_the_collection(qtbot, tmp_path):
    model = CollectionTableModel(
        [Column("name", "Name"), Column("stock", "Stock", format=lambda v: f"{v} pcs")],
        severity=lambda r: Marker("low", label="expiring") if r["stock"] < 5 else None,
    )
    model.apply({i: {"id": i, "name": f"tent {i}", "stock": i} for i in range(10)})
    table = DataTable(model, sort_column=1, order=Qt.SortOrder.DescendingOrder, filter_placeholder="filter")
    qtbot.addWidget(table)
    table.filter.setText("tent")
    table.set_predicate(lambda r: r["stock"] % 2 == 0)  # what this operator chose to see: the even ones

    count = table.export_to(tmp_path / "shown.xlsx")

    rows = list(load_workbook(tmp_path / "shown.xlsx").active.iter_rows(values_only=True))
    assert count == 5 and rows[0] == ("Name", "Stock")
    assert [r[1] for r in rows[1:]] == ["8 pcs", "6 pcs", "4 pcs", "2 pcs", "0 pcs"]  # the view's order and text
    assert rows[-1][0] == "expiring · tent 0" and rows[1][0] == "tent 8"  # the marker's label, as shown
    assert not (tmp_path / "shown.xlsx.part").exists()


def test_a_failed_export_leaves_nothing_under_the_name(qtbot, tmp_path, monkeypatch):
    model = CollectionTableModel([Column("name", "Name")])
    model.apply({1: {"id": 1, "name": "x"}})
    table = DataTable(model)
    qtbot.addWidget(table)
    warned = []
    monkeypatch.setattr("citybrain.widgets.data_table.QMessageBox.warning", lambda *a: warned.append(a[2]))
    assert table.export_to(tmp_path / "no-such-folder" / "x.xlsx") is None
    assert warned and "no-such-folder" in warned[0]
