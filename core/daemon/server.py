"""The daemon: storage, plugins, live state and the two sockets, on one asyncio loop.

:func:`open_daemon` builds its parts in order, each with one concern, and starts serving; :meth:`Daemon.close`
closes them in the reverse order (docs/architecture.md, "The daemon's parts"). ROUTER answers hello, ping,
snapshot, describe, login/logout, commands and queries; PUB carries updates and heartbeats.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable, Iterable
from contextlib import AsyncExitStack
from types import MappingProxyType
from typing import Any, TypeVar

from citybrain.core import describe, protocol as P, timers
from citybrain.core.api import Caller, Record
from citybrain.core.config import DaemonConfig
from citybrain.core.daemon import builtins
from citybrain.core.daemon.access import PrivateStreams
from citybrain.core.daemon.commands import Commands
from citybrain.core.daemon.commits import Commits
from citybrain.core.daemon.context import DaemonParts, PluginContext
from citybrain.core.daemon.contributions import Contributions
from citybrain.core.daemon.database import Database
from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.daemon.feed import Feed
from citybrain.core.daemon.feed_requests import FeedRequests
from citybrain.core.daemon.health import Health
from citybrain.core.daemon.heartbeat import beat
from citybrain.core.daemon.logins import Logins
from citybrain.core.daemon.plugin_tasks import PluginTasks
from citybrain.core.daemon.queries import Queries
from citybrain.core.daemon.replies import Replies
from citybrain.core.daemon.router import Router
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.sockets import Sockets
from citybrain.core.daemon.timer_service import TimerService
from citybrain.core.daemon.writer import SYSTEM, Writer
from citybrain.core.live import LiveState, Publisher
from citybrain.core.plugins import CORE, DISABLED_BY_CONFIGURATION, PluginHost, PluginStatus
from citybrain.core.storage.engine import sqlite_url
from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema
from citybrain.core.write_scope import WriteScope

log = logging.getLogger("citybrain.daemon")

T = TypeVar("T")


def daemon_plugin_host(kind: type[PluginHost] = PluginHost) -> PluginHost:
    """A host of the daemon's hooks (``kind``: a subclass, as the tests' seeding host)."""
    from citybrain.core import hookspecs

    return kind("daemon", hookspecs.PROJECT, hookspecs, hookspecs.GROUP)


def plugins_of(config: DaemonConfig, host: PluginHost | None) -> PluginHost:
    """``host``, or the installed plugins but those the configuration disables, which are never imported."""
    if host is None:
        host = daemon_plugin_host()
        host.discover(disabled=config.disabled_plugins)
    for name in config.disabled_plugins:  # a host given already loaded (tests, tools): switched off here
        if host.pm.has_plugin(name):
            host.pm.unregister(name=name)
            host.states[name].state, host.states[name].error = PluginStatus.DISABLED, DISABLED_BY_CONFIGURATION
    return host


class Daemon:
    """A serving daemon's parts, built by :func:`open_daemon`, which alone knows their order."""

    def __init__(
        self,
        config: DaemonConfig,
        parts: DaemonParts,
        contributions: Contributions,
        sockets: Sockets,
        desks: DeskRegister,
        logins: Logins,
        closing: AsyncExitStack,
    ) -> None:
        self.config = config
        self.host = parts.host
        self.database = parts.database
        self.live = parts.feed.live
        self.feed = parts.feed
        self.commits = parts.commits
        self.health = parts.health
        self.contributions = contributions
        self.sockets = sockets
        self.desks = desks  # system.desks: who is heard from, bounded
        self.logins = logins  # and its throttle
        self._parts = parts
        self._closing = closing  # what open_daemon opened, closed the last first

    @property
    def router_port(self) -> int:
        return self.sockets.router_port

    @property
    def pub_port(self) -> int:
        return self.sockets.pub_port

    def context(self, plugin: str) -> PluginContext:
        return self._parts.context(plugin)

    async def write(self, fn: Callable[..., T], *args: Any, caller: Caller = SYSTEM, plugin: str = CORE) -> T:
        """``fn(tx, *args)`` in the one writer, then its changes on the feed; it writes ``plugin``'s collections
        (tools and tests: a plugin's code writes through its context)."""
        return await self.commits.write(fn, *args, caller=caller, plugin=plugin)

    def publish_volatile(
        self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = (), plugin: str = CORE
    ) -> None:
        """A volatile collection's change, now, as ``plugin`` publishes it (tools, tests, benchmarks)."""
        WriteScope(plugin).check(self._parts.owners, collection)
        self.feed.publish_volatile(collection, put, delete)

    async def close(self) -> None:
        """Stop serving and close every part, the last opened first."""
        await self._closing.aclose()


async def open_daemon(config: DaemonConfig, host: PluginHost | None = None) -> Daemon:
    """Open storage, load plugins, prepare the schema, fill collections, bind sockets, serve.

    What is opened is closed again, the last first, when a later step fails, and by :meth:`Daemon.close`.
    """
    async with AsyncExitStack() as closing:
        url = config.database_url or sqlite_url(config.data_dir)
        database = Database(url)
        closing.callback(database.close)
        host = plugins_of(config, host)
        host.call("citybrain_configure", config=lambda name: MappingProxyType(dict(config.plugins.get(name, {}))))
        prepare_schema(database.engine, [CORE_SCHEMA] + [i for _, i in host.call("citybrain_schema") if i is not None])
        live = LiveState()
        contributions = Contributions(host, live)
        writer = Writer(database.sessions, live, host, contributions)
        closing.callback(writer.close)
        closing.callback(database.closing.set)  # first: long reads in the writer and the readers stop, not finish
        if config.demo:  # before loading: collections are then filled from what the seed wrote
            writer.run_sync(builtins.seed_demo, (host,))
        else:  # the demo accounts' passwords are published: they open nothing without --demo
            writer.run_sync(builtins.retire_demo_accounts, ())
        contributions.load(live, database.sessions)
        sockets = Sockets(config)
        closing.callback(sockets.close)

        def send_private(identity: bytes, frame: bytes) -> None:
            sockets.router.send_multipart([identity, frame])

        private = PrivateStreams(contributions.policy, send_private)
        feed = Feed(live, contributions.policy, Publisher(sockets.pub, live), private)
        sessions = SessionCache(database.read, private)
        with database.sessions() as session:
            sessions.load_org(session)
        writer.after_commit = sessions.committed
        commits = Commits(writer, sessions, feed)
        desks = DeskRegister()
        health = Health(config.name, database.kind, live, desks, host)
        parts = DaemonParts(config, host, database, commits, feed, health, contributions.owners)
        host.call("citybrain_start", ctx=parts.context)
        sockets.bind(config.host, config.port, config.pub_port)
        timer_service = TimerService(commits.write, contributions.timers)
        writer.on_commit = timer_service.committed
        with database.sessions() as session:  # due while the daemon was down: they fire now, once
            timer_service.start(asyncio.get_running_loop(), timers.pending(session))
        closing.callback(timer_service.stop)
        replies = Replies(sockets.router, health)
        logins = Logins(commits, database, sessions, replies, desks, health)
        commands = Commands(contributions, host, live, commits, sessions, replies, desks, health)
        queries = Queries(contributions, host, live, database, commits, sessions, replies, health)
        requests = FeedRequests(config, sockets, contributions, feed, replies, sessions, desks)
        handlers = {
            P.HELLO: requests.hello,
            P.PING: requests.ping,
            P.SNAPSHOT: requests.snapshot,
            P.LOGIN: logins.login,
            P.LOGOUT: logins.logout,
            P.COMMAND: commands.command,
            P.QUERY: queries.query,
            describe.DESCRIBE: requests.describe,
        }
        router = Router(
            sockets.router, config.max_request_bytes, handlers, replies, health, sessions, contributions.commands
        )
        serving = [
            asyncio.create_task(router.serve(), name="router"),
            asyncio.create_task(
                beat(config.heartbeat, feed, sessions, replies, logins, desks, commits), name="heartbeat"
            ),
        ]
        closing.push_async_callback(_cancel, serving)
        plugin_tasks = PluginTasks(host, parts.context)
        closing.push_async_callback(plugin_tasks.close)
        plugin_tasks.start()
        log.info(
            "daemon %s serving: ROUTER %s:%d, PUB %s:%d, %s",
            config.name,
            config.host,
            sockets.router_port,
            config.host,
            sockets.pub_port,
            database.where,
        )
        return Daemon(config, parts, contributions, sockets, desks, logins, closing.pop_all())


async def _cancel(tasks: list[asyncio.Task]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
