"""The tile wall: no devices or an empty block draw a line saying so, not a ZeroDivisionError; captions name each
block above its tiles; on a big screen tiles are large and drawn apart."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent

from citybrain.widgets import palette
from citybrain.widgets.tile_wall import TileWall

COLOURS = ["#59616b", palette.URGENT]


def painted(wall: TileWall) -> QImage:
    image = QImage(wall.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    wall.render(image)
    return image


def test_no_tiles_and_empty_blocks_paint_without_error(qtbot):
    for blocks in ([], [[]], [[], [0, 1, 2]]):
        wall = TileWall(blocks, COLOURS, titles=["a"] * len(blocks))
        qtbot.addWidget(wall)
        wall.empty_text = "no devices"
        wall.resize(400, 300)
        image = painted(wall)  # a paint error would leave the painter active and raise here
        assert image.width() == 400
        assert wall.tile_at(wall.rect().center()) in (None, 0, 1, 2)
    wall.set_blocks([])
    assert len(wall.states) == 0 and painted(wall).width() == 400


def test_captions_sit_above_their_blocks_and_tiles_are_large_on_a_wall(qtbot):
    blocks = [list(range(n * 375, (n + 1) * 375)) for n in range(40)]  # the demo: 40 compounds of ~375 devices
    wall = TileWall(blocks, COLOURS, titles=[f"小区{n}" for n in range(40)])
    qtbot.addWidget(wall)
    wall.resize(3800, 1900)
    wall.set_states([5], [1])
    wall.render_image()
    assert wall.scale() >= 16  # far more than an 8 px dot
    rect = wall.tile_rect(5)
    image = painted(wall)
    assert QColor(image.pixel(rect.center())) == QColor(palette.URGENT)
    top = wall.tile_rect(blocks[0][0]).top()
    assert wall.caption_rows * wall.scale() >= 2 * wall.fontMetrics().height()  # room for name and counts
    assert top >= 2 * wall.fontMetrics().height()
    assert list(wall.counts([1])) == [1] + [0] * 39
    # a tile of 16 px or more is drawn apart from its neighbour by a line of the background
    second = wall.tile_rect(blocks[0][1])
    assert QColor(image.pixel(second.left(), second.center().y())) == QColor(palette.BACKGROUND)
    assert QColor(image.pixel(second.left() + 2, second.center().y())) == QColor(COLOURS[0])
    assert np.unique(wall.block_of).size == 40


def test_the_grid_parts_every_tile_from_its_neighbours_and_nothing_else(qtbot):
    """Each tile's square is its state's colour but for a line of the background on its left and top where
    another tile of its block is there; the first column and row of a block keep theirs (the grid's vertical lines
    are drawn into a widened image, its horizontal ones as spans: both must land exactly there)."""
    blocks = [list(range(0, 23)), list(range(23, 30)), list(range(30, 61))]  # a partial last row in each
    wall = TileWall(blocks, COLOURS, titles=["a", "b", "c"])
    qtbot.addWidget(wall)
    wall.resize(900, 500)
    wall.set_states(np.arange(61), np.arange(61) % 2)
    wall.render_image()
    scale, image, side = wall.scale(), painted(wall), wall.side
    assert scale >= 6  # drawn apart
    background = QColor(palette.BACKGROUND)
    for block in blocks:
        for k, tile in enumerate(block):
            rect, colour = wall.tile_rect(tile), QColor(COLOURS[tile % 2])
            left, top = rect.left(), rect.top()
            assert QColor(image.pixel(left + 1, top + 1)) == colour
            assert QColor(image.pixel(rect.right(), rect.bottom())) == colour
            assert (QColor(image.pixel(left, top + 1)) == background) == (k % side > 0), (tile, "left")
            assert (QColor(image.pixel(left + 1, top)) == background) == (k >= side), (tile, "top")


class _DirectCaptions(TileWall):
    """The captions drawn straight onto the frame at every paint, as before they were kept in a layer."""

    def _caption_layer(self, rect, scale):
        return QImage(), []

    def paintEvent(self, event):
        super().paintEvent(event)
        painter = QPainter(self)
        self._paint_captions(painter, self.target(), self.scale())
        painter.end()


def test_captions_are_laid_out_once_and_drawn_as_before(qtbot, monkeypatch):
    blocks = [list(range(n * 375, (n + 1) * 375)) for n in range(40)]
    titles = [f"溧阳新村{n}" for n in range(40)]
    wall, direct = TileWall(blocks, COLOURS, titles=titles), _DirectCaptions(blocks, COLOURS, titles=titles)
    for each in (wall, direct):
        qtbot.addWidget(each)
        each.resize(1600, 900)
        each.set_states([5, 400], [1, 1])
        each.set_details([f"375 · {n % 3} in alarm · {n % 5} offline" for n in range(40)])
    assert painted(wall) == painted(direct)
    laid_out = []
    monkeypatch.setattr(wall, "caption_lines", lambda b, lines=wall.caption_lines: laid_out.append(b) or lines(b))
    for _ in range(3):  # the tiles change and repaint; the captions do not
        wall.set_states([7], [1])
        painted(wall)
    assert laid_out == []
    direct.set_states([7], [1])
    for each in (wall, direct):  # new counts: drawn anew
        each.set_details([f"375 · {n % 4} in alarm" for n in range(40)])
    assert painted(wall) == painted(direct)
    assert sorted(laid_out) == list(range(40))


def test_the_wall_paints_every_pixel_itself_so_qt_need_not_fill_it_first(qtbot):
    """The wall is opaque (Qt does not fill it with the background under each frame, four fifths of which the
    image covers): the margins around the image are its own to paint, in the colour Qt would have used."""
    blocks = [list(range(n, 3000, 8)) for n in range(8)]
    wall = TileWall(blocks, COLOURS)
    qtbot.addWidget(wall)
    behind = wall.palette().color(wall.backgroundRole())
    for size, states in (((640, 300), True), ((300, 640), True), ((400, 300), False)):
        wall.resize(*size)
        if not states:
            wall.set_blocks([])
        image = QImage(wall.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("#ff00ff"))  # nothing of the wall's is this colour
        wall.render(image, renderFlags=wall.RenderFlag.DrawChildren)  # no background from Qt
        pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
        assert not (pixels == QColor("#ff00ff").rgb()).any(), size
        corner = QColor(image.pixel(0, 0)) if states else QColor(image.pixel(1, 1))
        assert corner == behind, size


def test_the_images_kept_for_a_size_show_every_change_after_a_resize(qtbot):
    """The image (and the widened one the grid is drawn into) is kept for the wall's size and only redrawn from
    the states: a state or a dim set after a resize shows, with tiles drawn apart (grid) or not."""
    blocks = [list(range(0, 23)), list(range(23, 30)), list(range(30, 461))]
    wall = TileWall(blocks, COLOURS)
    qtbot.addWidget(wall)
    wall.period = 0.0  # every change drawn at once
    for size in ((900, 500), (200, 120), (600, 400)):  # apart, too small for the grid, apart at another scale
        wall.resize(*size)
        wall.set_states(np.arange(461), np.zeros(461, dtype=np.uint8))
        wall.set_states([3, 40], [1, 1])
        wall.set_dim(np.arange(461) == 40)
        image = painted(wall)
        assert (wall.scale() >= 6) == (size != (200, 120))
        for tile, colour in ((3, QColor(COLOURS[1])), (40, None), (4, QColor(COLOURS[0]))):
            rect = wall.tile_rect(tile)
            seen = QColor(image.pixel(rect.right(), rect.bottom()))
            if colour is None:  # dimmed: each channel halved
                expected = QColor(COLOURS[1])
                assert (seen.red(), seen.green(), seen.blue()) == tuple(c // 2 for c in expected.getRgb()[:3]), size
            else:
                assert seen == colour, (size, tile)
            assert QColor(wall.image.pixel(int(wall.tile_x[tile]), int(wall.tile_y[tile]))) == seen, (size, tile)


def test_a_frame_repaints_the_image_s_place_and_a_resize_the_whole_wall(qtbot):
    """The margins around the image do not change with the states: a frame repaints only the image's place (1.2 MB
    less written a frame on a 1600x900 wall); a new size repaints everything, margins included."""
    blocks = [list(range(n, 3000, 8)) for n in range(8)]
    wall = TileWall(blocks, COLOURS)
    qtbot.addWidget(wall)
    wall.period = 0.0
    wall.resize(640, 300)
    painted_rects = []

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if isinstance(event, QPaintEvent):
                painted_rects.append(event.rect())
            return False

    watch = Watch(wall)
    wall.installEventFilter(watch)
    wall.show()
    qtbot.waitUntil(lambda: bool(painted_rects))
    assert painted_rects[-1] == wall.rect()  # shown: everything
    wall.set_states([5], [1])
    qtbot.waitUntil(lambda: len(painted_rects) >= 2)
    assert painted_rects[-1] == wall.target() != wall.rect()  # a frame: the image's place only
    wall.resize(700, 320)
    wall.set_states([5], [0])
    qtbot.waitUntil(lambda: painted_rects[-1] == wall.rect())  # a new size: everything again
    count = len(painted_rects)
    wall.set_blocks([list(range(n, 600, 3)) for n in range(3)])  # devices gone: a new layout, the place moves
    qtbot.waitUntil(lambda: len(painted_rects) > count)
    assert painted_rects[-1] == wall.rect()  # margins where tiles were: painted whole
    count = len(painted_rects)
    wall.set_states([5], [1])
    qtbot.waitUntil(lambda: len(painted_rects) > count)
    assert painted_rects[-1] == wall.target()  # painted whole once: frames are the image's place again
