"""Drill-down: from a tile to the KPI's chart by any of its breakdowns, and from a group of the chart to the
records behind it (the KPI's drill query, answered by the plugin that contributed it); the records to Excel."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from citybrain.plugins.metrics import dashboards as dash
from citybrain.plugins.metrics.drill_columns import cell, shown, title
from citybrain.plugins.metrics.figures import figures, provenance as made_up
from citybrain.plugins.metrics.ticket_case import TicketCaseRow, offered
from citybrain.plugins.metrics.tiles import Label, dimension_name, kpi_title, made_up_words
from citybrain.shell.api import DeskContext, ErrorCode, RequestError, tr
from citybrain.widgets import ViewTasks, palette, refusal_text

SHOWN = 200  # records listed at once; the total is said


class DrillDialog(QDialog):
    def __init__(self, ctx: DeskContext, kpi: dict, tile: dash.Tile, label: Label, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.kpi, self.tile, self.label = ctx, kpi, tile, label
        self.tasks = ViewTasks(self)
        self.setWindowTitle(kpi_title(kpi))
        self.resize(1000, 700)
        self.by = QComboBox()
        for dimension in kpi.get("dimensions", []):
            self.by.addItem(dimension_name(dimension), dimension)
        self.by.setCurrentIndex(max(0, self.by.findData(tile.by if tile.kind != "card" else "month")))
        self.by.currentIndexChanged.connect(lambda _: self.show_chart())
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.groups = QListWidget()
        self.groups.currentItemChanged.connect(self._group_chosen)
        self.total = QLabel()
        self.records = QTableWidget(0, 0)
        self.records.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.records.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.records.verticalHeader().hide()
        export = QPushButton(tr("Metrics", "Records to Excel"))
        export.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Metrics", "Breakdown")))
        top.addWidget(self.by)
        self.source = QLabel()  # "Demo data": the chart's figures made up, in words
        top.addWidget(self.source)
        top.addStretch(1)
        top.addWidget(export)
        chart = QSplitter(Qt.Orientation.Horizontal)
        chart.addWidget(self.plot)
        chart.addWidget(self.groups)
        chart.setSizes([700, 300])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(chart)
        body.addWidget(self.records)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addWidget(self.total)
        self.ticket_case = None
        if kpi.get("drill") == "metrics.tickets" and offered(ctx):
            self.ticket_case = TicketCaseRow(ctx, self.selected)
            layout.addWidget(self.ticket_case)
        self.rows: list[dict] = []
        self.show_chart()

    def selected(self) -> dict | None:
        row = self.records.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def dimension(self) -> str:
        return self.by.currentData() or "month"

    def show_chart(self) -> None:
        """The KPI by the chosen breakdown, all groups (bars), and the same groups in the list to pick one."""
        dimension = self.dimension()
        points = dash.series(figures(self.ctx)(dash.record_id(self.kpi["id"], dimension)))
        scale = 100.0 if self.kpi.get("unit") == "%" else 1.0
        self.plot.clear()
        self.plot.addItem(
            pg.BarGraphItem(
                x=list(range(len(points))),
                height=[(v or 0) * scale for _, v in points],
                width=0.7,
                brush=palette.ACCENT,
            )
        )
        self.source.setText(made_up_words(made_up(self.ctx), self.kpi["id"], dimension, [g for g, _ in points]))
        step = max(1, len(points) // 12)
        self.plot.getAxis("bottom").setTicks(
            [[(i, self.label(dimension, g)[:8]) for i, (g, _) in enumerate(points) if i % step == 0]]
        )
        self.groups.clear()
        for group, value in points:
            item = QListWidgetItem(f"{self.label(dimension, group)}  {dash.figure(self.kpi, value)}")
            item.setData(Qt.ItemDataRole.UserRole, group)
            self.groups.addItem(item)

    def _group_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.tasks.start(self.load_records(item.data(Qt.ItemDataRole.UserRole)))

    async def load_records(self, group: Any) -> None:
        """The records behind ``group`` (newest first), from the KPI's drill query."""
        if not self.kpi.get("drill") or not self.ctx.offers(self.kpi["drill"]):
            self.total.setText(tr("Metrics", "No records can be listed for this KPI"))
            return
        try:
            result = await self.ctx.query(
                self.kpi["drill"],
                {"metric": self.kpi["id"], "by": [self.dimension()], "group": [str(group)], "limit": SHOWN},
            )
        except RequestError as exc:  # in the desk's language, from its code; the last group's records go
            self.show_records([])
            self.total.setText(refusal_text(exc, reasons={ErrorCode.INVALID_PAYLOAD: self.not_listed()}))
            return
        self.show_records(result["records"])
        self.total.setText(
            tr("Metrics", "{shown} of {total} records").format(shown=len(self.rows), total=result["total"])
        )

    @staticmethod
    def not_listed() -> str:
        return tr("Metrics", "The records of this group cannot be listed.")

    def show_records(self, rows: list[dict]) -> None:
        """``rows`` under titles in the desk's language, their values as people read them (drill_columns)."""
        self.rows = rows
        fields = shown(rows)
        self.records.setColumnCount(len(fields))
        self.records.setHorizontalHeaderLabels([title(f) for f in fields])
        self.records.setRowCount(len(rows))
        for r, record in enumerate(rows):
            for c, field in enumerate(fields):
                self.records.setItem(r, c, QTableWidgetItem(cell(field, record.get(field), self.label)))
        self.records.resizeColumnsToContents()
        most = self.fontMetrics().averageCharWidth() * 40  # a description elides; its tooltip-free cell still copies
        for c in range(len(fields)):
            self.records.setColumnWidth(c, min(self.records.columnWidth(c), most))

    def export(self) -> None:
        from citybrain.plugins.metrics.export import write_records

        path, _ = QFileDialog.getSaveFileName(
            self, tr("Metrics", "Records to Excel"), f"{self.kpi['id']}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            write_records(self.rows, path)
