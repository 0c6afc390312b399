"""An accent's rules follow the properties they select on, set before its widget is first shown or after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from citybrain.shell.theme import apply_theme
from citybrain.widgets.accents import accent, repolish


def coloured(image: QImage) -> int:
    """How many pixels of ``image`` are strongly coloured (the abnormal figure's orange, not the theme's greys)."""
    return sum(
        QColor(image.pixel(x, y)).hsvSaturation() > 100 and QColor(image.pixel(x, y)).value() > 100
        for x in range(image.width())
        for y in range(image.height())
    )


def test_a_figure_marked_abnormal_before_it_is_shown_is_drawn_so_and_unmarked_after_is_grey_again(qtbot, qapp):
    apply_theme(qapp, "dark")
    label = QLabel("88")
    qtbot.addWidget(label)
    accent(label, "kpiValue")
    label.setProperty("abnormal", True)
    repolish(label)
    assert not label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)  # left to the first show's polish
    label.show()
    qtbot.waitExposed(label)
    assert coloured(label.grab().toImage()) > 0
    label.setProperty("abnormal", False)
    repolish(label)
    assert coloured(label.grab().toImage()) == 0
    label.setProperty("abnormal", True)
    repolish(label)
    assert coloured(label.grab().toImage()) > 0
