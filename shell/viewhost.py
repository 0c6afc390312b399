"""Plugin views in their frames: a stale banner when the feed is lost, an error view when a plugin fails, and the
view's actions (``view_actions()``) as keys that work while the focus is inside it."""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QVBoxLayout, QWidget

from citybrain.core.client import RequestError
from citybrain.shell.api import DeskContext, ViewAction, ViewSpec
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import tr
from citybrain.shell.withheld import hint_withheld
from citybrain.widgets.accents import accent
from citybrain.widgets.data_table import DataTable
from citybrain.widgets.event_loop import spawn_if_coroutine
from citybrain.widgets.sender import VIEW_PROPERTY, Sender, refusal_text

if TYPE_CHECKING:
    import asyncio


def age_text(seconds: float) -> str:
    s = max(0, int(seconds))
    if s < 60:
        return tr("View", "{s} s").format(s=s)
    if s < 3600:
        return tr("View", "{m} min {s} s").format(m=s // 60, s=s % 60)
    return tr("View", "{h} h {m} min").format(h=s // 3600, m=s % 3600 // 60)


class StaleVeil(QWidget):
    """The window's background at ``STRENGTH`` laid over a stale view: its figures fade, still legible.

    A veil, not a QGraphicsOpacityEffect on the view: Qt leaves the area under a view's opaque children (a table's
    viewport) unpainted when an ancestor has an effect, so the translucent view was blended over whatever the
    window's buffer held: the view's last live picture (the view drawn twice, offset as it scrolled) or, in a
    grab(), another window's pixels.  A veil is also cheap: an effect re-renders the whole view off screen on every
    repaint.  Transparent to the mouse: a stale view can still be scrolled and read."""

    STRENGTH = 0.55  # as the effect's opacity of 0.45 was

    def __init__(self, over: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staleVeil")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._over = over
        over.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._over and event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self.setGeometry(self._over.geometry())
        return False

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        if visible:
            self.setGeometry(self._over.geometry())
            self.raise_()
        super().setVisible(visible)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        colour = self.palette().color(QPalette.ColorRole.Window)
        colour.setAlphaF(self.STRENGTH)
        QPainter(self).fillRect(event.rect(), colour)


class ViewFrame(QWidget):
    """Wraps a plugin view; shows "STALE" above it and veils it while the feed is not live."""

    def __init__(
        self, content: QWidget, feed: DeskFeed, view_id: str = "", report: Callable[[str, str], None] | None = None
    ) -> None:
        """``report(title, text)`` tells the operator what a view action could not do when the view has no sender
        of its own to say it in (the desk's notifications)."""
        super().__init__()
        self.content = content
        self.view_id = view_id
        self._feed = feed
        self._report = report
        self.setProperty(VIEW_PROPERTY, True)  # Esc inside dismisses the view's refusal
        self.view_actions: dict[str, tuple[ViewAction, QAction]] = {}
        self._add_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QLabel()
        accent(self.banner, "staleBanner")
        self.banner.setContentsMargins(8, 4, 8, 4)  # margins, not the theme's padding: the wall's sheet adds its own
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.banner)
        layout.addWidget(content, 1)
        self.veil = StaleVeil(content, self)
        hint_withheld(content)  # an empty table of a collection this session may not read says which role reads it
        self._age = QTimer(self)  # the age of the data grows while the feed is lost
        self._age.timeout.connect(lambda: self.set_stale(True))
        feed.stale_changed.connect(self.set_stale)
        feed.status_changed.connect(self._on_status)  # a method, not a lambda: Qt disconnects it when the frame goes
        self.set_stale(feed.stale)

    # -- the view's actions -----------------------------------------------------------
    def _add_actions(self) -> None:
        listed = getattr(self.content, "view_actions", None)
        actions: list[ViewAction] = list(listed()) if callable(listed) else []
        if not actions:
            return
        keys = shortcut_overrides()
        for action in actions:
            key = keys.get(command_id(self.view_id, action.id), action.shortcut)
            qaction = QAction(action.title, self)
            qaction.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only while focus is inside
            if key:
                qaction.setShortcut(QKeySequence(key))
            qaction.triggered.connect(lambda _=False, a=action.id: self.run_action(a))
            self.addAction(qaction)
            self.view_actions[action.id] = (action, qaction)
        remember_actions(self.view_id, actions)

    def action_enabled(self, action_id: str) -> bool:
        action = self.view_actions[action_id][0]
        return action.enabled is None or bool(action.enabled())

    def run_action(self, action_id: str) -> bool:
        """Run one of the view's actions on its selection; a disabled one says why instead.  Focus then returns to
        the view's table, unless the action put it somewhere itself (the entry row it opens) or places the focus
        (``ViewAction.places_focus``: Ctrl+F pressed in the search box leaves it there).  Whether it ran."""
        action = self.view_actions[action_id][0]
        if not self.action_enabled(action_id):
            self._say(action.title, self._why_disabled(action))
            self.focus_table()
            return False
        before = QApplication.focusWidget()
        try:
            result = action.run()
        except Exception as exc:  # a plugin's bug: said, not swallowed, and the desk goes on
            self._failed(action, exc)
            return False
        if (
            QApplication.focusWidget() is before and not action.places_focus
        ):  # one that moved it (the entry row) keeps it
            self.focus_table()
        task = spawn_if_coroutine(result)
        if task is not None:
            focus = QApplication.focusWidget()
            task.add_done_callback(lambda t: self._finished(action, t, focus))
        return True

    def _why_disabled(self, action: ViewAction) -> str:
        """The tooltip of the view's disabled button of the same name (``Sender.set_enabled`` puts the reason
        there), else a general hint."""
        for button in self.content.findChildren(QAbstractButton):
            if not button.isEnabled() and button.toolTip() and button.text().replace("&", "") == action.title:
                return tr("View", "“{action}” is not possible now: {why}").format(
                    action=action.title, why=button.toolTip()
                )
        return tr(
            "View", "“{action}” is not possible now: select what it applies to, or check its button's tooltip."
        ).format(action=action.title)

    def _finished(self, action: ViewAction, task: asyncio.Task, started: QWidget | None) -> None:
        """Focus back to the table once the command is answered, unless it moved meanwhile: the operator went on
        elsewhere, or the action put it where the answer needs the operator (the comment a refusal asks for)."""
        if not task.cancelled() and (error := task.exception()) is not None:
            self._failed(action, error)
        focus = QApplication.focusWidget()
        if focus is None or (focus is started and not action.places_focus):
            self.focus_table()

    def _failed(self, action: ViewAction, exc: BaseException) -> None:
        sender = getattr(self.content, "commands", None)
        if isinstance(exc, RequestError) and isinstance(sender, Sender):
            sender.refused(exc)
            return
        text = refusal_text(exc) if isinstance(exc, RequestError) else f"{exc.__class__.__name__}: {exc}"
        self._say(action.title, text)

    def _say(self, title: str, text: str) -> None:
        """Where the operator is: the view's own feedback line when it has one (a ``Sender`` as ``commands``), else a
        notification."""
        sender = getattr(self.content, "commands", None)
        if isinstance(sender, Sender):
            sender.message.setText(text)
        elif self._report is not None:
            self._report(title, text)

    def focus_table(self, *, opened: bool = False) -> None:
        """Back to the view's table (its first collection table, else its first list), else the view, unless a
        dialog of the view holds the focus.
        ``opened``: the operator just opened the view, whose window may not be active yet (the palette that opened
        it still closing): the table is what that window focuses when it is, or the view's focus proxy when it
        names one (the employment circles wait in their search box)."""
        window = self.window()
        if not opened and window is not None and not window.isActiveWindow() and window.isVisible():
            return
        if opened and self.content.focusProxy() is not None:  # the view says where it waits (its search box)
            self.content.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        tables = [t for t in self.content.findChildren(QAbstractItemView) if t.isVisibleTo(self.content)]
        # a collection's table before a list beside it (the case inbox's history pane was made first)
        target = next((t for t in tables if isinstance(t.parent(), DataTable)), None) or next(iter(tables), None)
        (target or self.content).setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_status(self, _status: object) -> None:
        self.set_stale(self._feed.stale)

    @property
    def stale(self) -> bool:
        return self.banner.isVisibleTo(self)

    def set_stale(self, stale: bool) -> None:
        if stale:
            since = self._feed.stale_since or time.time()
            state = self._feed.client.status.state
            reason = {
                "refused": tr("View", "the daemon refused this desk's key"),
                "connecting": tr("View", "connecting"),
                "syncing": tr("View", "synchronising"),
            }.get(state, tr("View", "feed lost"))
            self.banner.setText(
                tr("View", "STALE — {reason} since {time} ({age} ago); figures are not live").format(
                    reason=reason,
                    time=time.strftime("%H:%M:%S", time.localtime(since)),
                    age=age_text(time.time() - since),
                )
            )
            if not self._age.isActive():
                self._age.start(1000)
        else:
            self._age.stop()
        self.banner.setVisible(stale)
        self.veil.setVisible(stale)


class ErrorView(QWidget):
    """What a failed plugin's view shows instead of itself."""

    def __init__(self, plugin: str, error: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(tr("View", "Plugin “{plugin}” is switched off").format(plugin=plugin))
        accent(title, "errorTitle")
        detail = QLabel(error)
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(detail)
        layout.addStretch(1)


def build_view(spec: ViewSpec, ctx: DeskContext, feed: DeskFeed, on_failure) -> QWidget:  # noqa: ANN001
    """The view's widget in its frame, or an ErrorView if its factory raises (the plugin is switched off)."""
    try:
        content = spec.make(ctx)
        return ViewFrame(content, feed, spec.id, lambda title, text: ctx.notify(title, text, "warning"))
    except Exception as exc:
        on_failure(ctx.plugin, f"view {spec.id}", exc)
        return ErrorView(ctx.plugin, "".join(traceback.format_exception_only(exc)).strip())


# -- view actions as the desk's commands ---------------------------------------------------
class KnownAction(NamedTuple):
    """A view action the desk lists while its view is closed (remembered from when it was last open here)."""

    id: str
    title: str
    shortcut: str


KNOWN = "viewActions"  # QSettings group: view id -> its actions as JSON, so the palette offers them at start


def command_id(view_id: str, action_id: str) -> str:
    return f"view:{view_id}/{action_id}"


def shortcut_overrides() -> dict[str, str]:
    """This workstation's rebound keys (command id -> key text; "" for none)."""
    settings = QSettings()
    settings.beginGroup("shortcuts")
    return {key: str(settings.value(key, "")) for key in settings.allKeys()}  # a view action's id has a /


def remember_actions(view_id: str, actions: list[ViewAction]) -> None:
    text = json.dumps([[a.id, a.title, a.shortcut] for a in actions], ensure_ascii=False)
    settings = QSettings()
    if settings.value(f"{KNOWN}/{view_id}") != text:
        settings.setValue(f"{KNOWN}/{view_id}", text)


def known_actions(view_ids: list[str]) -> dict[str, list[KnownAction]]:
    """The actions of each of ``view_ids`` that this workstation has seen."""
    settings, out = QSettings(), {}
    for view_id in view_ids:
        raw: Any = settings.value(f"{KNOWN}/{view_id}")
        try:
            out[view_id] = [KnownAction(*map(str, entry)) for entry in json.loads(raw)] if raw else []
        except (TypeError, ValueError):
            out[view_id] = []  # written by another version: forgotten, relearned when the view opens
    return {v: actions for v, actions in out.items() if actions}


def open_frames(windows: list[QWidget]) -> dict[str, list[ViewFrame]]:
    """View id -> its open frames in ``windows`` (in that order): one walk of each window."""
    out: dict[str, list[ViewFrame]] = {}
    for window in windows:
        for frame in window.findChildren(ViewFrame):
            out.setdefault(frame.view_id, []).append(frame)
    return out
