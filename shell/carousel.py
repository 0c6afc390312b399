"""The wall's carousel: views shown one after another on a timer, each with its name in large type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget


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

    def add_page(self, widget: QWidget, title: str) -> None:
        self.stack.addWidget(widget)
        self.titles.append(title)
        self._show_caption()

    def pages(self) -> list[QWidget]:
        return [self.stack.widget(i) for i in range(self.stack.count())]

    def advance(self) -> None:
        """The next page (and round again); the timer restarts so every page gets its full time."""
        if self.stack.count():
            self.show_page((self.stack.currentIndex() + 1) % self.stack.count())

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.timer.start(int(self.seconds * 1000))
        self._show_caption()
        self.page_changed.emit(index)

    def _show_caption(self) -> None:
        i, n = self.stack.currentIndex(), self.stack.count()
        self.caption.setText(f"{self.titles[i]}   {i + 1} / {n}" if n else "")
