"""The desk's commands: one list behind the menus, the wall's shortcuts and the command palette.

Shortcuts are the commands' defaults unless this workstation rebound them
(QSettings group ``shortcuts``: command id -> portable key text, "" for none).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from citybrain.core.client import RequestError
from citybrain.shell.api import ActionSpec
from citybrain.shell.i18n import LANGUAGE_NAMES, tr, tr_noop
from citybrain.shell.theme import THEMES
from citybrain.widgets.event_loop import spawn, spawn_if_coroutine, wrap_future
from citybrain.widgets.sender import refusal_text

if TYPE_CHECKING:
    import asyncio

    from citybrain.shell.desk import Desk
    from citybrain.shell.dialogs import ShortcutsDialog
    from citybrain.shell.fuzzy import Candidate
    from citybrain.shell.notification_centre import NotificationCentre
    from citybrain.shell.palette import CommandPalette
    from citybrain.shell.window import DeskWindow


def _scope(command_id: str) -> str:
    """Where a command's key works: a view action's inside its view (two views may share a key), the rest
    everywhere."""
    return command_id.partition("/")[0] if command_id.startswith("view:") else "*"


def _shell(module: str) -> ModuleType:
    """A dialog's module, imported when first opened: none of them is needed to show the desk."""
    return importlib.import_module(f"citybrain.shell.{module}")


@dataclass(frozen=True)
class Command:
    """One palette entry: ``title`` as shown, ``source`` its English original, ``run`` what it does."""

    id: str
    title: str
    source: str
    run: Callable[[], object]
    shortcut: str = ""
    keywords: tuple[str, ...] = ()
    enabled: bool = True  # a view action that cannot run now (running it says why)

    @property
    def candidate(self) -> Candidate:
        from citybrain.shell.fuzzy import Candidate

        return Candidate(self.id, (self.title, self.source, *self.keywords))


class DeskCommands:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.centre: NotificationCentre | None = None

    # -- the list -------------------------------------------------------------------
    def all(self, rebound: bool = True) -> list[Command]:
        """Everything the palette offers: the desk's own commands, every view, layout and plugin action.

        ``rebound=False``: with their default shortcuts, not this workstation's.
        """
        desk = self.desk
        overrides = self._overrides() if rebound else {}

        def c(
            id_: str,
            source: str,
            run: Callable[[], object],
            shortcut: str = "",
            title: str | None = None,
            english: str | None = None,
        ) -> Command:
            return Command(id_, title or tr("Main", source), english or source, run, overrides.get(id_, shortcut))

        out = [
            c("palette", tr_noop("Main", "Command palette…"), self.show_palette, "Ctrl+K"),
            c("layout.save", tr_noop("Main", "Save layout"), self.save_current, "Ctrl+S"),
            c(
                "window.fullscreen",
                tr_noop("Main", "Full screen"),
                lambda: desk.active_window().toggle_full_screen(),
                "F11",
            ),
            c("notifications", tr_noop("Main", "Notifications…"), self.show_notifications, "Ctrl+J"),
            c("sound.silence", tr_noop("Main", "Silence the alarm sound"), desk.silence, "Ctrl+M"),
            c("sound.test", tr_noop("Main", "Test the alarm sounds"), desk.sound_test),
        ]
        if not desk.wall:  # nothing that opens a dialog on the wall
            out += [
                c(
                    "session.login",
                    tr_noop("Main", "Log in…"),
                    lambda: _shell("login").LoginDialog(desk.feed, desk.active_window()).open(),
                    "Ctrl+L",
                ),
                c("session.logout", tr_noop("Main", "Log out"), lambda: spawn(self.log_out())),
                c(
                    "layout.save_as",
                    tr_noop("Main", "Save layout as…"),
                    lambda: _shell("dialogs").ask_save_as(desk),
                    "Ctrl+Shift+S",
                ),
                c("layout.rename", tr_noop("Main", "Rename layout…"), lambda: _shell("dialogs").ask_rename(desk)),
                c("layout.delete", tr_noop("Main", "Delete layout…"), lambda: _shell("dialogs").ask_delete(desk)),
                c("window.new", tr_noop("Main", "New window"), desk.new_window, "Ctrl+Shift+N"),
                c("shortcuts", tr_noop("Main", "Keyboard shortcuts…"), self.edit_shortcuts),
                c("plugins.states", tr_noop("Main", "Plugin states…"), lambda: _shell("dialogs").show_plugins(desk)),
                c("session.quit", tr_noop("Main", "Quit"), desk.quit, "Ctrl+Q"),
            ]
        names = {"dark": tr("Main", "dark"), "light": tr("Main", "light")}
        for theme in THEMES:
            out.append(
                c(
                    f"theme:{theme}",
                    "",
                    partial(desk.set_theme, theme),
                    title=tr("Main", "Theme: {name}").format(name=names[theme]),
                    english=f"Theme: {theme}",
                )
            )
        for language, label in LANGUAGE_NAMES.items():
            out.append(
                c(
                    f"language:{language}",
                    "",
                    partial(desk.set_language, language),
                    title=tr("Main", "Language: {name}").format(name=label),
                    english=f"Language: {label}",
                )
            )
        for name in desk.store.names():
            out.append(
                c(
                    f"layout.switch:{name}",
                    "",
                    partial(desk.switch_layout, name),
                    title=tr("Main", "Switch layout: {name}").format(name=name),
                    english=f"Switch layout: {name}",
                )
            )
        for view_id, (_, spec) in sorted(desk.views.items()):
            out.append(
                c(
                    f"view.open:{view_id}",
                    "",
                    partial(desk.open_view, view_id),
                    title=tr("Main", "Open view: {title}").format(title=spec.title),
                    english=f"Open view: {view_id}",
                )
            )
        for screen in QGuiApplication.screens():
            out.append(
                c(
                    f"window.screen:{screen.name()}",
                    "",
                    partial(self.move_active_window, screen),
                    title=tr("Main", "Move window to screen {name}").format(name=screen.name()),
                    english=f"Move window to screen {screen.name()}",
                )
            )
        for plugin, action in desk.plugin_actions:
            command = c(
                f"action:{action.id}",
                "",
                partial(self.run_action, plugin, action),
                action.shortcut or "",
                title=action.title,
                english=action.id,
            )
            out.append(Command(command.id, command.title, command.source, command.run, command.shortcut, (plugin,)))
        out += self._view_actions(overrides)
        return out

    def _view_actions(self, overrides: dict[str, str]) -> list[Command]:
        """Each view's actions (``view:<view id>/<action id>``): from an open copy of the view, else as this
        workstation last saw them."""
        viewhost = _shell("viewhost")
        known = viewhost.known_actions(list(self.desk.views))
        open_frames = viewhost.open_frames(list(self.desk.windows.values()))
        out = []
        for view_id, (_, spec) in sorted(self.desk.views.items()):
            frames = open_frames.get(view_id, [])
            live = frames[0].view_actions if frames else {}
            entries = (
                [viewhost.KnownAction(a.id, a.title, a.shortcut) for a, _ in live.values()]
                if live
                else known.get(view_id, [])
            )
            for entry in entries:
                cid = viewhost.command_id(view_id, entry.id)
                out.append(
                    Command(
                        cid,
                        f"{spec.title}: {entry.title}",
                        f"{view_id}: {entry.id}",
                        partial(self.run_view_action, view_id, entry.id),
                        overrides.get(cid, entry.shortcut),
                        (spec.title,),
                        frames[0].action_enabled(entry.id) if live else True,
                    )
                )
        return out

    def run_view_action(self, view_id: str, action_id: str) -> bool:
        """Run a view's action on the copy the operator is in (the one holding the focus, else one in the active
        window, else any open one); with none open, open the view first.  Whether it ran."""
        viewhost = _shell("viewhost")
        active = self.desk.active_window()
        windows = [active] + [w for w in self.desk.windows.values() if w is not active]
        focus = QApplication.focusWidget()
        frames = viewhost.open_frames(windows).get(view_id, [])
        frames = [f for f in frames if focus is not None and f.isAncestorOf(focus)] or frames
        if not frames:
            self.desk.open_view(view_id, active)
            frames = viewhost.open_frames(windows).get(view_id, [])
        if not frames or action_id not in frames[0].view_actions:
            return False
        return frames[0].run_action(action_id)

    # -- running ----------------------------------------------------------------------
    def move_active_window(self, screen: QScreen) -> None:
        self.desk.move_window(self.desk.active_window(), screen)

    def run_action(self, plugin: str, spec: ActionSpec) -> None:
        """A plugin's action; its failure (at once or when its coroutine ends) is shown, never swallowed."""
        try:
            result = spec.callback(self.desk.context(plugin))
        except Exception as exc:
            self._failed(spec.title, exc)
            return
        task = spawn_if_coroutine(result)
        if task is not None:

            def said(t: asyncio.Future) -> None:
                if not t.cancelled() and (error := t.exception()) is not None:
                    self._failed(spec.title, error)

            task.add_done_callback(said)

    def _failed(self, title: str, exc: BaseException) -> None:
        text = refusal_text(exc) if isinstance(exc, RequestError) else f"{exc.__class__.__name__}: {exc}"
        self.desk.notifier.notify(title, text, "warning")

    def show_palette(self, window: QWidget | None = None) -> CommandPalette:
        palette = _shell("palette").CommandPalette(self.all(), window or self.desk.active_window())
        palette.open()
        palette.query.setFocus()
        return palette

    def show_notifications(self) -> NotificationCentre:
        if self.centre is None:
            self.centre = _shell("notification_centre").NotificationCentre(
                self.desk.notifier, self.desk.active_window()
            )
        self.centre.show()
        self.centre.raise_()
        return self.centre

    def save_current(self) -> None:
        self.desk.save_layout()  # says so in the window's status bar

    async def log_out(self) -> None:
        feed = self.desk.feed
        if feed.client.auth:
            await wrap_future(
                feed.client.request(
                    "logout",
                    {
                        "auth": feed.client.auth,  # audited with the desk
                        "desk": feed.client.desk_id,
                    },
                )
            )
        feed.client.auth = None
        feed.set_operator(None)

    # -- shortcuts ----------------------------------------------------------------------
    @staticmethod
    def _overrides() -> dict[str, str]:
        return _shell("viewhost").shortcut_overrides()

    def edit_shortcuts(self) -> ShortcutsDialog:
        dialog = _shell("dialogs").ShortcutsDialog(self, self.desk.active_window())
        dialog.open()
        return dialog

    def set_shortcuts(self, keys: dict[str, str]) -> None:
        """Rebind: ``keys`` maps command ids to key text; refused whole if two commands share a key."""
        commands = self.all(rebound=False)
        titles = {c.id: c.title for c in commands}
        taken: dict[str, list[str]] = {}
        for command_id, key in keys.items():
            for other in taken.get(key, []) if key else []:
                if _scope(other) == _scope(command_id) or "*" in (_scope(other), _scope(command_id)):
                    raise ValueError(
                        tr("Main", "{key} is given to two commands: {a} and {b}").format(
                            key=key, a=titles.get(other, other), b=titles.get(command_id, command_id)
                        )
                    )
            taken.setdefault(key, []).append(command_id)
        defaults = {c.id: c.shortcut for c in commands}
        settings = QSettings()
        settings.beginGroup("shortcuts")
        for command_id, key in keys.items():
            if key == defaults.get(command_id, ""):
                settings.remove(command_id)
            else:
                settings.setValue(command_id, key)
        settings.endGroup()
        self.desk.rebuild()

    # -- menus ----------------------------------------------------------------------------
    def build_menus(self, window: DeskWindow) -> None:
        """The menu bar of a desk window; the same commands the palette lists, with their shortcuts."""
        bar = window.menuBar()
        commands = {c.id: c for c in self.all()}

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
        layouts.aboutToShow.connect(lambda: self._fill_layout_menu(layouts, add))
        self._fill_layout_menu(layouts, add)
        windows = bar.addMenu(tr("Main", "&Window"))
        for cid in ("window.new", "window.fullscreen", "theme:dark", "theme:light", "language:zh_CN", "language:en"):
            add(windows, cid)
        views = windows.addMenu(tr("Main", "Open view"))  # filled as it opens: its entries carry no keys
        views.aboutToShow.connect(lambda: self._fill_view_menu(views, window))
        screens = windows.addMenu(tr("Main", "Move to screen"))
        screens.aboutToShow.connect(lambda: self._fill_screen_menu(screens, window))
        actions = bar.addMenu(tr("Main", "&Actions"))
        for _, action in self.desk.plugin_actions:
            add(actions, f"action:{action.id}")
        notes = bar.addMenu(tr("Main", "&Notifications"))
        for cid in ("notifications", "sound.silence", "sound.test"):
            add(notes, cid)
        help_ = bar.addMenu(tr("Main", "&Help"))
        for cid in ("palette", "shortcuts", "plugins.states"):
            add(help_, cid)

    def add_shortcuts(self, window: DeskWindow) -> None:
        """A wall window has no menus: its keys still reach the palette and the layout."""
        for command in self.all():
            if command.shortcut and not command.id.startswith("view:"):  # a view's keys are on its frame
                action = QAction(command.title, window)
                action.setShortcut(QKeySequence(command.shortcut))
                action.triggered.connect(lambda _=False, run=command.run: run())
                window.addAction(action)

    def _fill_layout_menu(self, menu: QMenu, add: Callable[[QMenu, str], None]) -> None:
        menu.clear()
        group = QActionGroup(menu)
        for name in self.desk.store.names():
            action = QAction(name, menu, checkable=True, checked=name == self.desk.layout.name)
            action.triggered.connect(lambda _=False, n=name: self.desk.switch_layout(n))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        for cid in ("layout.save", "layout.save_as", "layout.rename", "layout.delete"):
            add(menu, cid)

    def _fill_view_menu(self, menu: QMenu, window: DeskWindow) -> None:
        menu.clear()
        for view_id, (_, spec) in sorted(self.desk.views.items()):
            menu.addAction(spec.title).triggered.connect(lambda _=False, v=view_id: self.desk.open_view(v, window))

    def _fill_screen_menu(self, menu: QMenu, window: DeskWindow) -> None:
        menu.clear()
        for screen in QGuiApplication.screens():
            g = screen.geometry()
            menu.addAction(f"{screen.name()} ({g.width()}×{g.height()})").triggered.connect(
                lambda _=False, s=screen: self.desk.move_window(window, s)
            )
