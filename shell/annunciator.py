"""The alarm sound: what plugins annunciate, sounded per priority until acknowledged or silenced.

Each plugin tells the desk, under keys of its own, the highest priority among its unacknowledged active alarms
(``DeskContext.annunciate``).  While any key holds ``urgent`` or ``high`` the desk plays that priority's sound
and repeats it; ``medium`` and ``low`` make no sound (ISA-18.2, EEMUA 191).  Silencing stops the sound without
acknowledging anything; an alarm of a higher priority than the one silenced sounds again, and once nothing
sounds any more the next high or urgent alarm sounds as new.

Sound goes through QtMultimedia's QSoundEffect where that module is installed (PySide6-Addons), else through
the first system player found (``CITYBRAIN_SOUND_PLAYER``, paplay, aplay, afplay, PowerShell) run as a QProcess:
nothing here ever waits for a sound.  No output device, a player that fails or hangs: the desk says "no sound
device" instead.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from types import ModuleType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from citybrain.core.config import bundled

if TYPE_CHECKING:  # an optional module (PySide6-Addons): the sound then goes through a system player
    from PySide6.QtMultimedia import QSoundEffect

SOUNDING = ("urgent", "high")  # the priorities that make a sound, loudest first
RANK = {"urgent": 4, "high": 3, "medium": 2, "low": 1}
REPEAT_MS = {"urgent": 3000, "high": 8000}  # from the start of one sound to the next
TEST_GAP_MS = 2500  # the sound test: the urgent sound, then the high one this long after
PLAYER_ENV = "CITYBRAIN_SOUND_PLAYER"  # a site's own player command line (``pw-play``), tried before any other
PLAYER_TIMEOUT_MS = 10_000  # a player still running by then is stuck: killed, and the device counted as missing
STOP_WAIT_MS = 1000  # for a killed player to end when the desk closes (SIGKILL: at once)


def _rank(priority: str | None) -> int:
    return RANK.get(priority or "", 0)


def system_player() -> list[str] | None:
    """The command line that plays a WAV given as its last argument (``CITYBRAIN_SOUND_PLAYER`` if set), or None."""
    if os.environ.get(PLAYER_ENV):
        return shlex.split(os.environ[PLAYER_ENV])
    for name in ("paplay", "aplay", "afplay"):
        path = shutil.which(name)
        if path:
            return [path, "-q"] if name == "aplay" else [path]
    if sys.platform == "win32":
        return ["powershell", "-NoProfile", "-Command", "(New-Object Media.SoundPlayer $args[0]).PlaySync()"]
    return None


class SoundOutput(QObject):
    """Plays a priority's WAV without ever blocking; ``problem`` says why nothing can be heard ("" when fine)."""

    problem_changed = Signal(str)

    def __init__(self, parent: QObject | None = None, command: list[str] | None = None) -> None:
        super().__init__(parent)
        self.problem = ""
        self._effects: dict[str, QSoundEffect] = {}
        self._process: QProcess | None = None
        self.command = command
        self._multimedia: ModuleType | None = None  # PySide6.QtMultimedia, when installed
        if command is None and os.environ.get(PLAYER_ENV):
            self.command = system_player()
        elif command is None:
            try:
                from PySide6 import QtMultimedia
            except ImportError:
                self.command = system_player()
            else:
                self._multimedia = QtMultimedia
        if self._multimedia is None and self.command is None:
            self._set_problem("no sound player (paplay, aplay, afplay) and no QtMultimedia")

    @staticmethod
    def wav(priority: str) -> str:
        return str(bundled("citybrain.resources", "sounds", f"{priority}.wav"))

    def play(self, priority: str) -> bool:
        """Start ``priority``'s sound; False when it cannot be heard (``problem`` says why)."""
        if self._multimedia is not None:
            return self._play_effect(self._multimedia, priority)
        if self.command is None:
            return False
        if self._process is not None:  # the last sound is still playing: never two at once, never a queue
            return not self.problem
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(lambda code, status, p=process: self._finished(p, code, status))
        process.errorOccurred.connect(lambda error, p=process: self._failed(p, error))
        self._process = process
        QTimer.singleShot(PLAYER_TIMEOUT_MS, process, process.kill)  # stuck on a dead sound server: give up
        process.start(self.command[0], [*self.command[1:], self.wav(priority)])
        return not self.problem

    def stop(self) -> None:
        """Stop the sound playing now (the desk is closing): a player process still running is killed and reaped
        here, so none outlives the desk (Qt warns of a QProcess destroyed while running)."""
        for effect in self._effects.values():
            effect.stop()
        process, self._process = self._process, None
        if process is None:
            return
        process.finished.disconnect()  # a kill is no broken sound device
        process.errorOccurred.disconnect()
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(STOP_WAIT_MS)
        process.deleteLater()

    def _finished(self, process: QProcess, code: int, status: QProcess.ExitStatus) -> None:
        if not shiboken6.isValid(process) or not shiboken6.isValid(self):  # torn down with the desk
            return
        output = bytes(process.readAll().data()).decode(errors="replace").strip()
        self._done(process)
        if status == QProcess.ExitStatus.CrashExit:
            self._set_problem(f"{process.program()} did not finish in {PLAYER_TIMEOUT_MS // 1000} s")
        elif code:
            self._set_problem(f"{process.program()} exit {code}: {output[:200]}")
        else:
            self._set_problem("")

    def _failed(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if not shiboken6.isValid(process) or not shiboken6.isValid(self):
            return
        if error == QProcess.ProcessError.FailedToStart:
            self._done(process)
            self._set_problem(f"{process.program()}: {process.errorString()}")

    def _done(self, process: QProcess) -> None:
        if self._process is process:
            self._process = None
        process.deleteLater()

    def _play_effect(self, mm: ModuleType, priority: str) -> bool:
        if not mm.QMediaDevices.audioOutputs():
            self._set_problem("no audio output device")
            return False
        effect = self._effects.get(priority)
        if effect is None:
            from PySide6.QtCore import QUrl

            effect = mm.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(self.wav(priority)))
            effect.statusChanged.connect(
                lambda e=effect: self._set_problem(
                    "the sound could not be played" if e.status() == mm.QSoundEffect.Status.Error else self.problem
                )
            )
            self._effects[priority] = effect
        effect.play()
        return not self.problem

    def _set_problem(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.problem_changed.emit(problem)


class Annunciator(QObject):
    """Keys -> their highest unacknowledged priority; sounds the highest until silenced or gone."""

    changed = Signal()  # sounding, silenced or the device's problem changed

    def __init__(self, parent: QObject | None = None, output: SoundOutput | None = None) -> None:
        super().__init__(parent)
        self.output = output or SoundOutput(self)
        self.output.problem_changed.connect(lambda _: self.changed.emit())
        self.keys: dict[str, str] = {}
        self.silenced: str | None = None  # the priority silenced; a higher one sounds again
        self.sounds_played = 0
        self.last_sound: str | None = None
        self.repeat_ms = dict(REPEAT_MS)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._sound)
        self._second_test = QTimer(self, singleShot=True, interval=TEST_GAP_MS)
        self._second_test.timeout.connect(lambda: self.test("high"))

    @property
    def highest(self) -> str | None:
        """The highest priority any key holds."""
        return max(self.keys.values(), key=_rank, default=None)

    @property
    def sounding(self) -> str | None:
        """The priority being sounded now (None: quiet, or silenced, or nothing that makes a sound)."""
        top = self.highest
        if top not in SOUNDING or _rank(top) <= _rank(self.silenced):
            return None
        return top

    @property
    def problem(self) -> str:
        return self.output.problem

    def annunciate(self, key: str, priority: str | None) -> None:
        """``key``'s highest unacknowledged active priority now (None: nothing of it waits)."""
        if priority is not None and priority not in RANK:
            raise ValueError(f"priority must be one of {', '.join(RANK)} or None, not {priority!r}")
        was = self.sounding, self.silenced
        if priority is None:
            self.keys.pop(key, None)
        else:
            self.keys[key] = priority
        top = self.highest
        if self.silenced is not None and _rank(top) < _rank(self.silenced):
            self.silenced = top if top in SOUNDING else None  # silence covers what was there, not what comes later
        self._follow(was)

    def silence(self) -> str | None:
        """Stop the sound until a higher priority comes; the priority silenced (None: nothing was sounding)."""
        was = self.sounding, self.silenced
        if was[0] is not None:
            self.silenced = was[0]
            self._follow(was)
        return was[0]

    def stop(self) -> None:
        """Quiet for good (the desk is closing): no repeat, no sound test to come, and no sound left playing."""
        self._timer.stop()
        self._second_test.stop()
        self.keys.clear()
        self.silenced = None
        self.output.stop()

    def sound_test(self) -> bool:
        """The urgent sound now, the high one ``TEST_GAP_MS`` later; False when it cannot be heard."""
        self._second_test.start()
        return self.test("urgent")

    def test(self, priority: str) -> bool:
        """Play ``priority``'s sound once (the sound test); False when it cannot be heard."""
        self.sounds_played += 1
        self.last_sound = priority
        return self.output.play(priority)

    def _follow(self, was: tuple[str | None, str | None]) -> None:
        """After a change: (re)start or stop the sound if what sounds changed; ``was``: (sounding, silenced)."""
        now = self.sounding
        if now != was[0]:
            self._timer.stop()
            if now is not None:
                self._sound()
                self._timer.start(self.repeat_ms[now])
        if (now, self.silenced) != was:
            self.changed.emit()

    def _sound(self) -> None:
        if self.sounding is not None:
            self.test(self.sounding)
