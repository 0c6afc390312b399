"""The daemon's database: its engine, its sessions and the reader threads that answer queries off the loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import event

from citybrain.core.district import note_changes
from citybrain.core.storage.engine import make_engine, session_factory

T = TypeVar("T")
READERS = 2  # threads reading for queries and plugins, beside the one writer


class Database:
    """Opened on ``url`` (SQLite or PostgreSQL); ``kind`` is its dialect (``sqlite``, ``postgresql``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.kind = url.split(":", 1)[0].split("+", 1)[0]
        self.engine = make_engine(url)
        self.closing = threading.Event()  # set as the daemon stops: long reads stop (storage.engine.DatabaseClosing)
        self.sessions = session_factory(self.engine, self.closing)
        event.listen(self.sessions, "before_flush", note_changes)  # org tree and units changed: session.info says
        self._readers = ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="citybrain-reader")

    @property
    def where(self) -> str:
        """The URL without its credentials, for the log."""
        return self.url.split("@")[-1]

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(session, *args)`` on a reader thread."""

        def work() -> T:
            with self.sessions() as session:
                return fn(session, *args)

        return await asyncio.get_running_loop().run_in_executor(self._readers, work)

    def close(self) -> None:
        self.closing.set()
        self._readers.shutdown(wait=True)
        self.engine.dispose()
