"""A wall of tiles, one per device, grouped in blocks: drawn from a numpy state array into a one-pixel-per-tile
QImage that is scaled up when painted, at most ``hz`` times a second and only when something changed — never per
event, whatever the rate of changes.  A change after a quiet spell is drawn at once; under load, once a period.

States are small integers; ``colours`` maps each to an RGB colour; ``dim`` masks tiles a filter leaves out.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

GAP = 1  # empty tile columns between blocks


class TileWall(QWidget):
    tile_clicked = Signal(int)  # the tile's index

    def __init__(self, blocks: Sequence[Sequence[int]], colours: Sequence[str], hz: float = 30.0,
                 parent: QWidget | None = None) -> None:
        """``blocks``: tile indices per block (a compound's devices), laid out left to right, top to bottom."""
        super().__init__(parent)
        count = sum(len(b) for b in blocks)
        self.states = np.zeros(count, dtype=np.uint8)
        self.dim = np.zeros(count, dtype=bool)
        rgb = [QColor(c) for c in colours]
        lut = np.array([0xFF000000 | (c.red() << 16) | (c.green() << 8) | c.blue() for c in rgb], dtype=np.uint32)
        self.lut = np.concatenate([lut, (lut & 0xFF000000) | ((lut & 0x00FEFEFE) >> 1)])  # then dimmed: half as bright
        self.dimmed = np.uint8(len(lut))
        self.names: list[str] = [""] * count
        self._layout(blocks)
        self.period = 1.0 / hz
        self.rendered = float("-inf")  # when the image was last drawn (monotonic)
        self.frames = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        self._changed()
        self.setMouseTracking(True)
        self.setMinimumSize(200, 120)

    def _layout(self, blocks: Sequence[Sequence[int]]) -> None:
        """Blocks side by side in rows; each block a near-square grid of its tiles."""
        per_row = max(1, math.ceil(math.sqrt(len(blocks) * 1.6)))
        side = max(math.ceil(math.sqrt(len(b))) for b in blocks) if blocks else 1
        rows = math.ceil(len(blocks) / per_row)
        self.width_tiles, self.height_tiles = per_row * (side + GAP), rows * (side + GAP)
        self.x = np.zeros(len(self.states), dtype=np.int32)
        self.y = np.zeros(len(self.states), dtype=np.int32)
        for n, block in enumerate(blocks):
            bx, by = (n % per_row) * (side + GAP), (n // per_row) * (side + GAP)
            for k, index in enumerate(block):
                self.x[index], self.y[index] = bx + k % side, by + k // side
        self.at = np.full((self.height_tiles, self.width_tiles), -1, dtype=np.int32)
        self.at[self.y, self.x] = np.arange(len(self.states))
        self.flat = (self.y * self.width_tiles + self.x).astype(np.intp)  # each tile's pixel in the image
        self.pixels = np.zeros((self.height_tiles, self.width_tiles), dtype=np.uint32)
        self.image = QImage(self.pixels.data, self.width_tiles, self.height_tiles, self.width_tiles * 4,
                            QImage.Format.Format_RGB32)

    # -- changing it --------------------------------------------------------------------
    def set_states(self, indices: np.ndarray | Sequence[int], states: np.ndarray | Sequence[int]) -> None:
        self.states[np.asarray(indices, dtype=np.intp)] = states
        self._changed()

    def set_dim(self, dim: np.ndarray) -> None:
        self.dim[:] = dim
        self._changed()

    def _changed(self) -> None:
        """Draw now if the last frame is a period old, else once at the end of this period."""
        if not self.timer.isActive():
            wait = self.period - (time.monotonic() - self.rendered)
            if wait <= 0:
                self._tick()
            else:
                self.timer.start(max(1, round(wait * 1000)))

    def _tick(self) -> None:
        self.render_image()
        self.update()

    def render_image(self) -> None:
        """The state array into the image: one vectorised lookup, whatever changed."""
        self.pixels.ravel()[self.flat] = self.lut.take(self.states + self.dim * self.dimmed)
        self.rendered = time.monotonic()

    # -- drawing and pointing -----------------------------------------------------------
    def target(self) -> QRect:
        """Where the image goes: as large as fits with square tiles, centred."""
        scale = max(1, min(self.width() // self.width_tiles, self.height() // self.height_tiles))
        w, h = self.width_tiles * scale, self.height_tiles * scale
        return QRect((self.width() - w) // 2, (self.height() - h) // 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(self.target(), self.image)
        painter.end()
        self.frames += 1

    def tile_at(self, pos: QPoint) -> int | None:
        rect = self.target()
        if not rect.contains(pos):
            return None
        tx = (pos.x() - rect.x()) * self.width_tiles // rect.width()
        ty = (pos.y() - rect.y()) * self.height_tiles // rect.height()
        index = int(self.at[ty, tx])
        return index if index >= 0 else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self.tile_at(event.position().toPoint())
        if index is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.names[index], self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self.tile_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tile_clicked.emit(index)
