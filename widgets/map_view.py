"""A district map on pyqtgraph: boundary polygons, point layers, a heat layer; pan, zoom, hover and click.

Everything drawn is WGS84 longitude/latitude (see :mod:`citybrain.core.geo`):
point layers take the coordinate system their data is in and convert
GCJ-02 on the way in.  The aspect ratio is locked to cos(latitude), so a
square block looks square.  Plugins add layers by id and replace them
whole; a layer list beside the map switches each one on and off.  Colour is
never the only cue: point layers also take a symbol per point, and a legend
beside the map says what each colour and shape means (``set_legend``).
Labels are drawn above every point on a dimmed backing, so dots never hide them; and each label is placed
beside its spot where it covers no point and no other label (right, left, above, below, the diagonals, then the
same a label's height further out), again whenever the view pans, zooms or resizes.  A label with no free place
at this zoom is not drawn (thinned out: it never overlaps another or hides a dot; hovering its spot names it);
labels of abnormal points are placed first, polygons' names last.  A point layer laid out with ``spread``
draws points that would cover each other at this zoom (several cases at one address) on a small ring around
their spot, each with its own colour and shape, so an operator sees how many there are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.geo import CRS, Feature, to_wgs84
from citybrain.widgets import palette
from citybrain.widgets.accents import accent

HIT_PIXELS = 10  # how near the pointer must be to a point to hover or click it
AREA = "area"  # the legend symbol of a dashed polygon layer
RING = "ring"  # the legend symbol of points spread round one spot (set_points(spread=True))
LABEL_Z = 10  # labels above every layer of points
LABEL_BACKING = QColor(29, 32, 37, 190)  # the background, mostly opaque: a label stays legible over dots
LABEL_GAP = 3  # pixels between a point's symbol and its label
# where a label may go around its spot, in order of preference: (x, y) of the label box's near corner or edge as a
# multiple of the gap direction; the box is laid to the right, left, above, below, then on the diagonals
_SIDES = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))
LEVELS = list(palette.SEVERITY)  # most urgent first: their points' labels are placed first
SPREAD_GAP = 1.15  # points spread on a ring sit this many symbol sizes apart (centre to centre)


@dataclass
class _Label:
    item: pg.TextItem
    lon: float
    lat: float
    on_point: bool  # beside a point's symbol (kept clear of it); else a polygon's name, centred on it if free
    rank: int = 0  # placed first when higher: an abnormal point's name before a normal one's


def symbol_pixmap(symbol: str, colour: str, side: int) -> QPixmap:
    """A point's symbol as the map draws it (pyqtgraph's shapes), for a legend."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if symbol == AREA:  # a dashed polygon layer's outline (grids), unfilled, as set_polygons(dashed=True) draws it
        painter.setPen(QPen(QColor(palette.TEXT_DIM), 1, Qt.PenStyle.DashLine))
        painter.drawRect(1, 1, side - 2, side - 2)
        painter.end()
        return pixmap
    painter.setPen(QPen(QColor(palette.BACKGROUND), 1))
    painter.setBrush(QColor(colour))
    if symbol == RING:  # three small marks round a spot, as a spread layer draws several points at one place
        for k in range(3):
            angle = math.pi / 2 + 2 * math.pi * k / 3
            centre = QPointF(side / 2 + side * 0.28 * math.cos(angle), side / 2 - side * 0.28 * math.sin(angle))
            painter.drawEllipse(centre, side * 0.2, side * 0.2)
        painter.end()
        return pixmap
    shape = pg.graphicsItems.ScatterPlotItem.Symbols.get(symbol, pg.graphicsItems.ScatterPlotItem.Symbols["o"])
    painter.drawPath(QTransform().translate(side / 2, side / 2).scale(side * 0.8, side * 0.8).map(shape))
    painter.end()
    return pixmap


@dataclass
class MapPoint:
    id: str
    lon: float
    lat: float
    label: str = ""
    severity: str | None = None  # None: normal (grey); else a key of palette.SEVERITY
    symbol: str = "o"  # pyqtgraph symbol: o t s d star …


@dataclass
class _Layer:
    id: str
    title: str
    items: list[Any] = field(default_factory=list)
    points: list[MapPoint] = field(default_factory=list)
    shapes: list[tuple[Feature, QPainterPath]] = field(default_factory=list)
    visible: bool = True
    scale: float = 0.0  # a point layer's symbol size in line heights
    spread: bool = False  # points that would cover each other are drawn on a ring around their spot
    shown: list[tuple[float, float]] = field(default_factory=list)  # where each point is drawn (lon, lat)


def _spots(layer: _Layer, size: float) -> dict:
    """A point layer's scatter: each point where it is drawn, in its level's colour (grey when normal) and shape."""
    return {
        "x": [lon for lon, _ in layer.shown],
        "y": [lat for _, lat in layer.shown],
        "size": size,
        "brush": [pg.mkBrush(palette.SEVERITY.get(p.severity or "", palette.TEXT)) for p in layer.points],
        "symbol": [p.symbol for p in layer.points],
        "pen": pg.mkPen(palette.BACKGROUND),
    }


class MapView(QWidget):
    object_clicked = Signal(str, str)  # layer id, object id
    object_hovered = Signal(str, str)  # layer id, object id ("" when nothing is under the pointer)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=palette.BACKGROUND)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setMenuEnabled(False)
        self.view: pg.ViewBox = self.plot.getViewBox()
        self.view.setAspectLocked(True, ratio=math.cos(math.radians(31.27)))
        self.layer_list = QListWidget()
        self.layer_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)  # as wide as its titles
        self.layer_list.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Expanding)
        self.layer_list.itemChanged.connect(self._toggled)
        self.hover = QLabel()
        accent(self.hover, "kpiDetail")
        self.legend = QWidget()
        self.legend_rows = QGridLayout(self.legend)
        self.legend_rows.setContentsMargins(4, 4, 4, 4)
        self.legend_entries: list[tuple[str, str, str]] = []  # (symbol, colour, text) as drawn
        self._legend: list[tuple[str, str | None, str]] = []  # as given
        side = QVBoxLayout()
        side.addWidget(self.layer_list, 1)
        side.addWidget(self.legend)
        side.addWidget(self.hover)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addLayout(side)
        self._layers: dict[str, _Layer] = {}
        self._labels: dict[str, list[_Label]] = {}  # per layer
        self._hovered = ("", "")
        self.view.sigRangeChanged.connect(self.place_labels)
        self.view.sigResized.connect(self.place_labels)
        self.plot.scene().sigMouseMoved.connect(self._moved)
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    # -- layers ----------------------------------------------------------------------
    def set_polygons(
        self,
        layer_id: str,
        title: str,
        features: Iterable[Feature],
        *,
        label_property: str | None = None,
        fill: str | None = None,
        dashed: bool = False,
    ) -> None:
        """Boundaries (already WGS84: features come from :func:`citybrain.core.geo.read_geojson`); ``dashed`` for
        inner divisions (grids), told apart from solid outer boundaries (legend symbol :data:`AREA`)."""
        layer = self._replace(layer_id, title)
        pen = QPen(QColor(palette.TEXT_DIM), 0)  # cosmetic: one pixel at any zoom
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        brush = QBrush(QColor(fill)) if fill else QBrush(Qt.BrushStyle.NoBrush)
        for feature in features:
            path = QPainterPath()
            for ring in feature.rings:
                path.moveTo(*ring[0])
                for point in ring[1:]:
                    path.lineTo(*point)
                path.closeSubpath()
            item = QGraphicsPathItem(path)
            item.setPen(pen)
            item.setBrush(brush)
            self.view.addItem(item)
            layer.items.append(item)
            layer.shapes.append((feature, path))
            if label_property and feature.properties.get(label_property):
                west, south, east, north = feature.bounds()
                text = pg.TextItem(
                    str(feature.properties[label_property]),
                    color=palette.TEXT_DIM,
                    anchor=(0.5, 0.5),
                    fill=pg.mkBrush(LABEL_BACKING),
                )
                text.setZValue(LABEL_Z)
                text.setFont(self.font())  # the wall's large type reaches the map too
                text.setPos((west + east) / 2, (south + north) / 2)
                self.view.addItem(text)
                layer.items.append(text)
                self._labels.setdefault(layer_id, []).append(
                    _Label(text, (west + east) / 2, (south + north) / 2, False)
                )
        self._show(layer)

    def set_points(
        self,
        layer_id: str,
        title: str,
        points: Iterable[MapPoint],
        crs: CRS = CRS.WGS84,
        scale: float = 0.7,
        labels: bool = False,
        spread: bool = False,
    ) -> None:
        """Replace a point layer; ``crs`` says what the points are in (GCJ-02 is converted here).

        Symbols are ``scale`` × the line height of the widget's font (large on the wall); ``labels`` writes each
        point's label beside it; ``spread`` draws points that would cover each other at the current zoom on a
        ring around their spot (each still hit by hover and click where it is drawn).
        """
        layer = self._replace(layer_id, title)
        layer.scale, layer.spread = scale, spread
        size = max(8.0, self.fontMetrics().height() * scale)
        for p in points:
            lon, lat = to_wgs84(p.lon, p.lat, crs)
            layer.points.append(MapPoint(p.id, lon, lat, p.label, p.severity, p.symbol))
        layer.shown = [(p.lon, p.lat) for p in layer.points]
        scatter = pg.ScatterPlotItem(**_spots(layer, size), pxMode=True)
        self.view.addItem(scatter)
        layer.items.append(scatter)
        for p in layer.points if labels else ():
            text = pg.TextItem(p.label, color=palette.TEXT, anchor=(-0.15, 0.5), fill=pg.mkBrush(LABEL_BACKING))
            text.setZValue(LABEL_Z)
            text.setFont(self.font())
            text.setPos(p.lon, p.lat)
            self.view.addItem(text)
            layer.items.append(text)
            rank = len(LEVELS) - LEVELS.index(p.severity) if p.severity in LEVELS else 0
            self._labels.setdefault(layer_id, []).append(_Label(text, p.lon, p.lat, True, rank))
        self._show(layer)

    def set_heat(
        self,
        layer_id: str,
        title: str,
        points: Sequence[tuple[float, float]],
        bounds: tuple[float, float, float, float],
        bins: int = 48,
        crs: CRS = CRS.WGS84,
    ) -> None:
        """Density of ``points`` over ``bounds`` (west, south, east, north), transparent where there is none."""
        layer = self._replace(layer_id, title)
        west, south, east, north = bounds
        converted = [to_wgs84(lon, lat, crs) for lon, lat in points]
        counts, _, _ = np.histogram2d(
            [p[0] for p in converted], [p[1] for p in converted], bins=bins, range=[[west, east], [south, north]]
        )
        image = pg.ImageItem(counts)
        colours = np.array([[0, 0, 0, 0], [240, 136, 62, 120], [229, 72, 77, 200]], dtype=np.ubyte)  # none→high→urgent
        image.setLookupTable(pg.ColorMap([0.0, 0.5, 1.0], colours).getLookupTable(nPts=256, alpha=True))
        image.setLevels([0, max(1.0, float(counts.max()))])
        image.setRect(west, south, east - west, north - south)
        image.setZValue(-1)
        self.view.addItem(image)
        layer.items.append(image)
        self._show(layer)

    def set_lines(
        self, layer_id: str, title: str, lines: Iterable[Sequence[tuple[float, float]]], crs: CRS = CRS.WGS84
    ) -> None:
        """Open polylines (a patrol's path), thin and grey: normal, never a state; one item however many lines."""
        layer = self._replace(layer_id, title)
        path = QPainterPath()
        for line in lines:
            points = [to_wgs84(lon, lat, crs) for lon, lat in line]
            if len(points) < 2:
                continue
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
        item = QGraphicsPathItem(path)
        item.setPen(QPen(QColor(palette.TEXT_DIM), 0))  # cosmetic: one pixel at any zoom
        self.view.addItem(item)
        layer.items.append(item)
        self._show(layer)

    def set_legend(self, entries: Sequence[tuple[str, str | None, str]]) -> None:
        """What the map's marks mean: ``(symbol, severity or None for normal grey, text)`` per row, drawn as the map
        draws its points; the symbol ``"area"`` is a dashed polygon layer's outline."""
        self._legend = list(entries)
        self.legend_entries = [
            (symbol, palette.SEVERITY.get(level or "", palette.TEXT), text) for symbol, level, text in entries
        ]
        while (item := self.legend_rows.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        side = max(12, self.fontMetrics().height())
        for row, (symbol, colour, text) in enumerate(self.legend_entries):
            mark = QLabel()
            mark.setPixmap(symbol_pixmap(symbol, colour, side))
            self.legend_rows.addWidget(mark, row, 0)
            self.legend_rows.addWidget(QLabel(text), row, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """New type (the wall's sheet arrived): symbols, labels and the legend grow with it."""
        super().changeEvent(event)
        if event.type() != QEvent.Type.FontChange or not hasattr(self, "_layers"):
            return
        for layer in self._layers.values():
            for item in layer.items:
                if isinstance(item, pg.ScatterPlotItem):
                    item.setSize(max(8.0, self.fontMetrics().height() * layer.scale))
                elif isinstance(item, pg.TextItem):
                    item.setFont(self.font())
        em = self.fontMetrics().height()
        self.legend_rows.setContentsMargins(4, 4, max(4, em), 4)  # off the screen's edge (a wall's bezel)
        if self._legend:
            self.set_legend(self._legend)
        self.place_labels()

    def remove_layer(self, layer_id: str) -> None:
        layer = self._layers.pop(layer_id, None)
        self._labels.pop(layer_id, None)
        if layer is None:
            return
        for item in layer.items:
            self.view.removeItem(item)
        for row in range(self.layer_list.count()):
            if self.layer_list.item(row).data(Qt.ItemDataRole.UserRole) == layer_id:
                self.layer_list.takeItem(row)
                break

    def points(self, layer_id: str) -> list[MapPoint]:
        """The points a layer shows (none for a layer that is not there)."""
        layer = self._layers.get(layer_id)
        return list(layer.points) if layer else []

    def layers(self) -> dict[str, bool]:
        """Layer id -> visible, in the order they were first added."""
        return {k: v.visible for k, v in self._layers.items()}

    def set_layer_visible(self, layer_id: str, visible: bool) -> None:
        layer = self._layers[layer_id]
        layer.visible = visible
        for item in layer.items:
            item.setVisible(visible)
        for row in range(self.layer_list.count()):
            entry = self.layer_list.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) == layer_id:
                self.layer_list.blockSignals(True)
                entry.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
                self.layer_list.blockSignals(False)
        self.place_labels()  # a hidden layer's points no longer push labels aside

    def fit(self, bounds: tuple[float, float, float, float], margin: float = 0.05) -> None:
        west, south, east, north = bounds
        self.view.setAspectLocked(True, ratio=math.cos(math.radians((south + north) / 2)))
        self.view.setRange(xRange=(west, east), yRange=(south, north), padding=margin)

    # -- hit testing ------------------------------------------------------------------
    def object_at(self, lon: float, lat: float) -> tuple[str, str]:
        """The nearest visible point within HIT_PIXELS, else the polygon containing the spot; ("", "") if none."""
        px, py = self.view.viewPixelSize()
        best: tuple[float, str, str] | None = None
        for layer in self._layers.values():
            if not layer.visible:
                continue
            for p, (x, y) in zip(layer.points, layer.shown, strict=True):
                d = math.hypot((x - lon) / px, (y - lat) / py)
                if d <= HIT_PIXELS and (best is None or d < best[0]):
                    best = (d, layer.id, p.id)
        if best is not None:
            return best[1], best[2]
        for layer in reversed(list(self._layers.values())):
            if layer.visible:
                for feature, path in layer.shapes:
                    if path.contains(QPointF(lon, lat)):
                        return layer.id, feature.id
        return "", ""

    def describe(self, layer_id: str, object_id: str) -> str:
        layer = self._layers.get(layer_id)
        if layer is None:
            return ""
        for p in layer.points:
            if p.id == object_id:
                return p.label or p.id
        for feature, _ in layer.shapes:
            if feature.id == object_id:
                return str(feature.properties.get("name") or feature.properties.get("dt_name") or feature.id)
        return object_id

    def _moved(self, pos: QPointF) -> None:
        spot = self.view.mapSceneToView(pos)
        hit = self.object_at(spot.x(), spot.y())
        if hit != self._hovered:
            self._hovered = hit
            self.hover.setText(self.describe(*hit))
            self.object_hovered.emit(*hit)

    def _clicked(self, event: Any) -> None:
        spot = self.view.mapSceneToView(event.scenePos())
        hit = self.object_at(spot.x(), spot.y())
        if hit[0]:
            self.object_clicked.emit(*hit)

    # -- internals ----------------------------------------------------------------------
    def _replace(self, layer_id: str, title: str) -> _Layer:
        visible = self._layers[layer_id].visible if layer_id in self._layers else True
        for item in self._layers.get(layer_id, _Layer(layer_id, title)).items:
            self.view.removeItem(item)
        layer = _Layer(layer_id, title, visible=visible)
        self._labels.pop(layer_id, None)
        if layer_id not in self._layers:
            entry = QListWidgetItem(title)
            entry.setData(Qt.ItemDataRole.UserRole, layer_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.layer_list.addItem(entry)
        self._layers[layer_id] = layer
        return layer

    def _show(self, layer: _Layer) -> None:
        for item in layer.items:
            item.setVisible(layer.visible)
        self.place_labels()

    def place_labels(self, *_: object) -> None:
        """Spread the layers that ask for it, then place each visible label beside its spot where it covers no
        visible point and no label already placed (in pixels at the current zoom): the first free place in
        :meth:`_candidates` order; none free: the label is not drawn at this zoom."""
        px, py = self.view.viewPixelSize()
        if not (px > 0 and py > 0 and math.isfinite(px) and math.isfinite(py)):
            return  # not laid out yet: placed when the view gets its size
        xs, ys, radii, symbols = [], [], [], {}
        for layer in self._layers.values():
            scatter = next((i for i in layer.items if isinstance(i, pg.ScatterPlotItem)), None)
            symbols[layer.id] = scatter.opts["size"] / 2 if scatter is not None else 0.0
            if scatter is not None and layer.spread:
                self._spread(layer, scatter, px, py)
            if not layer.visible or not layer.points:
                continue
            radius = symbols[layer.id] + 1
            xs += [lon / px for lon, _ in layer.shown]
            ys += [-lat / py for _, lat in layer.shown]
            radii += [radius] * len(layer.shown)
        x, y, r = np.array(xs), np.array(ys), np.array(radii)
        placed: list[tuple[float, float, float, float]] = []  # label boxes in pixels: left, top, right, bottom
        shown = [
            (label, layer_id)
            for layer_id, labels in self._labels.items()
            for label in labels
            if self._layers[layer_id].visible
        ]
        shown.sort(key=lambda pair: (not pair[0].on_point, -pair[0].rank))  # abnormal first, polygons' names last
        for label, layer_id in shown:
            box = label.item.textItem.boundingRect()
            w, h = box.width(), box.height()
            sx, sy = label.lon / px, -label.lat / py
            clearance = symbols[layer_id] + LABEL_GAP if label.on_point else 0.0
            free = None
            for dx, dy in self._candidates(w, h, clearance):
                left, top = sx + dx, sy + dy
                nx, ny = np.clip(x, left, left + w), np.clip(y, top, top + h)
                if np.any((x - nx) ** 2 + (y - ny) ** 2 < r**2):
                    continue
                if any(left < c and a < left + w and top < d and b < top + h for (a, b, c, d) in placed):
                    continue
                free = (dx, dy)
                break
            label.item.setVisible(free is not None)
            if free is not None:
                dx, dy = free
                label.item.setAnchor((-dx / w if w else 0.0, -dy / h if h else 0.0))
                placed.append((sx + dx, sy + dy, sx + dx + w, sy + dy + h))

    @staticmethod
    def _spread(layer: _Layer, scatter: pg.ScatterPlotItem, px: float, py: float) -> None:
        """Points closer than a symbol's size to a group's first point (at this zoom) are drawn on a ring round
        the group's centre, SPREAD_GAP symbols apart; a point alone stays where it is."""
        size = float(scatter.opts["size"])
        groups: list[list[int]] = []
        for n, p in enumerate(layer.points):
            for group in groups:
                first = layer.points[group[0]]
                if math.hypot((p.lon - first.lon) / px, (p.lat - first.lat) / py) < size:
                    group.append(n)
                    break
            else:
                groups.append([n])
        shown = [(p.lon, p.lat) for p in layer.points]
        for group in (g for g in groups if len(g) > 1):
            cx = sum(layer.points[n].lon for n in group) / len(group)
            cy = sum(layer.points[n].lat for n in group) / len(group)
            ring = max(size * SPREAD_GAP / (2 * math.sin(math.pi / len(group))), size * 0.75)  # pixels
            for k, n in enumerate(group):
                angle = math.pi / 2 - 2 * math.pi * k / len(group)  # the first on top, then clockwise
                shown[n] = (cx + ring * math.cos(angle) * px, cy + ring * math.sin(angle) * py)
        if shown != layer.shown:
            layer.shown = shown
            scatter.setData(**_spots(layer, size))

    @staticmethod
    def _candidates(w: float, h: float, clearance: float) -> list[tuple[float, float]]:
        """Offsets (pixels) of a label box's top left corner from its spot: centred first for a label with no
        clearance (a polygon's name), then on each side of the spot, ``clearance`` away from it, then the same
        a label's height further out."""
        out = [(-w / 2, -h / 2)] if not clearance else []
        for gap in (clearance or h / 2, (clearance or h / 2) + h):
            for sx, sy in _SIDES:
                left = gap if sx > 0 else -gap - w if sx < 0 else -w / 2
                top = gap if sy > 0 else -gap - h if sy < 0 else -h / 2
                if sx and sy:  # a diagonal: the box's corner on a circle around the spot, not a square's corner
                    left, top = left - sx * gap * 0.3, top - sy * gap * 0.3
                out.append((left, top))
        return out

    def _toggled(self, entry: QListWidgetItem) -> None:
        self.set_layer_visible(entry.data(Qt.ItemDataRole.UserRole), entry.checkState() == Qt.CheckState.Checked)
