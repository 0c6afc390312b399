"""What the daemon hands a plugin: its own view of the daemon, scoped to its name (``core.api.DaemonContext``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, TypeVar

from citybrain.core.api import MetricSpec, Record
from citybrain.core.config import DaemonConfig
from citybrain.core.daemon.commits import Commits
from citybrain.core.daemon.database import Database
from citybrain.core.daemon.feed import Feed
from citybrain.core.daemon.health import Health
from citybrain.core.plugins import PluginHost
from citybrain.core.write_scope import WriteScope

T = TypeVar("T")


@dataclass(frozen=True)
class DaemonParts:
    """The parts of the daemon a plugin's context works through."""

    config: DaemonConfig
    host: PluginHost
    database: Database
    commits: Commits
    feed: Feed
    health: Health
    owners: Mapping[str, str]  # collection -> the plugin that declared it, the one that may write it

    def context(self, plugin: str) -> PluginContext:
        return PluginContext(self, plugin)


class PluginContext:
    """A plugin's handle on the daemon (given to ``citybrain_start``, sources and schedules)."""

    def __init__(self, parts: DaemonParts, plugin: str) -> None:
        self._parts = parts
        self.plugin = plugin
        self._scope = WriteScope(plugin)  # what publish may change: its own collections
        self.config: Mapping[str, Any] = MappingProxyType(dict(parts.config.plugins.get(plugin, {})))
        self.demo: bool = parts.config.demo  # the demo district: simulators may run
        self.folder = parts.config.data_dir / "plugins" / plugin  # the plugin's files: made by the plugin when needed
        self.log = logging.getLogger(f"citybrain.plugins.{plugin}")

    async def transact(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(tx, *args)`` in the one writer; its staged changes are published after commit."""
        return await self._parts.commits.write(fn, *args, plugin=self.plugin)

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
        return await self._parts.database.read(fn, *args)

    def publish(self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = ()) -> None:
        """Change a volatile collection (no database behind it) right away; desks are sent it at the end of this
        loop turn, with whatever else the turn published.  Loop thread only."""
        self._scope.check(self._parts.owners, collection)
        self._parts.feed.publish_volatile(collection, put, delete)

    def count_dropped(self, reason: str, n: int = 1) -> None:
        """Count input this plugin dropped (malformed, unknown, duplicate…) by reason: the system view shows them."""
        self._parts.health.counters[f"dropped:{self.plugin}.{reason}"] += n

    def records(self, collection: str) -> Mapping[Hashable, Record]:
        """A read-only view of a live collection as every desk sees it."""
        return MappingProxyType(self._parts.feed.live.collections[collection])

    def metrics(self) -> list[MetricSpec]:
        """Every KPI the loaded plugins contribute (``citybrain_metrics``), each with its plugin's name."""
        calls = self._parts.host.call("citybrain_metrics")
        return [replace(spec, plugin=plugin) for plugin, specs in calls for spec in specs or ()]

    def stats(self) -> dict[str, Any]:
        """Daemon health: uptime, sequence, update rate, desks, counters, plugin states."""
        return self._parts.health.stats()
