"""A list that says what to do while it is empty, as a line edit's placeholder does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QListWidget, QWidget


class HintList(QListWidget):
    """A QListWidget drawing ``hint`` (greyed, centred, wrapped) over its empty viewport: a pane that shows
    the selected row's details says so before anything is selected, instead of sitting blank."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.count() or not self.hint:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.fontMetrics().height()
        painter.drawText(
            self.viewport().rect().adjusted(margin, margin, -margin, -margin),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            self.hint,
        )
        painter.end()
