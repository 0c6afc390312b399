"""One marker outside a table: the level's shape in its colour and a label saying what is wrong (a KPI card's
"▲ below minimum").  Drawn in the widget's own font, so the wall's large type gets a large marker; the label in
the theme's text colour (the shape carries the colour, as in a table's marker cell)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from citybrain.widgets.palette import Marker, as_marker, level_name, marker_icon


class MarkerLine(QWidget):
    """Hidden when normal; ``set_marker`` a Marker (or a level name) to show one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marker: Marker | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def set_marker(self, marker: Marker | str | None) -> None:
        self.marker = as_marker(marker)
        if self.marker is not None:  # once it has shown a marker, its room stays: the card does not jump
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
        self.setVisible(self.marker is not None)
        self.setToolTip(self.text())
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return "" if self.marker is None else self.marker.label or level_name(self.marker.level)

    def label_font(self) -> QFont:
        """The widget's font, bold for a marker that waits for someone (as in a table)."""
        font = QFont(self.font())
        font.setBold(self.marker is not None and self.marker.style == "waiting")
        return font

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = QFontMetrics(self.label_font())
        height = metrics.height()
        return QSize(height + height // 3 + metrics.horizontalAdvance(self.text()) + 2, height + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.marker is None:
            return
        painter = QPainter(self)
        painter.setFont(self.label_font())
        height = painter.fontMetrics().height()
        marker_icon(self.marker.level, self.marker.style).paint(painter, QRect(0, 1, height, height))
        painter.setPen(self.palette().windowText().color())
        room = self.rect().adjusted(height + height // 3, 0, 0, 0)
        text = painter.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.end()


def threshold_marker(
    value: float | None, lines: tuple[float, float] | list[float] | None, higher_is_better: bool = True
) -> Marker | None:
    """A figure against its warning and alarm lines (a KPI's thresholds): None within them; past the warning line
    ``low``, past the alarm line ``medium`` — a rate over a month or a year asks for a look this shift, never for
    the alarm colours of what needs an operator now — labelled with the line it is past."""
    if value is None or not lines:
        return None
    warning, alarm = lines
    worse = (lambda a, b: a < b) if higher_is_better else (lambda a, b: a > b)
    translate = QCoreApplication.translate
    if worse(value, alarm):
        return Marker(
            "medium",
            "steady",
            translate("Marker", "below the alarm line")
            if higher_is_better
            else translate("Marker", "above the alarm line"),
        )
    if worse(value, warning):
        return Marker(
            "low",
            "steady",
            translate("Marker", "below the warning line")
            if higher_is_better
            else translate("Marker", "above the warning line"),
        )
    return None
