"""The desk's end of the feed: FeedClient's thread bridged to Qt, at most ~25 batches a second.

The client thread never touches Qt objects: it only emits a queued signal
("something changed", "status changed").  On the GUI thread a single-shot
timer drains the replica's coalesced changes and hands every model of a
collection one batch, so a burst of thousands of events costs each view a
handful of signals per frame, not one per row.  A change after a quiet
spell is drained at once; under load, at most once per 40 ms frame, and an
urgent change (an alarm's state: ``urgent``) at most half a frame after the
last drain.

A resync hands every model its whole collection, and re-sorting 75,000 rows
takes ~25 ms: the drain is cut into steps (one model's batch, one watcher),
a model's reset itself into slices of a few milliseconds
(``CollectionTableModel.reset_in_slices``), and the drain gives the event
loop back once a step ends past ``SLICE_MS``, so a large table never freezes
the GUI for a whole re-sort.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from citybrain.core.client import FeedClient, FeedStatus
from citybrain.core.roles import Role
from citybrain.widgets.collection_model import CollectionTableModel

if TYPE_CHECKING:
    from citybrain.core.security import ClientKeys  # with zmq: imported when the feed starts, after the first paint

FRAME_MS = 40  # ~25 Hz
URGENT_MS = FRAME_MS // 2  # an urgent change waits at most this long after the last drain
SLICE_MS = 8  # a drain's steps run until one ends past this; the rest after the event loop's next turn
_DONE = object()  # a step's slices are all run


class DeskFeed(QObject):
    status_changed = Signal(object)  # FeedStatus
    stale_changed = Signal(bool)
    operator_changed = Signal(object)  # dict | None
    _changes_pending = Signal()
    _status_pending = Signal(object)

    def __init__(
        self,
        endpoint: str,
        *,
        desk_id: str | None = None,
        keys: ClientKeys | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = FeedClient(
            endpoint,
            desk_id=desk_id,
            keys=keys,
            on_changes=self._changes_pending.emit,
            on_status=self._status_pending.emit,
        )
        self._models: dict[str, list[CollectionTableModel]] = defaultdict(list)
        self._watchers: dict[str, list[Callable[[], None]]] = defaultdict(list)
        self._record_watchers: dict[str, list[Callable[[dict | None], None]]] = defaultdict(list)
        self.operator: dict | None = None
        self.stale = True
        self.stale_since: float | None = time.time()
        self.batches = 0
        self._steps: deque[Callable[[], None]] = deque()  # a drain's work not done yet, in order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._last_drain = 0.0
        self._timer.timeout.connect(self._drain_slice)
        self._changes_pending.connect(self._arm)
        self._status_pending.connect(self._on_status)

    def start(self) -> None:
        self.client.start()

    def stop(self) -> None:
        self._timer.stop()
        self._steps.clear()
        self.client.stop()

    def attach(self, collection: str, model: CollectionTableModel) -> None:
        """Feed ``model`` from ``collection``: loaded now, then kept up to date."""
        model.reset(
            {
                r[self.client.replica.key_fields.get(collection, "id")]: r
                for r in self.client.replica.records(collection)
            }
        )
        self._models[collection].append(model)
        model.set_needs_role(self.needs_role(collection))
        model.destroyed.connect(
            lambda *_: self._models[collection].remove(model) if model in self._models[collection] else None
        )

    def watch(self, collection: str, callback: Callable[[], None]) -> None:
        """``callback()`` after each batch that changed ``collection``; a Qt object's method is forgotten with it."""
        self._keep(self._watchers[collection], callback)

    def watch_records(self, collection: str, callback: Callable[[dict | None], None]) -> None:
        """``callback(changed)`` after each batch: {key: record, or None when removed}; None when the whole
        collection was replaced (a resync)."""
        self._keep(self._record_watchers[collection], callback)

    @staticmethod
    def _keep(callbacks: list, callback: Callable) -> None:
        callbacks.append(callback)
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject):

            def forget(*_: object) -> None:
                if callback in callbacks:
                    callbacks.remove(callback)

            owner.destroyed.connect(forget)

    def set_operator(self, operator: dict | None) -> None:
        self.operator = operator
        self._withheld()
        self.operator_changed.emit(operator)

    def _follow_unit(self) -> None:
        """The daemon placed this session in another unit (the admin moved the operator): every name of the unit on
        the desk follows now (``operator_changed``), not at the next login."""
        unit = self.client.replica.unit
        if self.operator is not None and self.operator.get("unit") != unit:
            self.set_operator({**self.operator, "unit": unit})

    def urgent(self, collection: str, fields: tuple[str, ...]) -> None:
        """A record of ``collection`` that comes, goes or changes one of ``fields`` is drained within
        ``URGENT_MS`` of the last drain, not at the next frame."""
        self.client.replica.set_urgent(collection, fields)

    def needs_role(self, collection: str) -> str | None:
        """The role (a code) a session needs to read ``collection`` when this desk's may not; None when it may."""
        needed = self.client.read_roles.get(collection)
        mine = (self.operator or {}).get("role")
        if needed is None or (mine is not None and Role.parse(mine) >= Role.parse(needed)):
            return None
        return needed

    def _withheld(self) -> None:
        for name, models in self._models.items():
            role = self.needs_role(name)
            for model in models:
                model.set_needs_role(role)

    def _arm(self) -> None:
        """Drain at once if the last drain is a frame old (after a quiet spell), else at the next frame; an urgent
        batch half a frame after the last drain."""
        frame = URGENT_MS if self.client.replica.urgent_pending else FRAME_MS
        wait = max(0, int(frame - (time.monotonic() - self._last_drain) * 1000))
        if not self._timer.isActive() or self._timer.remainingTime() > wait:
            self._timer.start(wait)

    def drain(self) -> None:
        """Hand every model its batch now, the steps of earlier drains still waiting included (GUI thread)."""
        self._take()
        while self._steps:
            self._steps.popleft()()

    def _drain_slice(self) -> None:
        """The timer's drain: steps until one ends past ``SLICE_MS``, then the rest at the event loop's next turn."""
        self._take()
        deadline = time.monotonic() + SLICE_MS / 1000
        while self._steps:
            self._steps.popleft()()
            if self._steps and time.monotonic() > deadline:
                self._timer.start(0)
                return

    def _take(self) -> None:
        """The replica's changes since the last drain, queued as steps: each model's batch, then the watchers."""
        self._last_drain = time.monotonic()
        changes = self.client.take_changes()
        if not changes:
            return
        self.batches += 1
        if changes.unit:
            self._steps.append(self._follow_unit)
        for name, records in changes.resets.items():
            for model in self._models.get(name, ()):
                self._slices(self._models[name], model, model.reset_in_slices(records))
            for callback in self._record_watchers.get(name, ()):
                self._step(self._record_watchers[name], callback, callback, None)
        for name, updates in changes.updates.items():
            for model in self._models.get(name, ()):
                self._step(self._models[name], model, model.apply, updates)
            if name not in changes.resets:
                for callback in self._record_watchers.get(name, ()):
                    self._step(self._record_watchers[name], callback, callback, updates)
        for name in set(changes.resets) | set(changes.updates):
            for watcher in self._watchers.get(name, ()):
                self._step(self._watchers[name], watcher, watcher)

    def _step(self, registry: list, member: object, call: Callable, *args: object) -> None:
        """Queue ``call(*args)``, skipped if ``member`` (a model, a callback) has left ``registry`` by then."""
        self._steps.append(lambda: call(*args) if member in registry else None)

    def _slices(self, registry: list, member: object, slices: Iterator[None]) -> None:
        """Queue a step cut into slices (a model's reset): one slice a step, the next first in the queue, so
        the drain may give the event loop back between two slices and nothing queued later overtakes it."""

        def step() -> None:
            if member in registry and next(slices, _DONE) is not _DONE:
                self._steps.appendleft(step)

        self._steps.append(step)

    def _on_status(self, status: FeedStatus) -> None:
        stale = status.state != "live"
        if stale != self.stale:
            self.stale = stale
            self.stale_since = time.time() if stale else None
            self.stale_changed.emit(stale)
            self._withheld()  # the hello told the read roles
        self.status_changed.emit(status)
