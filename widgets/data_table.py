"""A table of one collection with a filter box, sortable headers and settings a layout can keep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QVBoxLayout, QWidget

from citybrain.widgets.collection_model import CollectionTableModel


class DataTable(QWidget):
    """``save_settings()`` / ``restore_settings()`` keep the filter, the sort and the column widths."""

    def __init__(self, model: CollectionTableModel, *, sort_column: int | None = None,
                 order: Qt.SortOrder = Qt.SortOrder.AscendingOrder, filter_placeholder: str | None = None,
                 parent: QWidget | None = None) -> None:
        """``filter_placeholder`` given: a filter box above the table (a short table needs none)."""
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(filter_placeholder or "")
        self.predicate: Callable[[dict], bool] | None = None  # a view's own filter, kept under the typed one
        self.filter.textChanged.connect(lambda text: model.set_filter(text, self.predicate))
        self.filter.setVisible(filter_placeholder is not None)
        layout.addWidget(self.filter)
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        if sort_column is not None:
            self.view.sortByColumn(sort_column, order)
        layout.addWidget(self.view, 1)
        self._sized = False  # columns fit their contents once, when the first rows arrive (any font: desk or wall)
        model.modelReset.connect(self._fit_columns)
        model.rowsInserted.connect(self._fit_columns)
        model.layoutChanged.connect(self._fit_columns)  # rows a sorted model places among others arrive so
        self._fit_columns()

    def set_predicate(self, predicate: Callable[[dict], bool] | None) -> None:
        """Show only records passing ``predicate`` (a checkbox's "only what is late"), as well as the typed text."""
        self.predicate = predicate
        self.model.set_filter(self.filter.text(), predicate)

    def selected(self) -> list[dict]:
        """The selected records, in the order the table shows them."""
        return [self.model.record_at(r) for r in sorted({i.row() for i in self.view.selectionModel().selectedRows()})]

    def _fit_columns(self, *_: object) -> None:
        if self._sized or self.model.rowCount() == 0:
            return
        self._sized = True
        self.view.resizeColumnsToContents()
        header, most = self.view.horizontalHeader(), self.fontMetrics().averageCharWidth() * 40
        for i in range(header.count() - 1):  # the last one stretches to the edge
            header.resizeSection(i, min(header.sectionSize(i) + 12, most))

    def save_settings(self) -> dict[str, Any]:
        header = self.view.horizontalHeader()
        return {"filter": self.filter.text(), "sort_column": header.sortIndicatorSection(),
                "descending": header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
                "widths": [header.sectionSize(i) for i in range(header.count())]}

    def restore_settings(self, settings: dict[str, Any]) -> None:
        self.filter.setText(str(settings.get("filter", "")))
        column = settings.get("sort_column")
        if isinstance(column, int) and 0 <= column < self.model.columnCount():
            order = Qt.SortOrder.DescendingOrder if settings.get("descending") else Qt.SortOrder.AscendingOrder
            self.view.sortByColumn(column, order)
        header = self.view.horizontalHeader()
        widths = [w for w in settings.get("widths", [])[: header.count() - 1] if isinstance(w, int) and w > 0]
        for i, width in enumerate(widths):  # the last one stretches
            header.resizeSection(i, width)
        self._sized = self._sized or bool(widths)


class TableSettings:
    """For a view whose settings are its table's (filter, sort, column widths): the two methods layouts call."""

    table: DataTable

    def save_settings(self) -> dict:
        return self.table.save_settings()

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
