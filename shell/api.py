"""The desk-side plugin API: everything a plugin's ``desk.py`` may use."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pluggy
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from citybrain.core.client import FeedStatus, RequestError
from citybrain.core.plugins import PluginStatus
from citybrain.core.protocol import AuditNote, ErrorCode
from citybrain.shell import hookspecs
from citybrain.shell.i18n import tr, tr_n, tr_noop
from citybrain.shell.names import CodeNames
from citybrain.widgets import event_loop
from citybrain.widgets.collection_model import CollectionTableModel, Column, Severity

if TYPE_CHECKING:
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.notify import Notifier

hookimpl = pluggy.HookimplMarker(hookspecs.PROJECT)

__all__ = [
    "ActionSpec",
    "AuditNote",
    "CodeNames",
    "CollectionTableModel",
    "Column",
    "DeskContext",
    "ErrorCode",
    "FeedSignals",
    "FeedStatus",
    "OpenItemWords",
    "PluginStatus",
    "RequestError",
    "Severity",
    "ViewAction",
    "ViewSpec",
    "hookimpl",
    "tr",
    "tr_n",
    "tr_noop",
]


@dataclass(frozen=True)
class ViewSpec:
    """A view: ``factory(ctx)`` returns the widget.  ``factory`` may also be written ``"module:name"``: that
    module is imported when the view is first opened, not when the desk starts (napari's lazy contributions), so
    a desk pays only for the views it shows.

    ``multiple``: the operator may open several copies (two audit logs
    filtered differently).  The widget keeps its own settings in layouts
    when it has ``save_settings() -> dict`` (JSON values) and
    ``restore_settings(dict)``; the desk calls them when it saves and opens
    a layout, as rqt does with its plugins.
    """

    id: str
    title: str
    factory: Callable[[DeskContext], QWidget] | str
    placement: Literal["desk", "wall"] = "desk"
    collections: tuple[str, ...] = ()
    multiple: bool = False

    def make(self, ctx: DeskContext) -> QWidget:
        factory = self.factory
        if isinstance(factory, str):
            module, _, name = factory.partition(":")
            factory = getattr(importlib.import_module(module), name)
        event_loop.before_plugin_code()
        return factory(ctx)


@dataclass(frozen=True)
class ViewAction:
    """One thing an operator does in a view (acknowledge the selected alarm, accept the selected case).

    A view widget lists its actions in ``view_actions() -> list[ViewAction]``.  The desk makes each one a
    command: named in the palette (``view title: action title``), rebindable in the shortcut editor (id
    ``view:<view id>/<action id>``), its key active while the focus is inside that view.  ``run()`` acts on the
    view's own selection and may be a coroutine function; ``enabled()`` says whether it can run now.  After it ran,
    the focus returns to the view's table unless the action moved it; ``places_focus`` says that the action's point
    is where it puts the focus (Ctrl+F to the search box): the focus stays there, also when it was there already
    (a second Ctrl+F in the search box; Qt cannot tell a widget focused again from one the action left alone).
    """

    id: str
    title: str
    run: Callable[[], Any]
    shortcut: str = ""
    enabled: Callable[[], bool] | None = None
    places_focus: bool = False


@dataclass(frozen=True)
class ActionSpec:
    id: str
    title: str
    callback: Callable[[DeskContext], Any]
    shortcut: str | None = None


@dataclass(frozen=True)
class OpenItemWords:
    """How the desk words one kind of handover item (hook ``citybrain_open_item_words``): ``kind``, the kind's
    name (``shelved alarm``); ``text(ctx, facts)``, the item's title and detail from its facts (codes, numbers,
    data), or None to show the text the daemon stored."""

    kind: str
    text: Callable[[DeskContext, dict], tuple[str, str]] | None = None


class FeedSignals:
    """What a view may watch of the desk's connection to the daemon (``ctx.feed``): ``status_changed(FeedStatus)``,
    ``stale_changed(bool)`` and ``stale``.  The feed itself (its client, its replica) stays the shell's."""

    def __init__(self, feed: DeskFeed) -> None:
        self._feed = feed
        self.status_changed = feed.status_changed
        self.stale_changed = feed.stale_changed

    @property
    def stale(self) -> bool:
        """Whether the views show data the daemon may have moved on from (the feed was lost)."""
        return self._feed.stale


class DeskContext:
    """A plugin's handle on the desk: live models, commands, queries, notifications, settings."""

    def __init__(
        self,
        plugin: str,
        feed: DeskFeed,
        notifier: Notifier,
        plugin_states: Callable[[], list[dict]],
        command_name: Callable[[str], str | None] | None = None,
        open_item_words: Callable[[str], OpenItemWords | None] | None = None,
        field_name: Callable[[str, str], str | None] | None = None,
        audit_note: Callable[[str], str | None] | None = None,
    ) -> None:
        self.plugin = plugin
        self._feed = feed
        self._signals = FeedSignals(feed)
        self._notifier = notifier
        self._plugin_states = plugin_states
        self._command_name = command_name or (lambda _command: None)
        self._open_item_words = open_item_words or (lambda _kind: None)
        self._field_name = field_name or (lambda _command, _field: None)
        self._audit_note = audit_note or (lambda _note: None)
        self.settings = QSettings()
        self.settings.beginGroup(f"plugins/{plugin}")

    @property
    def feed(self) -> FeedSignals:
        """Signals ``status_changed(FeedStatus)`` and ``stale_changed(bool)``, and ``stale``."""
        return self._signals

    def model(
        self, collection: str, columns: Iterable[Column], severity: Severity | None = None
    ) -> CollectionTableModel:
        """A table model of ``collection``, kept up to date in coalesced batches; ``severity(record)`` answers None
        (normal) or a level or ``Marker`` (``citybrain.widgets.palette``), shown as a marker cell."""
        model = CollectionTableModel(columns, severity)
        self._feed.attach(collection, model)
        return model

    def records(self, collection: str) -> list[dict]:
        return self._feed.client.replica.records(collection)

    def record(self, collection: str, key: Hashable) -> dict | None:
        return self._feed.client.replica.get(collection, key)

    def on_change(self, collection: str, callback: Callable[[], None]) -> None:
        """Call ``callback`` (GUI thread, at most ~25 Hz; 50 with urgent changes) whenever ``collection`` changed.

        Give a method of your widget (or of another QObject): it is forgotten when that object is deleted.
        """
        self._feed.watch(collection, callback)

    def on_records(self, collection: str, callback: Callable[[dict | None], None]) -> None:
        """Like ``on_change``, with what changed: ``callback({key: record, or None when removed})``, or
        ``callback(None)`` when the whole collection was replaced (a resync: read ``records`` again).  For views
        that follow thousands of records and touch only those that changed."""
        self._feed.watch_records(collection, callback)

    def urgent(self, collection: str, *fields: str) -> None:
        """Changes of ``collection`` that need the operator now reach the views within half a frame (20 ms) of the
        last batch instead of at the next frame (40 ms): a record that comes or goes, or whose ``fields`` change
        (an alarm's state, a device's status).  Name few fields: every urgent change costs the desk a batch."""
        self._feed.urgent(collection, fields)

    def on_operator(self, callback: Callable[[dict | None], None]) -> None:
        """Call ``callback(operator)`` (GUI thread) when the operator changes: a login, a logout, or their unit moved
        by the admin while the desk runs (``operator["unit"]``).  A Qt object's method is forgotten with it."""
        self._feed.operator_changed.connect(callback)

    async def command(self, name: str, payload: dict | None = None, timeout: float = 10.0) -> Any:
        """Send a command; returns its result once committed, raises RequestError if refused.

        While the feed is lost nothing is sent: RequestError ``unavailable`` says so at once.
        """
        self._refuse_if_stale()
        reply = await event_loop.wrap_future(self._feed.client.command(name, payload, timeout))
        return reply["result"]

    async def query(self, name: str, params: dict | None = None, timeout: float = 30.0) -> Any:
        self._refuse_if_stale()
        reply = await event_loop.wrap_future(self._feed.client.query(name, params, timeout))
        return reply["result"]

    def _refuse_if_stale(self) -> None:
        if self._feed.stale:
            since = time.strftime("%H:%M:%S", time.localtime(self._feed.stale_since or time.time()))
            text = tr(
                "Desk", "No connection to the daemon since {time}: nothing was sent. Try again when the views are live."
            )
            raise RequestError(ErrorCode.UNAVAILABLE, text.format(time=since))

    def notify(
        self,
        title: str,
        text: str,
        level: Literal["info", "warning", "alarm"] = "info",
        priority: Literal["urgent", "high", "medium", "low"] | None = None,
        kind: str | None = None,
        counted: str = "",
    ) -> None:
        """A toast and the notification centre; an unacknowledged ``alarm`` of ``high`` or ``urgent`` priority
        (``high`` when not given) sounds like an annunciated one (see ``annunciate``) until acknowledged there.

        Notifications of one ``kind`` (default: the title) merge while the last is unacknowledged or its toast
        still shows: one toast and one entry with a count.  Give a ``kind`` when titles
        differ by their data ("Escalated to 虹口区") but mean one thing.  ``counted`` words the heading of several
        merged, with ``{n}`` for how many (``tr("Cases", "{n} cases escalated to {unit}")``): the title is the
        heading of one, so each reads right in every language; without it, several show as "title ×n"."""
        self._notifier.notify(title, text, level, priority, kind, counted)

    def annunciate(self, key: str, priority: Literal["urgent", "high", "medium", "low"] | None) -> None:
        """Tell the desk the highest priority among this plugin's unacknowledged active alarms under ``key``
        (None: none any more).  Call it whenever that changes; calling it again with the same value costs nothing.

        While any plugin's key holds ``urgent`` or ``high`` the desk sounds that priority's alarm, repeating it,
        until nothing high or urgent is left unacknowledged or the operator silences it (a new, higher priority
        sounds again).  ``medium`` and ``low`` make no sound.  Keys are this plugin's own (``"alarms"``, one per
        view…): the desk sounds the highest of all of them.
        """
        self._notifier.annunciator.annunciate(f"{self.plugin}:{key}", priority)

    @property
    def operator(self) -> dict | None:
        """The logged-in operator (username, display_name, role, unit: nil for the whole district) or None."""
        return self._feed.operator

    @property
    def unit(self) -> str | None:
        """The org unit this desk sees and acts for: the operator's, else the district at the root of the tree (nil
        before the tree has arrived, or without one). A figure placed per unit is read under this code."""
        own = (self.operator or {}).get("unit")
        if own:
            return own
        return next(
            (u["code"] for u in self.records("org.units") if u.get("kind") == "district" and not u.get("parent")), None
        )

    def feed_status(self) -> FeedStatus:
        return self._feed.client.status

    def offers(self, name: str) -> bool:
        """Whether the daemon answers the command or query ``name`` (another plugin's, say): show what it enables
        only then, so a plugin works with or without the others."""
        return name in self._feed.client.offers

    def open_item_text(self, item: dict) -> tuple[str, str, str]:
        """A handover item (``kind``, ``title``, ``detail``, ``facts``) as its kind's name, title and detail in the
        desk's language, as its plugin words them (hook ``citybrain_open_item_words``); what the daemon stored
        where no plugin words it (an item stored before it had facts, or of a plugin this desk lacks)."""
        words = self._open_item_words(item["kind"])
        if words is None:
            return item["kind"], item["title"], item["detail"]
        if words.text is not None and item.get("facts"):
            try:
                return (words.kind, *words.text(self, item["facts"]))
            except KeyError:  # facts of another version: the stored text says it
                pass
        return words.kind, item["title"], item["detail"]

    def command_name(self, command: str) -> str | None:
        """Any plugin's command (or audited query) by its name in the desk's language (``sensors.ack`` →
        确认报警), as its plugin names it (hook ``citybrain_command_names``); None when nobody names it."""
        return self._command_name(command)

    def field_name(self, command: str, field: str) -> str | None:
        """A field of any plugin's command payload by its name in the desk's language (``duty.log.add``, ``unit``
        → 单位), as its plugin names it (hook ``citybrain_field_names``); None when nobody names it."""
        return self._field_name(command, field)

    def audit_note(self, note: str | None, parts: Mapping[str, Any] | None) -> str | None:
        """An audit note (a ``system.audit`` record's ``note`` and ``parts``) in the desk's language, as its plugin
        words it (hook ``citybrain_audit_notes``); None when nobody words it or its parts do not fill the sentence
        (a note of another version)."""
        sentence = self._audit_note(note) if note else None
        if sentence is None:
            return None
        try:
            return sentence.format_map(dict(parts or {}))
        except (KeyError, IndexError, ValueError):
            return None

    def plugin_states(self) -> list[dict]:
        """This desk's plugin states, each with its ``title`` in the desk's language (hook ``citybrain_title``;
        None when the plugin gives none); the daemon's are in the ``system.plugins`` collection."""
        return self._plugin_states()
