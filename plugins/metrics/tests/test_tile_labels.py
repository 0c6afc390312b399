"""Chart labels never overlap: a bar chart by subdistrict thins its labels out to what its width holds, and a
ranking to what its height holds (compound names were printed on top of each other)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtGui import QImage, QPainter

from citybrain.plugins.metrics import dashboards as dash, tiles

NAMES = [
    "曲阳路街道",
    "嘉兴路街道",
    "凉城新村街道",
    "北外滩街道",
    "欧阳路街道",
    "江湾镇街道",
    "广中路街道",
    "四川北路街道",
    "中云舫小区",
    "长春新村",
    "花园新村第三居委会",
    "塘沽坊",
]


def label_rects(tile: tiles.PlotTile, axis: str) -> list:
    item = tile.plot.getAxis(axis)
    image = QImage(item.boundingRect().size().toSize(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    _, _, texts = item.generateDrawSpecs(painter)
    painter.end()
    return [(rect, text) for rect, _, text in texts]


@pytest.mark.parametrize("width, height", [(420, 300), (900, 360), (1900, 700)])
def test_bar_and_ranking_labels_never_overlap(qtbot, width, height):
    chart = tiles.ChartTile(dash.Tile("chart", "x", by="subdistrict"), {"title": "t"}, large=True)
    ranking = tiles.RankingTile(dash.Tile("ranking", "x", by="compound"), {"title": "t"}, large=True)
    for tile, axis in ((chart, "bottom"), (ranking, "left")):
        qtbot.addWidget(tile)
        tile.setStyleSheet("QWidget { font-size: 28px; }")  # the wall's type
        tile.resize(width, height)
        tile.show()
        qtbot.waitExposed(tile)
        n = len(NAMES)
        if axis == "bottom":
            tile.bars.setOpts(x=list(range(n)), height=[1.0] * n)
        else:
            tile.bars.setOpts(x0=[0] * n, y=list(range(n)), width=[1.0] * n)
        tile.plot.autoRange()
        if axis == "bottom":
            tile.set_labels(axis, [(i, name) for i, name in enumerate(NAMES)])
        else:
            tile.name_rows(NAMES)
        if width >= 500:  # a narrow chart may have room for no whole label: then it shows none
            qtbot.waitUntil(
                lambda tile=tile, axis=axis: bool(label_rects(tile, axis))
            )  # once the axis is laid out at its new width
        rects = label_rects(tile, axis)
        assert all(r.height() >= 28 for r, _ in rects)  # read from 5 m on the wall
        for (a, ta), (b, tb) in pairwise(rects):
            assert not a.intersects(b), (ta, tb, a, b)
