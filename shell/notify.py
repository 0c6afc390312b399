"""Notifications: toasts in a window's corner, a history with acknowledgement, a sound for alarms.

Warnings and alarms stay unacknowledged until the operator acknowledges them
in the notification centre; the status bar shows how many.  Alarm toasts sit
nearest the corner and other toasts stack above them, never over them.  An
alarm sounds once, twice for ``high``, three times for ``urgent``; sound can
be muted per desk.

PySide6-Essentials has no QtMultimedia, so an alarm plays the packaged WAV
through the first system player found (paplay, aplay, afplay, PowerShell's
SoundPlayer) in the background, else QApplication.beep(). Never blocks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QMainWindow, QVBoxLayout, QWidget
from citybrain.core.config import bundled
from citybrain.shell.annunciator import Annunciator
from citybrain.widgets.accents import accent

TOAST_EMS = 18  # a toast's width in lines of its text's height
TOAST_MS = {"info": 5000, "warning": 10000, "alarm": 20000}
REPEATS = {"urgent": 3, "high": 2}  # times the alarm sound plays, by priority; others once
MAX_TOASTS = 4
HISTORY = 500


@dataclass(eq=False)
class Notification:
    at: float
    title: str
    text: str
    level: str
    priority: str | None = None
    acknowledged: bool = field(default=False)


def _player() -> list[str] | None:
    for name in ("paplay", "aplay", "afplay"):
        path = shutil.which(name)
        if path:
            return [path, "-q"] if name == "aplay" else [path]
    if sys.platform == "win32":
        return ["powershell", "-NoProfile", "-Command", "(New-Object Media.SoundPlayer $args[0]).PlaySync()"]
    return None


class Notifier(QObject):
    posted = Signal(object)  # Notification
    changed = Signal()  # history or acknowledgement changed: badges recount

    def __init__(self, host: QWidget | None = None) -> None:
        super().__init__(host)
        self.host: QWidget | None = None
        self.history: list[Notification] = []
        self.sounds_played = 0
        self._player = _player()
        self._toasts: list[tuple[QFrame, Notification]] = []
        self.annunciator = Annunciator(self)
        self.set_host(host)

    # -- sound --------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return not QSettings().value("desk/sound", True, type=bool)

    def set_muted(self, muted: bool) -> None:
        QSettings().setValue("desk/sound", not muted)
        self.changed.emit()

    # -- posting and acknowledging -------------------------------------------------
    def notify(self, title: str, text: str, level: str = "info", priority: str | None = None,
               kind: str | None = None) -> Notification:
        note = Notification(time.time(), title, text, level, priority, acknowledged=level == "info")
        self.history.append(note)
        del self.history[:-HISTORY]
        if self.host is not None:
            self._toast(note)
        if level == "alarm" and not self.muted:
            for _ in range(REPEATS.get(priority or "", 1)):
                self._play()
        self.posted.emit(note)
        self.changed.emit()
        return note

    @property
    def unacknowledged(self) -> list[Notification]:
        return [n for n in self.history if not n.acknowledged]

    def acknowledge(self, notes: list[Notification] | None = None) -> None:
        for note in self.history if notes is None else notes:
            note.acknowledged = True
        self.changed.emit()

    def _play(self) -> None:
        self.sounds_played += 1
        wav = str(bundled("citybrain.resources", "sounds", "high.wav"))
        if self._player is None:
            QApplication.beep()
            return
        try:
            subprocess.Popen([*self._player, wav], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            QApplication.beep()

    # -- toasts -----------------------------------------------------------------------
    def _toast(self, note: Notification) -> None:
        toast = QFrame(self.host)
        toast.setProperty("level", note.level)
        accent(toast, "toast")
        layout = QVBoxLayout(toast)
        title = QLabel(f"<b>{note.title}</b>")
        body = QLabel(note.text)
        body.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(body)
        for widget in (toast, title, body):
            widget.ensurePolished()  # the wall's large type is known before the size is taken
        width = TOAST_EMS * body.fontMetrics().height()  # ~340 px on a desk, wider in the wall's type
        toast.setFixedWidth(width)
        toast.resize(width, layout.totalHeightForWidth(width))  # wrapped lines counted at this width
        toast.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, note.level != "alarm")
        self._toasts.append((toast, note))
        self._place()
        QTimer.singleShot(TOAST_MS.get(note.level, 5000), toast, lambda: self._close(toast))  # dies with the toast

    def toasts(self) -> list[tuple[QFrame, Notification]]:
        """The toasts on screen, nearest the corner first: alarms, then the newest of the rest."""
        alarms = [t for t in reversed(self._toasts) if t[1].level == "alarm"]
        others = [t for t in reversed(self._toasts) if t[1].level != "alarm"]
        return (alarms + others)[:max(MAX_TOASTS, len(alarms))]

    def _close(self, toast: QFrame) -> None:
        self._toasts = [t for t in self._toasts if t[0] is not toast]
        if shiboken6.isValid(toast):
            toast.deleteLater()
        self._place()

    def set_host(self, host: QWidget | None) -> None:
        """Toasts appear over ``host`` from now on; those over the old one go (it may be gone already)."""
        for toast, _ in self._toasts:
            if shiboken6.isValid(toast):
                toast.deleteLater()
        self._toasts = []
        if self.host is not None and shiboken6.isValid(self.host):
            self.host.removeEventFilter(self)
        self.host = host
        if host is not None:
            host.installEventFilter(self)  # toasts keep to the corner when the window is resized

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and self._toasts:
            self._place()
        return False

    def _place(self) -> None:
        self._toasts = [(t, n) for t, n in self._toasts if shiboken6.isValid(t)]  # their window may have closed
        if self.host is None or not shiboken6.isValid(self.host):
            return
        bar = self.host.statusBar() if isinstance(self.host, QMainWindow) and not self.host.property("profile") else None
        y = self.host.height() - (bar.height() if bar is not None else 0) - 8
        shown = self.toasts()
        for toast, _ in shown:
            y -= toast.height() + 8
            toast.move(self.host.width() - toast.width() - 16, max(8, y))
            toast.show()
            toast.raise_()
        for toast, _ in self._toasts:
            if all(toast is not s for s, _ in shown):
                toast.hide()
