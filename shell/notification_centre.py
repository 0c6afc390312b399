"""The notification centre: every notification this desk showed, newest first, acknowledged one by one.

There is deliberately no "acknowledge all" (ISA-18.2, EEMUA 191): the operator reads each entry and
acknowledges it — Enter on the selected entry, or the Acknowledge button.  Merged notifications of one kind are
one entry; the kind filter narrows the list to one kind.  Enter acknowledges (the Acknowledge button is the
dialog's default); Escape closes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from citybrain.shell.i18n import tr
from citybrain.shell.notify import Notification, Notifier
from citybrain.widgets.palette import level_name, marker_icon

ALL = ""  # the kind filter's "every kind"


def describe(note: Notification) -> str:
    """Priority (or level) and state in words: colour and shape are never the only cue."""
    if note.level == "alarm":
        what = tr("Notify", "alarm, {priority}").format(priority=level_name(note.priority or "high"))
    elif note.level == "warning" and note.priority:  # its marker is that priority's: say it in words too
        what = tr("Notify", "warning, {priority}").format(priority=level_name(note.priority))
    else:
        what = {"warning": tr("Notify", "warning"), "info": tr("Notify", "information")}.get(note.level, note.level)
    state = (
        tr("Notify", "not acknowledged")
        if not note.acknowledged
        else (tr("Notify", "acknowledged") if note.level != "info" else "")
    )
    return f"{what} · {state}" if state else what


def marker_level(note: Notification) -> str:
    return note.priority or {"alarm": "high", "warning": "medium"}.get(note.level, "low")


class NotificationCentre(QDialog):
    def __init__(self, notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationCentre")
        self.setWindowTitle(tr("Notify", "Notifications"))
        self.notifier = notifier
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Notify", "Kind"))
        kind_label = QLabel(tr("Notify", "&Kind"))
        kind_label.setBuddy(self.kind)
        top.addWidget(self.summary, 1)
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.itemDoubleClicked.connect(lambda _: self.acknowledge_current())
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.ack = buttons.addButton(tr("Notify", "&Acknowledge"), QDialogButtonBox.ButtonRole.ActionRole)
        self.ack.setToolTip(tr("Notify", "Acknowledge the selected notification (Enter)"))
        self.ack.clicked.connect(self.acknowledge_current)
        self.ack.setDefault(True)  # Enter in the list (the list passes it on to the dialog)
        self.silence = buttons.addButton(
            tr("Notify", "Silence the alarm sound"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.silence.setToolTip(tr("Notify", "Stops the sound without acknowledging anything (Ctrl+M)"))
        self.silence.clicked.connect(notifier.silence_requested)
        QShortcut(QKeySequence("Ctrl+M"), self, notifier.silence_requested.emit)  # as in the desk's windows
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        notifier.changed.connect(self.refresh)
        notifier.annunciator.changed.connect(self._enable)
        self.resize(680, 480)
        self.refresh()
        self.list.setFocus()

    def notes(self) -> list[Notification]:
        """The entries shown, newest first, filtered by kind."""
        kind = self.kind.currentData()
        return [n for n in reversed(self.notifier.history) if not kind or n.kind == kind]

    def refresh(self) -> None:
        current = self.current()
        self._fill_kinds()
        self.list.clear()
        for note in self.notes():
            when = time.strftime("%H:%M:%S", time.localtime(note.at))
            item = QListWidgetItem(
                marker_icon(marker_level(note), "waiting" if not note.acknowledged else "steady"),
                f"{when}  {describe(note)}\n{note.heading}: {note.text}",
            )
            item.setData(Qt.ItemDataRole.UserRole, note)
            item.setToolTip("\n".join(note.texts[-10:]))
            if not note.acknowledged:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
            if note is current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        waiting = self.notifier.unacknowledged
        self.summary.setText(tr("Notify", "{n} not acknowledged").format(n=len(waiting)))
        self._enable()

    def _fill_kinds(self) -> None:
        wanted = self.kind.currentData()
        counts: dict[str, int] = {}
        for note in self.notifier.history:
            counts[note.kind] = counts.get(note.kind, 0) + note.count
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(tr("Notify", "every kind"), ALL)
        for kind in sorted(counts):
            self.kind.addItem(f"{kind} ({counts[kind]})", kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(wanted)))
        self.kind.blockSignals(False)

    def current(self) -> Notification | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def show_note(self, note: Notification) -> None:
        """Select ``note`` (a toast clicked), under every kind if its own is filtered out."""
        if note not in self.notes():
            self.select_kind(ALL)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) is note:
                self.list.setCurrentRow(row)

    def acknowledge_current(self) -> None:
        """Acknowledge the selected entry, then move to the next one still waiting."""
        note = self.current()
        if note is None or note.acknowledged:
            return
        row = self.list.currentRow()
        self.notifier.acknowledge(note)  # refresh() rebuilds the list
        notes = self.notes()
        following = [i for i, n in enumerate(notes) if not n.acknowledged and i >= row]
        earlier = [i for i, n in enumerate(notes) if not n.acknowledged]
        self.list.setCurrentRow((following or earlier or [row])[0])
        self.list.setFocus()

    def _enable(self) -> None:
        note = self.current()
        self.ack.setEnabled(note is not None and not note.acknowledged)
        self.silence.setEnabled(self.notifier.annunciator.sounding is not None)
