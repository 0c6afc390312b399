"""Notifications: a toast in the window's corner, a log, and a sound for alarms.

PySide6-Essentials has no QtMultimedia, so an alarm plays the packaged WAV
through the first system player found (paplay, aplay, afplay, PowerShell's
SoundPlayer) in the background, else QApplication.beep(). Never blocks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.resources import files

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

TOAST_MS = {"info": 5000, "warning": 10000, "alarm": 20000}


@dataclass(frozen=True)
class Notification:
    at: float
    title: str
    text: str
    level: str


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

    def __init__(self, host: QWidget | None = None) -> None:
        super().__init__(host)
        self.host = host
        self.history: list[Notification] = []
        self.sounds_played = 0
        self._player = _player()
        self._toasts: list[QFrame] = []

    @property
    def sound_enabled(self) -> bool:
        return QSettings().value("desk/sound", True, type=bool)

    def notify(self, title: str, text: str, level: str = "info") -> Notification:
        note = Notification(time.time(), title, text, level)
        self.history.append(note)
        del self.history[:-500]
        if self.host is not None:
            self._toast(note)
        if level == "alarm" and self.sound_enabled:
            self._play()
        self.posted.emit(note)
        return note

    def _play(self) -> None:
        self.sounds_played += 1
        wav = str(files("citybrain.resources").joinpath("sounds", "alarm.wav"))
        if self._player is None:
            QApplication.beep()
            return
        try:
            subprocess.Popen([*self._player, wav], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            QApplication.beep()

    def _toast(self, note: Notification) -> None:
        toast = QFrame(self.host)
        toast.setObjectName("toast")
        toast.setProperty("level", note.level)
        layout = QVBoxLayout(toast)
        title = QLabel(f"<b>{note.title}</b>")
        body = QLabel(note.text)
        body.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(body)
        toast.setFixedWidth(340)
        toast.adjustSize()
        toast.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, note.level != "alarm")
        self._toasts.append(toast)
        self._place()
        toast.show()
        toast.raise_()
        QTimer.singleShot(TOAST_MS.get(note.level, 5000), toast, lambda: self._close(toast))  # dies with the toast

    def _close(self, toast: QFrame) -> None:
        if toast in self._toasts:
            self._toasts.remove(toast)
            toast.deleteLater()
            self._place()

    def _place(self) -> None:
        if self.host is None:
            return
        y = self.host.height() - 40
        for toast in reversed(self._toasts[-4:]):
            y -= toast.height() + 8
            toast.move(self.host.width() - toast.width() - 16, max(8, y))
