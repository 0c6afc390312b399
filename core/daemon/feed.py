"""What desks are sent of each change: PUB for what anyone may read, each peer's private stream for the rest."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from citybrain.core.api import Record
from citybrain.core.daemon.access import PrivateStreams, ReadPolicy
from citybrain.core.live import Change, LiveState, Publisher


class Feed:
    """Applies changes to the live state (each takes the next sequence number) and sends them at once."""

    def __init__(self, live: LiveState, policy: ReadPolicy, publisher: Publisher, private: PrivateStreams) -> None:
        self.live = live
        self.policy = policy
        self.publisher = publisher
        self.private = private

    def publish(self, changes: list[Change]) -> None:
        if changes:
            routed = self.policy.route(changes)  # before applying: the records they replace are where they were
            first = self.live.apply(changes)
            self.publisher.queue(first, self.policy.public(changes))
            self.publisher.flush()
            self.private.publish(routed)

    def publish_volatile(self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = ()) -> None:
        """A volatile collection's changes (no database behind it), published now."""
        changes: list[Change] = [(collection, self.live.key_of(collection, r), r) for r in put]
        changes += [(collection, k, None) for k in delete]
        self.publish(changes)
