"""The shift test's desk: the real desk (every built-in plugin, the duty-desk layout) under a real X server,
against a demo daemon on real sockets, driven by keyboard events only.

Run it as ``make test`` does::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m pytest -q -m shift tests/shift

Elsewhere (no X server, or the offscreen platform of the rest of the suite) it is skipped, and fails when ``CI``
is set.  One desk serves the whole module: the steps of a shift follow one another, as at a real desk.

The helpers press keys on whichever widget has the keyboard focus (``QApplication.focusWidget()``), as a
keyboard does.  They read the desk's state to find their way (which key a command is bound to, which row is
selected) and to check what happened, but never call a view's method to act.  The one thing they do that a
keyboard cannot is bring a window to the front: that is the window manager's part (Alt+Tab, and a new dialog
getting the focus), and Xvfb has none, so :func:`window_manager` plays it.
"""

from __future__ import annotations

import asyncio
import builtins
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from pytestqt.qtbot import QtBot

    from citybrain.core.testing import RunningDaemon
    from citybrain.core.testing.mosquitto import ThrowawayMosquitto
    from citybrain.shell.desk import Desk
    from citybrain.shell.feed import DeskFeed

Dialog = TypeVar("Dialog", bound="QWidget")

XCB = os.environ.get("QT_QPA_PLATFORM", "") == "xcb" and bool(os.environ.get("DISPLAY"))
WAIT_MS = 30_000
SEED_TIMEOUT_S = 300.0


class ShiftDesk:
    """The desk under test and the keyboard that drives it."""

    def __init__(self, desk: Desk, daemon: RunningDaemon, qtbot: QtBot, broker: ThrowawayMosquitto) -> None:
        self.desk = desk
        self.daemon = daemon
        self.qtbot = qtbot
        self.broker = broker  # the devices' broker
        self.feed: DeskFeed = desk.feed

    # -- what the desk holds ------------------------------------------------------------
    def records(self, collection: str) -> list[dict]:
        return self.feed.client.replica.records(collection)

    def record(self, collection: str, key: object) -> dict | None:
        return self.feed.client.replica.get(collection, key)

    def window_of(self, instance: str):  # noqa: ANN201 - DeskWindow
        return next(w for w in self.desk.windows.values() if instance in w.docks)

    def view(self, instance: str):  # noqa: ANN201 - the plugin's widget
        from citybrain.shell.viewhost import ViewFrame

        widget = self.window_of(instance).docks[instance].widget()
        return widget.content if isinstance(widget, ViewFrame) else widget

    def wait(self, condition: Callable[[], object], what: str | Callable[[], str], timeout: int = WAIT_MS) -> None:
        """Wait on the desk's events until ``condition()`` holds; fail naming ``what`` was awaited (a callable:
        worded when it fails, with what the desk shows then)."""
        try:
            self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
        except Exception as exc:  # pytest-qt's TimeoutError: say what the shift was waiting for
            raise AssertionError(f"waited {timeout / 1000:.0f} s for: {what() if callable(what) else what}") from exc

    def said(self) -> str:
        """The desk's last notification (where a view without a message line says a refusal)."""
        history = self.desk.notifier.history
        return f"{history[-1].title}: {history[-1].text}" if history else ""

    # -- the keyboard ---------------------------------------------------------------------
    @staticmethod
    def focused():  # noqa: ANN205 - QWidget
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget() or QApplication.activeWindow()  # as Qt delivers a key
        assert widget is not None, "no window has the keyboard"
        return widget

    def key(self, key, modifiers=None) -> None:  # noqa: ANN001 - Qt.Key, Qt.KeyboardModifier
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(self.focused(), key, modifiers or Qt.KeyboardModifier.NoModifier)

    def type(self, text: str) -> None:
        """Type ASCII text into the focused widget (QTest cannot type other characters)."""
        from PySide6.QtTest import QTest

        assert text.isascii(), text
        QTest.keyClicks(self.focused(), text)

    def press(self, sequence: str) -> None:
        """Press a key sequence as the desk spells shortcuts ("Ctrl+K")."""
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest

        QTest.keySequence(self.focused(), QKeySequence(sequence))

    def front(self, window) -> None:  # noqa: ANN001 - the window manager's part: bring a window to the front
        from PySide6.QtWidgets import QApplication

        window.raise_()
        window.activateWindow()
        self.wait(lambda: QApplication.activeWindow() is window, f"window {window.objectName()} active")

    def tab_to(self, target, limit: int = 150) -> None:  # noqa: ANN001 - QWidget
        """Press Tab until the focus is on ``target`` (or inside it); fail if Tab never gets there."""
        from PySide6.QtWidgets import QApplication

        trail: list[str] = []
        for _ in range(limit):
            widget = QApplication.focusWidget()
            if widget is not None and (widget is target or target.isAncestorOf(widget)):
                return
            trail.append(f"{type(widget).__name__}({widget.objectName()})" if widget is not None else "nothing")
            self.key(_key("Tab"))
        stuck = max(set(trail[-20:]), key=trail[-20:].count)
        raise AssertionError(
            f"{limit} presses of Tab never reach {type(target).__name__} (visible: "
            f"{target.isVisible()}); the focus keeps to {stuck} (last: {', '.join(trail[-6:])})"
        )

    def press_button(self, button) -> None:  # noqa: ANN001 - QAbstractButton
        from PySide6.QtCore import Qt

        assert button.isEnabled(), (
            f"the button {button.text()!r} is disabled: {button.toolTip() or 'no tooltip says why'}"
        )
        self.tab_to(button)
        self.key(Qt.Key.Key_Space)

    def device_reports(self, device: dict, code: str) -> None:
        """A device in the district reports an event (``smoke``) through the broker, as a real one does."""
        import json
        import uuid
        from datetime import UTC, datetime

        import paho.mqtt.client as mqtt

        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"shift-device-{uuid.uuid4().hex[:8]}")
        client.connect("127.0.0.1", self.broker.port)
        client.loop_start()
        try:
            body = {"id": uuid.uuid4().hex, "ts": datetime.now(UTC).isoformat(), "code": code}
            client.publish(
                f"citybrain/sensors/{device['id']}/event", json.dumps(body).encode(), qos=1
            ).wait_for_publish(10)
        finally:
            client.loop_stop()
            client.disconnect()

    def go_ahead(self, box) -> None:  # noqa: ANN001 - QMessageBox
        """Answer a confirmation with its button that goes ahead (not the default one): Tab to it, Space."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        go = [
            b
            for b in box.buttons()
            if box.buttonRole(b)
            in (
                QMessageBox.ButtonRole.DestructiveRole,
                QMessageBox.ButtonRole.AcceptRole,
                QMessageBox.ButtonRole.YesRole,
            )
        ]
        assert go, f"the question offers no way to go ahead: {[b.text() for b in box.buttons()]}"
        self.tab_to(go[0], limit=10)
        self.key(Qt.Key.Key_Space)

    # -- commands -------------------------------------------------------------------------
    def commands(self) -> dict:
        return {c.id: c for c in self.desk.commands.all()}

    def run_command(self, command_id: str) -> None:
        """Its key if it has one, else the palette: Ctrl+K, its title typed, the arrows to it, Enter."""
        command = self.commands().get(command_id)
        assert command is not None, f"the desk has no command {command_id}"
        if command.shortcut:
            self.press(command.shortcut)
            return
        self.palette(command_id, command.source)

    def palette(self, command_id: str, text: str) -> None:
        from PySide6.QtCore import Qt

        from citybrain.shell.palette import CommandPalette

        self.press(self.commands()["palette"].shortcut)
        self.wait(lambda: isinstance(_active_popup(), CommandPalette), "the command palette")
        palette = _active_popup()
        self.type(text)
        matches = palette.matches()
        assert command_id in matches, f"the palette does not find {command_id} for {text!r}: {matches[:5]}"
        for _ in range(matches.index(command_id)):
            self.key(Qt.Key.Key_Down)
        assert palette.list.currentItem().data(Qt.ItemDataRole.UserRole) == command_id
        self.key(Qt.Key.Key_Return)

    def view_action(self, instance: str, word: str):  # noqa: ANN201 - ViewAction
        """The view's action whose id contains ``word`` (acknowledge: "ack"), as the view lists it."""
        view = self.view(instance)
        lister = getattr(view, "view_actions", None)
        assert callable(lister), f"{instance} lists no actions (view_actions): nothing to bind a key to"
        actions = list(lister())
        found = [a for a in actions if word in a.id]
        assert found, f"{instance} has no action for {word!r}: {[a.id for a in actions]}"
        return found[0]

    def act(self, instance: str, word: str) -> None:
        """Run a view's action by its command's key (or the palette), the focus being inside the view."""
        action = self.view_action(instance, word)
        view_id = self.window_of(instance).placements[instance].view
        ids = [i for i in self.commands() if i.startswith("view:") and i.endswith(f"/{action.id}") and view_id in i]
        assert ids, (
            f"the desk made no command of {view_id}'s action {action.id!r} "
            f"(expected an id like view:{view_id}/{action.id})"
        )
        assert self.view(instance).isAncestorOf(self.focused()), "the focus is not inside the view"
        self.run_command(ids[0])

    def on_dialog(self, kind: builtins.type[Dialog], handle: Callable[[Dialog], None], what: str) -> Callable[[], bool]:
        """Handle the next modal dialog of ``kind`` when it shows (from a timer: a dialog's exec() runs its own
        event loop, under whatever started it); returns a check that it was handled."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        done: list[bool] = []
        timer = QTimer()
        timer.setInterval(20)

        def look() -> None:
            dialog, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
            if isinstance(dialog, kind) and dialog.isVisible() and focus is not None and dialog.isAncestorOf(focus):
                timer.stop()
                handle(dialog)
                done.append(True)

        timer.timeout.connect(look)
        timer.start()
        self._timers.append(timer)
        return lambda: bool(done)

    _timers: list = []


def window_manager(qapp):  # noqa: ANN001, ANN201 - QApplication -> QTimer
    """What a window manager does that the shift relies on: a dialog that opens (modal) gets the focus."""
    from PySide6.QtCore import QTimer

    def activate_dialog() -> None:
        dialog = qapp.activeModalWidget()
        if dialog is not None and dialog.isVisible() and not dialog.isActiveWindow():
            dialog.raise_()
            dialog.activateWindow()

    timer = QTimer()
    timer.timeout.connect(activate_dialog)
    timer.start(20)
    return timer


def _closed(widget: QWidget) -> bool:
    return not widget.isVisible()


def _key(name: str):  # noqa: ANN202 - Qt.Key
    from PySide6.QtCore import Qt

    return getattr(Qt.Key, f"Key_{name}")


def _active_popup():  # noqa: ANN202
    from PySide6.QtWidgets import QApplication

    return QApplication.activePopupWidget() or QApplication.activeModalWidget()


@pytest.fixture(scope="module")
def shift_desk_module(real_x_server: None, qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:  # noqa: ANN001
    """One desk for the whole shift: a demo daemon on new demo data, the desk in English
    with every built-in plugin on the duty-desk layout, not logged in yet."""
    import qasync
    from PySide6.QtCore import QSettings

    from citybrain.core.config import DaemonConfig
    from citybrain.core.daemon.runner import DaemonThread
    from citybrain.core.daemon.server import daemon_plugin_host
    from citybrain.core.testing import RunningDaemon
    from citybrain.core.testing.mosquitto import ThrowawayMosquitto
    from citybrain.shell.collector import GuiThreadCollector
    from citybrain.shell.desk import Desk
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.i18n import install_translator
    from citybrain.shell.layouts import LayoutStore
    from citybrain.shell.plugins import desk_plugin_host
    from citybrain.shell.testing import close_desk_loop

    folder: Path = tmp_path_factory.mktemp("shift")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector()
    collector.start()
    # the demo seeded for this desk alone (what the suite's template copy would also cost in this process), given
    # the time seeding takes on a busy CI machine
    daemons = daemon_plugin_host()
    daemons.discover()
    # the devices' broker, as in a district: the simulator's messages and the smoke a step reports go through it
    leaving = ExitStack()  # the broker's folder goes with it; a step may stop and restart the broker itself
    broker = leaving.enter_context(ThrowawayMosquitto())
    config = DaemonConfig(data_dir=folder / "data", demo=True, port=0, plugins={"sensors": {"broker": broker.broker}})
    daemon = RunningDaemon(DaemonThread(config, daemons).start(timeout=SEED_TIMEOUT_S), folder / "data")
    install_translator(qapp, "en")
    host = desk_plugin_host()
    host.discover()
    feed = DeskFeed(daemon.endpoint)
    desk = Desk(feed, host, LayoutStore(folder / "layouts"))
    desk.start("duty-desk")
    feed.start()
    manager = window_manager(qapp)
    yield {"desk": desk, "daemon": daemon, "broker": broker}
    manager.stop()
    desk.shutdown()
    feed.stop()
    daemon.stop()
    leaving.close()
    collector.stop()
    close_desk_loop(loop)
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture(scope="module", autouse=True)
def real_x_server() -> None:
    """Skipped without a real X server, but failing when ``CI`` is set: there it must run."""
    if not XCB:
        reason = (
            'the shift test needs a real X server: QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" '
            "pytest -m shift tests/shift (make test runs it so)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def shift(shift_desk_module: dict, qtbot) -> ShiftDesk:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    desk = ShiftDesk(shift_desk_module["desk"], shift_desk_module["daemon"], qtbot, shift_desk_module["broker"])
    desk.wait(lambda: not desk.feed.stale, "the desk's feed live")
    for _ in range(5):  # a dialog a failed step left open is closed as an operator would, with Esc
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            break
        desk.wait(dialog.isActiveWindow, "the dialog left open active")
        desk.key(Qt.Key.Key_Escape)
        desk.wait(partial(_closed, dialog), "the dialog left open closed")
    return desk
