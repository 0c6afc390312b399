"""The baseline of the table benchmarks: a Qt table model that only counts its rows, the least any model does.
Imported after :func:`benchmarks.qt.qapp`, inside the Qt benchmarks, so non-Qt benchmarks never load Qt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class BareTableModel(QAbstractTableModel):
    """``rows`` (appended to in place by a benchmark) in ``columns`` columns, with no data to show."""

    def __init__(self, rows: list, columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return self.columns

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None
