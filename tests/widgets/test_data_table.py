"""A DataTable's columns fit their contents when the first rows arrive, whichever way the model places them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from citybrain.widgets.collection_model import CollectionTableModel, Column
from citybrain.widgets.data_table import DataTable

WHEN = "2026-11-26 14:13:52 (a long time text)"


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_columns_fit_the_first_rows(qtbot, order):
    model = CollectionTableModel([Column("at", "T"), Column("detail", "Detail")])
    table = DataTable(model, sort_column=0, order=order)
    qtbot.addWidget(table)
    model.apply({1: {"at": WHEN, "detail": "x"}})  # descending: placed by a relayout, not appended
    model.apply({2: {"at": WHEN, "detail": "y"}})
    assert table.view.horizontalHeader().sectionSize(0) >= table.fontMetrics().horizontalAdvance(WHEN)


def test_a_table_made_with_rows_fits_them_when_shown_or_saved(qtbot):
    """Rows from the start (a desk's own list): fitted once, when first shown; saved unshown (a layout kept with
    the table behind another tab), the widths are the fitted ones, not Qt's default."""
    model = CollectionTableModel([Column("at", "T"), Column("detail", "Detail")])
    model.apply({1: {"at": WHEN, "detail": "x"}})
    unshown = DataTable(model, stretch=None)
    qtbot.addWidget(unshown)
    assert unshown.save_settings()["widths"][0] >= unshown.fontMetrics().horizontalAdvance(WHEN)
    shown = DataTable(model, stretch=None)
    qtbot.addWidget(shown)
    default = shown.view.horizontalHeader().sectionSize(0)
    shown.resize(900, 300)  # room for both columns whole
    shown.show()
    qtbot.waitExposed(shown)
    width = shown.view.horizontalHeader().sectionSize(0)
    assert width != default and width >= shown.fontMetrics().horizontalAdvance(WHEN)


def test_tab_leaves_the_table_and_arrows_move_inside(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    model = CollectionTableModel([Column("a", "A"), Column("b", "B")])
    model.reset({i: {"a": f"r{i}", "b": i} for i in range(5)})
    window = QWidget()
    layout = QVBoxLayout(window)
    table, after = DataTable(model), QLineEdit()
    layout.addWidget(table)
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.view.setFocus()
    table.view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table.view, Qt.Key.Key_Down)
    assert table.view.currentIndex().row() == 1 and table.view.hasFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Tab)
    assert after.hasFocus()


def test_columns_fit_the_width_without_a_horizontal_scrollbar(qtbot):
    long = "上海市虹口区欧阳路街道某某小区某某号楼某某单元" * 2
    model = CollectionTableModel([Column("a", "A"), Column("b", "B"), Column("c", "C"), Column("d", "D")])
    table = DataTable(model)
    qtbot.addWidget(table)
    table.resize(520, 300)
    table.show()
    qtbot.waitExposed(table)
    model.reset({i: {"a": long, "b": long, "c": long, "d": "x"} for i in range(3)})
    header = table.view.horizontalHeader()
    assert sum(header.sectionSize(i) for i in range(4)) <= table.view.viewport().width()
    assert not table.view.horizontalScrollBar().isVisible()
    assert table.view.textElideMode() == Qt.TextElideMode.ElideRight  # the middle of a Chinese name tells it apart
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == long  # and the whole text is a hover away
    header.resizeSection(0, 400)  # the operator widens a column: it stays so
    table.resize(600, 300)
    qtbot.waitUntil(lambda: table.view.viewport().width() > 520)
    assert header.sectionSize(0) == 400


def test_columns_fit_again_when_the_walls_type_arrives_after_the_rows(qtbot):
    """The wall's sheet reaches a page after its first rows: fitted at desk size, its columns were cut to a few
    characters of 32 px type."""
    model = CollectionTableModel([Column("name", "Name"), Column("where", "Where"), Column("note", "Note")])
    model.apply(
        {i: {"id": i, "name": f"燃气泄漏 incident {i}", "where": "嘉兴路街道 虹口区", "note": ""} for i in range(3)}
    )
    table = DataTable(model)
    qtbot.addWidget(table)
    table.resize(1800, 400)
    table.show()
    qtbot.waitExposed(table)
    desk_width = table.view.horizontalHeader().sectionSize(0)
    table.setStyleSheet("QTableView { font-size: 32px; }")
    qtbot.waitUntil(lambda: table.view.horizontalHeader().sectionSize(0) > desk_width * 1.5)


def test_when_columns_do_not_fit_only_the_widest_are_cut(qtbot):
    """Cut in proportion, every column lost a little: the enterprise's name and its code were elided beside a long
    reason.  Now the names and codes keep their width and the long text gives up the room."""
    from citybrain.shell.testing import clipped_columns

    name, code, reason = (
        "上海联通制造有限公司",
        "91310109CE8HE4ABL1",
        "社保参保人数：近 2 个月同比下降 52%（月均 29，上年同期 60 人）" * 2,
    )
    model = CollectionTableModel(
        [
            Column("name", "Enterprise"),
            Column("code", "Credit code"),
            Column("reason", "Main reason"),
            Column("officer", "Officer"),
        ]
    )
    table = DataTable(model)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    model.reset({i: {"name": name, "code": code, "reason": reason, "officer": "陈杰"} for i in range(3)})
    wanted = table._wanted
    least = max(8 * table.fontMetrics().averageCharWidth(), table.view.horizontalHeader().defaultSectionSize())
    reason_room = (max(wanted[:2]) + wanted[2]) // 2  # less than the reason asks, more than the others
    table.resize(wanted[0] + wanted[1] + reason_room + least + (table.width() - table.view.viewport().width()), 300)
    qtbot.waitUntil(lambda: table.view.horizontalHeader().sectionSize(2) < wanted[2])
    header = table.view.horizontalHeader()
    assert sum(header.sectionSize(i) for i in range(4)) <= table.view.viewport().width()
    assert clipped_columns(table.view) == ["Main reason"]
    # its title ends in "…", the whole title in the tooltip (the header's default clipped it at both ends)
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Main reason"


def test_a_table_of_figures_gives_the_room_to_its_names(qtbot):
    """``stretch=0``: the figures as wide as their headers, the name column takes what is left (the last column
    of a key-figures table stretched across the window, its count far from its name)."""
    columns = [Column("name", "Compound"), Column("devices", "Devices"), Column("raised", "District alarms 24 h")]
    model = CollectionTableModel(columns)
    table = DataTable(model, stretch=0)
    qtbot.addWidget(table)
    table.resize(1200, 300)
    table.show()
    qtbot.waitExposed(table)
    model.reset({i: {"name": f"花园新村第{i}居委会", "devices": 120 + i, "raised": i} for i in range(3)})
    header = table.view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) > 600)  # the names' column has the room
    last = header.fontMetrics().horizontalAdvance("District alarms 24 h")
    assert last <= header.sectionSize(2) < last + 60  # as wide as its header, not stretched
    assert sum(header.sectionSize(i) for i in range(3)) == table.view.viewport().width()
    saved = table.save_settings()
    again = DataTable(CollectionTableModel(columns), stretch=0)
    qtbot.addWidget(again)
    again.restore_settings(saved)
    assert [again.view.horizontalHeader().sectionSize(i) for i in range(3)] == saved["widths"]


def test_an_empty_table_says_why(qtbot):
    model = CollectionTableModel([Column("a", "A")])
    table = DataTable(model)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    table.set_empty_text("No alarm needs the district now.")
    assert table.empty.isVisible() and table.empty.text() == "No alarm needs the district now."
    model.reset({1: {"a": "x"}})
    assert not table.empty.isVisible()
    model.reset({})
    assert table.empty.isVisible()


def test_a_filter_that_hides_every_row_says_so(qtbot):
    model = CollectionTableModel([Column("a", "A")])
    table = DataTable(model, filter_placeholder="Filter…")
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    model.reset({1: {"a": "login"}})
    table.filter.setText("error")
    assert table.empty.isVisible() and "error" in table.empty.text()
    table.filter.setText("log")
    assert not table.empty.isVisible()
