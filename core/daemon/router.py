"""The ROUTER loop: requests read, bounded and decoded defensively, each handed to its handler as a task.

A malformed, oversized or unknown frame is answered with an error (when it names a correlation id) or dropped,
and always counted; nothing a desk sends can end the daemon.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from functools import partial
from typing import Any

import zmq.asyncio

from citybrain.core import protocol as P
from citybrain.core.api import CommandSpec
from citybrain.core.daemon import intake
from citybrain.core.daemon.health import Health
from citybrain.core.daemon.replies import Replies, internal_error
from citybrain.core.daemon.session_cache import SessionCache

Handler = Callable[..., Awaitable[None]]  # handler(identity, env); a login's also gets peer=


def spawn(work: Coroutine[Any, Any, Any], name: str | None = None) -> None:
    """Run ``work`` as a task of its own; its exception, which it reports itself, is retrieved. The ``name`` is
    what asyncio's debug mode says of a task that held the loop."""
    task = asyncio.create_task(work, name=name)
    task.add_done_callback(_retrieve)


def _retrieve(task: asyncio.Task) -> None:
    if not task.cancelled():
        task.exception()


class Router:
    def __init__(
        self,
        socket: zmq.asyncio.Socket,
        max_request_bytes: int,
        handlers: Mapping[str, Handler],
        replies: Replies,
        health: Health,
        sessions: SessionCache,
        commands: Mapping[str, tuple[str, CommandSpec]],
    ) -> None:
        self._socket = socket
        self._max_bytes = max_request_bytes
        self._handlers = handlers
        self._replies = replies
        self._health = health
        self._sessions = sessions
        self._commands = commands

    async def serve(self) -> None:
        while True:
            frames = await self._socket.recv_multipart(copy=False)
            self._health.counters["requests"] += 1
            if len(frames) != 2:
                self._replies.drop(P.E_BAD_FRAME)
                continue
            identity, frame = frames[0].bytes, frames[1]
            if len(frame) > self._max_bytes:
                self._replies.drop(P.E_TOO_LARGE)
                continue
            if len(frame) > intake.SMALL_REQUEST_BYTES:  # decoded only for a session that may send a file
                spawn(self._take_large(identity, frame.buffer))
                continue
            try:
                env = P.decode(frame.buffer)
            except P.ProtocolError as exc:
                self._bad_frame(identity, exc)
                continue
            # a login is throttled per peer address as well as per user name
            self._dispatch(identity, env, intake.peer_address(frame) if env.type == P.LOGIN else None)

    def _bad_frame(self, identity: bytes, exc: P.ProtocolError) -> None:
        self._replies.drop(exc.code)
        if exc.corr is not None:
            self._replies.error(identity, exc.corr, exc.code, str(exc))

    def _dispatch(self, identity: bytes, env: P.Envelope, peer: str | None = None) -> None:
        handler = self._handlers.get(env.type)
        if handler is None or not isinstance(env.body, dict):
            code = P.E_UNKNOWN_TYPE if handler is None else P.E_BAD_FRAME
            self._replies.drop(code)
            self._replies.error(
                identity,
                env.n,
                code,
                f"unknown request type {env.type[:40]!r}" if handler is None else "a request body is a map",
            )
            return
        overlong = P.overlong_identifiers(env.body)
        if overlong:  # bounded before any use: audit rows, system.desks, session lookups
            self._replies.drop(P.E_INVALID_PAYLOAD)
            self._replies.error(identity, env.n, P.E_INVALID_PAYLOAD, "; ".join(overlong), overlong)
            return
        named = env.body.get("name")
        spawn(
            self._guard(partial(handler, peer=peer) if env.type == P.LOGIN else handler, identity, env),
            f"request {env.type} {named}" if isinstance(named, str) else f"request {env.type}",
        )

    async def _take_large(self, identity: bytes, frame: memoryview) -> None:
        """A frame over ``SMALL_REQUEST_BYTES``: a request that carries a file, from a session whose role may send
        it, is decoded on a worker thread; any other is refused ``too_large`` unread (docs/protocol.md, "Limits")."""
        head = intake.peek(frame)
        name = head.name if head is not None and intake.carries_file(head) else None
        entry = self._commands.get(name) if name is not None else None
        session = await self._sessions.lookup(head.auth) if head is not None and entry is not None else None
        if entry is None or session is None or session.role < entry[1].role:
            self._replies.drop(P.E_TOO_LARGE)
            if head is not None:
                self._replies.error(
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
        self._dispatch(identity, env)

    async def _guard(self, handler: Handler, identity: bytes, env: P.Envelope) -> None:
        try:
            await handler(identity, env)
        except Exception as exc:  # a bug in a handler answers one request; the daemon goes on
            self._replies.error(identity, env.n, P.E_FAILED, internal_error(exc, f"request {env.type}"))
