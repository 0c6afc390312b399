"""The wall: every configured dashboard in turn, in large type, no interaction needed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from citybrain.plugins.metrics import CATALOGUE, UNIT_VALUES, VALUES, dashboards as dash
from citybrain.plugins.metrics.dashboard_view import DashboardBoard, language
from citybrain.shell.api import DeskContext

SECONDS = 20.0


class DashboardWall(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dashboards = dash.shipped()
        self.stack = QStackedWidget()
        self.boards = [DashboardBoard(ctx, board, large=True) for board in self.dashboards]
        for board in self.boards:
            self.stack.addWidget(board)
        self.caption = QLabel()
        self.caption.setObjectName("carouselCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.advance)
        self.timer.start(int(SECONDS * 1000))
        self.show_board(0)
        for collection in (VALUES, UNIT_VALUES):
            ctx.on_change(collection, self.refresh)
        ctx.on_change(CATALOGUE, self.rebuild)
        ctx.on_operator(lambda _: self.refresh())

    def show_board(self, index: int) -> None:
        if not self.boards:
            return
        self.stack.setCurrentIndex(index % len(self.boards))
        board = self.dashboards[self.stack.currentIndex()]
        self.caption.setText(f"{board.name(language())}  {self.stack.currentIndex() + 1} / {len(self.boards)}")

    def advance(self) -> None:
        self.show_board(self.stack.currentIndex() + 1)

    def refresh(self) -> None:
        """Only the board on screen repaints now; the others when they come round."""
        if self.boards:
            self.boards[self.stack.currentIndex()].refresh()

    def rebuild(self) -> None:
        for board in self.boards:
            board.build()

    def save_settings(self) -> dict:
        return {"seconds": self.timer.interval() / 1000}

    def restore_settings(self, settings: dict) -> None:
        seconds = settings.get("seconds", SECONDS)
        if isinstance(seconds, (int, float)) and seconds >= 1:
            self.timer.start(int(seconds * 1000))
