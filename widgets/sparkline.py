"""A sparkline: the last N values of one figure as a thin line, no axes.

Drawn with QPainter rather than pyqtgraph: a KPI card's trend is a few
hundred points, and importing pyqtgraph costs the desk ~0.3 s at start-up
(pyqtgraph is for the real charts of the views that need them).
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from citybrain.widgets import palette


class Sparkline(QWidget):
    def __init__(
        self,
        points: int = 300,
        parent: QWidget | None = None,
        *,
        height: int | None = 36,
        stretch: bool = True,
        from_zero: bool = True,
    ) -> None:
        """``height=None``: grows with its layout (a trend panel) instead of a card's fixed strip.

        ``stretch``: what there is spans the width; else the width is ``points`` samples, the newest on the
        right edge, so a young trend does not pose as ten minutes of history.

        ``from_zero`` False: the line spans its own lowest to highest value (a rate moving between 84 % and 86 %
        a month shows its trend instead of a flat line near the top).
        """
        super().__init__(parent)
        self.values: deque[float] = deque(maxlen=points)
        self.stretch, self.from_zero = stretch, from_zero
        if height is None:
            self.setMinimumHeight(60)
        else:
            self.setFixedHeight(height)
        self.setMinimumWidth(80)
        self._pen = QPen(QColor(palette.TEXT_DIM), 1.5)
        # said while there are fewer than two values, and beside a fixed-width trend that fills less than half its
        # width (a trend panel that just opened: "from when this view opened")
        self.empty_text = ""

    def append(self, value: float) -> None:
        self.values.append(value)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        young = len(self.values) < 2 or (not self.stretch and len(self.values) < (self.values.maxlen or 0) // 2)
        if young and self.empty_text:
            painter = QPainter(self)
            painter.setPen(QColor(palette.TEXT_DIM))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
        if len(self.values) < 2:
            return
        low, high = min(self.values), max(self.values)
        if self.from_zero:
            low = min(0.0, low)  # from zero: noise is not drawn as a cliff
        span = (high - low) or 1.0
        w, h = self.width() - 2, self.height() - 4
        slots = len(self.values) if self.stretch else (self.values.maxlen or len(self.values))
        step = w / (slots - 1)
        x0 = 1 + w - (len(self.values) - 1) * step
        line = QPolygonF([QPointF(x0 + i * step, 2 + h - (v - low) / span * h) for i, v in enumerate(self.values)])
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(line)
        painter.end()
