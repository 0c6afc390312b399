"""The desk application: QApplication under qasync, the feed, the window; screenshots for CI."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from importlib.resources import files
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from citybrain.core.security import ClientKeys

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

log = logging.getLogger("citybrain.desk")


def run_desk(endpoint: str, *, offscreen: bool = False, seconds: float | None = None,
             screenshot_dir: Path | None = None, login: tuple[str, str] | None = None,
             lang: str | None = None, keys: ClientKeys | None = None,
             on_window: Callable[[QMainWindow], None] | None = None) -> int:
    """Run a desk until its window closes (or ``seconds`` pass); returns the exit code.

    ``on_window`` is called with the main window once it is shown (benchmarks and tests).
    """
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from citybrain.core.client import RequestError
    from citybrain.core.runtime import tune_gc
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.i18n import choose_language, install_translator, ui_font
    from citybrain.shell.login import log_in
    from citybrain.shell.plugins import desk_plugin_host
    from citybrain.shell.window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("citybrain")
    app.setApplicationName("citybrain-desk")
    install_translator(app, choose_language(lang))
    app.setFont(ui_font())
    app.setStyleSheet(files("citybrain.resources").joinpath("themes", "dark.qss").read_text(encoding="utf-8"))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    host = desk_plugin_host()
    host.discover()
    feed = DeskFeed(endpoint, keys=keys)
    window = MainWindow(feed, host)
    window.resize(1600, 900)
    tune_gc()
    window.show()
    if on_window is not None:
        on_window(window)
    feed.start()

    async def auto_login(username: str, password: str) -> None:
        try:
            await log_in(feed, username, password)
        except RequestError as exc:
            window.notifier.notify("login", exc.message, "warning")

    if login:
        asyncio.ensure_future(auto_login(*login))
    elif not offscreen:
        window.show_login()

    def finish() -> None:
        if screenshot_dir is not None:
            write_screenshots(app, screenshot_dir)
        app.quit()

    if seconds is not None:
        QTimer.singleShot(int(seconds * 1000), finish)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    app.lastWindowClosed.connect(app.quit)
    with loop:
        loop.run_until_complete(closed.wait())
    feed.stop()
    return 0


def write_screenshots(app, directory: Path) -> list[Path]:  # noqa: ANN001 - QApplication
    """One PNG per visible top-level window, named after the window."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for widget in app.topLevelWidgets():
        if widget.isWindow() and widget.isVisible() and widget.objectName():
            path = directory / f"{widget.objectName()}.png"
            if widget.grab().save(str(path)):
                written.append(path)
    log.info("screenshots: %s", ", ".join(map(str, written)))
    return written
