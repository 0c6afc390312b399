"""Notifications: toasts in a tray the views leave free, a history acknowledged item by item, the alarm sound.

Warnings and alarms stay unacknowledged until the operator acknowledges them, one by one, in the notification
centre (there is no "acknowledge all": ISA-18.2, EEMUA 191).  Notifications of one *kind* (default: the title)
merge while the last of them is unacknowledged or its toast still shows: one toast, one entry, with a count.  At
most three toasts show, side by side in the window's toast tray, a strip above the status bar that no view
covers and no toast leaves; alarms keep their place before the rest.  An unacknowledged alarm of high or urgent
priority sounds through the :class:`~citybrain.shell.annunciator.Annunciator` until acknowledged or silenced.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QToolBar, QVBoxLayout, QWidget

from citybrain.shell.annunciator import RANK, Annunciator
from citybrain.shell.i18n import tr
from citybrain.widgets.accents import accent

TOAST_MS = {"info": 5000, "warning": 10000, "alarm": 20000}
MAX_TOASTS = 3
HISTORY = 500
ALARMS_KEY = "desk:notifications"  # the annunciator's key for alarm notifications not yet acknowledged


@dataclass(eq=False)
class Notification:
    at: float
    title: str
    text: str
    level: str
    priority: str | None = None
    kind: str = ""
    count: int = 1
    acknowledged: bool = field(default=False)
    texts: list[str] = field(default_factory=list)  # every merged notification's text, oldest first
    counted: str = ""  # the heading of several merged, with {n} ("{n} cases escalated"); the title is one's

    def __post_init__(self) -> None:
        self.kind = self.kind or self.title
        self.texts = self.texts or [self.text]

    @property
    def heading(self) -> str:
        """The title of one; of several merged, the poster's wording for many ("5 cases escalated"), else the
        title with the count ("Case escalated ×5")."""
        if self.count == 1:
            return self.title
        if self.counted:
            return self.counted.format(n=self.count)
        return tr("Notify", "{title} ×{n}").format(title=self.title, n=self.count)


class Toast(QFrame):
    """One notification in the tray: its heading and its latest text on one line (all of it in the tooltip)."""

    clicked = Signal(object)  # Notification

    def __init__(self, note: Notification) -> None:
        super().__init__()
        self.note = note
        self.setProperty("level", note.level)
        accent(self, "toast")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(0)
        self.title = QLabel()
        self.body = QLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refresh()

    def refresh(self) -> None:
        note = self.note
        self.title.setText(f"<b>{note.heading}</b>")
        self.body.setText(
            self.body.fontMetrics().elidedText(note.texts[-1], Qt.TextElideMode.ElideRight, self.maximumWidth() - 16)
        )
        self.setToolTip("\n".join(note.texts[-10:]))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.clicked.emit(self.note)
        super().mousePressEvent(event)


class ToastTray(QToolBar):
    """The strip at the bottom of a window where toasts show: its own room, so a toast never covers a view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Notify", "Notifications"), parent)
        self.setObjectName("toastTray")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        holder = QWidget()
        self.row = QHBoxLayout(holder)
        self.row.setContentsMargins(4, 2, 4, 2)
        self.row.addStretch(1)
        self.addWidget(holder)
        holder.ensurePolished()
        self.setMinimumHeight(2 * holder.fontMetrics().height() + 14)  # two lines of a toast, always reserved

    def toast_width(self) -> int:
        return max(200, (self.width() - 40) // MAX_TOASTS)


class Notifier(QObject):
    posted = Signal(object)  # Notification
    changed = Signal()  # history or acknowledgement changed: badges recount
    toast_clicked = Signal(object)  # Notification: the desk opens the centre on it
    silence_requested = Signal()  # the operator asked to silence the alarm sound (the desk does it, and logs it)

    def __init__(self, host: QMainWindow | None = None) -> None:
        super().__init__(host)
        self.host: QMainWindow | None = None
        self.history: list[Notification] = []
        self.annunciator = Annunciator(self)
        self._toasts: list[Toast] = []
        self.set_host(host)

    @property
    def sounds_played(self) -> int:
        return self.annunciator.sounds_played

    # -- posting and acknowledging -------------------------------------------------
    def notify(
        self,
        title: str,
        text: str,
        level: str = "info",
        priority: str | None = None,
        kind: str | None = None,
        counted: str = "",
    ) -> Notification:
        if level == "alarm" and priority is None:
            priority = "high"
        kind = kind or title
        note = self._merge_target(kind, level)
        if note is not None:
            note.count += 1
            note.at, note.title, note.text, note.counted = time.time(), title, text, counted
            note.texts.append(text)
            del note.texts[:-HISTORY]
            note.priority = max(note.priority, priority, key=lambda p: RANK.get(p or "", 0))
            self.history.remove(note)
            self.history.append(note)
        else:
            note = Notification(
                time.time(), title, text, level, priority, kind, acknowledged=level == "info", counted=counted
            )
            self.history.append(note)
            del self.history[:-HISTORY]
        self._show(note)
        self._annunciate()
        self.posted.emit(note)
        self.changed.emit()
        return note

    def _merge_target(self, kind: str, level: str) -> Notification | None:
        """The notification a new one of ``kind`` joins: the newest of that kind and level, while unacknowledged
        or still on screen."""
        shown = {id(t.note) for t in self._toasts}
        for note in reversed(self.history):
            if note.kind == kind and note.level == level:
                return note if not note.acknowledged or id(note) in shown else None
        return None

    @property
    def unacknowledged(self) -> list[Notification]:
        return [n for n in self.history if not n.acknowledged]

    def acknowledge(self, note: Notification) -> None:
        """Acknowledge one entry (one notification, or the merged notifications of one kind it holds)."""
        note.acknowledged = True
        self._annunciate()
        self.changed.emit()

    def _annunciate(self) -> None:
        waiting = [n.priority for n in self.unacknowledged if n.level == "alarm" and n.priority in RANK]
        self.annunciator.annunciate(ALARMS_KEY, max(waiting, key=RANK.__getitem__, default=None))

    # -- toasts -----------------------------------------------------------------------
    def toasts(self) -> list[Toast]:
        """The toasts on screen, left to right: alarms first, then the newest of the rest."""
        alarms = [t for t in reversed(self._toasts) if t.note.level == "alarm"]
        others = [t for t in reversed(self._toasts) if t.note.level != "alarm"]
        return (alarms + others)[:MAX_TOASTS]

    def _show(self, note: Notification) -> None:
        tray = self._tray()
        if tray is None:
            return
        toast = next((t for t in self._toasts if t.note is note), None)
        if toast is None:
            toast = Toast(note)
            toast.clicked.connect(self.toast_clicked)
            self._toasts.append(toast)
        else:
            self._toasts.remove(toast)
            self._toasts.append(toast)
        timer = toast.property("timer")
        if not isinstance(timer, QTimer):
            timer = QTimer(toast)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda t=toast: self._close(t))
            toast.setProperty("timer", timer)
        timer.start(TOAST_MS.get(note.level, 5000))  # a merged toast stays as long as its kind keeps coming
        self._place()

    def _close(self, toast: Toast) -> None:
        if toast in self._toasts:
            self._toasts.remove(toast)
        if shiboken6.isValid(toast):
            toast.deleteLater()
        self._place()

    def _tray(self) -> ToastTray | None:
        if self.host is None or not shiboken6.isValid(self.host):
            return None
        return self.host.findChild(ToastTray, "toastTray")

    def set_host(self, host: QMainWindow | None) -> None:
        """Toasts show in ``host``'s tray from now on; those in the old one go (it may be gone already)."""
        for toast in self._toasts:
            if shiboken6.isValid(toast):
                toast.deleteLater()
        self._toasts = []
        self.host = host

    def _place(self) -> None:
        self._toasts = [t for t in self._toasts if shiboken6.isValid(t)]  # their window may have closed
        tray = self._tray()
        if tray is None:
            return
        shown = self.toasts()
        width = tray.toast_width()
        for toast in self._toasts:
            tray.row.removeWidget(toast)
            if toast not in shown:
                toast.hide()
        for i, toast in enumerate(shown):
            tray.row.insertWidget(1 + i, toast)  # after the stretch: the tray fills from its right end
            toast.setFixedWidth(width)
            toast.refresh()
            toast.show()
            need = toast.sizeHint().height() + 6  # the wall's large type: the tray grows once, never shrinks
            if need > tray.minimumHeight():
                tray.setMinimumHeight(need)
