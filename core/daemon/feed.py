"""What desks are sent of each change: PUB for what anyone may read, each peer's private stream for the rest."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable, Iterable, Sequence
from itertools import repeat
from typing import Protocol

from citybrain.core.api import Record
from citybrain.core.daemon.access import PrivateStreams, ReadPolicy
from citybrain.core.live import Change, LiveState, Slot


class Outlet(Protocol):
    """Where the feed sends PUB's share: the daemon's :class:`~citybrain.core.live.Publisher` (a benchmark's tap)."""

    def queue(self, first_seq: int, changes: Sequence[Slot]) -> None: ...

    def flush(self) -> None: ...

    def heartbeat(self) -> None: ...


class Feed:
    """Applies changes to the live state (each takes the next sequence number) and sends them at the end of the
    loop turn: the batches a source publishes in one turn travel together, in as few frames as they fit (100
    batches of 1,000 were 100 PUB frames and, to 40 desks in their units, 4,000 private frames; now 25 and 40).
    Whatever states a sequence (a transaction's reply, a snapshot, a heartbeat) flushes first."""

    def __init__(self, live: LiveState, policy: ReadPolicy, publisher: Outlet, private: PrivateStreams) -> None:
        self.live = live
        self.policy = policy
        self.publisher = publisher
        self.private = private
        self._due = False  # a flush is scheduled at the end of this loop turn

    def publish(self, changes: list[Change]) -> None:
        """Apply ``changes`` and queue them for PUB and the private streams (loop thread only)."""
        if changes:
            routed = self.policy.route(changes)  # before applying: the records they replace are where they were
            first = self.live.apply(changes)
            self.publisher.queue(first, self.policy.public(changes))
            self.private.queue(routed)
            if not self._due:
                self._due = True
                asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        """Everything queued, onto PUB and each peer's private stream.  A peer whose unit changes meanwhile is sent
        the queued changes under its new scope, after the deletes and upserts of the move: the same end state."""
        self._due = False
        self.publisher.flush()
        self.private.flush()

    def publish_volatile(self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = ()) -> None:
        """A volatile collection's changes (no database behind it), published now."""
        records = list(put)
        keys = self.live.keys_of(collection, records)
        changes: list[Change] = list(zip(repeat(collection), keys, records, strict=False))  # repeat() never ends
        changes += [(collection, k, None) for k in delete]
        self.publish(changes)
