"""Editing a dashboard on the desk: add a tile, choose its kind, KPI, breakdown and year, move it, resize it,
remove it.  Changes apply at once and are saved with the layout (the view's settings)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QPushButton, QWidget

from citybrain.plugins.metrics import dashboards as dash
from citybrain.plugins.metrics.tiles import dimension_name, kpi_title
from citybrain.shell.api import tr


class TileEditor(QWidget):
    """The selected tile's settings; emits ``changed(tile or None)`` (None: remove it)."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile: dash.Tile | None = None
        self.kpis: dict[str, dict] = {}
        # not "metric": a widget attribute named like a Qt virtual (QPaintDevice.metric) is taken for an override
        self.kind, self.kpi_box, self.by, self.year = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        kinds = {
            "card": tr("Metrics", "Card"),
            "chart": tr("Metrics", "Chart"),
            "ranking": tr("Metrics", "Ranking"),
            "table": tr("Metrics", "Table"),
        }
        for kind in dash.KINDS:
            self.kind.addItem(kinds[kind], kind)
        form = QFormLayout()
        form.addRow(tr("Metrics", "Kind"), self.kind)
        form.addRow(tr("Metrics", "KPI"), self.kpi_box)
        form.addRow(tr("Metrics", "Breakdown"), self.by)
        form.addRow(tr("Metrics", "Year"), self.year)
        moves = QGridLayout()
        for text, rows, cols, r, c in (("↑", -1, 0, 0, 1), ("←", 0, -1, 1, 0), ("→", 0, 1, 1, 2), ("↓", 1, 0, 2, 1)):
            button = QPushButton(text)
            button.setToolTip(tr("Metrics", "Move the tile"))
            button.clicked.connect(partial(self._move, rows, cols))
            moves.addWidget(button, r, c)
        sizes = QHBoxLayout()
        for text, rows, cols in (
            (tr("Metrics", "Wider"), 0, 1),
            (tr("Metrics", "Narrower"), 0, -1),
            (tr("Metrics", "Taller"), 1, 0),
            (tr("Metrics", "Shorter"), -1, 0),
        ):
            button = QPushButton(text)
            button.clicked.connect(partial(self._resize, rows, cols))
            sizes.addWidget(button)
        self.remove = QPushButton(tr("Metrics", "Remove the tile"))
        self.remove.clicked.connect(lambda: self.changed.emit(None))
        layout = QHBoxLayout(self)
        layout.addLayout(form, 2)
        layout.addLayout(moves)
        layout.addLayout(sizes)
        layout.addWidget(self.remove)
        for box in (self.kind, self.kpi_box, self.by, self.year):
            box.activated.connect(self._edited)
        self.setEnabled(False)

    def set_kpis(self, kpis: dict[str, dict]) -> None:
        self.kpis = kpis
        self.kpi_box.clear()
        for kpi_id, kpi in sorted(kpis.items()):
            self.kpi_box.addItem(kpi_title(kpi), kpi_id)

    def show_tile(self, tile: dash.Tile | None, years: list[int]) -> None:
        """Fill the fields from ``tile`` (the one selected), with the years the KPI has data for."""
        self.tile = tile
        self.setEnabled(tile is not None)
        if tile is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(tile.kind)))
        self.kpi_box.setCurrentIndex(max(0, self.kpi_box.findData(tile.metric)))
        self.by.clear()
        for dimension in self.kpis.get(tile.metric, {}).get("dimensions", []):
            if dimension not in dash.YEARS:
                self.by.addItem(dimension_name(dimension), dimension)
        self.by.setCurrentIndex(max(0, self.by.findData(tile.by)))
        self.year.clear()
        self.year.addItem(tr("Metrics", "Latest"), dash.LATEST)
        for year in sorted(years, reverse=True):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(tile.year)))

    def _edited(self) -> None:
        if self.tile is None:
            return
        metric = self.kpi_box.currentData() or self.tile.metric
        dimensions = self.kpis.get(metric, {}).get("dimensions", [])
        by = self.by.currentData() if self.by.currentData() in dimensions else "month"
        self._apply(
            replace(
                self.tile,
                kind=self.kind.currentData(),
                metric=metric,
                by=by,
                year=self.year.currentData() or dash.LATEST,
            )
        )

    def _move(self, rows: int, cols: int) -> None:
        if self.tile is not None:
            self._apply(self.tile.moved(rows, cols))

    def _resize(self, rows: int, cols: int) -> None:
        if self.tile is not None:
            self._apply(self.tile.resized(rows, cols))

    def _apply(self, tile: dash.Tile) -> None:
        if self.tile is not None:
            self.changed.emit(tile)
