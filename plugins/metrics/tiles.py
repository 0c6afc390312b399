"""A dashboard's tiles (Qt): KPI cards (value, target, year-on-year arrow, sparkline), trend charts, rankings and
tables, drawn from the ``metrics.values`` records.  Each repaints only when the daemon published new values.
A click on a tile asks for the drill-down (``drill_requested``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from citybrain.plugins.metrics import dashboards as dash
from citybrain.plugins.metrics.figures import Records
from citybrain.shell.api import tr
from citybrain.widgets import KpiCard, Sparkline, accent, palette, threshold_marker

Label = Callable[[str, Any], str]  # (dimension, group) -> what people read

pg.setConfigOptions(antialias=True, background=palette.PANEL, foreground=palette.TEXT_DIM)


def kpi_title(kpi: dict) -> str:
    return tr("Metrics", kpi["title"]) if kpi else ""


def kpi_marker(kpi: dict, value: float | None) -> palette.Marker | None:
    """The KPI's value against its warning and alarm lines: grey within them, a marker past them."""
    return threshold_marker(value, kpi.get("thresholds"), kpi.get("higher_is_better", True))


class TileBase(QFrame):
    drill_requested = Signal(object)  # the tile

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__()
        self.tile, self.kpi, self.large = tile, kpi, large
        self.setObjectName("metricTile")
        self.rows: list[tuple[str, float | None]] = []  # what it shows, for exports: (label, value)
        self.caption = kpi_title(kpi)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.drill_requested.emit(self)
        super().mouseReleaseEvent(event)

    def year_and_record(self, records: Records, by: str | None) -> tuple[int | None, dict | None]:
        """The tile's year (None for a KPI without years) and its breakdown's record within it."""
        dimension = dash.year_dimension(self.kpi)
        if dimension is None:
            return None, records(dash.record_id(self.tile.metric, *([by] if by else [])))
        years = dash.series(records(dash.record_id(self.tile.metric, dimension)))
        year = dash.pick_year(self.kpi, [int(g) for g, _ in years], self.tile.year)
        if by is None or by == dimension:
            return year, records(dash.record_id(self.tile.metric, dimension))
        if by in ("month",):
            return year, records(dash.record_id(self.tile.metric, by))
        return year, records(dash.record_id(self.tile.metric, dimension, by))

    def refresh(self, records: Records, label: Label, provenance: dash.Provenance = dash.NO_PROVENANCE) -> None:
        raise NotImplementedError

    def heading(self, year: int | None, by: str | None = None) -> str:
        """The tile's caption (also what exports print above its figures)."""
        parts = [
            kpi_title(self.kpi),
            *([year_name(self.kpi, year)] if year is not None else []),
            *([dimension_name(by)] if by else []),
        ]
        self.caption = " · ".join(parts)
        return self.caption


def year_name(kpi: dict, year: int) -> str:
    if dash.year_dimension(kpi) == "hotline_year":
        first, last = dash.months_of(year, "hotline_year")
        return tr("Metrics", "{first} to {last}").format(first=first, last=last)
    return str(year)


class CardTile(TileBase):
    """One figure for the tile's year (or month, or group), its target, the change on the year (month) before
    (arrow), the months' trend, and where the figures come from when any is made up (demo data)."""

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__(tile, kpi, large)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.card = KpiCard(kpi_title(kpi))
        self.spark = Sparkline(points=12, height=60 if large else 36, from_zero=kpi.get("unit") != "%")
        self.source = QLabel()  # "Demo data": words, not a colour
        accent(self.source, "kpiDetail")
        self.card.extra_layout.addWidget(self.source)
        self.card.extra_layout.addWidget(self.spark)
        self.spark.setVisible(not tile.group)  # one group has no months of its own
        layout.addWidget(self.card)

    def refresh(self, records: Records, label: Label, provenance: dash.Provenance = dash.NO_PROVENANCE) -> None:
        shown = (
            self._month(records)
            if self.tile.month
            else self._group(records, label)
            if self.tile.group
            else self._year(records)
        )
        caption, value, (arrow, delta, trend), months, (dimension, group) = shown
        self.card.title.setText(caption)
        target = self.kpi.get("target")
        metric = self.tile.metric
        reference = self.tile.reference
        detail = " · ".join(
            part
            for part in (
                f"{arrow} {delta} {trend}" if arrow else "",
                (
                    tr("Metrics", "target {target} (demo)")
                    if provenance.made_up(metric)
                    else tr("Metrics", "target {target}")
                ).format(target=dash.figure(self.kpi, target, 0))
                if target is not None
                else "",
                tr("Metrics", "case study: over {figure}").format(figure=dash.figure(self.kpi, reference, 0))
                if reference is not None
                else "",
            )
            if part
        )
        self.card.set_value(dash.figure(self.kpi, value), detail, marker=kpi_marker(self.kpi, value))
        self.source.setText(
            source_words(
                provenance.made_up(metric, dimension, group),
                provenance.any_made_up(metric, "month", [m for m, _ in months]),
                bool(provenance.demo),
            )
        )
        self.source.setVisible(bool(self.source.text()))
        self.caption = " · ".join(part for part in (caption, self.source.text()) if part)  # exports say it too
        self.spark.values.clear()
        for _, v in months[-12:]:
            self.spark.values.append(v or 0.0)
        self.spark.update()
        self.rows = [(caption, value)]

    def _year(self, records: Records) -> tuple:
        year, record = self.year_and_record(records, None)
        value = previous = None
        if record and not record.get("error") and record["values"]:
            index = record["groups"].index(year) if year is not None and year in record["groups"] else 0
            value = record["values"][index]
            previous = record["previous"][index] if record.get("previous") else None
        months = dash.series(records(dash.record_id(self.tile.metric, "month")))
        dimension = dash.year_dimension(self.kpi)
        if year is not None and dimension:
            first, last = dash.months_of(year, dimension)
            months = [(m, v) for m, v in months if first <= m <= last]
        arrow, delta = dash.change(self.kpi, value, previous)
        trend = tr("Metrics", "on the year before")
        if not arrow and not dimension and len(months) >= 2:  # no years: the latest month's
            arrow, delta = dash.change(self.kpi, months[-1][1], months[-2][1])
            trend = tr("Metrics", "in {month} on the month before").format(month=months[-1][0])
        key = (dimension, year) if year is not None else ("", dash.ALL)
        return self.heading(year), value, (arrow, delta, trend), months, key

    def _month(self, records: Records) -> tuple:
        months = [
            (m, v) for m, v in dash.series(records(dash.record_id(self.tile.metric, "month"))) if m <= self.tile.month
        ]
        value = months[-1][1] if months and months[-1][0] == self.tile.month else None
        previous = months[-2][1] if value is not None and len(months) >= 2 else None
        arrow, delta = dash.change(self.kpi, value, previous)
        caption = " · ".join((kpi_title(self.kpi), self.tile.month))
        return (
            caption,
            value,
            (arrow, delta, tr("Metrics", "on the month before")),
            months[-12:],
            ("month", self.tile.month),
        )

    def _group(self, records: Records, label: Label) -> tuple:
        by = self.tile.by
        found = [
            (g, v)
            for g, v in dash.series(records(dash.record_id(self.tile.metric, by)))
            if self.tile.group in (str(g), label(by, g))
        ]
        group, value = found[0] if found else (self.tile.group, None)
        caption = " · ".join((kpi_title(self.kpi), label(by, group)))
        return caption, value, ("", "", ""), [], (by, group)


def made_up_words(provenance: dash.Provenance, metric: str, dimension: str, groups: list) -> str:
    """What a chart says about its figures: all made up, all but the case study's (ringed), or nothing."""
    made_up = [provenance.made_up(metric, dimension, g) for g in groups]
    if not any(made_up):
        return ""
    return tr("Metrics", "Demo data") if all(made_up) else tr("Metrics", "Demo data except ○ (case study)")


def source_words(figure_made_up: bool, trend_made_up: bool, demo_database: bool) -> str:
    """What a card says about where its figures come from: nothing outside a demo database."""
    if not demo_database:
        return ""
    if figure_made_up:
        return tr("Metrics", "Demo data")
    if trend_made_up:
        return tr("Metrics", "Case-study figure · trend: demo data")
    return tr("Metrics", "Case-study figure")


class TitledTile(TileBase):
    """A caption over one widget (``body``): charts, rankings, tables."""

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__(tile, kpi, large)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel(kpi_title(kpi))
        accent(self.title, "kpiTitle")
        self.box.addWidget(self.title)

    def set_title(self, heading: str, provenance: dash.Provenance, dimension: str, groups: list) -> None:
        """The caption, saying so when the figures drawn are made up."""
        words = made_up_words(provenance, self.tile.metric, dimension, groups)
        self.caption = " · ".join(part for part in (heading, words) if part)
        self.title.setText(self.caption)


def thinned(ticks: list[tuple[float, str]], slot: float, need: float) -> list[tuple[float, str]]:
    """Every k-th of ``ticks`` (the last one always), so that labels needing ``need`` pixels each never overlap
    when each tick has ``slot`` pixels."""
    step = max(1, math.ceil(need / slot)) if slot > 0 else len(ticks) or 1
    return [t for i, t in enumerate(ticks) if (len(ticks) - 1 - i) % step == 0]


class PlotTile(TitledTile):
    """A pyqtgraph plot under the caption (charts and rankings).  Category labels are thinned out to what fits
    at the plot's size, so they are never printed over each other; ``large`` (the wall): axis labels in the
    tile's own type, which the wall's sheet sizes for its screen."""

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__(tile, kpi, large)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.labels: dict[str, list[tuple[float, str]]] = {}  # axis -> every tick it would like to label
        if large:
            self._large_axes()
        for axis in ("left", "bottom"):  # the thinning below keeps labels apart: pyqtgraph need not drop any
            self.plot.getAxis(axis).setStyle(textFillLimits=[(0, 1.0)])
        self.plot.getViewBox().sigResized.connect(self._fit_labels)
        self.box.addWidget(self.plot, 1)
        self.empty = QLabel(tr("Metrics", "No figures for this yet."))  # instead of empty axes
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.box.addWidget(self.empty, 1)

    def show_empty(self, empty: bool) -> None:
        """A line saying there is nothing to chart, or the chart."""
        self.plot.setVisible(not empty)
        self.empty.setVisible(empty)

    def _large_axes(self) -> None:
        font = QFont(self.font())
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setStyle(tickFont=font)
        self.plot.getAxis("bottom").setHeight(QFontMetrics(font).height() + 16)  # room for the large labels

    def tick_font(self, axis: str) -> QFont:
        return self.plot.getAxis(axis).style.get("tickFont") or self.font()

    def set_labels(self, axis: str, ticks: Sequence[tuple[float, str]]) -> None:
        """Label ``axis`` with ``ticks`` (position, text), as many as fit without overlapping."""
        self.labels[axis] = list(ticks)
        self._fit_labels()

    def _fit_labels(self) -> None:
        box = self.plot.getViewBox()
        for axis, ticks in self.labels.items():
            metrics = QFontMetrics(self.tick_font(axis))
            need: float  # the room one label takes along the axis
            if axis == "bottom":
                slot = box.width() / max(1, len(ticks))
                need = max((metrics.horizontalAdvance(t) for _, t in ticks), default=0) + metrics.height()
            else:  # as wide as its longest name in the axis' type now (the wall's comes after the names)
                slot = box.height() / max(1, len(ticks))
                need = metrics.height() * 1.1
                self.plot.getAxis(axis).setWidth(max((metrics.horizontalAdvance(t) for _, t in ticks), default=20) + 16)
            self.plot.getAxis(axis).setTicks([thinned(ticks, slot, need)])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.large and hasattr(self, "plot"):
            self._large_axes()  # the wall's sheet reached the tile
            self._fit_labels()

    def scale(self) -> float:
        return 100.0 if self.kpi.get("unit") == "%" else 1.0


class ChartTile(PlotTile):
    """The KPI by month (a line, the target dashed) or by another breakdown within the year (bars).  Its items are
    made once and given new data on each refresh."""

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__(tile, kpi, large)
        self.curve = self.plot.plot(
            pen=pg.mkPen(palette.TEXT, width=2), symbolSize=7, symbolBrush=palette.TEXT, symbolPen=None
        )
        # the case study's own figures among demo data: a ring, the shape the caption's ○ names
        self.seed = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen(palette.TEXT, width=2), brush=None)
        self.plot.addItem(self.seed)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=palette.ACCENT)
        self.plot.addItem(self.bars)
        if kpi.get("target") is not None and (tile.by or "month") == "month":
            self.plot.addItem(
                pg.InfiniteLine(
                    kpi["target"] * self.scale(), angle=0, pen=pg.mkPen(palette.ACCENT, style=Qt.PenStyle.DashLine)
                )
            )
        self.ticks: list = []

    def refresh(self, records: Records, label: Label, provenance: dash.Provenance = dash.NO_PROVENANCE) -> None:
        by = self.tile.by or "month"
        year, record = self.year_and_record(records, by)
        points = dash.series(record, year)
        self.rows = [(label(by, g), v) for g, v in points]
        self.set_title(self.heading(None if by == "month" else year, by), provenance, by, [g for g, _ in points])
        seed = [
            (i, (v or 0.0) * self.scale())
            for i, (g, v) in enumerate(points)
            if provenance.demo and not provenance.made_up(self.tile.metric, by, g)
        ]
        self.seed.setData([x for x, _ in seed], [y for _, y in seed])
        self.show_empty(not any(v is not None for _, v in points))
        xs = list(range(len(points)))
        ys = [(v or 0.0) * self.scale() for _, v in points]
        if by == "month":
            self.curve.setData(xs, ys, symbol="o" if len(xs) == 1 else None)  # a single month is a dot, not nothing
            ticks = [(i, str(g)) for i, (g, _) in enumerate(points)]
        else:
            self.bars.setOpts(x=xs, height=ys)
            ticks = [(i, label(by, g)) for i, (g, _) in enumerate(points)]
        if ticks != self.ticks:
            self.ticks = ticks
            self.set_labels("bottom", ticks)
        self.fit_y(ys)

    def fit_y(self, ys: list[float]) -> None:
        """A count or an amount from 0 (25 to 29 visits a month drawn from 25 looks like a swing); a rate, and its
        target, fitted to its figures (84 % to 91 % satisfaction drawn from 0 would be a flat line)."""
        if self.kpi.get("unit") == "%":
            self.plot.enableAutoRange(axis="y")
            return
        target = self.kpi.get("target")
        top = max([*ys, 0.0, *([target * self.scale()] if target is not None else [])])
        self.plot.setYRange(min([*ys, 0.0]), top * 1.08 or 1.0, padding=0)


class RankingTile(PlotTile):
    """Groups ranked by the KPI within the year, best at the top (horizontal bars)."""

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__(tile, kpi, large)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush=palette.ACCENT)
        self.plot.addItem(self.bars)
        # the case study's own figures among demo data: a ring at the bar's end, the shape the caption's ○ names
        self.seed = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen(palette.TEXT, width=2), brush=None)
        self.plot.addItem(self.seed)

    def refresh(self, records: Records, label: Label, provenance: dash.Provenance = dash.NO_PROVENANCE) -> None:
        year, record = self.year_and_record(records, self.tile.by)
        better_high = self.kpi.get("higher_is_better", True) or self.kpi.get("unit") != "%"
        points = sorted(
            ((g, v) for g, v in dash.series(record, year) if v is not None), key=lambda p: p[1], reverse=better_high
        )
        self.rows = [(label(self.tile.by, g), v) for g, v in points]
        self.set_title(
            self.heading(year, self.tile.by),
            provenance,
            "+".join(record["by"]) if record else "",
            [g for g, _ in points],
        )
        self.show_empty(not points)
        n = len(points)
        self.bars.setOpts(x0=[0] * n, y=[n - 1 - i for i in range(n)], width=[v * self.scale() for _, v in points])
        dimension = "+".join(record["by"]) if record else ""
        seed = [
            (v * self.scale(), n - 1 - i)
            for i, (g, v) in enumerate(points)
            if provenance.demo and not provenance.made_up(self.tile.metric, dimension, g)
        ]
        self.seed.setData([x for x, _ in seed], [y for _, y in seed])
        self.name_rows([name for name, _ in self.rows])

    def name_rows(self, names: list[str]) -> None:
        """The groups' names beside their bars, best at the top; the axis as wide as the longest."""
        names = [name[:12] for name in names]
        self.set_labels("left", [(len(names) - 1 - i, name) for i, name in enumerate(names)])


class TableTile(TitledTile):
    """The KPI for every group of the breakdown within the year: value, counts behind it, the year before."""

    def __init__(self, tile: dash.Tile, kpi: dict, large: bool = False) -> None:
        super().__init__(tile, kpi, large)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [dimension_name(tile.by), tr("Metrics", "Value"), tr("Metrics", "Base"), tr("Metrics", "Year before")]
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # every column as wide as its header and cells ask, in whatever type it is drawn: the wall's sheet arrives
        # after the first figures (fitted once at desk size, the wall cut every name and value to "市容…")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.viewport().installEventFilter(self)
        self.box.addWidget(self.table, 1)

    def refresh(self, records: Records, label: Label, provenance: dash.Provenance = dash.NO_PROVENANCE) -> None:
        year, record = self.year_and_record(records, self.tile.by)
        found = in_label_order(dash.rows(record, year), (self.kpi.get("labels") or {}).get(self.tile.by))
        self.set_title(
            self.heading(year), provenance, "+".join(record["by"]) if record else "", [r["group"] for r in found]
        )
        self.rows = [(label(self.tile.by, r["group"]), r["value"]) for r in found]
        self.table.setRowCount(len(found))
        for row, r in enumerate(found):
            cells = [
                label(self.tile.by, r["group"]),
                dash.figure(self.kpi, r["value"]),
                "" if r["count"] is None else f"{r['count']:,.0f}",
                dash.figure(self.kpi, r["previous"]),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        # what a KPI does not have takes no room: counts behind a figure, a year before
        self.table.setColumnHidden(2, all(r["count"] is None for r in found))
        self.table.setColumnHidden(3, not dash.year_dimension(self.kpi))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if isinstance(event, QMouseEvent) and event.type() == QMouseEvent.Type.MouseButtonDblClick:
            self.drill_requested.emit(self)
        return False


def in_label_order(found: list[dict], labels: dict[str, str] | None) -> list[dict]:
    """A breakdown's rows in the order the KPI declares its groups' labels (high, medium, low urgency; not the
    codes' alphabet), groups it does not name after them as they came."""
    if not labels:
        return found
    rank = {code: n for n, code in enumerate(labels)}
    return sorted(found, key=lambda r: rank.get(str(r["group"]), len(rank)))


def dimension_name(dimension: str) -> str:
    names = {
        "month": tr("Metrics", "Month"),
        "hotline_year": tr("Metrics", "Hotline year"),
        "year": tr("Metrics", "Year"),
        "subdistrict": tr("Metrics", "Subdistrict"),
        "category": tr("Metrics", "Category"),
        "subcategory": tr("Metrics", "Subcategory"),
        "unit": tr("Metrics", "Handling unit"),
        "area": tr("Metrics", "Area"),
        "team_type": tr("Metrics", "Team type"),
        "type": tr("Metrics", "Case type"),
        "source": tr("Metrics", "Source"),
        "department": tr("Metrics", "Department"),
        "scenario": tr("Metrics", "Scenario"),
        "compound": tr("Metrics", "Compound"),
        "district": tr("Metrics", "District"),
        "urgency": tr("Metrics", "Urgency"),
    }
    return names.get(dimension, dimension)


KINDS: dict[str, type[TileBase]] = {"card": CardTile, "chart": ChartTile, "ranking": RankingTile, "table": TableTile}


def make_tile(tile: dash.Tile, kpi: dict, large: bool = False) -> TileBase:
    return KINDS[tile.kind](tile, kpi, large)
