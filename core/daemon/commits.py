"""The write path: one committed transaction in the writer, then its changes on the feed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from citybrain.core.api import Caller
from citybrain.core.daemon.feed import Feed
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.writer import SYSTEM, Writer
from citybrain.core.plugins import CORE

T = TypeVar("T")


class Commits:
    def __init__(self, writer: Writer, sessions: SessionCache, feed: Feed) -> None:
        self.writer = writer
        self._sessions = sessions
        self._feed = feed

    async def write(self, fn: Callable[..., T], *args: Any, caller: Caller = SYSTEM, plugin: str = CORE) -> T:
        """``fn(tx, *args)`` committed, then its changes published (after the units it changed, so each peer's
        stream is cut to its new view first). ``fn`` is ``plugin``'s code: it writes that plugin's collections."""
        result, changes = await self.writer.run(fn, *args, caller=caller, plugin=plugin)
        self._sessions.take_org_news()
        self._feed.publish(changes)
        self._feed.flush()  # on the wire before the reply that states their sequence
        return result
