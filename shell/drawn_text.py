"""Every piece of text a widget draws, with the pixel size it is drawn at: the measure of "type sized for 5 m".

A widget's font says little about what reaches the screen: table cells and headers, chart axes, map labels and
tiles paint text in fonts of their own (item roles, delegates, pyqtgraph items, ``QPainter.setFont``).  Here the
widget is rendered onto a paint device that keeps, instead of pixels, each text item Qt draws: its text, its
position in the widget and its size in device pixels (the font's em height, times the painter's scaling), so a
test or the gallery can say which text on a wall page is smaller than the wall's smallest size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect
from PySide6.QtGui import (
    QFontInfo,
    QFontMetricsF,
    QPaintDevice,
    QPaintEngine,
    QPaintEngineState,
    QPainterPath,
    QTextItem,
    QTransform,
)
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class DrawnText:
    text: str
    px: float  # the font's em height in device pixels: its size as drawn, whatever the point size said
    ink: float  # the height of the ink of this text's glyphs (a CJK ideograph ~0.9 em; a Latin capital ~0.7 em)
    x: int  # where it starts, in the rendered widget's coordinates
    y: int
    widget: str  # the class and object name of the widget under it, to find it ("QHeaderView", "QLabel#kpiValue")


class _Recorder(QPaintEngine):
    def __init__(self) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self.items: list[tuple[str, float, float, QPointF]] = []
        self._transform = QTransform()

    def begin(self, device: QPaintDevice) -> bool:  # noqa: ARG002 - Qt's signature
        return True

    def end(self) -> bool:
        return True

    def updateState(self, state: QPaintEngineState) -> None:  # noqa: N802 - Qt's name
        if state.state() & QPaintEngine.DirtyFlag.DirtyTransform:
            self._transform = state.transform()

    def drawTextItem(self, p: QPointF | QPoint | QPainterPath.Element, item: QTextItem) -> None:  # noqa: N802
        assert isinstance(p, QPointF)  # what Qt passes; the stub names what converts to one
        text = item.text().strip()
        if text:
            scale = math.sqrt(abs(self._transform.determinant())) or 1.0
            font = item.font()
            ink = QFontMetricsF(font).tightBoundingRect(text).height()
            self.items.append((text, QFontInfo(font).pixelSize() * scale, ink * scale, self._transform.map(p)))

    def type(self) -> QPaintEngine.Type:
        return QPaintEngine.Type.User

    # the rest draws nothing: only text is kept
    def drawPixmap(self, *args: object) -> None: ...  # noqa: N802
    def drawImage(self, *args: object) -> None: ...  # noqa: N802
    def drawPolygon(self, *args: object) -> None: ...  # noqa: N802
    def drawRects(self, *args: object) -> None: ...  # noqa: N802
    def drawLines(self, *args: object) -> None: ...  # noqa: N802
    def drawPath(self, *args: object) -> None: ...  # noqa: N802
    def drawEllipse(self, *args: object) -> None: ...  # noqa: N802
    def drawPoints(self, *args: object) -> None: ...  # noqa: N802
    def drawTiledPixmap(self, *args: object) -> None: ...  # noqa: N802


class _TextDevice(QPaintDevice):
    def __init__(self, width: int, height: int, dpi: int) -> None:
        super().__init__()
        self.engine = _Recorder()
        m = QPaintDevice.PaintDeviceMetric
        self._metrics = {
            m.PdmWidth: width,
            m.PdmHeight: height,
            m.PdmDpiX: dpi,
            m.PdmDpiY: dpi,
            m.PdmPhysicalDpiX: dpi,
            m.PdmPhysicalDpiY: dpi,
            m.PdmDepth: 32,
            m.PdmWidthMM: round(width * 25.4 / dpi),
            m.PdmHeightMM: round(height * 25.4 / dpi),
            m.PdmNumColors: 1 << 24,
            m.PdmDevicePixelRatio: 1,
            m.PdmDevicePixelRatioScaled: int(QPaintDevice.devicePixelRatioFScale()),
        }

    def paintEngine(self) -> QPaintEngine:  # noqa: N802 - Qt's name
        return self.engine

    def metric(self, metric: QPaintDevice.PaintDeviceMetric) -> int:
        return self._metrics.get(metric, 0)


def drawn_text(widget: QWidget) -> list[DrawnText]:
    """Every non-blank text ``widget`` (shown) and its visible children draw now, as they would on its screen."""
    device = _TextDevice(widget.width(), widget.height(), widget.logicalDpiY())
    widget.render(device)
    shown = [
        (QRect(child.mapTo(widget, QPoint(0, 0)), child.size()), child)
        for child in widget.findChildren(QWidget)
        if child.isVisibleTo(widget)
    ]
    found = []
    for text, px, ink, at in device.engine.items:
        x, y = round(at.x()), round(at.y())
        # the innermost widget there (childAt would not find a wall page: it lets the mouse through)
        under = min(
            (c for rect, c in shown if rect.contains(x, max(0, y - 1))),
            key=lambda c: c.width() * c.height(),
            default=widget,
        )
        name = type(under).__name__ + (f"#{under.objectName()}" if under.objectName() else "")
        found.append(DrawnText(text, round(px, 1), round(ink, 1), x, y, name))
    return found


def smallest(widget: QWidget) -> DrawnText | None:
    """The smallest text ``widget`` draws (None: it draws none)."""
    return min(drawn_text(widget), key=lambda t: t.px, default=None)
