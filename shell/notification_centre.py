"""The notification centre: every notification this desk showed, newest first, with acknowledgement."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from citybrain.shell.i18n import tr
from citybrain.shell.notify import Notifier
from citybrain.widgets import palette

# colour is never the only cue: every row also says its level in words and a shape
LEVEL_MARK = {"alarm": ("▲", palette.URGENT), "warning": ("◆", palette.HIGH), "info": ("●", palette.TEXT_DIM)}


def level_name(level: str) -> str:
    return {"alarm": tr("Notify", "ALARM"), "warning": tr("Notify", "warning"), "info": tr("Notify", "info")}.get(level, level)


class NotificationCentre(QDialog):
    def __init__(self, notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationCentre")
        self.setWindowTitle(tr("Notify", "Notifications"))
        self.notifier = notifier
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.ack = buttons.addButton(tr("Notify", "Acknowledge all"), QDialogButtonBox.ButtonRole.ActionRole)
        self.ack.clicked.connect(lambda: notifier.acknowledge())
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout.addWidget(buttons)
        notifier.changed.connect(self.refresh)
        self.resize(640, 480)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for note in reversed(self.notifier.history):
            mark, colour = LEVEL_MARK.get(note.level, LEVEL_MARK["info"])
            when = time.strftime("%m-%d %H:%M:%S", time.localtime(note.at))
            state = "" if note.acknowledged else tr("Notify", " · not acknowledged")
            item = QListWidgetItem(f"{mark} {when}  {level_name(note.level)}{state}\n{note.title}: {note.text}")
            item.setForeground(QBrush(QColor(colour)))
            item.setData(Qt.ItemDataRole.UserRole, note.acknowledged)
            self.list.addItem(item)
        waiting = len(self.notifier.unacknowledged)
        self.summary.setText(tr("Notify", "{n} not acknowledged · alarm sound {state}").format(
            n=waiting, state=tr("Notify", "muted") if self.notifier.muted else tr("Notify", "on")))
        self.ack.setEnabled(waiting > 0)
