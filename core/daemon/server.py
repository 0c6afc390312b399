"""The daemon: storage, plugins, live state and the two sockets, on one asyncio loop.

ROUTER answers hello, ping, snapshot, login/logout, commands and queries;
PUB carries updates and heartbeats.  Requests are decoded defensively: a
malformed, oversized or unknown frame is answered with an error (when it
names a correlation id) or dropped, and always counted; nothing a desk
sends can end the daemon.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import zmq
import zmq.asyncio
from sqlalchemy import event
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from citybrain.core import describe, protocol as P, timers
from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    ImporterSpec,
    QuerySpec,
    Record,
    Refused,
    ScheduleSpec,
)
from citybrain.core.config import DaemonConfig
from citybrain.core.daemon import builtins, idempotency, intake
from citybrain.core.daemon.access import PrivateStreams, ReadPolicy
from citybrain.core.daemon.context import DaemonContext
from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.daemon.throttle import LoginThrottle, audit_lock
from citybrain.core.daemon.timer_service import TimerService
from citybrain.core.daemon.units import OrgScopes, Scope, check_within
from citybrain.core.daemon.writer import SYSTEM, Writer
from citybrain.core.district import ORG_CHANGED, Tree, note_changes
from citybrain.core.live import LiveState, Publisher
from citybrain.core.operators import UNITS_CHANGED, Role
from citybrain.core.plugins import PluginHost, PluginStatus
from citybrain.core.security import ServerKeys, apply_server_keys, start_authenticator
from citybrain.core.sessions import SessionInfo, authorise, lookup as lookup_session, session_body
from citybrain.core.storage import audit
from citybrain.core.storage.engine import make_engine, session_factory, sqlite_url
from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema
from citybrain.core.timers import TimerSpec
from citybrain.core.validation import PayloadError, validate

log = logging.getLogger("citybrain.daemon")


def internal_error(exc: BaseException, what: str, summary: str = "the daemon could not do this") -> str:
    """What a peer is told of an unexpected error: a summary and a reference into the daemon's log, which alone
    holds the exception (its text may carry SQL, parameters and personal data)."""
    ref = uuid.uuid4().hex[:8]
    log.error("%s failed (ref %s)", what, ref, exc_info=exc)
    return f"{summary} (ref {ref}; see the daemon's log)"


T = TypeVar("T")

# per peer, in messages (a snapshot reply is one): replies and private updates queued for a peer that does not read
# (beyond: ZeroMQ drops them, the peer sees a gap and resyncs), requests read ahead of the loop (beyond: ZeroMQ
# stops reading that peer's connection, so a flood slows its sender, not the daemon)
ROUTER_SNDHWM = 1000
ROUTER_RCVHWM = 1000
CORE = "core"


def daemon_plugin_host() -> PluginHost:
    from citybrain.core import hookspecs

    return PluginHost("daemon", hookspecs.PROJECT, hookspecs, hookspecs.GROUP)


class Daemon:
    def __init__(self, config: DaemonConfig, host: PluginHost | None = None) -> None:
        self.config = config
        self.host = host
        self.live = LiveState()
        self.counters: Counter[str] = Counter()
        self.started_at = datetime.now(UTC)
        self._started_mono = time.monotonic()
        self.collections: dict[str, tuple[str, CollectionSpec]] = {}
        self.commands: dict[str, tuple[str, CommandSpec]] = {}
        self.queries: dict[str, tuple[str, QuerySpec]] = {}
        self.importers: dict[str, tuple[str, ImporterSpec]] = {}
        self.timers: dict[str, tuple[str, TimerSpec]] = {}
        self.desks = DeskRegister()  # system.desks: who is heard from, bounded
        self._sessions_cache: dict[str, SessionInfo] = {}
        self.throttle = LoginThrottle()
        self.outcomes = idempotency.Outcomes()  # first outcomes of commands sent with a request_id
        self.org = OrgScopes()  # each unit's subtree, for sessions in their units (docs/protocol.md, "Units")
        self._org_news: list[tuple[Tree | None, dict[str, str | None]]] = []  # from the writer's thread, per commit
        self._feed_due = False  # changes queued for the feed, flushed at the end of the loop turn
        self._tasks: list[asyncio.Task] = []
        self._plugin_tasks: dict[str, list[asyncio.Task]] = {}
        self._stopped = asyncio.Event()
        self.router_port = 0
        self.pub_port = 0
        self.schema_log: list[str] = []

    # -- start and stop -----------------------------------------------------
    async def start(self) -> None:
        """Open storage, load plugins, prepare the schema, fill collections, bind sockets, serve."""
        cfg = self.config
        url = cfg.database_url or sqlite_url(cfg.data_dir)
        self.database_kind = url.split(":", 1)[0].split("+", 1)[0]
        self.engine = make_engine(url)
        self.sessions = session_factory(self.engine)
        event.listen(self.sessions, "before_flush", note_changes)
        if self.host is None:
            self.host = daemon_plugin_host()
            self.host.discover()
        for name in cfg.disabled_plugins:
            if self.host.pm.has_plugin(name):
                self.host.pm.unregister(name=name)
                self.host.states[name].state, self.host.states[name].error = (
                    PluginStatus.DISABLED,
                    "disabled in the configuration",
                )
        schemas = [CORE_SCHEMA] + [info for _, info in self.host.call("citybrain_schema") if info is not None]
        self.schema_log = prepare_schema(self.engine, schemas)
        self._collect_contributions()
        self.writer = Writer(self.sessions, self.live, self.host, self)
        self.writer.after_commit = self._committed
        self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="citybrain-reader")
        if cfg.demo:  # before loading: collections are then filled from what the seed wrote
            self.writer.run_sync(builtins.seed_demo, (self.host,))
        else:  # the demo accounts' passwords are published: they open nothing without --demo
            self.writer.run_sync(builtins.retire_demo_accounts, ())
        self._load_collections()
        with self.sessions() as session:
            self.org.replace(Tree.load(session))
        self._org_news.clear()
        self.host.call("citybrain_start", ctx=self.context)
        self._bind()
        loop = asyncio.get_running_loop()
        self.timer_service = TimerService(self.write, self.timers)
        self.writer.on_commit = self.timer_service.committed
        with self.sessions() as session:  # due while the daemon was down: they fire now, once
            self.timer_service.start(loop, timers.pending(session))
        self._tasks = [
            loop.create_task(self._serve_router(), name="router"),
            loop.create_task(self._heartbeats(), name="heartbeat"),
        ]
        for plugin, spec in self._contributions("citybrain_schedules"):
            self._plugin_tasks.setdefault(plugin, []).append(
                loop.create_task(self._schedule(plugin, spec), name=spec.name)
            )
        for plugin, sources in self.host.call("citybrain_sources", ctx=self.context):
            for source in sources or ():
                self._plugin_tasks.setdefault(plugin, []).append(loop.create_task(self._source(plugin, source)))
        log.info(
            "daemon %s serving: ROUTER %s:%d, PUB %s:%d, %s",
            cfg.name,
            cfg.host,
            self.router_port,
            cfg.host,
            self.pub_port,
            url.split("@")[-1],
        )

    def context(self, plugin: str) -> DaemonContext:
        return DaemonContext(self, plugin)

    async def wait_stopped(self) -> None:
        await self._stopped.wait()

    def request_stop(self) -> None:
        self._stopped.set()

    async def close(self) -> None:
        for task in self._tasks + [t for ts in self._plugin_tasks.values() for t in ts]:
            task.cancel()
        await asyncio.gather(
            *self._tasks, *[t for ts in self._plugin_tasks.values() for t in ts], return_exceptions=True
        )
        for s in (getattr(self, "router", None), getattr(self, "pub", None)):
            if s is not None:
                s.close(linger=0)
        if getattr(self, "_auth", None) is not None:
            self._auth.stop()
        if hasattr(self, "timer_service"):
            self.timer_service.stop()
        if hasattr(self, "writer"):
            self.writer.close()
            self._readers.shutdown(wait=True)
        if hasattr(self, "engine"):
            self.engine.dispose()
        if getattr(self, "_zctx", None) is not None:
            self._zctx.term()

    def _bind(self) -> None:
        cfg = self.config
        keys = ServerKeys.load(cfg.curve_secret, cfg.curve_allowed) if cfg.curve_secret else None
        self._zctx = zmq.asyncio.Context()
        self._auth = start_authenticator(self._zctx, keys)
        self.router = self._zctx.socket(zmq.ROUTER)
        # libzmq drops the connection of a peer sending far more than allowed; just above is counted below
        self.router.setsockopt(zmq.MAXMSGSIZE, cfg.max_request_bytes + 65536)
        self.router.setsockopt(zmq.LINGER, 0)
        self.router.setsockopt(zmq.SNDHWM, ROUTER_SNDHWM)
        self.router.setsockopt(zmq.RCVHWM, ROUTER_RCVHWM)
        self.pub = self._zctx.socket(zmq.PUB)
        self.pub.setsockopt(zmq.SNDHWM, 100_000)
        self.pub.setsockopt(zmq.LINGER, 0)
        for sock in (self.router, self.pub):
            apply_server_keys(sock, keys)
        base = f"tcp://{cfg.host}"
        if cfg.port == 0:
            self.router_port = self.router.bind_to_random_port(base)
            self.pub_port = self.pub.bind_to_random_port(base)
        else:
            self.router.bind(f"{base}:{cfg.port}")
            self.router_port = cfg.port
            self.pub_port = cfg.pub_port or cfg.port + 1
            self.pub.bind(f"{base}:{self.pub_port}")
        self.publisher = Publisher(self.pub, self.live)
        self.private = PrivateStreams(
            self.policy, lambda identity, frame: self.router.send_multipart([identity, frame])
        )
        self.snapshots = intake.SnapshotGate(self.router.send_multipart)
        self.answers = intake.AnswerBudget(self.router.send_multipart)

    # -- contributions ------------------------------------------------------
    def _contributions(self, hook: str, **kwargs: Any) -> Iterable[tuple[str, Any]]:
        for plugin, specs in self.host.call(hook, **kwargs):
            for spec in specs or ():
                yield plugin, spec

    def _collect_contributions(self) -> None:
        tables: list[tuple[str, dict, str]] = [
            ("citybrain_collections", self.collections, "name"),
            ("citybrain_commands", self.commands, "name"),
            ("citybrain_queries", self.queries, "name"),
            ("citybrain_importers", self.importers, "kind"),
            ("citybrain_timers", self.timers, "kind"),
        ]
        self.commands[builtins.IMPORT] = (CORE, builtins.import_command(self.importers))
        self.commands.update({spec.name: (CORE, spec) for spec in builtins.OPERATOR_COMMANDS})
        self.queries.update({spec.name: (CORE, spec) for spec in builtins.OPERATOR_QUERIES})
        for hook, registry, attr in tables:
            for plugin, spec in self._contributions(hook):
                name = getattr(spec, attr)
                if name in registry and registry[name][0] != plugin:
                    self.host.fail(
                        plugin, hook, ValueError(f"{name!r} is already contributed by {registry[name][0]!r}")
                    )
                    continue
                registry[name] = (plugin, spec)
        for name, (_, spec) in self.collections.items():
            self.live.declare(name, spec.key)
        self.policy = ReadPolicy([spec for _, spec in self.collections.values()], self.live)
        for registry, hook in ((self.commands, "citybrain_commands"), (self.queries, "citybrain_queries")):
            for name, (plugin, spec) in list(registry.items()):
                unplaced = [w.collection for w in spec.within if w.collection not in (None, *self.policy.places)]
                if unplaced:
                    del registry[name]
                    self.host.fail(
                        plugin, hook, ValueError(f"{name}: within names {unplaced[0]!r}, not a placed collection")
                    )

    def _load_collections(self) -> None:
        for name, (plugin, spec) in self.collections.items():
            if spec.load is None or not self.host.loaded(plugin):
                continue
            try:
                with self.sessions() as session:
                    self.live.load(name, spec.load(session))
            except Exception as exc:
                self.host.fail(plugin, f"load {name}", exc)

    # -- writing and reading ------------------------------------------------
    async def write(self, fn: Callable[..., T], *args: Any, caller: Caller = SYSTEM) -> T:
        """One committed transaction in the writer, then its changes on the feed (after the units it changed)."""
        result, changes = await self.writer.run(fn, *args, caller=caller)
        self._take_org_news()
        self._publish(changes)
        self._flush_feed()  # on the wire before the reply that says its sequence
        return result

    def _committed(self, session: Session) -> None:
        """On the writer's thread, after a commit: the org tree it changed (read now, in order) and the operators
        it placed in other units, for the loop to apply before publishing that commit's changes."""
        tree = Tree.load(session) if session.info.get(ORG_CHANGED) else None
        units = dict(session.info.get(UNITS_CHANGED, {}))
        if tree is not None or units:
            self._org_news.append((tree, units))

    def _take_org_news(self) -> None:
        """Streams follow a new org tree or an operator's new unit at once: what leaves a peer's view is deleted
        from it, what enters is sent (docs/protocol.md, "Units")."""
        if not self._org_news:
            return
        news, self._org_news = self._org_news, []
        self._flush_feed()  # what was queued goes out under the units it was committed in
        moved: dict[str, SessionInfo] = {}
        for tree, units in news:
            if tree is not None:
                self.org.replace(tree)
            for token, info in self._sessions_cache.items():
                if info.username in units:
                    moved[token] = self._sessions_cache[token] = replace(info, unit=units[info.username])
        self.private.rescope(self.scope_of, moved)

    def scope_of(self, session: SessionInfo | None) -> Scope | None:
        """What ``session`` sees of the placed collections: its unit's subtree; None, everything."""
        return self.org.of(session.unit) if session is not None else None

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        def work() -> T:
            with self.sessions() as session:
                return fn(session, *args)

        return await asyncio.get_running_loop().run_in_executor(self._readers, work)

    def publish_volatile(self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = ()) -> None:
        changes = [(collection, self.live.key_of(collection, r), r) for r in put]
        changes += [(collection, k, None) for k in delete]
        self._publish(changes)

    def _publish(self, changes: list) -> None:
        """Apply committed changes and queue them for the feed, sent at the end of this loop turn: the commits of
        one turn (a source's batches) go out together, in as few frames as they fit."""
        if changes:
            routed = self.policy.route(changes)  # before applying: the records they replace are where they were
            first = self.live.apply(changes)
            self.publisher.queue(first, self.policy.public(changes))
            self.private.queue(routed)
            if not self._feed_due:
                self._feed_due = True
                asyncio.get_running_loop().call_soon(self._flush_feed)

    def _flush_feed(self) -> None:
        """Everything queued onto PUB and the private streams; first whenever a stream is started, moved or beaten."""
        self._feed_due = False
        self.publisher.flush()
        self.private.flush()

    # -- the ROUTER ---------------------------------------------------------
    async def _serve_router(self) -> None:
        handlers = {
            P.HELLO: self._on_hello,
            P.PING: self._on_ping,
            P.SNAPSHOT: self._on_snapshot,
            P.LOGIN: self._on_login,
            P.LOGOUT: self._on_logout,
            P.COMMAND: self._on_command,
            P.QUERY: self._on_query,
            describe.DESCRIBE: self._on_describe,
        }
        router = self.router
        while True:
            frames = await router.recv_multipart(copy=False)
            self.counters["requests"] += 1
            if len(frames) != 2:
                self._drop(P.E_BAD_FRAME)
                continue
            identity, frame = frames[0].bytes, frames[1]
            if len(frame) > self.config.max_request_bytes:
                self._drop(P.E_TOO_LARGE)
                continue
            if len(frame) > intake.SMALL_REQUEST_BYTES:  # decoded only for a session that may send a file
                self._spawn(self._take_large(handlers, identity, frame.buffer))
                continue
            try:
                env = P.decode(frame.buffer)
            except P.ProtocolError as exc:
                self._bad_frame(identity, exc)
                continue
            # a login is throttled per peer address as well as per user name
            self._dispatch(handlers, identity, env, intake.peer_address(frame) if env.type == P.LOGIN else None)

    def _bad_frame(self, identity: bytes, exc: P.ProtocolError) -> None:
        self._drop(exc.code)
        if exc.corr is not None:
            self._reply_error(identity, exc.corr, exc.code, str(exc))

    def _dispatch(
        self, handlers: dict[str, Callable], identity: bytes, env: P.Envelope, peer: str | None = None
    ) -> None:
        handler = handlers.get(env.type)
        if handler is None or not isinstance(env.body, dict):
            code = P.E_UNKNOWN_TYPE if handler is None else P.E_BAD_FRAME
            self._drop(code)
            self._reply_error(
                identity,
                env.n,
                code,
                f"unknown request type {env.type[:40]!r}" if handler is None else "a request body is a map",
            )
            return
        overlong = P.overlong_identifiers(env.body)
        if overlong:  # bounded before any use: audit rows, system.desks, session lookups
            self._drop(P.E_INVALID_PAYLOAD)
            self._reply_error(identity, env.n, P.E_INVALID_PAYLOAD, "; ".join(overlong), overlong)
            return
        self._spawn(self._guard(partial(handler, peer=peer) if env.type == P.LOGIN else handler, identity, env))

    def _spawn(self, work: Any) -> None:
        task = asyncio.create_task(work)
        task.add_done_callback(_retrieve)

    async def _take_large(self, handlers: dict[str, Callable], identity: bytes, frame: memoryview) -> None:
        """A frame over ``SMALL_REQUEST_BYTES``: a request that carries a file, from a session whose role may send
        it, is decoded on a worker thread; any other is refused ``too_large`` unread (docs/protocol.md, "Limits")."""
        head = intake.peek(frame)
        entry = self.commands.get(head.name) if intake.carries_file(head) else None
        session = await self._session(head.auth) if entry is not None else None
        if session is None or session.role < entry[1].role:
            self._drop(P.E_TOO_LARGE)
            if head is not None:
                self._reply_error(
                    identity,
                    head.n,
                    P.E_TOO_LARGE,
                    f"over {intake.SMALL_REQUEST_BYTES // 1024} KiB only an import by a session that may import",
                )
            return
        try:
            env = await asyncio.to_thread(P.decode, frame)
        except P.ProtocolError as exc:
            self._bad_frame(identity, exc)
            return
        self._dispatch(handlers, identity, env)

    async def _guard(self, handler: Callable, identity: bytes, env: P.Envelope) -> None:
        try:
            await handler(identity, env)
        except Exception as exc:  # a bug in a handler answers one request; the daemon goes on
            self._reply_error(identity, env.n, P.E_FAILED, internal_error(exc, f"request {env.type}"))

    def _drop(self, reason: str) -> None:
        self.counters[f"dropped:{reason}"] += 1

    def _reply(self, identity: bytes, corr: int, body: Any, extra: list[bytes] = ()) -> None:
        self.router.send_multipart([identity, P.encode(P.OK, corr, body), *extra])

    def _reply_error(self, identity: bytes, corr: int, code: str, message: str, details: Any = None) -> None:
        self.router.send_multipart([identity, P.encode(P.ERROR, corr, P.error_body(code, message, details))])

    def _seen(self, identity: bytes, desk: Any, session: SessionInfo | None) -> None:
        self.desks.heard(identity, desk, session.username if session else None, session.role.label if session else None)

    async def _session(self, token: Any) -> SessionInfo | None:
        if not isinstance(token, str) or not token:
            return None
        # checked against the operator's row at every use: a session revoked, or an operator disabled or given
        # another role (`citybrain operator ...`, another process), is refused from its next request on
        info = await self.read(lookup_session, token)
        if info is None:
            self._sessions_cache.pop(token, None)
            self.private.end_token(token)  # and what it was sent privately stops now
            return None
        known = self._sessions_cache.get(token)
        self._sessions_cache[token] = info
        if known is not None and known.unit != info.unit:  # placed elsewhere by another process (the CLI)
            self._flush_feed()
            self.private.rescope(self.scope_of, {token: info})
        return info

    def _placed(self) -> dict[str, tuple[str, dict[Hashable, Record]]]:
        return {name: (field, self.live.collections[name]) for name, field in self.policy.places.items()}

    def _still_valid(self, token: str, info: SessionInfo) -> bool:
        """A private stream's session: not logged out, revoked or expired, and its role unchanged."""
        now = self._sessions_cache.get(token)
        return now is not None and now.role == info.role and info.expires_at > datetime.now(UTC)

    async def _on_hello(self, identity: bytes, env: P.Envelope) -> None:
        session = await self._session(env.body.get("auth"))
        self._seen(identity, env.body.get("desk"), session)
        self._reply(
            identity,
            env.n,
            {
                "daemon": self.config.name,
                "protocol": P.PROTOCOL_VERSION,
                "epoch": self.live.epoch,
                "seq": self.live.seq,
                "pub_port": self.pub_port,
                "heartbeat": self.config.heartbeat,
                "collections": self.policy.describe(),
                "commands": sorted(self.commands),
                "queries": sorted(self.queries),
                "operator": session_body(session),
            },
        )

    async def _on_describe(self, identity: bytes, env: P.Envelope) -> None:
        self._reply(
            identity,
            env.n,
            describe.describe(self.collections, self.commands, self.queries, self.importers, self.policy.describe()),
        )

    async def _on_ping(self, identity: bytes, env: P.Envelope) -> None:
        self._seen(identity, env.body.get("desk"), await self._session(env.body.get("auth")))
        self._reply(
            identity,
            env.n,
            {"seq": self.live.seq, "epoch": self.live.epoch, "private_seq": self.private.heard(identity)},
        )

    async def _on_snapshot(self, identity: bytes, env: P.Envelope) -> None:
        names = env.body.get("collections")
        if names is not None and not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
            self._reply_error(identity, env.n, P.E_INVALID_PAYLOAD, "collections: a list of names or nil")
            return
        token = env.body.get("auth")
        session = await self._session(token)
        # from here to the reply nothing awaits: the snapshot, the PUB feed and the private stream meet at seq
        if self.snapshots.busy(identity):  # its last one is still being sent: no second copy queued behind it
            self._drop(P.E_BUSY)
            self._reply_error(identity, env.n, P.E_BUSY, "this peer's last snapshot is still being sent")
            return
        self._flush_feed()  # everything up to seq is on the wire before the snapshot says so
        scope = self.scope_of(session)
        frames = self.policy.snapshot_frames(names, session.role if session else None, scope)
        private_seq = self.private.start(identity, token, session, scope)
        self.snapshots.send(
            identity,
            P.encode(
                P.OK,
                env.n,
                {
                    "seq": self.live.seq,
                    "epoch": self.live.epoch,
                    "collections": len(frames),
                    "private_seq": private_seq,
                },
            ),
            frames,
        )

    async def _on_login(self, identity: bytes, env: P.Envelope, peer: str | None = None) -> None:
        body = env.body
        username, password, desk = body.get("username"), body.get("password"), body.get("desk")
        if not isinstance(username, str) or not isinstance(password, str):
            self._reply_error(identity, env.n, P.E_INVALID_PAYLOAD, "login needs username and password strings")
            return
        caller = Caller(username, None, desk if isinstance(desk, str) else None)
        attempt = await asyncio.get_running_loop().run_in_executor(  # scrypt off the writer and the loop, in turn
            builtins.PASSWORD_CHECKS,
            self.throttle.attempt,
            username,
            peer or identity.hex(),
            partial(builtins.check_password, self.sessions, username, password),
            lambda c: c.operator_id is not None,
        )
        for lock in attempt.locks:
            await self.write(audit_lock, lock, caller.desk)
        if attempt.checked is None:  # too soon after failures, or locked out: no hash, no audit row per attempt
            self.counters["logins_throttled"] += 1
            self._reply_error(
                identity,
                env.n,
                P.E_LOCKED_OUT,
                f"too many failed logins: try again in {attempt.seconds} s",
                {"retry_after": attempt.seconds},
            )
            return
        checked = attempt.checked
        token, info = await self.write(builtins.login, username, checked, caller=caller)
        if token is None:
            self.counters["logins_failed"] += 1
            self._reply_error(identity, env.n, P.E_UNAUTHENTICATED, "wrong user name or password")
            return
        self._sessions_cache[token] = info
        self._seen(identity, desk, info)
        self._reply(identity, env.n, {"token": token, **session_body(info)})

    async def _on_logout(self, identity: bytes, env: P.Envelope) -> None:
        token = env.body.get("auth")
        if isinstance(token, str):
            self._sessions_cache.pop(token, None)
            self.private.end_token(token)
            desk = env.body.get("desk")
            await self.write(builtins.logout, token, caller=Caller(None, None, desk if isinstance(desk, str) else None))
        self._reply(identity, env.n, {})

    async def _on_command(self, identity: bytes, env: P.Envelope) -> None:
        body = env.body
        name, desk = body.get("name"), body.get("desk")
        desk = desk if isinstance(desk, str) else None
        payload = body.get("payload", {})
        session = await self._session(body.get("auth"))
        caller = Caller(session.username if session else None, session.role if session else None, desk)
        self._seen(identity, desk, session)
        entry = self.commands.get(name) if isinstance(name, str) else None
        rid = None
        try:
            rid = idempotency.request_id(body)
            if entry is None:
                raise Refused(f"no command named {name!r}", code=P.E_UNKNOWN_COMMAND)
            plugin, spec = entry
            if plugin != CORE and not self.host.loaded(plugin):
                raise Refused(
                    f"plugin {plugin!r} is switched off: {self.host.states[plugin].error}", code=P.E_PLUGIN_DISABLED
                )
            authorise(session, spec.role, name)
            payload = validate(spec.payload, payload)
            check_within(self.scope_of(session), spec.within, payload, self._placed(), name)
            if name == builtins.IMPORT and payload["kind"] in self.importers:
                authorise(session, self.importers[payload["kind"]][1].role, f"import {payload['kind']}")
            handler = spec.handler
        except (Refused, PayloadError) as exc:
            await self._refuse(identity, env.n, caller, name, payload, exc, rid)
            return

        def work(tx: Any, payload: dict) -> Any:
            result = handler(tx, payload)
            audit.record(
                tx.session, operator=caller.username, desk=desk, command=name, payload=_digestible(payload), result="ok"
            )
            return result

        try:
            with await self._parse_ahead(name, payload):
                result = await self.write(
                    self.outcomes.once(work, caller, name, _digestible(payload), rid), payload, caller=caller
                )
        except idempotency.Repeated as seen:  # sent before: its first outcome again, nothing written
            self.counters["commands_repeated"] += 1
            self.router.send_multipart([identity, seen.reply(env.n, self.live.seq)])
            return
        except Exception as exc:
            await self._refuse(identity, env.n, caller, name, payload, exc, rid)
            return
        self.counters["commands_ok"] += 1
        self._reply(identity, env.n, {"result": result, "seq": self.live.seq})

    async def _parse_ahead(self, name: Any, payload: dict) -> AbstractContextManager:
        """An import's file parsed in a worker thread before its write transaction, which takes that parse: the
        single writer never waits on a parse (docs/architecture.md, "Sheets are streamed")."""
        if name != builtins.IMPORT:
            return nullcontext()
        importer = self.importers.get(payload["kind"], (None, None))[1]
        return await asyncio.to_thread(builtins.import_ahead, importer, payload["filename"], payload["data"])

    async def _refuse(
        self,
        identity: bytes,
        corr: int,
        caller: Caller,
        name: Any,
        payload: Any,
        exc: Exception,
        rid: str | None = None,
    ) -> None:
        """Audit the refusal in a transaction of its own (the command's rolled back), then reply."""
        if isinstance(exc, PayloadError):
            code, message, details = P.E_INVALID_PAYLOAD, str(exc), exc.problems
        elif isinstance(exc, Refused):
            code, message, details = exc.code, exc.message, exc.details
        elif isinstance(exc, DataError):  # a value the database cannot hold (too long for its column, out of range)
            code, message, details = (
                P.E_INVALID_PAYLOAD,
                internal_error(exc, f"command {name}", "a value does not fit what the database holds"),
                None,
            )
        else:
            code, message, details = P.E_FAILED, internal_error(exc, f"command {name}"), None
        self.counters["commands_failed"] += 1

        def record(tx: Any) -> None:
            audit.record(
                tx.session,
                operator=caller.username,
                desk=caller.desk,
                command=str(name)[:128],
                payload=_digestible(payload),
                result="error",
                error_code=code,
                detail=message[:500],
            )
            self.outcomes.keep_refusal(tx, caller, name, _digestible(payload), rid, code, message, details)

        await self.write(record)
        self._reply_error(identity, corr, code, message, details)

    async def _on_query(self, identity: bytes, env: P.Envelope) -> None:
        if self._answers_waiting(identity, env):  # none queued behind them
            return
        body = env.body
        name = body.get("name")
        entry = self.queries.get(name) if isinstance(name, str) else None
        session = await self._session(body.get("auth"))
        caller = Caller(session.username if session else None, session.role if session else None, body.get("desk"))
        try:
            if entry is None:
                raise Refused(f"no query named {name!r}", code=P.E_UNKNOWN_QUERY)
            plugin, spec = entry
            if plugin != CORE and not self.host.loaded(plugin):
                raise Refused(f"plugin {plugin!r} is switched off", code=P.E_PLUGIN_DISABLED)
            if spec.personal or spec.role > Role.VIEWER or spec.within or spec.place:  # never without a session:
                authorise(session, spec.role, name)  # personal data, or an answer cut to the session's unit
            params = validate(spec.params, body.get("params", {}), "params")
            scope = self.scope_of(session)
            check_within(scope, spec.within, params, self._placed(), name)
            result = await self.read(spec.handler, params, caller)
            if scope is not None and spec.place is not None and isinstance(result, list):
                result = [row for row in result if isinstance(row, dict) and scope.has(row.get(spec.place))]
        except (PayloadError, Refused) as exc:
            code, message, details = (
                (P.E_INVALID_PAYLOAD, str(exc), exc.problems)
                if isinstance(exc, PayloadError)
                else (exc.code, exc.message, exc.details)
            )
            if entry is not None and entry[1].personal:
                await self._audit_read(caller, name, body.get("params"), code, message)
            self.counters["queries_failed"] += 1
            self._reply_error(identity, env.n, code, message, details)
            return
        if self._answers_waiting(identity, env):  # the budget filled while this one was read (queries run at once)
            return
        if spec.personal:
            await self._audit_read(caller, name, params, None, None)
        self.counters["queries"] += 1
        self.answers.send(identity, P.encode(P.OK, env.n, {"result": result}))

    def _answers_waiting(self, identity: bytes, env: P.Envelope) -> bool:
        """Refuse ``busy`` when this peer's earlier answers still wait to be read past the budget."""
        if not self.answers.busy(identity):
            return False
        self._drop(P.E_BUSY)
        self._reply_error(identity, env.n, P.E_BUSY, "this peer's earlier answers are still being sent")
        return True

    async def _audit_read(self, caller: Caller, name: str, params: Any, code: str | None, message: str | None) -> None:
        """Who read which personal data (or was refused it): an audit row ``query NAME``, like a command's."""
        desk = caller.desk if isinstance(caller.desk, str) else None
        await self.write(
            lambda tx: audit.record(
                tx.session,
                operator=caller.username,
                desk=desk,
                command=f"query {name}",
                payload=_digestible(params),
                result="error" if code else "ok",
                error_code=code,
                detail=message[:500] if message else None,
            )
        )

    # -- periodic work ------------------------------------------------------
    async def _heartbeats(self) -> None:
        while True:
            self._flush_feed()
            self.publisher.heartbeat()
            self.private.expire(self._still_valid)
            self.snapshots.sweep()
            self.answers.sweep()
            for lock in self.throttle.sweep():  # audited beside the beat, never holding it behind the writer
                self._spawn(self.write(audit_lock, lock))
            self.desks.sweep()
            await asyncio.sleep(self.config.heartbeat)

    async def _schedule(self, plugin: str, spec: ScheduleSpec) -> None:
        ctx = self.context(plugin)
        while True:  # once as soon as the daemon serves, then every `every` seconds
            try:
                result = spec.handler(ctx)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:
                self._disable(plugin, f"schedule {spec.name}", exc)
                return
            await asyncio.sleep(spec.every)

    async def _source(self, plugin: str, source: Callable) -> None:
        try:
            await source(self.context(plugin))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._disable(plugin, f"source {getattr(source, '__name__', source)}", exc)

    def _disable(self, plugin: str, where: str, exc: Exception) -> None:
        self.host.fail(plugin, where, exc)
        current = asyncio.current_task()
        for task in self._plugin_tasks.get(plugin, []):
            if task is not current:
                task.cancel()

    # -- health -------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        dropped = {k.split(":", 1)[1]: v for k, v in self.counters.items() if k.startswith("dropped:")}
        return {
            "name": self.config.name,
            "epoch": self.live.epoch,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "uptime_s": round(time.monotonic() - self._started_mono, 1),
            "seq": self.live.seq,
            "update_rate": round(self.live.rate(), 1),
            "requests": self.counters["requests"],
            "commands_ok": self.counters["commands_ok"],
            "commands_failed": self.counters["commands_failed"],
            "queries": self.counters["queries"],
            "queries_failed": self.counters["queries_failed"],
            "logins_failed": self.counters["logins_failed"],
            "logins_throttled": self.counters["logins_throttled"],
            "dropped": dropped,
            "dropped_total": sum(dropped.values()),
            "desks": list(self.desks.records.values()),
            "desks_connected": len(self.desks.records),
            "database": self.database_kind,
            "plugins": [s.as_dict() for s in self.host.states.values()],
            "collections": {n: len(v) for n, v in self.live.collections.items()},
        }


def _digestible(payload: Any) -> bytes:
    try:
        return P.pack(payload)
    except Exception:
        return repr(payload).encode()


def _retrieve(task: asyncio.Task) -> None:
    if not task.cancelled():
        task.exception()
