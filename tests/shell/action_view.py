"""A test plugin whose view lists actions (tests/shell/test_view_actions.py): one that marks the selected row, one
that is never possible, and one that raises."""

import asyncio

from PySide6.QtWidgets import QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from citybrain.shell.api import ViewAction, ViewSpec, hookimpl
from citybrain.widgets.sender import Sender


class ActionView(QWidget):
    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__()
        self.commands = Sender(ctx)
        self.table = QTableWidget(3, 1)
        for row in range(3):
            self.table.setItem(row, 0, QTableWidgetItem(f"row {row}"))
        self.comment = QLineEdit()
        self.button = QPushButton("Mark")
        self.never = QPushButton("Never")
        Sender.set_enabled(self.never, False, "the test never allows it")
        self.marked: list[int] = []
        layout = QVBoxLayout(self)
        for widget in (self.table, self.comment, self.button, self.never, self.commands.message):
            layout.addWidget(widget)

    def mark(self) -> None:
        self.marked.append(self.table.currentRow())

    def edit(self) -> None:
        """An action whose point is the focus (write a comment): the desk leaves it there."""
        self.comment.setFocus()

    async def mark_later(self) -> None:
        """As a command does: it waits for the daemon's answer."""
        await asyncio.sleep(0)
        self.marked.append(self.table.currentRow())

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("mark", "Mark", self.mark, "Ctrl+Shift+M"),
            ViewAction("edit", "Comment", self.edit, "Ctrl+Shift+C", places_focus=True),
            ViewAction("later", "Mark later", self.mark_later, "Ctrl+Shift+L"),
            ViewAction("never", "Never", lambda: self.marked.append(-1), "Ctrl+Shift+J", enabled=lambda: False),
        ]


@hookimpl
def citybrain_views():
    return [ViewSpec("test.actions", "Actions", "action_view:ActionView")]
