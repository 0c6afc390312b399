"""A sparkline: the last N values of one figure, no axes, drawn by pyqtgraph."""

from __future__ import annotations

from collections import deque

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from citybrain.widgets import palette


class Sparkline(pg.PlotWidget):
    def __init__(self, points: int = 300, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=palette.PANEL)
        self.values: deque[float] = deque(maxlen=points)
        self.hideAxis("left")
        self.hideAxis("bottom")
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.setMenuEnabled(False)
        self.setFixedHeight(36)
        self.curve = self.plot(pen=pg.mkPen(palette.TEXT_DIM, width=1.5))

    def append(self, value: float) -> None:
        self.values.append(value)
        self.curve.setData(list(self.values))
