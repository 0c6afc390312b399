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


def test_a_young_trend_says_what_it_will_show(qtbot):
    """The system view's 10-minute trend was a blank panel when it opened, then a stub at its right edge."""
    line = Sparkline(points=600, height=None, stretch=False)
    qtbot.addWidget(line)
    line.resize(600, 200)
    assert drawn_rows(line) == []  # nothing to say: nothing drawn
    line.empty_text = "The trend is drawn from when this view opened."
    assert drawn_rows(line)  # the note, with no value yet
    for _ in range(10):
        line.append(5.0)  # a flat line: a row or two
    assert len(drawn_rows(line)) > 4  # the young line and the note
    for _ in range(400):
        line.append(5.0)
    assert len(drawn_rows(line)) <= 3  # the note gone once the line spans most of the panel
