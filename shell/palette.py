"""The command palette (Ctrl+K): every action any plugin or the desk offers, found by fuzzy search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from citybrain.shell.fuzzy import rank
from citybrain.shell.i18n import tr
from citybrain.widgets.accents import accent

if TYPE_CHECKING:
    from citybrain.shell.commands import Command


class CommandPalette(QDialog):
    """A frameless popup over the window; Enter runs the selected command, Esc just closes."""

    def __init__(self, commands: list[Command], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("commandPalette")
        self.commands = {c.id: c for c in commands}
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("Palette", "Type a command — Chinese, pinyin initials or English"))
        self.list = QListWidget()
        self.hint = QLabel(tr("Palette", "Enter runs · Esc closes"))
        accent(self.hint, "kpiDetail")
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.query.textChanged.connect(self.refresh)
        self.query.returnPressed.connect(self.run_selected)
        self.list.itemActivated.connect(lambda _: self.run_selected())
        self.query.installEventFilter(self)
        if parent is not None:
            width = min(720, parent.width() - 40)
            self.resize(width, 420)
            top_left = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top_left.x() + (parent.width() - width) // 2, top_left.y() + 60)
        self.refresh("")

    def refresh(self, text: str) -> None:
        self.list.clear()
        for _, candidate in rank(text, (c.candidate for c in self.commands.values())):
            command = self.commands[candidate.id]
            label = f"{command.title}    {command.shortcut}" if command.shortcut else command.title
            if not command.enabled:  # still listed and runnable: running it says why it cannot be done now
                label = tr("Palette", "{command} (not possible now)").format(command=label)
            item = QListWidgetItem(label)
            if not command.enabled:
                item.setForeground(self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            item.setData(Qt.ItemDataRole.UserRole, command.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def matches(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def run_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.accept()
        self.commands[item.data(Qt.ItemDataRole.UserRole)].run()

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802 - arrows move the selection while typing
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
            return True
        return super().eventFilter(obj, event)
