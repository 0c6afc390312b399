"""A wall of tiles, one per device, grouped in blocks: drawn from a numpy state array into a one-pixel-per-tile
QImage that is scaled up when painted, at most ``hz`` times a second and only when something changed — never per
event, whatever the rate of changes.  A change after a quiet spell is drawn at once; under load, once a period.

States are small integers; ``colours`` maps each to an RGB colour; ``dim`` masks tiles a filter leaves out.

Each block may carry a caption (its name and a detail, such as its counts), drawn above it: the image keeps
empty tile rows there, so the whole wall is still one scaled image.  A detail too wide for its block wraps at its
" · " separators onto a second or third line (the caption rows grow for it) rather than being cut.  Blocks are
arranged in the number of columns that gives the largest tiles in the widget's shape, and tiles of ``GRID_FROM``
pixels or more are drawn apart by a thin line, so each device reads as one square (see ``_layout_frame``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from citybrain.widgets import palette

GAP = 1  # empty tile columns between blocks
GRID_FROM = 6  # tiles this many pixels wide or more are separated by a line
SEPARATOR = " · "  # where a caption's detail may wrap
MOST_DETAIL_LINES = 3


class TileWall(QWidget):
    tile_clicked = Signal(int)  # the tile's index
    image_rendered = Signal()  # the state array was drawn into the image (benchmarks time a pixel's change by it)

    def __init__(
        self,
        blocks: Sequence[Sequence[int]],
        colours: Sequence[str],
        hz: float = 30.0,
        parent: QWidget | None = None,
        titles: Sequence[str] = (),
    ) -> None:
        """``blocks``: tile indices per block (a compound's devices), laid out left to right, top to bottom.

        ``titles``: one caption per block (none: no caption rows).
        """
        super().__init__(parent)
        rgb = [QColor(c) for c in colours]
        lut = np.array([0xFF000000 | (c.red() << 16) | (c.green() << 8) | c.blue() for c in rgb], dtype=np.uint32)
        self.lut = np.concatenate([lut, (lut & 0xFF000000) | ((lut & 0x00FEFEFE) >> 1)])  # then dimmed: half as bright
        self.dimmed = np.uint8(len(lut))
        self.background = QColor(palette.BACKGROUND)
        self.empty_text = ""  # said in the middle when there are no tiles
        self.period = 1.0 / hz
        self.rendered = float("-inf")  # when the image was last drawn (monotonic)
        self.frames = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        self.setMouseTracking(True)
        # every pixel is painted here (the margins around the image too): Qt need not fill the whole widget with
        # its background first, 1600x900 pixels a frame of which the image then covers four fifths
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(200, 120)
        self.set_blocks(blocks, titles)

    def set_blocks(self, blocks: Sequence[Sequence[int]], titles: Sequence[str] = ()) -> None:
        """A new set of tiles (devices came or went): states start at 0, names and details empty."""
        self.blocks = [list(b) for b in blocks]
        count = sum(len(b) for b in self.blocks)
        self.states: npt.NDArray[np.uint8] = np.zeros(count, dtype=np.uint8)
        self.dim: npt.NDArray[np.bool_] = np.zeros(count, dtype=bool)  # set through set_dim
        self._dimming = np.zeros(count, dtype=np.uint8)
        self.names: list[str] = [""] * count
        self.titles = list(titles)
        self.details = [""] * len(self.blocks)
        self.detail_lines = 1  # as many as the widest detail needs at the block's width
        self.block_of = np.zeros(count, dtype=np.intp)  # tile -> its block
        for n, block in enumerate(self.blocks):
            self.block_of[block] = n
        self._layout()
        self._changed()

    def set_details(self, details: Sequence[str]) -> None:
        """The detail under each block's name (its counts); repainted with the next frame."""
        if list(details) != self.details:
            self.details = list(details)
            self._fit_details()
            self.update()

    def _caption_height(self) -> int:
        return (1 + self.detail_lines) * self.fontMetrics().height() + 4 if self.titles else 0

    def caption_width(self) -> int:
        """How wide a block's caption may be, in pixels, at the present layout."""
        scale = max(1, min(self.width() // max(1, self.width_tiles), self.height() // max(1, self.height_tiles)))
        return (self.side + GAP) * scale - self.fontMetrics().averageCharWidth() // 2

    def detail_rows(self, b: int) -> list[str]:
        """Block ``b``'s detail in lines that fit its width (wrapped at the separators; a part alone too wide for
        a line is elided), at most ``detail_lines`` of them."""
        return wrap(self.details[b], self.caption_width(), self.fontMetrics().horizontalAdvance)[: self.detail_lines]

    def _fit_details(self) -> None:
        """Caption rows for as many detail lines as the widest detail needs (more lines make the blocks smaller,
        which may need more lines again: a few rounds settle it)."""
        if not self.titles:
            return
        for _ in range(MOST_DETAIL_LINES):
            width, advance = self.caption_width(), self.fontMetrics().horizontalAdvance
            needed = min(MOST_DETAIL_LINES, max((len(wrap(d, width, advance)) for d in self.details), default=1))
            if needed == self.detail_lines:
                return
            self.detail_lines = needed
            self._layout()
            self.render_image()

    def _layout(self) -> None:
        """Blocks in the number of columns that gives the largest tiles; caption rows sized for that scale."""
        side = max((math.ceil(math.sqrt(len(b))) for b in self.blocks), default=0) or 1
        n = max(1, len(self.blocks))
        caption = self._caption_height()
        width, height = max(1, self.width()), max(1, self.height())
        best = (-1.0, 1, 1)
        for per_row in range(1, n + 1):
            rows = math.ceil(n / per_row)
            scale = min(width / (per_row * (side + GAP)), (height - rows * caption) / (rows * (side + GAP)))
            if scale > best[0]:
                best = (scale, per_row, rows)
        scale, per_row, rows = best
        scale = max(1, int(scale))
        self.caption_rows = math.ceil(caption / scale) if caption else 0
        self.side, self.per_row = side, per_row
        cell_w, cell_h = side + GAP, side + GAP + self.caption_rows
        self.width_tiles, self.height_tiles = per_row * cell_w, rows * cell_h
        count = len(self.states)
        self.tile_x = np.zeros(count, dtype=np.int32)
        self.tile_y = np.zeros(count, dtype=np.int32)
        self.origins: list[tuple[int, int]] = []  # each block's top-left tile (below its caption)
        apart = np.zeros(count, dtype=bool)  # a tile with another of its block on its left (the grid's line there)
        for b, block in enumerate(self.blocks):
            bx, by = (b % per_row) * cell_w, (b // per_row) * cell_h + self.caption_rows
            self.origins.append((bx, by))
            k = np.arange(len(block))
            self.tile_x[block], self.tile_y[block] = bx + k % side, by + k // side
            apart[block] = k % side > 0
        self.at = np.full((self.height_tiles, self.width_tiles), -1, dtype=np.int32)
        self.at[self.tile_y, self.tile_x] = np.arange(count)
        self.flat = (self.tile_y * self.width_tiles + self.tile_x).astype(np.intp)  # each tile's pixel in the image
        background = self.background.rgb() & 0xFFFFFFFF
        self.pixels = np.full((self.height_tiles, self.width_tiles), background, dtype=np.uint32)
        self.image = QImage(
            self.pixels.data, self.width_tiles, self.height_tiles, self.width_tiles * 4, QImage.Format.Format_RGB32
        )
        # Each pixel of the image drawn from a code: a tile's colour (its state, dimmed or not: < m), the background
        # (m) or, in the widened image, a tile's colour with the grid's line on its left (m + 1 + its colour).
        m = len(self.lut)
        self._codes = np.full(count + 1, m, dtype=np.min_scalar_type(2 * m))  # per tile, then the background's
        self._cells = np.full(self.height_tiles * self.width_tiles, count, dtype=np.intp)  # each pixel's tile
        self._cells[self.flat] = np.arange(count)
        self._cell_codes = np.full(len(self._cells), m, dtype=self._codes.dtype)
        self._lut = np.append(self.lut, np.uint32(background))
        self._lined = np.zeros(len(self._cells), dtype=self._codes.dtype)  # added to a code: the line on its left
        self._lined[self.flat[apart]] = m + 1
        self._lined_codes = np.empty_like(self._lined)
        self._layout_frame(background)
        self._captions: tuple[tuple, QImage, list[QRect]] | None = None
        self._laid_for = (self.size(), self.font())
        self._whole = True  # the next paint is the whole widget's: the image's place and margins may have moved
        self.rendered = float("-inf")

    def _layout_frame(self, background: int) -> None:
        """What a frame paints at this size, worked out once: the image's place and the margins around it.

        Tiles of ``GRID_FROM`` pixels or more are drawn apart by the grid, lines of the background. Its vertical
        ones are drawn into an image as wide as the frame's and one pixel per tile high (``_wide``: a lookup of
        each tile's ``scale`` pixels at a time, its line included, into a buffer kept for the size), which the
        paint only stretches downwards: a vertical line drawn into the frame would walk one pixel per scan line, a
        cache miss each (2 ms a frame for a 1600x900 wall here). The horizontal ones are one-pixel-high rectangles
        filled over it, one per tile row of a row of blocks (through the gaps and below shorter blocks: all
        background; a filled span costs a twentieth of QPainter's line of it).

        Not kept: the frame's image at full size, painted unscaled. Qt copies it in a third of the time of a
        scaled draw, and wall_frame fell to ~0.87, but in the desk under the mqtt_to_pixel load (its caches cold
        between frames) a paint took 1.87 ms (median of ~360) against 1.03 stretched: 4.5 MB written and read
        again a frame (as at stop 28)."""
        scale = self._scale = max(1, min(self.width() // self.width_tiles, self.height() // self.height_tiles))
        w, h = self.width_tiles * scale, self.height_tiles * scale
        self._target = rect = QRect((self.width() - w) // 2, (self.height() - h) // 2, w, h)  # centred
        self._around = _margins(self.rect(), rect)
        self._frame_image = self.image
        self._wide_items: np.ndarray | None = None  # ``_wide``'s pixels, a tile's in a row as one item
        self._lines: list[QRect] = []
        self._grid_drawn = False
        if scale < GRID_FROM:
            return
        item = np.dtype((np.void, 4 * scale))
        tiles = np.repeat(self._lut[:, None], scale, axis=1)  # per code
        apart = tiles[:-1].copy()
        apart[:, 0] = background
        self._wide_lut = np.concatenate([tiles, apart]).view(item).ravel()
        self._wide = np.full((self.height_tiles, w), background, dtype=np.uint32)
        self._wide_items = self._wide.view(item).ravel()
        self._frame_image = QImage(self._wide.data, w, self.height_tiles, w * 4, QImage.Format.Format_RGB32)
        most: dict[int, int] = {}  # a row of blocks' top -> its most tile rows
        for (_, by), block in zip(self.origins, self.blocks, strict=True):
            most[by] = max(most.get(by, 0), math.ceil(len(block) / self.side))
        self._lines = [
            QRect(rect.x(), rect.y() + (by + k) * scale, w, 1) for by, n in most.items() for k in range(1, n)
        ]

    # -- changing it --------------------------------------------------------------------
    def set_states(self, indices: np.ndarray | Sequence[int], states: np.ndarray | Sequence[int]) -> None:
        self.states[np.asarray(indices, dtype=np.intp)] = states
        self._changed()

    def set_dim(self, dim: np.ndarray) -> None:
        self.dim[:] = dim
        self._dimming = self.dim * self.dimmed  # added to a state: its dimmed colour
        self._changed()

    def counts(self, states: Sequence[int]) -> np.ndarray:
        """Per block, how many of its tiles are in one of ``states``."""
        hit = np.isin(self.states, np.asarray(states, dtype=np.uint8))
        return np.bincount(self.block_of[hit], minlength=len(self.blocks))

    def _changed(self) -> None:
        """Draw now if the last frame is a period old, else once at the end of this period."""
        if not self.timer.isActive():
            wait = self.period - (time.monotonic() - self.rendered)
            if wait <= 0:
                self._tick()
            else:
                self.timer.start(max(1, round(wait * 1000)))

    def _tick(self) -> None:
        """A new frame: only the image's place is repainted (the margins around it do not change with the states:
        1.2 MB less written a frame on a 1600x900 wall); the whole widget after a new layout (new blocks, a new
        size or type: the image's place moved) until it has been painted whole."""
        self.render_image()
        laid = self._laid_for == (self.size(), self.font()) and not self._whole
        self.update(self._target if laid else self.rect())

    def render_image(self) -> None:
        """The state array into the image: a few vectorised lookups into buffers kept for the size, whatever
        changed. ``take`` is told to clip: with ``out=`` and the default mode numpy writes to a temporary first
        (the codes are always in range). The grid's images follow at the next paint (a hidden wall skips them)."""
        codes, cells = self._codes, self._cell_codes
        np.add(self.states, self._dimming, out=codes[:-1])
        codes.take(self._cells, out=cells, mode="clip")
        self._lut.take(cells, out=self.pixels.reshape(-1), mode="clip")
        self._grid_drawn = False
        self.rendered = time.monotonic()
        self.image_rendered.emit()

    def _draw_grid(self) -> None:
        """The tiles into ``_wide`` with the grid's vertical lines (see ``_layout_frame``)."""
        if self._wide_items is not None:
            lined = np.add(self._cell_codes, self._lined, out=self._lined_codes)
            self._wide_lut.take(lined, out=self._wide_items, mode="clip")
        self._grid_drawn = True

    # -- drawing and pointing -----------------------------------------------------------
    def _fit(self) -> None:
        """Laid out again for a new size or type (a hidden widget is resized without a resize event)."""
        if self._laid_for != (self.size(), self.font()):
            self._layout()
            self.render_image()
            self._fit_details()

    def scale(self) -> int:
        """Pixels per tile (at least one)."""
        self._fit()
        return self._scale

    def target(self) -> QRect:
        """Where the image goes: as large as fits with square tiles, centred."""
        self._fit()
        return QRect(self._target)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(800, 600)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        behind = self.palette().brush(self.backgroundRole())  # what Qt would have filled the widget with
        if not len(self.states):
            painter.fillRect(self.rect(), behind)
            painter.setPen(QColor(palette.TEXT_DIM))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        self._fit()
        if not self._grid_drawn:
            self._draw_grid()
        rect = self._target
        if not rect.contains(event.rect()):  # an expose or a new layout, not a frame (``_tick``)
            for margin in self._around:
                painter.fillRect(margin, behind)
            self._whole = False
        painter.drawImage(rect, self._frame_image)
        if self._lines:
            painter.setPen(Qt.PenStyle.NoPen)  # the spans filled in one call, not a fillRect (~1 µs of Python) each
            painter.setBrush(self.background)
            painter.drawRects(self._lines)
        if self.titles:
            layer, bands = self._caption_layer(rect, self._scale)
            ratio = layer.devicePixelRatio()
            for band in bands:  # the caption rows are background in the image: copied over, nothing to blend
                painter.drawImage(QRectF(band.translated(rect.topLeft())), layer, _physical(band, ratio))
        painter.end()
        self.frames += 1

    def _caption_layer(self, rect: QRect, scale: int) -> tuple[QImage, list[QRect]]:
        """Every block's caption drawn once into an image of the wall's size, and the caption bands (one per row of
        blocks, in the image's coordinates) to copy from it: laying the captions out and drawing their text cost
        ~14 ms a frame for 40 compounds (four fifths of the desk's paint), and they change at most once a second
        (the counts) while the tiles repaint up to 30 times a second."""
        layout = (rect.size(), scale, self.font(), self.devicePixelRatioF(), self.detail_lines, self.background.rgb())
        key = (layout, tuple(self.titles), tuple(self.details))
        if self._captions is None or self._captions[0] != key:
            ratio = self.devicePixelRatioF()
            layer = QImage(rect.size() * ratio, QImage.Format.Format_RGB32)
            layer.setDevicePixelRatio(ratio)
            layer.setDotsPerMeterX(round(self.logicalDpiX() / 0.0254))  # a font in points: as large as on the widget
            layer.setDotsPerMeterY(round(self.logicalDpiY() / 0.0254))
            layer.fill(self.background)
            painter = QPainter(layer)
            painter.setFont(self.font())
            self._paint_captions(painter, QRect(QPoint(0, 0), rect.size()), scale)
            painter.end()
            band = self.caption_rows * scale
            tops = sorted({by * scale - band for _, by in self.origins})
            self._captions = (key, layer, [QRect(0, top, rect.width(), band) for top in tops])
        return self._captions[1], self._captions[2]

    def caption_lines(self, b: int) -> list[tuple[str, str]]:
        """Block ``b``'s caption as drawn: (text, colour) per line, its name then its detail; a text too wide for
        the block elided (``elidedText`` cuts even a text exactly as wide, so only a wider one goes through it)."""
        metrics, width = self.fontMetrics(), self.caption_width()
        lines = [(self.titles[b] if b < len(self.titles) else "", palette.TEXT)]
        lines += [(text, palette.TEXT_DIM) for text in self.detail_rows(b)]
        return [
            (
                text
                if metrics.horizontalAdvance(text) <= width
                else metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
                colour,
            )
            for text, colour in lines
        ]

    def _paint_captions(self, painter: QPainter, rect: QRect, scale: int) -> None:
        line, width = self.fontMetrics().height(), self.caption_width() + 1  # the block and its gap
        for b, (bx, by) in enumerate(self.origins):
            left, top = rect.x() + bx * scale, rect.y() + by * scale - self.caption_rows * scale
            for n, (text, colour) in enumerate(self.caption_lines(b)):
                painter.setPen(QColor(colour))
                painter.drawText(
                    QRect(left, top + n * line, width, line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    text,
                )

    def tile_at(self, pos: QPoint) -> int | None:
        rect = self.target()
        if not len(self.states) or not rect.contains(pos):
            return None
        tx = (pos.x() - rect.x()) * self.width_tiles // rect.width()
        ty = (pos.y() - rect.y()) * self.height_tiles // rect.height()
        index = int(self.at[ty, tx])
        return index if index >= 0 else None

    def tile_rect(self, index: int) -> QRect:
        """Where a tile is drawn, in the widget's coordinates."""
        rect, scale = self.target(), self.scale()
        return QRect(
            rect.x() + int(self.tile_x[index]) * scale, rect.y() + int(self.tile_y[index]) * scale, scale, scale
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self.tile_at(event.position().toPoint())
        if index is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.names[index], self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self.tile_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tile_clicked.emit(index)


def _margins(whole: QRect, inner: QRect) -> list[QRect]:
    """The parts of ``whole`` outside ``inner`` (which it contains): the bands above and below, then either side."""
    bands = [
        QRect(whole.left(), whole.top(), whole.width(), inner.top() - whole.top()),
        QRect(whole.left(), inner.bottom() + 1, whole.width(), whole.bottom() - inner.bottom()),
        QRect(whole.left(), inner.top(), inner.left() - whole.left(), inner.height()),
        QRect(inner.right() + 1, inner.top(), whole.right() - inner.right(), inner.height()),
    ]
    return [band for band in bands if not band.isEmpty()]


def _physical(rect: QRect, ratio: float) -> QRectF:
    """``rect`` (logical pixels) in the pixels of an image whose device pixel ratio is ``ratio``."""
    return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio)


def wrap(text: str, width: int, advance: Callable[[str], int]) -> list[str]:
    """``text`` in lines no wider than ``width`` (``advance`` measures), broken only at its " · " separators."""
    lines: list[str] = []
    for part in text.split(SEPARATOR) if text else []:
        joined = f"{lines[-1]}{SEPARATOR}{part}" if lines else part
        if lines and advance(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(part)
    return lines or [""]
