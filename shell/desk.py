"""The desk: its windows on their screens, the plugin views in them, layouts, commands and the palette.

One :class:`Desk` per process.  It collects every plugin's views and
actions once, builds the windows a :class:`~citybrain.shell.layouts.Layout`
names, and turns the live windows back into a layout (``capture``) to save
it, to switch language or to survive a restart.  A view keeps its own
settings when its widget has ``save_settings() -> dict`` and
``restore_settings(dict)`` (see ``docs/plugins.md``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from citybrain.core.client import RequestError
from citybrain.core.plugins import PluginHost, PluginStatus, check_name, check_reference
from citybrain.shell.api import ActionSpec, DeskContext, OpenItemWords, ViewSpec
from citybrain.shell.commands import DeskCommands
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import install_translator, tr
from citybrain.shell.layouts import DEFAULT_LAYOUT, Layout, LayoutError, LayoutStore, ViewPlacement, WindowLayout
from citybrain.shell.names import PLATFORM_COMMANDS, first_named, payload_field_name
from citybrain.shell.notify import Notifier
from citybrain.shell.screens import share_of
from citybrain.shell.theme import apply_theme
from citybrain.shell.viewhost import ViewFrame, build_view
from citybrain.shell.window import DeskWindow
from citybrain.widgets import event_loop

log = logging.getLogger(__name__)
LEADER_ROLES = ("duty_leader", "admin")  # who may silence the wall
SILENCE = "system.silence"  # the daemon's command that writes a silencing to the audit log


def _content(widget: QWidget) -> QWidget:
    return widget.content if isinstance(widget, ViewFrame) else widget


def _focus_opened(widget: QWidget | None) -> None:
    """The keyboard into a view the operator opened (its table): not left where it was, Tabs away."""
    if isinstance(widget, ViewFrame):
        widget.focus_table(opened=True)


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # a desk runs in a QApplication (it has widgets)
    return app


class Desk(QObject):
    layout_changed = Signal(str)

    def __init__(self, feed: DeskFeed, host: PluginHost, store: LayoutStore | None = None) -> None:
        super().__init__()
        self.feed = feed
        self.host = host
        self.store = store or LayoutStore()
        self.notifier = Notifier(None)
        self.notifier.toast_clicked.connect(lambda note: self.commands.show_notifications().show_note(note))
        self.notifier.silence_requested.connect(self.silence)
        self.contexts: dict[str, DeskContext] = {}
        self.windows: dict[str, DeskWindow] = {}
        self.layout = Layout("unsaved", windows=[WindowLayout("desk-main")])
        self._switching = False
        self.views: dict[str, tuple[str, ViewSpec]] = {}
        self.plugin_actions: list[tuple[str, ActionSpec]] = []
        self._collect()
        self.commands: DeskCommands = DeskCommands(self)
        app = _application()
        app.setQuitOnLastWindowClosed(False)  # switching layouts closes every window; quitting is ours to decide
        app.screenAdded.connect(lambda _: self.place_windows())
        app.screenRemoved.connect(
            lambda gone: self.place_windows([s for s in QGuiApplication.screens() if s is not gone])
        )

    # -- plugins ------------------------------------------------------------------
    def _collect(self) -> None:
        """Every plugin's views and actions (again after a language switch: their titles are translated)."""
        self.views = {spec.id: (plugin, spec) for plugin, spec in self._checked("citybrain_views", ViewSpec)}
        self.plugin_actions = list(self._checked("citybrain_actions", ActionSpec))
        self.command_names = [PLATFORM_COMMANDS] + [
            names for _, names in self.host.call("citybrain_command_names") if names
        ]
        self.audit_notes = [names for _, names in self.host.call("citybrain_audit_notes") if names]
        self._item_words: dict[str, OpenItemWords] | None = None  # asked again in the language of now
        self.plugin_titles = {plugin: title for plugin, title in self.host.call("citybrain_title") if title}
        self.field_names = {plugin: names for plugin, names in self.host.call("citybrain_field_names") if names}

    def _checked(self, hook: str, kind: type[ViewSpec] | type[ActionSpec]) -> list[tuple[str, Any]]:
        """Each plugin's views or actions, checked as they are declared: the right spec, an id named after the
        plugin, a lazy factory's ``module:name`` that exists. A plugin with one wrong is switched off now,
        named, not when an operator opens the view."""
        found = []
        for plugin, specs in self.host.call(hook):
            try:
                for spec in specs or ():
                    if not isinstance(spec, kind):
                        raise TypeError(f"{hook} returned {spec!r}, not a {kind.__name__}")
                    check_name(plugin, spec.id, "id")
                    if isinstance(spec, ViewSpec) and isinstance(spec.factory, str):
                        check_reference(spec.factory)
            except (TypeError, ValueError) as exc:
                self.host.fail(plugin, hook, exc)
                continue
            found += [(plugin, spec) for spec in specs or ()]
        return found

    def field_name(self, command: str, field: str) -> str | None:
        """A field of a command's payload by its name in the desk's language; None when nobody names it."""
        return payload_field_name(self.field_names, command, field)

    def command_name(self, command: str) -> str | None:
        """A command's name in the desk's language (the platform's, or its plugin's); None when none names it."""
        return first_named(self.command_names, command)

    def audit_note(self, note: str) -> str | None:
        """An audit note's sentence in the desk's language (its plugin's); None when none words it."""
        return first_named(self.audit_notes, note)

    def open_item_words(self, kind: str) -> OpenItemWords | None:
        """How the plugins word a kind of handover item; asked of them when a handover is first worded (their
        wording modules, ~10 ms of imports, stay out of the desk's start)."""
        if self._item_words is None:
            self._item_words = {
                kind: words
                for _, table in self.host.call("citybrain_open_item_words")
                for kind, words in (table or {}).items()
            }
        return self._item_words.get(kind)

    def context(self, plugin: str) -> DeskContext:
        if plugin not in self.contexts:
            self.contexts[plugin] = DeskContext(
                plugin,
                self.feed,
                self.notifier,
                self.plugin_states,
                command_name=self.command_name,
                open_item_words=self.open_item_words,
                field_name=self.field_name,
                audit_note=self.audit_note,
            )
        return self.contexts[plugin]

    def plugin_states(self) -> list[dict]:
        """Each plugin's state on this desk, with its ``title`` (None when it names itself not)."""
        return [{**s.as_dict(), "title": self.plugin_titles.get(s.name)} for s in self.host.states.values()]

    def report_failed_plugins(self) -> None:
        for state in self.host.states.values():
            if state.state != PluginStatus.LOADED:
                self.notifier.notify(
                    tr("Main", "Plugin switched off"),
                    f"{self.plugin_titles.get(state.name, state.name)}: {state.error}",
                    "warning",
                )

    # -- the alarm sound ----------------------------------------------------------------
    def silence(self) -> bool:
        """Silence the alarm sound now (acknowledging nothing) and log it in the daemon's audit; on the wall only a
        duty leader (or admin) may.  Whether anything was silenced."""
        operator = self.feed.operator or {}
        if self.wall and operator.get("role") not in LEADER_ROLES:
            self.notifier.notify(
                tr("Main", "Sound stays on"), tr("Main", "Only the duty leader may silence the wall."), "warning"
            )
            return False
        priority = self.notifier.annunciator.silence()
        if priority is None:
            return False
        event_loop.spawn(self._log_silence(priority))
        return True

    async def _log_silence(self, priority: str) -> None:
        payload = {
            "desk": self.feed.client.desk_id,
            "priority": priority,
            "reason": ", ".join(sorted(self.notifier.annunciator.keys)) or None,
        }
        try:
            await event_loop.wrap_future(self.feed.client.command(SILENCE, payload))
        except RequestError as exc:
            log.warning("silencing not written to the audit log: %s", exc.message)
            self.notifier.notify(
                tr("Main", "Silencing not logged"),
                tr("Main", "The alarm sound is silenced, but the daemon did not log it: {why}").format(why=exc.message),
                "warning",
            )

    def sound_test(self) -> None:
        """Play the urgent alarm sound, then the high one; the status bar says when no sound can be heard."""
        annunciator = self.notifier.annunciator
        if annunciator.problem:
            self.notifier.notify(
                tr("Main", "No sound device"),
                tr("Main", "Alarms cannot be heard on this desk: {why}").format(why=annunciator.problem),
                "warning",
            )
            return
        annunciator.sound_test()
        self.notifier.notify(tr("Main", "Sound test"), tr("Main", "The urgent alarm sound, then the high one."))

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
            current = self.store.current()  # this workstation's preset, else the default one
            layout = self.store.preset(current if self.store.is_preset(current) else DEFAULT_LAYOUT)
        self.apply(layout)
        event_loop.before_plugin_code()
        self.host.call("citybrain_watch", ctx=self.context)  # once: switching layouts later does not start it again
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
            # one tray per desk: the others' views keep the room; never on the wall (read-only, nothing to click:
            # a wall alone shows no toasts, and its pages keep the whole screen)
            host = next((w for w in self.windows.values() if not w.wall), None)
            self.notifier.set_host(host)
            for window in self.windows.values():
                window.tray.setVisible(window is host)
            self.place_windows()
        finally:
            self._switching = False
        if missing:
            self.notifier.notify(
                tr("Main", "Views not available"),
                tr("Main", "Layout {name} names views no installed plugin offers: {views}").format(
                    name=layout.name, views=", ".join(sorted(set(missing)))
                ),
                "warning",
            )
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
        """Save the windows as layout ``name`` (else the current one's) and say so in the active window."""
        layout = self.capture(name)
        path = self.store.save(layout)
        self.layout.name = layout.name
        self.store.set_current(layout.name)
        self.layout_changed.emit(layout.name)
        self.say(tr("Main", "Layout “{name}” saved").format(name=layout.name))
        return path

    def say(self, text: str, ms: int = 5000) -> None:
        """A brief word in the status bar of the window the operator is working in (where they acted)."""
        window = self.active_window() if self.windows else None
        if window is not None and not window.wall:  # (statusBar() would give the wall one)
            window.statusBar().showMessage(text, ms)

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
                self.notifier.notify(
                    spec.title, tr("Main", "its saved settings could not be restored: {e}").format(e=exc), "warning"
                )
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
                    _focus_opened(w.docks[view_id].widget())
            return view_id
        instance, n = view_id, 1
        while instance in open_ids:
            n += 1
            instance = f"{view_id}#{n}"
        self._open(window, ViewPlacement(view_id, instance, area="right"), page=False)
        window.give_room(window.docks[instance])
        _focus_opened(window.docks[instance].widget())
        return instance

    # -- windows and screens --------------------------------------------------------
    def active_window(self) -> DeskWindow:
        active = QApplication.activeWindow()
        if isinstance(active, DeskWindow):
            return active
        return (
            next(w for w in self.windows.values() if not w.wall) if not self.wall else next(iter(self.windows.values()))
        )

    def place_windows(self, screens: Sequence[QScreen] | None = None) -> None:
        """Every window onto its home screen, or the fallback while that screen is missing.

        Windows that would lie exactly on one another (two maximised on the one screen there is) are tiled side
        by side on that screen instead, or cascaded where tiles would be too narrow to work in; each keeps its
        home, so it goes back when its screen returns."""
        screens = list(screens if screens is not None else QGuiApplication.screens())
        if not screens:
            return
        by_screen: dict[str, list[DeskWindow]] = {}
        for window in self.windows.values():
            by_screen.setdefault(window.target_screen(screens).name(), []).append(window)
        for name, windows in by_screen.items():
            screen = next(s for s in screens if s.name() == name)
            targets = [w.target_rect(screen) for w in windows]
            stacked = len(windows) > 1 and len({(r.x(), r.y(), r.width(), r.height()) for r in targets}) < len(targets)
            narrowest = max(w.minimumSizeHint().width() for w in windows)  # a tile any narrower would overflow
            for i, window in enumerate(windows):
                window.place(screens, tile=share_of(screen, i, len(windows), narrowest) if stacked else None)

    def new_window(self, screen: QScreen | None = None) -> DeskWindow:
        n = len(self.windows) + 1
        while f"desk-{n}" in self.windows:
            n += 1
        screen = screen or QGuiApplication.primaryScreen()
        spec = WindowLayout(f"desk-{n}", screen=screen.name(), state="normal")
        window = DeskWindow(self, spec, wall=self.wall)
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
            self.quit()

    def shutdown(self) -> None:
        """Close every window and stop the alarm sound, without quitting the application (tests, embedding; the
        desk application on its way out)."""
        self._switching = True
        self.notifier.annunciator.stop()
        self.notifier.set_host(None)
        for window in list(self.windows.values()):
            window.close()
        self.windows.clear()

    def rebuild(self) -> None:
        """The same windows, views and settings, built anew (new language, new shortcuts)."""
        self.apply(self.capture())

    def set_language(self, language: str) -> None:
        """Switch language for good on this workstation; the same windows, views and settings come back."""
        install_translator(_application(), language)
        QSettings().setValue("desk/language", language)
        self._collect()  # view titles are translated when the plugins declare them
        self.rebuild()

    def set_theme(self, name: str) -> None:
        apply_theme(_application(), name)

    def quit(self) -> None:
        self._switching = True  # no window-by-window bookkeeping on the way out
        _application().quit()

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
