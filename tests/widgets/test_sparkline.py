"""A sparkline draws from zero by default (noise is not a cliff); from_zero=False spans its own range."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from citybrain.widgets.sparkline import Sparkline


def drawn_rows(line: Sparkline) -> list[int]:
    """The rows the line touches: pixels other than the background's."""
    image = QImage(line.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0))
    line.render(image)
    background = image.pixel(0, 0)
    return [y for y in range(image.height()) if any(image.pixel(x, y) != background for x in range(image.width()))]


def test_from_zero_or_over_its_own_range(qtbot):
    rows = {}
    for from_zero in (True, False):
        line = Sparkline(points=12, height=40, from_zero=from_zero)
        qtbot.addWidget(line)
        line.resize(200, 40)
        for value in (0.84, 0.86, 0.85, 0.86):
            line.append(value)
        rows[from_zero] = drawn_rows(line)
    assert max(rows[True]) - min(rows[True]) <= 3  # 84–86 % from zero: a nearly flat line at the top
    assert max(rows[False]) - min(rows[False]) >= 30  # over its own range: the whole height
