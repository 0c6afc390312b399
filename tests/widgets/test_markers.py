"""Severity markers: a shape per level in the first cell, its name or label beside it, never a row fill."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QImage

from citybrain.shell.i18n import install_translator
from citybrain.widgets import palette
from citybrain.widgets.collection_model import CollectionTableModel, Column
from citybrain.widgets.data_table import DataTable
from citybrain.widgets.palette import Marker

COLUMNS = [Column("name", "Name"), Column("state", "State")]
RECORDS: dict[Hashable, dict[str, Any]] = {
    1: {"name": "泵房", "state": "a", "mark": Marker("urgent", "waiting")},
    2: {"name": "北门", "state": "b", "mark": Marker("high", "outline", "overdue")},
    3: {"name": "东楼", "state": "c", "mark": "low"},
    4: {"name": "西楼", "state": "d", "mark": None},
    5: {"name": "南楼", "state": "e", "mark": "normal"},
}  # not a level: no marker


def model() -> CollectionTableModel:
    m = CollectionTableModel(COLUMNS, severity=lambda r: r["mark"])
    m.reset(RECORDS)
    return m


def pixels(level: str, style: str, size: int = 32) -> QImage:
    return palette.marker_icon(level, style).pixmap(size, size).toImage()


def test_each_level_has_its_own_shape_and_an_outline_differs_from_a_fill(qapp):
    shapes = {level: pixels(level, "steady") for level in palette.SEVERITY}
    masks = {level: bytes(image.createAlphaMask().constBits()) for level, image in shapes.items()}
    assert len(set(masks.values())) == len(masks)  # told apart without their colours
    assert pixels("urgent", "waiting") == pixels("urgent", "steady")
    outline, filled = pixels("urgent", "outline"), pixels("urgent", "steady")
    assert outline != filled
    assert filled.pixelColor(16, 16).alpha() == 255 and outline.pixelColor(16, 16).alpha() == 0  # a hollow centre


def test_the_marker_is_in_the_first_cell_and_no_row_is_filled(qapp):
    m = model()
    roles = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
    for row in range(m.rowCount()):
        for column in range(m.columnCount()):
            assert all(m.data(m.index(row, column), role) is None for role in roles)
            if column:
                assert m.data(m.index(row, column), Qt.ItemDataRole.DecorationRole) is None
    icons = [m.data(m.index(row, 0), Qt.ItemDataRole.DecorationRole) for row in range(5)]
    assert [icon is not None for icon in icons] == [True, True, True, False, False]
    assert m.data(m.index(0, 0)) == "urgent · 泵房"
    assert m.data(m.index(1, 0)) == "overdue · 北门"  # the callback's label says what is wrong
    assert m.data(m.index(3, 0)) == "西楼"
    assert m.data(m.index(0, 1)) == "a"  # only the first cell carries it


def test_waiting_is_bold_and_only_waiting(qapp):
    m = model()
    assert m.data(m.index(0, 1), Qt.ItemDataRole.FontRole).bold()
    assert all(m.data(m.index(row, 0), Qt.ItemDataRole.FontRole) is None for row in (1, 2, 3))


def test_level_names_are_translated(qapp):
    install_translator(qapp, "zh_CN")
    try:
        assert [palette.level_name(x) for x in palette.SEVERITY] == ["紧急", "高", "中", "低", "数据过期"]
        assert model().data(model().index(2, 0)) == "低 · 东楼"
    finally:
        install_translator(qapp, "en")


@pytest.mark.parametrize("focused", [False, True])
def test_a_selected_row_keeps_its_marker(qtbot, focused):
    table = DataTable(model())
    qtbot.addWidget(table)
    table.resize(400, 200)
    table.show()
    qtbot.waitExposed(table)
    if focused:
        table.view.setFocus()
        qtbot.waitUntil(table.view.hasFocus)
    view = table.view
    cell = view.model().index(table.model.row_of(1), 0)  # the urgent one, wherever the table sorted it
    view.selectionModel().select(
        cell, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert table.selected()[0]["name"] == "泵房"
    rect = view.visualRect(cell)
    image = view.viewport().grab(rect).toImage()
    urgent = QColor(palette.URGENT)
    marked = sum(image.pixelColor(x, y) == urgent for x in range(image.width()) for y in range(image.height()))
    assert marked > 20  # the diamond's own red, untinted by the selection
