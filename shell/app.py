"""The desk application: QApplication (qasync joins its loop when first needed), the feed, the window; screenshots
for CI."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rest is imported by run_desk, so that the whole start runs with collection held
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    from citybrain.core.security import ClientKeys
    from citybrain.shell.desk import Desk

log = logging.getLogger("citybrain.desk")
SETTLE_MS = 1500
SCREENSHOT_DEADLINE_MS = 30_000


def on_first_paint(window: QMainWindow, then: Callable[[], None]) -> QObject:
    """``then()`` at ``window``'s first Paint event, from within it; returns the filter (a child of the window).
    The filter is the window's, not the application's: that one ran Python for each of the ~1,600 events of a start
    before it, and made PySide build every QObject class's type to find the class of the objects it saw (~25 ms)."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                then()
            return False

    first = FirstPaint(window)  # kept alive by the window, its parent
    window.installEventFilter(first)
    return first


def exit_on_first_paint(window: QMainWindow) -> None:
    """Print ``painted`` at the window's first paint and leave at once: start-up timing and smoke tests time it
    outside.  The window's first Paint event is the desk's first (a window is painted before what it holds)."""

    def leave() -> None:
        print("painted", flush=True)
        os._exit(0)

    on_first_paint(window, leave)


FEED_AFTER_PAINT_MS = 500  # the feed starts at the first window's first paint, or this long after the start at most


def after_first_paint(window: QMainWindow, then: Callable[[], None], at_most_ms: int = FEED_AFTER_PAINT_MS) -> None:
    """``then()`` once ``window``'s first paint is done, or ``at_most_ms`` after this call if it has not painted by
    then (a window no one can see may never be painted).  The desk starts its feed so: the feed's sockets (zmq,
    ~25 ms of imports here) and the asyncio loop (asyncio and qasync, ~35 ms) come after the operator sees the
    desk, not before."""
    from PySide6.QtCore import QTimer

    pending = [then]

    def run() -> None:
        if pending:
            pending.pop()()

    first = on_first_paint(window, lambda: QTimer.singleShot(0, first, run))  # once that paint is done
    QTimer.singleShot(at_most_ms, first, run)  # with the filter: never after the window is gone


OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)  # the offscreen platform's, per window


def log_qt_messages() -> None:
    """Qt's messages into the desk's log (its time, its level), not bare on stderr; on the offscreen platform
    (demos, screenshots, CI) without the warning it prints each time a window's size limits change: that
    platform has no window manager to tell, and the line buried the desk log of a ten-minute demo."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication

    qt_log = logging.getLogger("citybrain.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    offscreen = QGuiApplication.platformName() == "offscreen"

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if not (offscreen and message in OFFSCREEN_NOISE):
            qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def open_desk(
    endpoint: str,
    *,
    lang: str | None = None,
    keys: ClientKeys | None = None,
    layouts_dir: Path | None = None,
    organization: str = "citybrain",
) -> tuple[QApplication, Desk]:
    """The application (made once per process), its language, font and theme, and a desk of every installed plugin
    on a feed to ``endpoint``, neither started yet; no asyncio loop (``run_desk`` has the desk's made on demand,
    ``citybrain.widgets.event_loop``).  ``organization`` names the settings it reads and writes (the gallery keeps
    its own, away from the operator's)."""
    # PySide's import hook scans every module imported after it (for its __feature__ switches): the scan is
    # replaced by the quick way (shell/feature_scan.py) before the desk's own modules come
    import PySide6.QtWidgets  # noqa: F401

    from citybrain.shell.feature_scan import scan_sources_directly

    scan_sources_directly()

    from citybrain.core import config, plugins  # noqa: F401
    from citybrain.shell.desk import Desk
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.i18n import choose_language, install_translator, ui_font
    from citybrain.shell.layouts import LayoutStore
    from citybrain.shell.plugins import desk_plugin_host
    from citybrain.shell.theme import apply_theme, desk_application

    app = desk_application()
    log_qt_messages()
    app.setOrganizationName(organization)
    app.setApplicationName("citybrain-desk")
    install_translator(app, choose_language(lang))
    app.setFont(ui_font())
    apply_theme(app)
    host = desk_plugin_host()
    host.discover()
    return app, Desk(DeskFeed(endpoint, keys=keys), host, LayoutStore(layouts_dir))


def run_desk(
    endpoint: str,
    *,
    offscreen: bool = False,
    seconds: float | None = None,
    screenshot_dir: Path | None = None,
    login: tuple[str, str] | None = None,
    lang: str | None = None,
    keys: ClientKeys | None = None,
    layout: str | None = None,
    layouts_dir: Path | None = None,
    on_window: Callable[[QMainWindow], None] | None = None,
) -> int:
    """Run a desk until its last window closes (or ``seconds`` pass); returns the exit code.

    ``layout``: a layout name (else the one this workstation used last).  On
    a real display the layout in use is saved on the way out, so the next
    start looks the same.  ``on_window`` is called with the first window once
    it is shown (benchmarks and tests).
    """
    if offscreen and not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # keeps an offscreen screen config given by the caller
    from citybrain.core.runtime import tune_gc  # before Qt, as in open_desk

    # a desk never collects on its own (GuiThreadCollector, below, does it on the GUI thread), and not during its
    # start either: what a start makes lives on (modules, classes, Qt's enums, the views), and the ~100 collections
    # of a start under the default thresholds (~18 ms of ~0.4 s) found it alive; tune_gc() freezes it instead
    gc.disable()
    try:
        app, desk = open_desk(endpoint, lang=lang, keys=keys, layouts_dir=layouts_dir)
        from PySide6.QtCore import QTimer

        from citybrain.shell.collector import GuiThreadCollector
        from citybrain.shell.i18n import cjk_font_missing, tr
        from citybrain.widgets import event_loop

        feed = desk.feed
        event_loop.join_on_demand(app)  # the asyncio loop joins app.exec() below when first needed
        desk.start(layout)
    except BaseException:
        gc.enable()
        raise
    if cjk_font_missing():
        log.warning("no CJK font: Chinese text cannot be shown; install fonts-noto-cjk")
        desk.notifier.notify(
            tr("Main", "No Chinese font"),
            tr("Main", "Chinese text will show as empty boxes. Ask IT to install a CJK font (Noto Sans CJK SC)."),
            "warning",
        )
    tune_gc()
    GuiThreadCollector(app).start()  # Qt objects in garbage cycles die on the GUI thread, never the feed's
    window = next(iter(desk.windows.values()))
    if on_window is not None:
        on_window(window)

    def live() -> None:
        """Once the operator sees the desk: the asyncio loop (if no view needed it sooner), the feed, the login."""
        event_loop.desk_loop()
        feed.start()
        if login:  # tried until the daemon answers (it may start after this desk)
            from citybrain.shell.login import AutoLogin

            auto = AutoLogin(feed, *login)
            auto.failed.connect(lambda why: desk.notifier.notify(tr("Login", "Not logged in"), why, "warning"))
            auto.start()
        elif not offscreen and not desk.wall:
            from citybrain.shell.login import LoginDialog  # not needed where nobody logs in by hand

            LoginDialog(feed, desk.active_window()).open()

    after_first_paint(window, live)

    def finish() -> None:
        if screenshot_dir is not None:
            desk.write_screenshots(screenshot_dir)
        app.quit()

    if seconds is not None:
        QTimer.singleShot(int(seconds * 1000), finish)
    elif screenshot_dir is not None:  # once live, and a moment for the first figures to arrive
        feed.stale_changed.connect(lambda stale: None if stale else QTimer.singleShot(SETTLE_MS, finish))
        QTimer.singleShot(SCREENSHOT_DEADLINE_MS, finish)  # never live: the stale desk is what there is to see

    def on_quit() -> None:
        if not offscreen and desk.windows:
            try:
                desk.save_layout()  # the next start on this workstation looks the same
            except (OSError, ValueError) as exc:
                log.warning("the layout could not be saved: %s", exc)
        desk.shutdown()  # no alarm sound playing on after the desk

    app.aboutToQuit.connect(on_quit)
    try:
        app.exec()
    finally:
        loop = event_loop.made()
        if loop is not None:  # the user of a loop made inside a running Qt loop stops and closes it (qasync)
            loop.stop()
            loop.close()
    feed.stop()
    return 0
