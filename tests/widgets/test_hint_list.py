"""An empty HintList shows its hint; once it holds rows it looks like any list with those rows."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QListWidget

from citybrain.widgets.hint_list import HintList


def image(widget: QListWidget, qtbot) -> QImage:
    qtbot.addWidget(widget)
    widget.resize(300, 160)
    return widget.grab().toImage()


def test_the_hint_shows_while_empty_and_goes_with_the_first_row(qtbot):
    blank = image(QListWidget(), qtbot)
    hinted = HintList("Select a case to see what has been done with it")
    assert image(hinted, qtbot) != blank

    hinted.addItem("10:02  dispatched")
    plain = QListWidget()
    plain.addItem("10:02  dispatched")
    assert image(hinted, qtbot) == image(plain, qtbot)

    hinted.clear()
    assert image(hinted, qtbot) != blank
