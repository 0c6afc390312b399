"""A KPI card: a title, one big figure, a marker when something is abnormal, a detail line.

The figure stays grey (ISA-101): what is wrong is said by a marker (``set_value(..., marker=Marker(...))``: the
level's shape and colour and a label), the same marker as a table's.  ``abnormal=True`` (orange figure) is kept for
views not yet moved to markers."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from citybrain.widgets.accents import accent, repolish
from citybrain.widgets.marker_line import MarkerLine
from citybrain.widgets.palette import Marker


class KpiCard(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accent(self, "kpiCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(title)
        accent(self.title, "kpiTitle")
        self.value = QLabel("—")
        accent(self.value, "kpiValue")
        self.marker = MarkerLine()
        self.detail = QLabel("")
        accent(self.detail, "kpiDetail")
        for label in (self.title, self.value, self.marker, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)  # cards side by side keep their figures on one line, marked or not
        self.extra_layout = layout  # what a view adds goes to the bottom (a sparkline)

    def set_value(
        self, text: str, detail: str = "", abnormal: bool = False, marker: Marker | str | None = None
    ) -> None:
        self.value.setText(text)
        self.detail.setText(detail)
        self.marker.set_marker(marker)
        if self.value.property("abnormal") != abnormal:
            self.value.setProperty("abnormal", abnormal)
            repolish(self.value)
