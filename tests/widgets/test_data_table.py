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
