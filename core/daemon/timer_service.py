"""Fires durable timers (:mod:`citybrain.core.timers`) on the daemon's loop.

Pending timers sit in a heap of (due time, id), loaded from the database at
start and fed by every committed transaction that set one; one loop timer
wakes at the earliest.  A heap entry is only a hint: the writer re-reads the
row and fires it only if it is still pending, so moved or cancelled timers
cost nothing but a skipped entry.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import traceback
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from citybrain.core import timers as T
from citybrain.core.storage.engine import utcnow
from citybrain.core.write_scope import acting_for

log = logging.getLogger(__name__)


class TimerService:
    """``write(fn, *args)`` runs ``fn(tx, *args)`` in the one writer; ``handlers`` maps kinds to (plugin, spec)."""

    def __init__(self, write: Callable[..., Awaitable[Any]], handlers: dict[str, tuple[str, T.TimerSpec]]) -> None:
        self._write = write
        self.handlers = handlers
        self._heap: list[tuple[float, int]] = []
        self._wake: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._running: asyncio.Task | None = None
        self.fired = 0
        self.failed = 0

    # -- feeding the heap -----------------------------------------------------------
    def start(self, loop: asyncio.AbstractEventLoop, pending: Iterable[tuple[datetime, int]]) -> None:
        self._loop = loop
        self.add(pending)

    def add(self, entries: Iterable[tuple[datetime, int]]) -> None:
        """Loop thread: timers loaded at start or set by a committed transaction."""
        new = [(due.timestamp(), id_) for due, id_ in entries]
        if len(new) > len(self._heap) // 8:  # many at once (the start): one O(n) heapify beats n pushes
            self._heap.extend(new)
            heapq.heapify(self._heap)
        else:
            for entry in new:
                heapq.heappush(self._heap, entry)
        self._arm()

    def committed(self, entries: list[tuple[datetime, int]]) -> None:
        """Writer thread, after a commit: hand the new timers to the loop."""
        if entries and self._loop is not None:
            self._loop.call_soon_threadsafe(self.add, entries)

    def due(self, now: float) -> list[int]:
        """Pop every entry due at ``now`` (epoch seconds)."""
        out = []
        heap = self._heap
        while heap and heap[0][0] <= now:
            out.append(heapq.heappop(heap)[1])
        return out

    def next_due(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    # -- firing --------------------------------------------------------------------------
    def _arm(self) -> None:
        loop = self._loop
        if loop is None or (self._running is not None and not self._running.done()):
            return  # the running sweep re-arms when it ends
        if self._wake is not None:
            self._wake.cancel()
        nxt = self.next_due()
        if nxt is not None:
            delay = max(0.0, nxt - datetime.now(UTC).timestamp())
            self._wake = loop.call_later(delay, self._sweep, loop)

    def _sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        self._wake = None
        self._running = loop.create_task(self._fire_due())
        self._running.add_done_callback(lambda _: self._arm())

    async def _fire_due(self) -> None:
        for id_ in self.due(datetime.now(UTC).timestamp()):
            try:
                await self._write(self._fire_one, id_)
            except Exception as exc:  # the handler raised: rolled back; say so in the row
                self.failed += 1
                log.error("timer %s failed: %s", id_, exc)
                await self._write(self._mark_failed, id_, "".join(traceback.format_exception_only(exc)).strip())

    def _fire_one(self, tx: Any, id_: int) -> None:
        timer = tx.session.get(T.Timer, id_)
        if timer is None or timer.state != T.PENDING:
            return  # moved, cancelled or already fired: a stale heap entry
        entry = self.handlers.get(timer.kind)
        if entry is None:
            timer.state, timer.error = T.FAILED, f"no plugin handles timers of kind {timer.kind!r}"
            return
        with acting_for(tx, entry[0]):  # the handler writes its plugin's collections
            entry[1].handler(tx, T.info(timer))
        timer.state, timer.fired_at = T.FIRED, utcnow()
        self.fired += 1

    @staticmethod
    def _mark_failed(tx: Any, id_: int, error: str) -> None:
        timer = tx.session.get(T.Timer, id_)
        if timer is not None and timer.state == T.PENDING:
            timer.state, timer.error, timer.fired_at = T.FAILED, error, utcnow()

    def stop(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
        self._loop = None
