"""The desk's main window: plugin views as docks, menus, status bar, notifications."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QMainWindow, QTableWidget, QTableWidgetItem, QVBoxLayout

from citybrain.core.plugins import PluginHost
from citybrain.shell.api import DeskContext, ViewSpec
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import tr
from citybrain.shell.login import LoginDialog
from citybrain.shell.notify import Notifier
from citybrain.shell.statusbar import FeedStatusBar
from citybrain.shell.viewhost import build_view, make_dock


class MainWindow(QMainWindow):
    def __init__(self, feed: DeskFeed, host: PluginHost, name: str = "desk-main") -> None:
        super().__init__()
        self.setObjectName(name)
        self.feed = feed
        self.host = host
        self.notifier = Notifier(self)
        self.contexts: dict[str, DeskContext] = {}
        self.docks = {}
        self.setWindowTitle("citybrain")
        self.setDockNestingEnabled(True)
        self.setStatusBar(FeedStatusBar(feed))
        feed.status_changed.connect(lambda s: self.setWindowTitle(f"citybrain — {s.daemon}" if s.daemon else "citybrain"))
        self._build_menus()
        self._load_views()

    def context(self, plugin: str) -> DeskContext:
        if plugin not in self.contexts:
            self.contexts[plugin] = DeskContext(plugin, self.feed, self.notifier, self.plugin_states)
        return self.contexts[plugin]

    def plugin_states(self) -> list[dict]:
        return [s.as_dict() for s in self.host.states.values()]

    def _load_views(self) -> None:
        views: list[tuple[str, ViewSpec]] = [(p, v) for p, specs in self.host.call("citybrain_views") for v in specs or ()]
        previous = None
        for plugin, spec in views:
            widget = build_view(spec, self.context(plugin), self.feed, self.host.fail)
            dock = make_dock(spec.id, spec.title, widget)
            self.docks[spec.id] = dock
            if previous is None:
                self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            else:
                self.tabifyDockWidget(previous, dock)
            previous = previous or dock
            self.view_menu.addAction(dock.toggleViewAction())
        for plugin, actions in self.host.call("citybrain_actions"):
            for spec in actions or ():
                action = QAction(spec.title, self)
                if spec.shortcut:
                    action.setShortcut(QKeySequence(spec.shortcut))
                action.triggered.connect(lambda _=False, s=spec, p=plugin: self._run_action(p, s))
                self.actions_menu.addAction(action)
        failed = [s for s in self.host.states.values() if s.state != "loaded"]
        for state in failed:
            self.notifier.notify(tr("Main", "Plugin switched off"), f"{state.name}: {state.error}", "warning")

    def _run_action(self, plugin: str, spec) -> None:  # noqa: ANN001
        try:
            result = spec.callback(self.context(plugin))
            if asyncio.iscoroutine(result):
                asyncio.ensure_future(result)
        except Exception as exc:
            self.notifier.notify(spec.title, f"{exc.__class__.__name__}: {exc}", "warning")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        session = bar.addMenu(tr("Main", "&Session"))
        login = session.addAction(tr("Main", "Log in…"))
        login.setShortcut(QKeySequence("Ctrl+L"))
        login.triggered.connect(self.show_login)
        logout = session.addAction(tr("Main", "Log out"))
        logout.triggered.connect(lambda: asyncio.ensure_future(self.log_out()))
        session.addSeparator()
        quit_ = session.addAction(tr("Main", "Quit"))
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        self.view_menu = bar.addMenu(tr("Main", "&Views"))
        self.actions_menu = bar.addMenu(tr("Main", "&Actions"))
        plugins = bar.addMenu(tr("Main", "&Plugins"))
        plugins.addAction(tr("Main", "Plugin states…")).triggered.connect(self.show_plugins)

    def show_login(self) -> None:
        LoginDialog(self.feed, self).open()

    async def log_out(self) -> None:
        if self.feed.client.auth:
            await asyncio.wrap_future(self.feed.client.request("logout", {"auth": self.feed.client.auth}))
        self.feed.client.auth = None
        self.feed.set_operator(None)

    def show_plugins(self) -> None:
        rows = self.plugin_states() + [dict(r) for r in self.feed.client.replica.records("system.plugins")]
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Main", "Plugins"))
        table = QTableWidget(len(rows), 4)
        table.setHorizontalHeaderLabels([tr("Main", "Side"), tr("Main", "Plugin"), tr("Main", "State"), tr("Main", "Error")])
        for i, r in enumerate(rows):
            for j, key in enumerate(("side", "name", "state", "error")):
                table.setItem(i, j, QTableWidgetItem(str(r.get(key) or "")))
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(dialog).addWidget(table)
        dialog.resize(760, 320)
        dialog.open()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self.feed.stop()
        super().closeEvent(event)
