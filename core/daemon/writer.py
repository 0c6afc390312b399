"""The one writer: every database write runs here, one transaction at a time.

A dedicated thread keeps the event loop free for heartbeats, snapshots and
queries while a transaction commits (fsync with ``synchronous=FULL``).  The
changes a transaction staged for the feed come back to the loop only after
``commit()`` returned: commit, then publish.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from citybrain.core import timers
from citybrain.core.api import Caller, CommandSpec, ErrorCode, OpenItem, QuerySpec, Record, Refused
from citybrain.core.live import Change, LiveState
from citybrain.core.plugins import CORE, PluginHost
from citybrain.core.validation import PayloadError, validate
from citybrain.core.write_scope import WriteScope, acting_for


class Registry(Protocol):
    """Where a transaction finds other plugins' commands and queries: the daemon's tables, name -> (plugin, spec);
    and who owns each collection, name -> plugin (``core/write_scope.py``)."""

    commands: dict[str, tuple[str, CommandSpec]]
    queries: dict[str, tuple[str, QuerySpec]]
    owners: dict[str, str]


T = TypeVar("T")

SYSTEM = Caller(username=None, role=None, desk=None)
HANDED_OVER_FIRST = {"urgent": 0, "high": 1}  # open items by priority, before all the others (however old)


class Tx:
    """The :class:`citybrain.core.api.Transaction` handed to write handlers."""

    # _write_scope: whose collections put/delete may write (core/write_scope.py), set by the core only
    __slots__ = (
        "session",
        "caller",
        "changes",
        "_timers",
        "_live",
        "_staged",
        "_host",
        "_registry",
        "_owners",
        "_write_scope",
    )

    def __init__(
        self,
        session: Session,
        caller: Caller,
        live: LiveState,
        host: PluginHost | None = None,
        registry: Registry | None = None,
        plugin: str = CORE,
    ) -> None:
        self.session = session
        self.caller = caller
        self.changes: list[Change] = []
        self._timers: dict[tuple[str, str], timers.Timer] = {}  # the rows this transaction added, by (kind, key)
        self._live = live
        self._staged: dict[tuple[str, Hashable], Record | None] = {}
        self._host = host
        self._registry = registry
        self._owners: Mapping[str, str] = registry.owners if registry is not None else {}
        self._write_scope = WriteScope(plugin)

    def put(self, collection: str, record: Record) -> None:
        key = self._live.key_of(collection, record)
        if self._owners.get(collection, CORE) != self._write_scope.plugin:  # the hot path: one look-up
            self._write_scope.check(self._owners, collection)  # a platform service's collection, or refused
        self.changes.append((collection, key, record))
        self._staged[(collection, key)] = record

    def delete(self, collection: str, key: Hashable) -> None:
        self._live.key_of(
            collection, {self._live.key_fields.get(collection, "id"): key}
        )  # unknown collection -> error now
        if self._owners.get(collection, CORE) != self._write_scope.plugin:
            self._write_scope.check(self._owners, collection)
        self.changes.append((collection, key, None))
        self._staged[(collection, key)] = None

    def set_timer(self, kind: str, key: str, due_at: datetime, payload: dict | None = None) -> None:
        timer = self._own_timer(kind, key)
        if timer is None:  # the first time in this transaction: the row pending before is cancelled
            self._timers[(kind, str(key))] = timers.set_timer(self.session, kind, key, due_at, payload)
        else:  # set again in this transaction: its own row moves, no statement now
            timers.move(timer, due_at, payload)

    def cancel_timer(self, kind: str, key: str) -> bool:
        timer = self._own_timer(kind, key)
        if timer is None:
            return timers.cancel_timer(self.session, kind, key)
        was_pending, timer.state = timer.state == timers.PENDING, timers.CANCELLED  # any row before it is cancelled
        return was_pending

    def _own_timer(self, kind: str, key: str) -> timers.Timer | None:
        """The row this transaction added for ``(kind, key)``, unless a savepoint rolled it back since."""
        timer = self._timers.get((kind, str(key)))
        return timer if timer is not None and timer in self.session else None

    def pending_timers(self) -> list[tuple[datetime, int]]:
        """(due, id) of the timers this transaction leaves pending, for the timer service once it commits."""
        if not self._timers:
            return []
        self.session.flush()
        return [(t.due_at, t.id) for t in self._timers.values() if t in self.session and t.state == timers.PENDING]

    def open_items(self, now: datetime) -> list[OpenItem]:
        if self._host is None:
            return []
        found = [
            replace(item, plugin=plugin)
            for plugin, items in self._host.call("citybrain_open_items", session=self.session, now=now)
            for item in items or ()
        ]
        far = datetime.max.replace(tzinfo=now.tzinfo)
        return sorted(
            found,
            key=lambda item: (
                HANDED_OVER_FIRST.get(item.priority or "", len(HANDED_OVER_FIRST)),
                item.due_at or far,
                item.plugin,
                item.title,
            ),
        )

    def offers(self, name: str) -> bool:
        return self._registry is not None and self._entry(name) is not None

    def call(self, name: str, payload: dict | None = None) -> Any:
        entry = self._entry(name)
        if entry is None:
            raise Refused(
                f"no command or query named {name!r} (is its plugin installed and on?)", code=ErrorCode.UNKNOWN_COMMAND
            )
        plugin, spec = entry
        if self.caller.role is not None and self.caller.role < spec.role:
            raise Refused(
                f"{name} needs role {spec.role.label}; {self.caller.username} is {self.caller.role.label}",
                code=ErrorCode.FORBIDDEN,
            )
        try:
            payload = validate(spec.payload if isinstance(spec, CommandSpec) else spec.params, payload or {})
        except PayloadError as exc:
            raise Refused(f"{name}: {exc}", details=exc.problems, code=ErrorCode.INVALID_PAYLOAD) from None
        if isinstance(spec, CommandSpec):
            with acting_for(self, plugin):  # its writes are its plugin's own, whoever calls it
                return spec.handler(self, payload)
        return spec.handler(self.session, payload, self.caller)

    def _entry(self, name: str) -> tuple[str, CommandSpec | QuerySpec] | None:
        tables: tuple[Mapping[str, tuple[str, CommandSpec | QuerySpec]], ...] = (
            (self._registry.commands, self._registry.queries) if self._registry else ()
        )
        for table in tables:
            entry = table.get(name)
            if entry is not None and self._host is not None and (entry[0] == CORE or self._host.loaded(entry[0])):
                return entry
        return None

    def get(self, collection: str, key: Hashable) -> Record | None:
        if (collection, key) in self._staged:
            return self._staged[(collection, key)]
        return self._live.collections.get(collection, {}).get(key)


class Writer:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        live: LiveState,
        host: PluginHost | None = None,
        registry: Registry | None = None,
    ) -> None:
        self._sessions = sessions
        self._live = live
        self._host = host
        self._registry = registry
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citybrain-writer")
        self.on_commit: Callable[[list[tuple[datetime, int]]], None] | None = None  # timers set by a committed tx
        # on the writer's thread, after each commit, with the committed session (its ``info`` notes what it wrote)
        self.after_commit: Callable[[Session], None] | None = None

    async def run(
        self, fn: Callable[..., T], *args: Any, caller: Caller = SYSTEM, plugin: str = CORE
    ) -> tuple[T, list[Change]]:
        """Run ``fn(tx, *args)`` in one committed transaction; returns its result and staged changes. ``fn`` is
        ``plugin``'s code: it writes that plugin's collections only (``core/write_scope.py``).

        If ``fn`` raises, the transaction rolls back, nothing is staged and the exception propagates.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.run_sync, fn, args, caller, plugin)

    def run_sync(
        self, fn: Callable[..., T], args: tuple = (), caller: Caller = SYSTEM, plugin: str = CORE
    ) -> tuple[T, list[Change]]:
        with self._sessions() as session:
            tx = Tx(session, caller, self._live, self._host, self._registry, plugin)
            try:
                result = fn(tx, *args)
                due = tx.pending_timers()
                session.commit()
            except BaseException:
                session.rollback()
                raise
            if due and self.on_commit is not None:
                self.on_commit(due)
            if self.after_commit is not None and session.info:
                self.after_commit(session)
            return result, tx.changes

    def close(self) -> None:
        self._pool.shutdown(wait=True)
