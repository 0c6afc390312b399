"""The wall's carousel: views shown one after another on a timer, each with its name in large type.

A wall is read-only: every page it shows is made so (:func:`read_only`): no buttons or entry boxes, no selection,
no focus, and a click reaches nothing; a widget with the property ``deskOnly`` set (an invitation to click) is
hidden.  Its type is sized for the screen it is on (:func:`wall_sheet`): the wall
profile's sheet is written in pixels for a 3840×2160 wall and scaled to the screen's height, so a 1920×1080 wall
shows the same page at half the size instead of overflowing its screen.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.config import bundled

WALL_HEIGHT = 2160  # the height the wall sheet's pixel sizes are written for
SMALLEST_PX = 11  # no type below this, however small the screen
WALL_SMALLEST_PX = 28  # nothing an operator must read is smaller on a 2160 px wall (5 m away), scaled with it
_PX = re.compile(r"(\d+(?:\.\d+)?)px")


def wall_sheet(screen_height: int) -> str:
    """The wall profile's style sheet with every pixel size scaled from a 2160-pixel wall to ``screen_height``."""
    qss = bundled("citybrain.resources", "themes", "wall.qss").read_text(encoding="utf-8")
    factor = screen_height / WALL_HEIGHT

    def scaled(match: re.Match[str]) -> str:
        value = float(match.group(1))
        return f"{max(SMALLEST_PX if value >= SMALLEST_PX else 0, round(value * factor))}px"

    return _PX.sub(scaled, qss)


def read_only(page: QWidget) -> None:
    """Nothing on ``page`` can be pressed, typed into, selected or focused; a click goes nowhere."""
    page.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for child in page.findChildren(QWidget):
        child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if child.property("deskOnly"):  # a hint for a desk ("click a case"), not for a wall
            child.hide()
        elif isinstance(child, (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)) or (
            isinstance(child, QTextEdit) and not child.isReadOnly()
        ):  # a choice box too: nothing to choose
            child.setEnabled(False)
            child.hide()
        elif isinstance(child, QAbstractItemView):
            child.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            child.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            child.clearSelection()


class Carousel(QWidget):
    page_changed = Signal(int)

    def __init__(self, seconds: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carousel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.caption = QLabel()
        self.caption.setObjectName("carouselCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)
        self.titles: list[str] = []
        self.seconds = max(1.0, float(seconds))
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.advance)
        self.timer.start(int(self.seconds * 1000))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Small: a page that would like more room is squeezed into the screen, never widens the window past it."""
        return QSize(320, 240)

    def add_page(self, widget: QWidget, title: str) -> None:
        self.stack.addWidget(widget)
        self.titles.append(title)
        read_only(widget)
        self._show_caption()

    def pages(self) -> list[QWidget]:
        return [w for i in range(self.stack.count()) if (w := self.stack.widget(i)) is not None]

    def advance(self) -> None:
        """The next page (and round again); the timer restarts so every page gets its full time."""
        if self.stack.count():
            self.show_page((self.stack.currentIndex() + 1) % self.stack.count())

    def show_page(self, index: int) -> None:
        if (page := self.stack.widget(index)) is not None:
            read_only(page)  # again: a view may have made a widget since
        self.stack.setCurrentIndex(index)
        self.timer.start(int(self.seconds * 1000))
        self._show_caption()
        self.page_changed.emit(index)

    def _show_caption(self) -> None:
        i, n = self.stack.currentIndex(), self.stack.count()
        self.caption.setText(f"{self.titles[i]}   {i + 1} / {n}" if n else "")
