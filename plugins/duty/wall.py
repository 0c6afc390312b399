"""The duty wall: who is on duty, the open incidents with their reporting countdowns, the latest log entries —
one view for the video wall, large type, nothing to click."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QVBoxLayout, QWidget

from citybrain.core.times import local_time as local
from citybrain.plugins.duty.board import OnDutyBoard
from citybrain.plugins.duty.incidents_view import IncidentsView
from citybrain.plugins.duty.log_view import category_name
from citybrain.plugins.duty.names import unit_name
from citybrain.shell.api import DeskContext, tr

LOG = "duty.log"
LATEST = 12


class LatestLog(QWidget):
    """The newest entries, newest first."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.entries = QListWidget()
        self.entries.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("Duty", "Latest duty log entries")))
        layout.addWidget(self.entries)
        ctx.on_change(LOG, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        newest = sorted(self.ctx.records(LOG), key=lambda e: e["id"], reverse=True)[:LATEST]
        self.entries.clear()
        self.entries.addItems(
            [
                f"{local(e['event_at'])}  [{category_name(e['category'])}] "
                f"{unit_name(self.ctx, e['unit'])}  {e['text']}"
                for e in newest
            ]
        )


class DutyWall(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.board = OnDutyBoard(ctx, scroll=False)  # every post shows: nobody scrolls a wall
        self.incidents, self.log = IncidentsView(ctx, actions=False), LatestLog(ctx)
        lower = QSplitter()
        lower.addWidget(self.incidents)
        lower.addWidget(self.log)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.board)
        layout.addWidget(lower, 1)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)  # read from across the room
        self.setFont(font)
