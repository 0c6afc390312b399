"""The feed's client side: a thread that owns a desk's sockets and replica.

One thread holds the DEALER (requests) and SUB (updates, heartbeats) sockets,
drains every ready message per wake-up, keeps the :class:`Replica` in step
(snapshot, queued updates, private updates of the restricted collections,
resync on a gap, a restart, 3 silent heartbeats, a login or a logout) and answers requests made from any other
thread with :class:`concurrent.futures.Future` objects.  No Qt here: the desk wraps it
(``citybrain.shell.feed``), the CLI, tests and benchmarks use it bare.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from citybrain.core import protocol as P
from citybrain.core.replica import Changes, Replica

if TYPE_CHECKING:  # zmq and what needs it are imported when the thread starts: a desk draws its windows first
    import zmq

    from citybrain.core.request_socket import RequestSocket
    from citybrain.core.security import ClientKeys

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0  # until the daemon says otherwise in its hello reply
SILENT_HEARTBEATS = 3  # silence this long means the feed is lost
HELLO_RETRY_SECONDS = 2.0
PING_SECONDS = 2.0
NO_ANSWER_SECONDS = 5.0  # a hello unanswered this long: the status says no daemon answers at the endpoint
# a first connection unanswered this long gets a new socket (the old one closed): libzmq does not retry a connection it
# ended on a handshake's protocol error, nor always one the daemon's allow-list refused (zeromq/libzmq#3519)
REOPEN_SECONDS = 3.0
DRAIN_LIMIT = 20_000  # messages per wake-up, so requests are still serviced under a flood
COMMAND_RETRIES = 2  # a command unanswered is sent again (same request_id) this often within its timeout


def _token(nbytes: int) -> str:
    """A random hex id of ``nbytes`` from the OS's source, as ``secrets.token_hex`` makes it (secrets would import
    hmac and OpenSSL's hashes into a desk's start for this alone)."""
    return os.urandom(nbytes).hex()


class RequestError(Exception):
    """The daemon (or the client, for timeouts) refused a request; ``code`` is a ``protocol.E_*``."""

    def __init__(self, code: str, message: str, details: Any = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details


@dataclass(frozen=True)
class FeedStatus:
    """What a status bar shows. ``state``: connecting, syncing, live, stale or refused."""

    state: str = "connecting"
    seq: int = -1
    epoch: str | None = None
    rate: float = 0.0  # changes applied per second
    resyncs: int = 0
    last_resync: float | None = None  # wall time of the last snapshot applied
    reason: str = ""  # why the state last changed (gap, silence, restart, refused key...)
    daemon: str = ""


@dataclass
class _Pending:
    future: Future
    deadline: float
    kind: str
    frames: list[bytes] | None = None  # a command to send again with its request_id, until give_up
    give_up: float = 0.0
    every: float = 0.0  # seconds an attempt waits for its reply
    held: bool = False  # the feed was lost: sent again once it is live


class FeedClient:
    """Connects to a daemon's ROUTER endpoint; learns its PUB port from ``hello``.

    ``subscribe=False`` makes a request-only client (the CLI's ``import``).
    ``on_changes`` and ``on_status`` are called from the client thread: keep
    them short (a Qt desk emits a queued signal). ``on_changes`` is called
    once per batch until ``take_changes``, and once more if the batch turns
    urgent meanwhile (``Replica.set_urgent``).
    """

    def __init__(
        self,
        endpoint: str,
        *,
        desk_id: str | None = None,
        subscribe: bool = True,
        keys: ClientKeys | None = None,
        on_changes: Callable[[], None] | None = None,
        on_status: Callable[[FeedStatus], None] | None = None,
        context: zmq.Context | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.desk_id = desk_id or f"desk-{_token(4)}"
        self.subscribe = subscribe
        self.keys = keys
        self.replica = Replica()
        self.status = FeedStatus()
        self._auth: str | None = None  # session token after login
        self._resync_wanted = False  # the session changed: the replica must hold what the new one may read
        self._snapshot_auth: str | None = None  # the token the snapshot in flight was asked with
        self._synced_auth: str | None = None  # the token the replica's last snapshot was asked with
        self._on_changes = on_changes or (lambda: None)
        self._on_status = on_status or (lambda s: None)
        self._ctx = context  # None: zmq's shared context, taken at start()
        self._outbox: queue.SimpleQueue[tuple[int, list[bytes]]] = queue.SimpleQueue()
        self._unsent: deque[tuple[int, list[bytes]]] = deque()  # taken from the outbox, not yet queued in the socket
        self._pending: dict[int, _Pending] = {}
        self._corr = itertools.count(1)
        self._notified = False  # on_changes was called since the last take_changes
        self._told_urgent = False  # … and the batch was urgent then
        self._stop = threading.Event()
        self._wake_addr = f"inproc://feedclient-{_token(16)}"
        self._wake_send: zmq.Socket | None = None  # made by start(): a request queued before waits in the outbox
        self._wake_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"feed-{self.desk_id}", daemon=True)
        self._rate_count = 0
        self._rate_since = time.monotonic()
        self._watchers: list[Callable[[FeedStatus], None]] = []
        self._heartbeat = HEARTBEAT_SECONDS  # the daemon's own interval, learnt from hello
        self.offers: frozenset[str] = frozenset()  # the daemon's command and query names, learnt from hello
        self.read_roles: dict[str, str | None] = {}  # each collection's read role (None: public), from hello

    # -- public, any thread ------------------------------------------------
    @property
    def auth(self) -> str | None:
        """The session token sent with every request (None: no session)."""
        return self._auth

    @auth.setter
    def auth(self, token: str | None) -> None:
        """A login or logout: the replica is resynced so that it holds exactly what the session may read."""
        if token != self._auth:
            self._auth = token
            self._resync_wanted = True
            self._wake()

    def start(self) -> FeedClient:
        import zmq

        with self._wake_lock:
            self._ctx = self._ctx or zmq.Context.instance()
            self._wake_send = self._ctx.socket(zmq.PAIR)
            self._wake_send.bind(self._wake_addr)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake()
        if self._thread.is_alive():
            self._thread.join(timeout)
        with self._wake_lock:
            if self._wake_send is not None:
                self._wake_send.close(linger=0)

    def request(self, type_: str, body: dict, timeout: float = 10.0, retries: int = 0) -> Future:
        """Send a request; the future gives the reply body or raises :class:`RequestError`. With ``retries``, it is
        sent again when unanswered after ``timeout / (retries + 1)`` or when the feed comes back after a loss,
        until ``timeout``: only for a request the daemon answers once (a command with a ``request_id``)."""
        future: Future = Future()
        corr = next(self._corr)
        now, frames = time.monotonic(), [P.encode(type_, corr, body)]
        every = timeout / (retries + 1)
        self._pending[corr] = _Pending(future, now + every, type_, frames if retries else None, now + timeout, every)
        self._outbox.put((corr, frames))
        self._wake()
        return future

    def command(
        self, name: str, payload: dict | None = None, timeout: float = 10.0, request_id: str | None = None
    ) -> Future:
        """A command with a ``request_id`` of its own (or the one given): sent again on silence, answered once."""
        body = {
            "name": name,
            "payload": payload or {},
            "auth": self.auth,
            "desk": self.desk_id,
            "request_id": request_id or _token(16),
        }
        return self.request(P.COMMAND, body, timeout, retries=COMMAND_RETRIES)

    def query(self, name: str, params: dict | None = None, timeout: float = 30.0) -> Future:
        return self.request(
            P.QUERY, {"name": name, "params": params or {}, "auth": self.auth, "desk": self.desk_id}, timeout
        )

    def login(self, username: str, password: str, timeout: float = 30.0) -> dict:
        """Blocking login; keeps the session token for later commands and, once live, returns after the replica
        was resynced with it (it then holds the restricted collections the session may read).  Its wait is long:
        passwords are checked one at a time (scrypt, ~0.7 s each), so a burst of logins queues behind each other."""
        reply = self.request(
            P.LOGIN, {"username": username, "password": password, "desk": self.desk_id}, timeout
        ).result(timeout + 1)
        self.auth = reply["token"]
        self._wait_session_synced(timeout)
        return reply

    def logout(self, timeout: float = 10.0) -> None:
        """Blocking logout; once live, returns after the replica was resynced without the session."""
        if self.auth is not None:
            self.request(P.LOGOUT, {"auth": self.auth}, timeout).result(timeout + 1)
        self.auth = None
        self._wait_session_synced(timeout)

    def _wait_session_synced(self, timeout: float) -> None:
        if self.subscribe and self.status.state == "live":
            token = self.auth
            self.wait_for(
                lambda s: s.state == "live" and self._synced_auth == token and not self._resync_wanted, timeout
            )

    def take_changes(self) -> Changes:
        """Coalesced changes since the last call; re-arms ``on_changes``."""
        self._notified = self._told_urgent = False
        return self.replica.take_changes()

    def wait_for(self, predicate: Callable[[FeedStatus], bool], timeout: float = 10.0) -> FeedStatus:
        """Block until ``predicate(status)`` holds (tests and the CLI); raises TimeoutError. Checked at each status
        change and at least every 50 ms, so a predicate may also read what the feed does not carry (files, stats)."""
        cond = threading.Condition()
        holder = {"ok": predicate(self.status)}

        def check(status: FeedStatus) -> None:
            if predicate(status):
                with cond:
                    holder["ok"] = True
                    cond.notify_all()

        self._watchers.append(check)
        try:
            with cond:
                deadline = time.monotonic() + timeout
                while not (holder["ok"] or predicate(self.status)):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError(f"feed status never matched; last: {self.status}")
                    cond.wait(min(left, 0.05))
        finally:
            self._watchers.remove(check)
        return self.status

    def __enter__(self) -> FeedClient:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the thread --------------------------------------------------------
    def _wake(self) -> None:
        if self._wake_send is None:
            return  # not started (a desk's login before its first paint): the thread reads the outbox first
        import zmq

        # suppressed: already closed, or a wake-up is already queued
        with self._wake_lock, contextlib.suppress(zmq.ZMQError):
            self._wake_send.send(b"", zmq.NOBLOCK)

    def _set_status(self, **changes: Any) -> None:
        self.status = replace(self.status, **changes)
        self._on_status(self.status)
        for watcher in list(self._watchers):
            watcher(self.status)

    def _run(self) -> None:
        import zmq

        from citybrain.core.request_socket import RequestSocket

        assert self._ctx is not None  # set by start()
        wake = self._ctx.socket(zmq.PAIR)
        wake.connect(self._wake_addr)
        poller = zmq.Poller()
        poller.register(wake, zmq.POLLIN)
        requests = RequestSocket(self._ctx, self.endpoint, self.keys, poller)
        sub: zmq.Socket | None = None
        host = urlsplit(self.endpoint.replace("tcp://", "http://")).hostname or "127.0.0.1"
        hello_corr: int | None = None
        snapshot_corr: int | None = None
        ping_corr: int | None = None
        next_hello = 0.0
        next_ping = time.monotonic() + PING_SECONDS
        last_heard = time.monotonic()
        heard_since_hello = False
        unanswered_since = time.monotonic()  # hellos unanswered since (connecting, stale)
        snapshot_again = 0.0  # a refused or lost snapshot is asked for again then
        try:
            while not self._stop.is_set():
                now = time.monotonic()
                # (re)introduce ourselves until the daemon answers
                if self.status.state in ("connecting", "stale", "refused") and hello_corr is None and now >= next_hello:
                    hello_corr = self._send_now(
                        requests, P.HELLO, {"desk": self.desk_id, "client": "citybrain", "auth": self.auth}
                    )
                    next_hello = now + HELLO_RETRY_SECONDS
                if now >= next_ping and self.status.state == "live":
                    ping_corr = self._send_now(requests, P.PING, {"desk": self.desk_id, "auth": self.auth})
                    next_ping = now + PING_SECONDS
                events = dict(poller.poll(100))
                for refusal in requests.refusals(events):
                    self._on_refusal(refusal)
                if wake in events:
                    while True:
                        try:
                            wake.recv(zmq.NOBLOCK)
                        except zmq.Again:
                            break
                self._send_requests(requests)
                need_snapshot = False
                if requests.has_replies(events):
                    applied_before = self.replica.applied
                    for _ in range(DRAIN_LIMIT):
                        frames = requests.receive()
                        if frames is None:
                            break
                        env, extra = self._decode_reply(frames)
                        if env is None:
                            continue
                        if env.type in (P.PRIVATE_UPDATE, P.UNIT):  # n: our private sequence, not a correlation id
                            if not (
                                self.replica.on_private(env.n, env.body)
                                if env.type == P.PRIVATE_UPDATE
                                else self.replica.on_unit(env.n, env.body.get("unit"))
                            ):
                                need_snapshot = True
                                self._set_status(reason=f"gap in private updates before {env.n}")
                        elif env.n == ping_corr:
                            ping_corr = None
                            self._resolve(env)
                            if (
                                env.type == P.OK
                                and snapshot_corr is None
                                and not self.replica.on_private_seq(env.body.get("private_seq"))
                            ):
                                need_snapshot = True
                                self._set_status(reason="private updates were lost or stopped")
                        elif env.n == hello_corr:
                            hello_corr = None
                            if env.type == P.OK:
                                sub = self._on_hello(env.body, sub, poller, host)
                                heard_since_hello = False
                                last_heard = time.monotonic()
                        elif env.n == snapshot_corr:
                            snapshot_corr = None
                            if env.type == P.OK:
                                self._on_snapshot(env.body, extra)
                            else:  # refused (busy: the last one is still on its way): again after a heartbeat
                                snapshot_again = time.monotonic() + self._heartbeat
                        else:
                            self._resolve(env)
                    if self.replica.applied != applied_before:
                        self._changed()
                if sub is not None and sub in events:
                    lost, heard = self._drain_sub(sub)
                    need_snapshot = need_snapshot or lost
                    if heard:
                        last_heard = time.monotonic()
                        heard_since_hello = True
                now = time.monotonic()
                if self.status.state == "syncing" and heard_since_hello and snapshot_corr is None:
                    need_snapshot = True
                if snapshot_again and now >= snapshot_again and snapshot_corr is None:
                    need_snapshot, snapshot_again = True, 0.0
                if self.status.state in ("connecting", "stale") and now - unanswered_since > NO_ANSWER_SECONDS:
                    self._say_no_answer()  # a wrong port, the PUB port, a daemon down: ZeroMQ tells them apart never
                if self.status.state == "connecting" and now - max(requests.opened, unanswered_since) > REOPEN_SECONDS:
                    self._start_afresh(requests, now)
                    hello_corr, next_hello = None, now
                if self._resync_wanted and snapshot_corr is None and self.status.state in ("live", "syncing"):
                    need_snapshot = True  # a snapshot asked for after the session changed carries the new token
                if need_snapshot and snapshot_corr is None and self.subscribe:
                    self._resync_wanted = False
                    self.replica.begin_resync()
                    self._snapshot_auth = self.auth
                    snapshot_corr = self._send_now(requests, P.SNAPSHOT, {"collections": None, "auth": self.auth})
                    self._pending[snapshot_corr] = _Pending(Future(), now + 30.0, P.SNAPSHOT)
                if (
                    sub is not None
                    and self.status.state in ("live", "syncing")
                    and now - last_heard > SILENT_HEARTBEATS * self._heartbeat
                ):
                    self.replica.begin_resync()
                    snapshot_corr = hello_corr = ping_corr = None
                    next_hello = unanswered_since = now
                    self._set_status(
                        state="stale", reason=f"no heartbeat for {SILENT_HEARTBEATS * self._heartbeat:g} s"
                    )
                    # what was sent may or may not have been done, and what waits in the socket would be done
                    # by a restarted daemon after the desk gave up on it: answer every request now, start afresh
                    self._start_afresh(requests, now)
                self._expire(now)
                if snapshot_corr is not None and snapshot_corr not in self._pending:
                    snapshot_corr = None  # timed out: ask again after a heartbeat
                    snapshot_again = now + self._heartbeat
                if hello_corr is not None and hello_corr not in self._pending:
                    hello_corr = None
                if ping_corr is not None and ping_corr not in self._pending:
                    ping_corr = None
                self._update_rate(now)
        except Exception:  # the thread must report, not vanish
            log.exception("feed client thread failed")
            self._set_status(state="stale", reason="client thread failed; see log")
        finally:
            for p in list(self._pending.values()):
                if not p.future.done():
                    p.future.set_exception(RequestError(P.E_UNAVAILABLE, "client stopped"))
            requests.close()
            for s in (wake, sub):
                if s is not None:
                    s.close(linger=0)

    def _say_no_answer(self) -> None:
        """The status's reason while it keeps trying (the CLI says the same and gives up)."""
        if not self.status.reason.startswith("no citybrain daemon answers at "):
            self._set_status(reason=f"no citybrain daemon answers at {self.endpoint}")

    def _send_requests(self, requests: RequestSocket) -> None:
        """Requests made since the last wake-up, in order. One the socket cannot queue yet waits, with those after
        it, for the next wake-up (a blocking send would stop this thread, monitor and replies included); one
        answered meanwhile (timed out) is dropped unsent."""
        while True:
            try:
                self._unsent.append(self._outbox.get_nowait())
            except queue.Empty:
                break
        while self._unsent:
            corr, frames = self._unsent[0]
            if corr in self._pending and self.status.state in ("stale", "refused"):
                # stale: it would wait in the socket and reach a restarted daemon; refused: it cannot reach it
                self._fail(corr, P.E_UNAVAILABLE, "the daemon cannot be reached")
            elif corr in self._pending and not requests.send(frames):
                return
            self._unsent.popleft()

    def _start_afresh(self, requests: RequestSocket, now: float) -> None:
        """A new request socket; every request waiting is held (a command sent again once live) or failed."""
        for corr in list(self._pending):
            self._hold_or_fail(corr, now)
        self._unsent.clear()
        requests.reopen()

    def _fail(self, corr: int, code: str, message: str) -> None:
        pending = self._pending.pop(corr, None)
        if pending is not None and not pending.future.done():
            pending.future.set_exception(RequestError(code, message))

    def _send_now(self, requests: RequestSocket, type_: str, body: dict) -> int:
        """A request of the client's own (hello, ping, snapshot); one the socket cannot queue counts as unanswered."""
        corr = next(self._corr)
        self._pending[corr] = _Pending(Future(), time.monotonic() + HELLO_RETRY_SECONDS * 2, type_)
        requests.send([P.encode(type_, corr, body)])
        return corr

    def _decode_reply(self, frames: list[bytes]) -> tuple[P.Envelope | None, list[bytes]]:
        try:
            return P.decode(frames[0]), frames[1:]
        except P.ProtocolError as exc:
            log.warning("dropped a malformed reply: %s", exc)
            return None, []

    def _resolve(self, env: P.Envelope) -> None:
        pending = self._pending.pop(env.n, None)
        if pending is None or pending.future.done():
            return
        if env.type == P.OK:
            pending.future.set_result(env.body)
        else:
            body = env.body if isinstance(env.body, dict) else {}
            pending.future.set_exception(
                RequestError(body.get("code", P.E_FAILED), body.get("message", ""), body.get("details"))
            )

    def _expire(self, now: float) -> None:
        live = self.status.state == "live"
        for corr, p in list(self._pending.items()):  # others add requests
            if p.frames is not None and live and now < p.give_up and (p.held or p.deadline < now):
                p.held, p.deadline = False, min(p.give_up, now + p.every)
                self._outbox.put((corr, p.frames))  # the same request_id: done once whatever the daemon saw
            elif p.deadline < now:
                self._pending.pop(corr, None)
                if not p.future.done():
                    p.future.set_exception(RequestError(P.E_TIMEOUT, f"no reply to {p.kind} within its timeout"))

    def _hold_or_fail(self, corr: int, now: float) -> None:
        """The feed was lost: a command with a request_id waits to be sent again; any other request fails."""
        p = self._pending.get(corr)
        if p is not None and p.frames is not None and now < p.give_up:
            p.held, p.deadline = True, p.give_up
        else:
            self._fail(corr, P.E_TIMEOUT, "the feed was lost before a reply came; the outcome is not known")

    def _on_refusal(self, event: int) -> None:
        """A handshake failure the request socket's monitor reported: the status says why."""
        import zmq

        if event == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
            self._set_status(
                state="refused",
                reason="the daemon refused this desk's key (CURVE); ask IT to add it to the allow-list",
            )
        elif self.keys is None:
            self._set_status(
                state="refused",
                reason="this daemon requires keys (CURVE): give this desk its --key and the daemon's --server-key",
            )
        else:
            self._set_status(
                state="refused",
                reason="the daemon and this desk disagree on encryption (CURVE): "
                "check the desk's key and the daemon's public key",
            )

    def _on_hello(self, body: dict, sub: zmq.Socket | None, poller: zmq.Poller, host: str) -> zmq.Socket | None:
        self._heartbeat = float(body.get("heartbeat") or HEARTBEAT_SECONDS)
        self.offers = frozenset(body.get("commands", ())) | frozenset(body.get("queries", ()))
        self.read_roles = {c["name"]: c.get("read_role") for c in body.get("collections", ())}
        self.replica.set_parts({c["name"]: c["part_of"] for c in body.get("collections", ()) if c.get("part_of")})
        if not self.subscribe:
            self._set_status(
                state="live", daemon=str(body.get("daemon", "")), epoch=body.get("epoch"), seq=body.get("seq", -1)
            )
            return None
        import zmq

        from citybrain.core.security import apply_client_keys

        if sub is not None:
            poller.unregister(sub)
            sub.close(linger=0)
        assert self._ctx is not None  # set by start()
        sub = self._ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.RCVHWM, 0)
        apply_client_keys(sub, self.keys)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        sub.connect(f"tcp://{host}:{int(body['pub_port'])}")
        poller.register(sub, zmq.POLLIN)
        self.replica.begin_resync()
        self._set_status(state="syncing", daemon=str(body.get("daemon", "")), reason=self.status.reason or "connected")
        return sub

    def _drain_sub(self, sub: zmq.Socket) -> tuple[bool, bool]:
        """Apply every ready PUB message; returns (snapshot needed, heard anything)."""
        import zmq

        replica = self.replica
        applied_before = replica.applied
        need = False
        heard = False
        for _ in range(DRAIN_LIMIT):
            try:
                topic, frame = sub.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                break
            except ValueError:
                continue  # not two frames: not ours
            heard = True
            try:
                env = P.decode(frame)
            except P.ProtocolError as exc:
                log.warning("dropped a malformed feed frame: %s", exc)
                continue
            if env.type == P.UPDATE:
                before = replica.applied
                if not replica.on_update(env.n, env.body):
                    need = True
                    self._set_status(reason=f"gap in sequence before {env.n}")
                self._rate_count += replica.applied - before
            elif env.type == P.HEARTBEAT and not replica.on_heartbeat(env.n, env.body.get("epoch")):
                need = True
                restarted = env.body.get("epoch") != replica.epoch
                self._set_status(reason="daemon restarted" if restarted else f"missed updates up to {env.n}")
        if replica.applied != applied_before:
            self._changed()
        return need, heard

    def _changed(self) -> None:
        """The replica changed: tell the consumer (once per drain, again when the batch turned urgent) and the
        waiters."""
        urgent = self.replica.urgent_pending
        if (not self._notified or (urgent and not self._told_urgent)) and self.status.state == "live":
            self._notify()
        for watcher in list(self._watchers):  # wait_for() predicates may look at the replica
            watcher(self.status)

    def _on_snapshot(self, body: dict, frames: list[bytes]) -> None:
        collections = {}
        for frame in frames:
            name, key_field, records = P.unpack_collection(frame)
            collections[name] = (key_field, records)
        ok = self.replica.on_snapshot(
            body["seq"], body["epoch"], collections, body.get("private_seq"), body.get("unit")
        )
        self._synced_auth = self._snapshot_auth
        if ok:
            self._set_status(
                state="live",
                seq=self.replica.seq,
                epoch=body["epoch"],
                resyncs=self.replica.resyncs,
                last_resync=time.time(),
            )
            self._notify()

    def _notify(self) -> None:
        self._notified, self._told_urgent = True, self.replica.urgent_pending
        self._on_changes()

    def _update_rate(self, now: float) -> None:
        elapsed = now - self._rate_since
        if elapsed >= 1.0:
            rate = self._rate_count / elapsed
            self._rate_count = 0
            self._rate_since = now
            if rate != self.status.rate or self.status.seq != self.replica.seq:
                self._set_status(rate=rate, seq=self.replica.seq)
