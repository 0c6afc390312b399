"""Desk fixtures for plugin tests (pytest plugin, beside :mod:`citybrain.core.testing`).

``citybrain_desk`` is a real desk feed (its own FeedClient thread, real
sockets, a qasync loop as the desk has) on the ``citybrain_daemon`` fixture, synced before the test starts
and logged in as the demo duty leader; ``citybrain_desk.context(plugin)``
gives the DeskContext a plugin's views get.  Use pytest-qt's ``qtbot`` to
wait for what the view shows.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator
from typing import Any

import pytest

from citybrain.core.testing import PASSWORDS, RunningDaemon

# plugin tests run headless unless the caller chose a platform (a screen config, a real display)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class DeskUnderTest:
    def __init__(self, daemon: RunningDaemon, qtbot) -> None:  # noqa: ANN001 - pytest-qt's QtBot
        from citybrain.shell.feed import DeskFeed
        from citybrain.shell.notify import Notifier

        self.feed = DeskFeed(daemon.endpoint)
        self.notifier = Notifier(None)
        with qtbot.waitSignal(self.feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
            self.feed.start()
        reply = self.feed.client.login("duty", PASSWORDS["duty"])
        self.feed.set_operator({k: v for k, v in reply.items() if k != "token"})

    def context(self, plugin: str):  # noqa: ANN201 - DeskContext
        from citybrain.shell.api import DeskContext
        from citybrain.shell.names import payload_field_name
        from citybrain.shell.plugins import desk_plugin_host

        if not hasattr(self, "desk_plugins"):
            self.desk_plugins = desk_plugin_host()
            self.desk_plugins.discover()

        def first(hook: str, code: str) -> Any:  # every installed plugin's, asked again in the language of now
            return next((table[code] for _, table in self.desk_plugins.call(hook) if table and code in table), None)

        def field_name(command: str, field: str) -> str | None:
            return payload_field_name(dict(self.desk_plugins.call("citybrain_field_names")), command, field)

        return DeskContext(
            plugin,
            self.feed,
            self.notifier,
            lambda: [],
            open_item_words=lambda kind: first("citybrain_open_item_words", kind),
            field_name=field_name,
            audit_note=lambda note: first("citybrain_audit_notes", note),
        )


@pytest.fixture
def citybrain_desk_loop(qapp) -> Iterator[asyncio.AbstractEventLoop]:  # noqa: ANN001
    """The asyncio loop a desk runs on (qasync over Qt's): coroutines a view starts with ``asyncio.ensure_future``
    (``await ctx.command(...)``) advance whenever Qt processes events, so ``qtbot.waitUntil`` sees them finish."""
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    close_desk_loop(loop)


def close_desk_loop(loop: asyncio.AbstractEventLoop) -> None:
    """A view's coroutine still waiting when its test ended (a command's reply) is cancelled and let finish, then
    the loop is closed: closed with the loop, it would be reported ("Task was destroyed but it is pending!") after
    the run."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    asyncio.set_event_loop(None)
    loop.close()


@pytest.fixture
def citybrain_desk(citybrain_daemon: RunningDaemon, qtbot, citybrain_desk_loop) -> Iterator[DeskUnderTest]:  # noqa: ANN001
    from citybrain.shell.collector import GuiThreadCollector

    collector = GuiThreadCollector()  # as the desk does: the daemon's threads here allocate far more than a desk's
    collector.start()
    desk = DeskUnderTest(citybrain_daemon, qtbot)
    yield desk
    desk.feed.stop()
    collector.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a Qt test (its widgets closed by qtbot), its garbage goes on this, the GUI thread — not in whichever
    daemon thread next allocates past the threshold, where destroying Qt objects crashes Qt later."""
    yield
    if "qtbot" in getattr(item, "fixturenames", ()):
        gc.collect()


def on_screen(qtbot, view, wall: bool) -> object:  # noqa: ANN001 - pytest-qt's QtBot; a QWidget
    """``view`` shown as an operator sees it: a page of a 3840×2160 wall (the wall's sheet, read-only, in a
    carousel) or alone on a 1920×1080 desk screen.  Returns the window: keep it while the view is used
    (qtbot holds it only weakly); ``grab()`` it to look."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from citybrain.shell.carousel import Carousel, wall_sheet

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    if wall:
        window.setStyleSheet(wall_sheet(2160))
        carousel = Carousel(3600)
        carousel.add_page(view, "")
        layout.addWidget(carousel)
    else:
        layout.addWidget(view)
    window.resize(3840, 2160) if wall else window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def clipped_columns(table) -> list[str]:  # noqa: ANN001 - a QTableView
    """The shown columns (the last, stretching, aside) narrower than their header or their cells ask for."""
    header = table.horizontalHeader()
    return [
        str(table.model().headerData(i, header.orientation()))
        for i in range(header.count() - 1)
        if not header.isSectionHidden(i)
        and header.sectionSize(i) < max(header.sectionSizeHint(i), table.sizeHintForColumn(i))
    ]
