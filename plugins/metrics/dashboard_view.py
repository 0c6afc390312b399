"""The dashboard view (desk and wall): one configured dashboard as a grid of tiles, refreshed when the daemon
publishes new KPI values; editing (add, move, resize, choose KPI and breakdown) saved with the layout; drill-down
from a tile to its chart and records; exports to PNG, PDF and Excel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from citybrain.plugins.metrics import CATALOGUE, CATEGORIES, UNIT_VALUES, VALUES, dashboards as dash
from citybrain.plugins.metrics.editor import TileEditor
from citybrain.plugins.metrics.figures import Published, desk_unit, figures, provenance as made_up
from citybrain.plugins.metrics.tiles import TileBase, make_tile
from citybrain.shell.api import DeskContext, tr, tr_noop
from citybrain.widgets import palette

if TYPE_CHECKING:
    from citybrain.plugins.metrics.drill_view import DrillDialog

UNITS, CASE_TYPES = "org.units", "cases.types"
WHY = {
    "past the last column": tr_noop("Metrics", "past the last column"),
    "another tile is there": tr_noop("Metrics", "another tile is there"),
}
SELECTED = f"QFrame#metricTile {{ border: 2px solid {palette.ACCENT}; }}"  # the tile being edited


def language() -> str:
    from PySide6.QtCore import QLocale

    return QLocale().name()


class Labels:
    """What people read for a group: subdistrict and category names instead of codes."""

    def __init__(self, ctx: Published) -> None:
        self.ctx = ctx

    def __call__(self, dimension: str, group: Any) -> str:
        if dimension in ("subdistrict", "area", "department", "unit", "compound"):  # org units by name (or as given)
            unit = self.ctx.record(UNITS, group)
            return unit["name"] if unit else str(group or tr("Metrics", "(none)"))
        category = self.ctx.record(CATEGORIES, group) if dimension in ("category", "subcategory") else None
        if category:  # the hotline's catalogue; another plugin's categories are named below
            return category["name"]
        if dimension == "team_type":
            return {
                "inspection": tr("Metrics", "Inspection"),
                "enforcement": tr("Metrics", "Enforcement"),
                "supervision": tr("Metrics", "Supervision"),
            }.get(group, str(group))
        if dimension == "type":
            kind = self.ctx.record(CASE_TYPES, group)
            return kind["name"] if kind else str(group)
        if dimension not in ("month", "year", "hotline_year"):  # a time reads as it is (and charts label many)
            for kpi in self.ctx.records(CATALOGUE):  # names a contributing plugin gave its groups
                named = (kpi.get("labels") or {}).get(dimension, {}).get(str(group))
                if named:  # a name marked tr_noop("Metrics", …) reads in the desk's language; data stays as given
                    return tr("Metrics", named)
        return str(group) if group not in ("", None) else tr("Metrics", "(none)")


class DashboardBoard(QWidget):
    """The tiles of one dashboard on a grid (no controls): the part the wall shows and exports draw."""

    def __init__(self, ctx: Published, dashboard: dash.Dashboard, large: bool = False) -> None:
        super().__init__()
        self.setObjectName("dashboardBoard")
        self.ctx, self.dashboard, self.large = ctx, dashboard, large
        self.labels = Labels(ctx)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(8)
        self.tiles: list[TileBase] = []
        self.on_tile: Callable[[TileBase], None] | None = None  # drill-down, or selection while editing
        self.build()

    def kpis(self) -> dict[str, dict]:
        return {k["id"]: k for k in self.ctx.records(CATALOGUE)}

    def build(self) -> None:
        for widget in self.tiles:
            self.grid.removeWidget(widget)
            widget.hide()  # gone from the screen now, deleted when Qt gets round to it
            widget.deleteLater()
        kpis = self.kpis()
        self.tiles = []
        for tile in self.dashboard.tiles:
            widget = make_tile(tile, kpis.get(tile.metric, {"id": tile.metric, "title": tile.metric}), self.large)
            widget.drill_requested.connect(self._clicked)
            self.grid.addWidget(widget, tile.row, tile.col, tile.rowspan, tile.colspan)
            self.tiles.append(widget)
        for column in range(self.dashboard.columns):
            self.grid.setColumnStretch(column, 1)
        self.refresh()

    def refresh(self) -> None:
        record = figures(self.ctx)
        provenance = made_up(self.ctx)
        for widget in self.tiles:
            widget.refresh(record, self.labels, provenance)

    def _clicked(self, widget: TileBase) -> None:
        if self.on_tile is not None:
            self.on_tile(widget)


class DashboardView(QWidget):
    """A dashboard chosen from the configured ones, its board, and the tools: edit, drill, export."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.configured = {d.id: d for d in dash.shipped()}
        self.edited: dict[str, dash.Dashboard] = {}  # dashboards changed on this desk (saved with the layout)
        self.choice = QComboBox()
        for board in self.configured.values():
            self.choice.addItem(board.name(language()), board.id)
        self.choice.currentIndexChanged.connect(lambda _: self.show_dashboard())
        self.edit = QPushButton(tr("Metrics", "Edit"))
        self.edit.setCheckable(True)
        self.edit.toggled.connect(self._editing)
        self.add = QPushButton(tr("Metrics", "Add a tile"))
        self.add.clicked.connect(self.add_tile)
        self.add.setVisible(False)
        tools = QHBoxLayout()
        tools.addWidget(self.choice)
        tools.addWidget(self.edit)
        tools.addWidget(self.add)
        self.whose = QLabel()  # on a unit's desk: whose figures these are
        tools.addWidget(self.whose)
        tools.addStretch(1)
        for text, kind in (
            (tr("Metrics", "Export PNG"), "png"),
            (tr("Metrics", "Export PDF"), "pdf"),
            (tr("Metrics", "Export tables to Excel"), "xlsx"),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, kind=kind: self.export(kind))
            tools.addWidget(button)
        self.editor = TileEditor()
        self.editor.changed.connect(self._tile_changed)
        self.editor.setVisible(False)
        self.message = QLabel()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(tools)
        self.layout_.addWidget(self.editor)
        self.layout_.addWidget(self.message)
        self.selected: int | None = None
        self.drill: DrillDialog | None = None
        self.board = self._new_board()
        for collection in (VALUES, UNIT_VALUES):
            ctx.on_change(collection, self.refresh)
        ctx.on_change(CATALOGUE, self.rebuild)
        ctx.on_operator(lambda _: self.refresh())  # moved to another unit: that unit's figures
        self.say_whose()

    def say_whose(self) -> None:
        unit = desk_unit(self.ctx)
        name = (self.ctx.record(UNITS, unit) or {}).get("name", unit) if unit else ""
        self.whose.setText(
            tr("Metrics", "Figures of {unit} where a KPI is counted per unit; the others are the district's").format(
                unit=name
            )
            if unit
            else ""
        )

    def current(self) -> dash.Dashboard:
        key = self.choice.currentData()
        return self.edited.get(key) or self.configured[key]

    def show_dashboard(self) -> None:
        self.layout_.removeWidget(self.board)
        self.board.hide()
        self.board.deleteLater()
        self.board = self._new_board()

    def _new_board(self) -> DashboardBoard:
        """The chosen dashboard's board, placed, nothing selected on it."""
        board = DashboardBoard(self.ctx, self.current())
        board.on_tile = self._tile_clicked
        self.layout_.addWidget(board, 1)
        self.selected = None
        self.editor.set_kpis(board.kpis())
        self.editor.show_tile(None, [])
        return board

    def refresh(self) -> None:
        self.say_whose()
        self.board.refresh()

    def rebuild(self) -> None:
        self.board.build()
        self.editor.set_kpis(self.board.kpis())

    # -- editing ---------------------------------------------------------------------------------------------
    def _editing(self, on: bool) -> None:
        self.editor.setVisible(on)
        self.add.setVisible(on)
        self.message.setText(tr("Metrics", "Click a tile to change it") if on else "")

    def _tile_clicked(self, widget: TileBase) -> None:
        if not self.edit.isChecked():
            self.open_drill(widget)
            return
        self.selected = self.board.tiles.index(widget)
        years = (
            [
                int(g)
                for g, _ in dash.series(
                    figures(self.ctx)(dash.record_id(widget.tile.metric, dash.year_dimension(widget.kpi) or ""))
                )
            ]
            if dash.year_dimension(widget.kpi)
            else []
        )
        self.editor.show_tile(widget.tile, years)
        for tile in self.board.tiles:
            tile.setStyleSheet(SELECTED if tile is widget else "")

    def change_dashboard(self, tiles: tuple[dash.Tile, ...]) -> None:
        board = replace(self.current(), tiles=tiles)
        self.edited[board.id] = board
        self.board.dashboard = board
        self.board.build()

    def _tile_changed(self, tile: dash.Tile | None) -> None:
        if self.selected is None:
            return
        tiles = list(self.current().tiles)
        if tile is None:
            tiles.pop(self.selected)
            self.selected = None
        else:
            why = dash.placed(tuple(tiles), self.selected, tile, self.current().columns)
            if why is not None:
                reason = tr("Metrics", WHY[why])
                self.message.setText(tr("Metrics", "The tile stays where it is: {why}").format(why=reason))
                return
            tiles[self.selected] = tile
            self.message.setText(tr("Metrics", "Click a tile to change it"))
        self.change_dashboard(tuple(tiles))
        if self.selected is not None:
            self._tile_clicked(self.board.tiles[self.selected])
        else:
            self.editor.show_tile(None, [])

    def add_tile(self) -> None:
        """A new card below the others, on the first KPI; the editor then chooses what it shows."""
        tiles = self.current().tiles
        row = max((t.row + t.rowspan for t in tiles), default=0)
        metric = min(self.board.kpis(), default="hotline.volume")
        self.change_dashboard((*tiles, dash.Tile("card", metric, row=row, col=0)))
        self.edit.setChecked(True)
        self._tile_clicked(self.board.tiles[-1])

    # -- drill-down and exports ------------------------------------------------------------------------------
    def open_drill(self, widget: TileBase) -> None:
        from citybrain.plugins.metrics.drill_view import DrillDialog

        self.drill = DrillDialog(self.ctx, widget.kpi, widget.tile, self.board.labels, self)
        self.drill.show()

    def export(self, kind: str) -> None:
        from citybrain.plugins.metrics import export

        board = self.current()
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Metrics", "Export the dashboard"), f"{board.id}.{kind}", f"{kind.upper()} (*.{kind})"
        )
        if not path:
            return
        try:
            export.write(kind, self.board, path, board.name(language()))
        except OSError as exc:
            QMessageBox.warning(self, tr("Metrics", "Export the dashboard"), str(exc))

    # -- layouts ---------------------------------------------------------------------------------------------
    def save_settings(self) -> dict:
        return {"dashboard": self.choice.currentData(), "edited": [board.as_dict() for board in self.edited.values()]}

    def restore_settings(self, settings: dict) -> None:
        """The layout's dashboard and its edits (a layout without edits shows the configured dashboards)."""
        self.edited = {}
        for data in settings.get("edited", []):
            board = dash.Dashboard.read(data)
            if board.id in self.configured:
                self.edited[board.id] = board
        index = self.choice.findData(settings.get("dashboard"))
        if index >= 0 and index != self.choice.currentIndex():
            self.choice.setCurrentIndex(index)
        else:
            self.show_dashboard()
