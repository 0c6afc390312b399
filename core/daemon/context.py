"""What the daemon hands a plugin: its own view of the daemon, scoped to its name."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from citybrain.core.api import MetricSpec, Record

if TYPE_CHECKING:
    from citybrain.core.daemon.server import Daemon

T = TypeVar("T")


class DaemonContext:
    """A plugin's handle on the daemon (given to ``citybrain_start``, sources and schedules)."""

    def __init__(self, daemon: Daemon, plugin: str) -> None:
        self._daemon = daemon
        self.plugin = plugin
        self.config: Mapping[str, Any] = MappingProxyType(dict(daemon.config.plugins.get(plugin, {})))
        self.demo: bool = daemon.config.demo  # the demo district: simulators may run
        self.log = logging.getLogger(f"citybrain.plugins.{plugin}")

    async def transact(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(tx, *args)`` in the one writer; its staged changes are published after commit."""
        return await self._daemon.write(fn, *args)

    async def transact_batch(self, reason: str, fn: Callable[..., T], *args: Any) -> T | None:
        """Like :meth:`transact`, for a source's batch (device messages, a feed's alerts): when the batch fails
        (a value the database refuses, a bug) it is logged, counted as dropped under ``reason`` and dropped, and
        None is returned; the source goes on rather than switching its plugin off."""
        try:
            return await self.transact(fn, *args)
        except Exception:  # noqa: BLE001 - one bad batch must not stop the source that brought it
            self.log.exception("a batch (%s) could not be stored: dropped", reason)
            self.count_dropped(reason)
            return None

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(session, *args)`` on a reader thread (never blocks the loop)."""
        return await self._daemon.read(fn, *args)

    def publish(self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = ()) -> None:
        """Change a volatile collection (no database behind it) right away; loop thread only."""
        self._daemon.publish_volatile(collection, put, delete)

    def count_dropped(self, reason: str, n: int = 1) -> None:
        """Count input this plugin dropped (malformed, unknown, duplicate…) by reason: the system view shows them."""
        self._daemon.counters[f"dropped:{self.plugin}.{reason}"] += n

    def records(self, collection: str) -> Mapping[Hashable, Record]:
        """A read-only view of a live collection as every desk sees it."""
        return MappingProxyType(self._daemon.live.collections[collection])

    def metrics(self) -> list[MetricSpec]:
        """Every KPI the loaded plugins contribute (``citybrain_metrics``), each with its plugin's name."""
        return [
            replace(spec, plugin=plugin)
            for plugin, specs in self._daemon.host.call("citybrain_metrics")
            for spec in specs or ()
        ]

    def stats(self) -> dict[str, Any]:
        """Daemon health: uptime, sequence, update rate, desks, counters, plugin states."""
        return self._daemon.stats()
