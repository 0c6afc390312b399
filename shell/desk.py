"""The desk: its windows on their screens, the plugin views in them, layouts, commands and the palette.

One :class:`Desk` per process.  It collects every plugin's views and
actions once, builds the windows a :class:`~citybrain.shell.layouts.Layout`
names, and turns the live windows back into a layout (``capture``) to save
it, to switch language or to survive a restart.  A view keeps its own
settings when its widget has ``save_settings() -> dict`` and
``restore_settings(dict)`` (see ``docs/plugins.md``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (QApplication, QDialog, QHeaderView, QInputDialog, QMenu, QMessageBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from citybrain.core.plugins import PluginHost
from citybrain.shell.api import ActionSpec, DeskContext, ViewSpec
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import LANGUAGE_NAMES, install_translator, tr, tr_noop
from citybrain.shell.layouts import Layout, LayoutError, LayoutStore, ViewPlacement, WindowLayout
from citybrain.shell.login import LoginDialog
from citybrain.shell.notify import Notifier
from citybrain.shell.palette import Command, CommandPalette
from citybrain.shell.viewhost import ViewFrame, build_view
from citybrain.shell.window import DeskWindow

log = logging.getLogger(__name__)


def _content(widget: QWidget) -> QWidget:
    return widget.content if isinstance(widget, ViewFrame) else widget


class Desk(QObject):
    layout_changed = Signal(str)

    def __init__(self, feed: DeskFeed, host: PluginHost, store: LayoutStore | None = None) -> None:
        super().__init__()
        self.feed = feed
        self.host = host
        self.store = store or LayoutStore()
        self.notifier = Notifier(None)
        self.contexts: dict[str, DeskContext] = {}
        self.windows: dict[str, DeskWindow] = {}
        self.layout = Layout("unsaved", windows=[WindowLayout("desk-main")])
        self._switching = False
        self.views: dict[str, tuple[str, ViewSpec]] = {}
        self.plugin_actions: list[tuple[str, ActionSpec]] = []
        self._collect()
        app = QGuiApplication.instance()
        app.setQuitOnLastWindowClosed(False)  # switching layouts closes every window; quitting is ours to decide
        app.screenAdded.connect(lambda _: self.place_windows())
        app.screenRemoved.connect(lambda gone: self.place_windows([s for s in QGuiApplication.screens() if s is not gone]))

    # -- plugins ------------------------------------------------------------------
    def _collect(self) -> None:
        """Every plugin's views and actions (again after a language switch: their titles are translated)."""
        self.views = {spec.id: (plugin, spec) for plugin, specs in self.host.call("citybrain_views") for spec in specs or ()}
        self.plugin_actions = [(plugin, spec) for plugin, actions in self.host.call("citybrain_actions")
                               for spec in actions or ()]

    def context(self, plugin: str) -> DeskContext:
        if plugin not in self.contexts:
            self.contexts[plugin] = DeskContext(plugin, self.feed, self.notifier, self.plugin_states)
        return self.contexts[plugin]

    def plugin_states(self) -> list[dict]:
        return [s.as_dict() for s in self.host.states.values()]

    def report_failed_plugins(self) -> None:
        for state in self.host.states.values():
            if state.state != "loaded":
                self.notifier.notify(tr("Main", "Plugin switched off"), f"{state.name}: {state.error}", "warning")

    # -- layouts --------------------------------------------------------------------
    @property
    def wall(self) -> bool:
        return self.layout.profile == "wall"

    def start(self, name: str | None = None) -> None:
        """Bring up ``name`` (else this workstation's last layout); a broken file falls back to the preset."""
        name = name or self.store.current()
        try:
            layout = self.store.load(name)
        except LayoutError as exc:
            self.store.problems.append(str(exc))
            layout = self.store.preset(self.store.current() if self.store.is_preset(self.store.current()) else "duty-desk")
        self.apply(layout)
        for problem in self.store.problems:
            self.notifier.notify(tr("Main", "Layout file unreadable; the preset is used"), problem, "warning")
        self.report_failed_plugins()

    def apply(self, layout: Layout) -> None:
        """Close every window, then build the layout's windows, views and settings, each on its screen."""
        self._switching = True
        try:
            for window in list(self.windows.values()):
                window.close()
                window.deleteLater()
            self.windows.clear()
            self.layout = layout
            missing: list[str] = []
            for spec in layout.windows:
                window = DeskWindow(self, spec, wall=layout.profile == "wall")
                window.missing = []
                self.windows[spec.id] = window
                for placement in spec.views:
                    if not self._open(window, placement, page=False):
                        window.missing.append(placement)
                        missing.append(placement.view)
                for placement in spec.carousel:
                    if not self._open(window, placement, page=True):
                        window.missing.append(placement)
                        missing.append(placement.view)
                window.restore_docks(spec.dock_state)
            self.notifier.host = next((w for w in self.windows.values() if not w.wall), None) or next(
                iter(self.windows.values()))
            self.place_windows()
        finally:
            self._switching = False
        if missing:
            self.notifier.notify(tr("Main", "Views not available"), tr(
                "Main", "Layout {name} names views no installed plugin offers: {views}").format(
                name=layout.name, views=", ".join(sorted(set(missing)))), "warning")
        self.layout_changed.emit(layout.name)

    def capture(self, name: str | None = None) -> Layout:
        """The windows as they are now: screens, geometry, docks and every view's own settings."""
        windows = []
        for window in self.windows.values():
            spec = window.snapshot_spec()
            widgets = window.view_widgets()
            for placement in [*spec.views, *spec.carousel]:
                saver = getattr(_content(widgets[placement.instance]), "save_settings", None)
                if callable(saver):
                    try:
                        placement.settings = dict(saver())
                    except Exception:  # a view's bug must not cost the operator the rest of the layout
                        log.exception("view %s could not save its settings", placement.instance)
            spec.views.extend(window.missing)
            windows.append(spec)
        return Layout(name or self.layout.name, self.layout.profile, self.layout.title, windows)

    def save_layout(self, name: str | None = None) -> Path:
        layout = self.capture(name)
        path = self.store.save(layout)
        self.layout.name = layout.name
        self.store.set_current(layout.name)
        self.layout_changed.emit(layout.name)
        return path

    def switch_layout(self, name: str) -> None:
        try:
            layout = self.store.load(name)
        except LayoutError as exc:
            self.notifier.notify(tr("Main", "Layout not switched"), str(exc), "warning")
            return
        self.apply(layout)
        self.store.set_current(name)
        for problem in self.store.problems:
            self.notifier.notify(tr("Main", "Layout file unreadable; the preset is used"), problem, "warning")
        self.store.problems.clear()

    def rename_layout(self, old: str, new: str) -> None:
        self.store.rename(old, new)
        if self.layout.name == old:
            self.layout.name = new
        self.layout_changed.emit(self.layout.name)

    def delete_layout(self, name: str) -> bool:
        return self.store.delete(name)

    # -- views ------------------------------------------------------------------------
    def _open(self, window: DeskWindow, placement: ViewPlacement, *, page: bool) -> bool:
        entry = self.views.get(placement.view)
        if entry is None:
            return False
        plugin, spec = entry
        widget = build_view(spec, self.context(plugin), self.feed, self.host.fail)
        restore = getattr(_content(widget), "restore_settings", None)
        if placement.settings and callable(restore):
            try:
                restore(placement.settings)
            except Exception as exc:
                self.notifier.notify(spec.title, tr("Main", "its saved settings could not be restored: {e}").format(e=exc),
                                     "warning")
        title = spec.title if placement.instance == spec.id else f"{spec.title} ({placement.instance.split('#')[-1]})"
        if page:
            window.add_page(placement, title, widget)
        else:
            window.add_dock(placement, title, widget)
        return True

    def open_view(self, view_id: str, window: DeskWindow | None = None) -> str | None:
        """Open a view (another copy if the view allows several; else raise the open one); its instance id."""
        window = window or self.active_window()
        plugin, spec = self.views[view_id]
        open_ids = {i for w in self.windows.values() for i in w.placements}
        if view_id in open_ids and not spec.multiple:
            for w in self.windows.values():
                if view_id in w.docks:
                    w.docks[view_id].show()
                    w.docks[view_id].raise_()
            return view_id
        instance, n = view_id, 1
        while instance in open_ids:
            n += 1
            instance = f"{view_id}#{n}"
        self._open(window, ViewPlacement(view_id, instance, area="right"), page=False)
        return instance

    # -- windows and screens --------------------------------------------------------
    def active_window(self) -> DeskWindow:
        active = QApplication.activeWindow()
        if isinstance(active, DeskWindow):
            return active
        return next(w for w in self.windows.values() if not w.wall) if not self.wall else next(iter(self.windows.values()))

    def place_windows(self, screens: Sequence[QScreen] | None = None) -> None:
        """Every window onto its home screen, or the fallback while that screen is missing."""
        screens = list(screens if screens is not None else QGuiApplication.screens())
        if not screens:
            return
        for window in self.windows.values():
            window.place(screens)

    def new_window(self, screen: QScreen | None = None) -> DeskWindow:
        n = len(self.windows) + 1
        while f"desk-{n}" in self.windows:
            n += 1
        screen = screen or QGuiApplication.primaryScreen()
        spec = WindowLayout(f"desk-{n}", screen=screen.name(), state="normal")
        window = DeskWindow(self, spec, wall=self.wall)
        window.missing = []
        self.windows[spec.id] = window
        window.place(QGuiApplication.screens())
        return window

    def move_window(self, window: DeskWindow, screen: QScreen) -> None:
        window.home_screen = screen.name()
        window.home_geometry = None
        window.place(QGuiApplication.screens())

    def window_closed(self, window: DeskWindow) -> None:
        if self._switching:
            return
        self.windows.pop(window.objectName(), None)
        if not self.windows:
            QApplication.instance().quit()

    def shutdown(self) -> None:
        """Close every window without quitting the application (tests, embedding)."""
        self._switching = True
        for window in list(self.windows.values()):
            window.close()
        self.windows.clear()

    def set_language(self, language: str) -> None:
        """Switch the interface language; the same windows, views and settings come back in it."""
        layout = self.capture()
        install_translator(QApplication.instance(), language)
        self._collect()
        self.apply(layout)

    def quit(self) -> None:
        self._switching = True  # no window-by-window bookkeeping on the way out
        QApplication.instance().quit()

    # -- commands, menus, palette ------------------------------------------------------
    def commands(self) -> list[Command]:
        """Everything the palette offers: the desk's own commands, every view, layout and plugin action."""
        def c(id_: str, source: str, run: Callable[[], object], shortcut: str = "") -> Command:
            return Command(id_, tr("Main", source), source, run, shortcut)

        out = [
            c("palette", tr_noop("Main", "Command palette…"), lambda: self.show_palette(), "Ctrl+K"),
            c("layout.save", tr_noop("Main", "Save layout"), lambda: self._save_current(), "Ctrl+S"),
            c("window.fullscreen", tr_noop("Main", "Full screen"), lambda: self.active_window().toggle_full_screen(), "F11"),
        ]
        if not self.wall:  # nothing that opens a dialog on the wall
            out += [
                c("session.login", tr_noop("Main", "Log in…"), lambda: LoginDialog(self.feed, self.active_window()).open(), "Ctrl+L"),
                c("session.logout", tr_noop("Main", "Log out"), lambda: asyncio.ensure_future(self.log_out())),
                c("layout.save_as", tr_noop("Main", "Save layout as…"), self._ask_save_as, "Ctrl+Shift+S"),
                c("layout.rename", tr_noop("Main", "Rename layout…"), self._ask_rename),
                c("layout.delete", tr_noop("Main", "Delete layout…"), self._ask_delete),
                c("window.new", tr_noop("Main", "New window"), lambda: self.new_window(), "Ctrl+Shift+N"),
                c("plugins.states", tr_noop("Main", "Plugin states…"), self.show_plugins),
                c("session.quit", tr_noop("Main", "Quit"), self.quit, "Ctrl+Q"),
            ]
        for language, label in LANGUAGE_NAMES.items():
            out.append(Command(f"language:{language}", tr("Main", "Language: {name}").format(name=label),
                               f"Language: {label}", lambda lang=language: self.set_language(lang)))
        for name in self.store.names():
            out.append(Command(f"layout.switch:{name}", tr("Main", "Switch layout: {name}").format(name=name),
                               f"Switch layout: {name}", lambda n=name: self.switch_layout(n)))
        for view_id, (_, spec) in sorted(self.views.items()):
            out.append(Command(f"view.open:{view_id}", tr("Main", "Open view: {title}").format(title=spec.title),
                               f"Open view: {view_id}", lambda v=view_id: self.open_view(v)))
        for screen in QGuiApplication.screens():
            out.append(Command(f"window.screen:{screen.name()}",
                               tr("Main", "Move window to screen {name}").format(name=screen.name()),
                               f"Move window to screen {screen.name()}",
                               lambda s=screen: self.move_window(self.active_window(), s)))
        for plugin, spec in self.plugin_actions:
            out.append(Command(f"action:{spec.id}", spec.title, spec.id, lambda p=plugin, s=spec: self.run_action(p, s),
                               spec.shortcut or "", (plugin,)))
        return out

    def show_palette(self, window: QWidget | None = None) -> CommandPalette:
        palette = CommandPalette(self.commands(), window or self.active_window())
        palette.open()
        palette.query.setFocus()
        return palette

    def run_action(self, plugin: str, spec: ActionSpec) -> None:
        try:
            result = spec.callback(self.context(plugin))
            if asyncio.iscoroutine(result):
                asyncio.ensure_future(result)
        except Exception as exc:
            self.notifier.notify(spec.title, f"{exc.__class__.__name__}: {exc}", "warning")

    def build_menus(self, window: DeskWindow) -> None:
        """The menu bar of a desk window; the same commands the palette lists, with their shortcuts."""
        bar = window.menuBar()
        commands = {c.id: c for c in self.commands()}

        def add(menu: QMenu, command_id: str) -> None:
            command = commands[command_id]
            action = menu.addAction(command.title)
            if command.shortcut:
                action.setShortcut(QKeySequence(command.shortcut))
            action.triggered.connect(lambda _=False, run=command.run: run())

        session = bar.addMenu(tr("Main", "&Session"))
        for cid in ("session.login", "session.logout", "session.quit"):
            add(session, cid)
        layouts = bar.addMenu(tr("Main", "&Layout"))
        layouts.aboutToShow.connect(lambda: self._fill_layout_menu(layouts, add, commands))
        self._fill_layout_menu(layouts, add, commands)
        windows = bar.addMenu(tr("Main", "&Window"))
        add(windows, "window.new")
        add(windows, "window.fullscreen")
        views = windows.addMenu(tr("Main", "Open view"))
        for view_id, (_, spec) in sorted(self.views.items()):
            views.addAction(spec.title).triggered.connect(lambda _=False, v=view_id: self.open_view(v, window))
        screens = windows.addMenu(tr("Main", "Move to screen"))
        screens.aboutToShow.connect(lambda: self._fill_screen_menu(screens, window))
        actions = bar.addMenu(tr("Main", "&Actions"))
        for plugin, spec in self.plugin_actions:
            add(actions, f"action:{spec.id}")
        help_ = bar.addMenu(tr("Main", "&Help"))
        add(help_, "palette")
        add(help_, "plugins.states")

    def add_shortcuts(self, window: DeskWindow) -> None:
        """A wall window has no menus: its keys still reach the palette and the layout."""
        for command in self.commands():
            if command.shortcut:
                action = QAction(command.title, window)
                action.setShortcut(QKeySequence(command.shortcut))
                action.triggered.connect(lambda _=False, run=command.run: run())
                window.addAction(action)

    def _fill_layout_menu(self, menu: QMenu, add: Callable[[QMenu, str], None], commands: dict[str, Command]) -> None:
        menu.clear()
        group = QActionGroup(menu)
        for name in self.store.names():
            action = QAction(name, menu, checkable=True, checked=name == self.layout.name)
            action.triggered.connect(lambda _=False, n=name: self.switch_layout(n))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        for cid in ("layout.save", "layout.save_as", "layout.rename", "layout.delete"):
            add(menu, cid)

    def _fill_screen_menu(self, menu: QMenu, window: DeskWindow) -> None:
        menu.clear()
        for screen in QGuiApplication.screens():
            g = screen.geometry()
            menu.addAction(f"{screen.name()} ({g.width()}×{g.height()})").triggered.connect(
                lambda _=False, s=screen: self.move_window(window, s))

    def _save_current(self) -> None:
        path = self.save_layout()
        self.notifier.notify(tr("Main", "Layout saved"), str(path))

    def _ask_save_as(self) -> None:
        name, ok = QInputDialog.getText(self.active_window(), tr("Main", "Save layout as"), tr("Main", "Name"),
                                        text=self.layout.name)
        if ok and name.strip():
            try:
                self.save_layout(name.strip())
            except LayoutError as exc:
                self.notifier.notify(tr("Main", "Layout not saved"), str(exc), "warning")

    def _ask_rename(self) -> None:
        name, ok = QInputDialog.getText(self.active_window(), tr("Main", "Rename layout"), tr("Main", "New name"),
                                        text=self.layout.name)
        if ok and name.strip() and name.strip() != self.layout.name:
            try:
                self.save_layout()
                self.rename_layout(self.layout.name, name.strip())
            except LayoutError as exc:
                self.notifier.notify(tr("Main", "Layout not renamed"), str(exc), "warning")

    def _ask_delete(self) -> None:
        names = [n for n in self.store.names() if (self.store.folder / f"{n}.json").exists()]
        if not names:
            self.notifier.notify(tr("Main", "Nothing to delete"), tr("Main", "Only the shipped presets exist."))
            return
        name, ok = QInputDialog.getItem(self.active_window(), tr("Main", "Delete layout"), tr("Main", "Layout"), names,
                                        0, False)
        if ok and QMessageBox.question(self.active_window(), tr("Main", "Delete layout"),
                                       tr("Main", "Delete the saved layout “{name}”?").format(name=name)) \
                == QMessageBox.StandardButton.Yes:
            self.delete_layout(name)

    async def log_out(self) -> None:
        if self.feed.client.auth:
            await asyncio.wrap_future(self.feed.client.request("logout", {"auth": self.feed.client.auth}))
        self.feed.client.auth = None
        self.feed.set_operator(None)

    def show_plugins(self) -> None:
        rows = self.plugin_states() + [dict(r) for r in self.feed.client.replica.records("system.plugins")]
        dialog = QDialog(self.active_window())
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

    # -- screenshots -------------------------------------------------------------------
    def write_screenshots(self, directory: Path) -> list[Path]:
        """One PNG per window: ``<layout>--<screen>.png`` (``--2``, ``--3`` for more windows on one screen)."""
        directory.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for window in self.windows.values():
            stem = f"{self.layout.name}--{window.current_screen_name() or window.objectName()}"
            path, n = directory / f"{stem}.png", 1
            while path in written:
                n += 1
                path = directory / f"{stem}--{n}.png"
            if window.grab().save(str(path)):
                written.append(path)
        log.info("screenshots: %s", ", ".join(map(str, written)))
        return written
