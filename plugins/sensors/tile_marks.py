"""Tiles told apart by more than their colour: an offline device (abnormal: the palette's stale level) is an
empty frame — the square it would fill, with nothing heard inside — and a device out of service (a deliberate
state: neutral) is a grey tile struck through by a diagonal.  The wall draws these over its scaled image once its
tiles are large enough to carry a pattern; the legend's swatches are drawn by the same functions, so the legend
shows exactly what the wall does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QLineF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmap

from citybrain.widgets import TileWall, palette
from citybrain.widgets.tile_wall import GRID_FROM

FRAME, SLASH = "frame", "slash"
PATTERN_FROM = 5  # pixels per tile from which a pattern is drawn (below: colour only, too small to read)
SLASH_COLOUR = palette.TEXT_DIM


def frame_inset(side: int) -> int:
    """How thick a frame is on a tile of ``side`` pixels: a fifth, at least one pixel."""
    return max(1, side // 5)


def slash_pen(side: int) -> QPen:
    return QPen(QColor(SLASH_COLOUR), max(1.6, side / 6), Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)


def paint_marks(painter: QPainter, marks: Mapping[str, Sequence[QRect]], background: QColor) -> None:
    """Frames (each tile's inside emptied to the background) and slashes (bottom-left to top-right) over tiles
    already filled with their colour (``marks``: the tiles' visible squares, without the wall's grid line)."""
    frames, slashes = marks.get(FRAME, ()), marks.get(SLASH, ())
    if frames:
        painter.setPen(Qt.PenStyle.NoPen)  # only the inside is emptied
        painter.setBrush(background)
        inset = frame_inset(frames[0].width())
        painter.drawRects([r.adjusted(inset, inset, -inset, -inset) for r in frames])
    if slashes:
        side = slashes[0].width()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(slash_pen(side))
        m = max(1.5, side / 6)
        painter.drawLines([QLineF(r.left() + m, r.bottom() + 1 - m, r.right() + 1 - m, r.top() + m) for r in slashes])


class MarkedWall(TileWall):
    """A TileWall whose tiles in some states carry a pattern (``marks``: state → FRAME or SLASH)."""

    def __init__(self, colours: Sequence[str], marks: dict[int, str]) -> None:
        super().__init__([], colours)
        self.marks = marks

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        scale = self.scale() if len(self.states) else 0
        if scale < PATTERN_FROM:
            return
        rect = self.target()
        grid = 1 if scale >= GRID_FROM else 0  # the line the wall draws along each tile's top and left
        rects: dict[str, list[QRect]] = {}
        for state, kind in self.marks.items():
            tiles = np.flatnonzero(self.states == state)
            rects.setdefault(kind, []).extend(
                QRect(rect.x() + int(x) * scale + grid, rect.y() + int(y) * scale + grid, scale - grid, scale - grid)
                for x, y in zip(self.tile_x[tiles], self.tile_y[tiles], strict=True)
            )
        painter = QPainter(self)
        paint_marks(painter, rects, self.background)
        painter.end()


def swatch(side: int, colour: str, kind: str | None) -> QPixmap:
    """A legend's swatch: the tile's colour, with its pattern as the wall draws it."""
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(colour))
    if kind is not None:
        painter = QPainter(pixmap)
        paint_marks(painter, {kind: [QRect(0, 0, side, side)]}, QColor(palette.BACKGROUND))
        painter.end()
    return pixmap
