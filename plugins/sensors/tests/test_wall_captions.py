"""The device wall names each compound with its counts in full, on the desk and on the 4K wall: a count line too
wide for its block wraps at its separators instead of being cut ("367 devices · 0 in alarm · offli…")."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from citybrain.plugins.sensors.wall_view import COLOURS, compound_detail
from citybrain.widgets.tile_wall import SEPARATOR, TileWall

BLOCKS = 40  # the demo's compounds, ~375 devices each
PER_BLOCK = 375


@pytest.mark.parametrize("size,pixels", [((3840, 2040), 32), ((1900, 900), 13)])  # the wall's type, a desk's
def test_every_compounds_counts_are_shown_whole(qtbot, size, pixels):
    blocks = [list(range(b * PER_BLOCK, (b + 1) * PER_BLOCK)) for b in range(BLOCKS)]
    wall = TileWall(blocks, COLOURS, titles=[f"溧阳新村{b}" for b in range(BLOCKS)])
    qtbot.addWidget(wall)
    font = QFont(wall.font())
    font.setPixelSize(pixels)
    wall.setFont(font)
    wall.resize(*size)
    wall.scale()  # laid out for its size and type, as a paint does
    details = [compound_detail(12345, 1234, 1234) for _ in range(BLOCKS)]
    wall.set_details(details)
    width, advance = wall.caption_width(), wall.fontMetrics().horizontalAdvance
    for b, detail in enumerate(details):
        rows = wall.detail_rows(b)
        assert SEPARATOR.join(rows) == detail, rows  # every part, none elided
        assert all(advance(row) <= width for row in rows), (rows, width)
        drawn = [text for text, _ in wall.caption_lines(b)]
        assert drawn == [wall.titles[b], *rows], drawn  # drawn as laid out: "0 in ala…" was cut when just as wide
    assert wall.detail_lines > 1  # at this width the English counts need a second line
    assert wall.caption_rows * wall.scale() >= (1 + wall.detail_lines) * wall.fontMetrics().height()  # room for it
