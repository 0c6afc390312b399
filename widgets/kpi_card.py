"""A KPI card: a title, one big figure, a detail line; orange only when abnormal."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from citybrain.widgets.accents import accent, repolish


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
        self.detail = QLabel("")
        accent(self.detail, "kpiDetail")
        for label in (self.title, self.value, self.detail):
            layout.addWidget(label)
        self.extra_layout = layout

    def set_value(self, text: str, detail: str = "", abnormal: bool = False) -> None:
        self.value.setText(text)
        self.detail.setText(detail)
        if self.value.property("abnormal") != abnormal:
            self.value.setProperty("abnormal", abnormal)
            repolish(self.value)
