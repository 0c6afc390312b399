"""The requests a peer follows the feed with: ``hello``, ``ping``, ``snapshot`` and ``describe``."""

from __future__ import annotations

import asyncio
from typing import Any

from citybrain.core import protocol as P
from citybrain.core.config import DaemonConfig
from citybrain.core.daemon.contributions import Contributions
from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.daemon.feed import Feed
from citybrain.core.daemon.replies import Replies
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.sockets import Sockets
from citybrain.core.live import FrameJob, packed
from citybrain.core.sessions import session_body


class FeedRequests:
    def __init__(
        self,
        config: DaemonConfig,
        sockets: Sockets,
        contributions: Contributions,
        feed: Feed,
        replies: Replies,
        sessions: SessionCache,
        desks: DeskRegister,
    ) -> None:
        self._config = config
        self._sockets = sockets
        self._contributions = contributions
        self._feed = feed
        self._replies = replies
        self._sessions = sessions
        self._desks = desks
        self._packing: set[bytes] = set()  # peers whose snapshot is being packed

    async def hello(self, identity: bytes, env: P.Envelope) -> None:
        session = await self._sessions.lookup(env.body.get("auth"))
        self._desks.heard(identity, env.body.get("desk"), session)
        live = self._feed.live
        self._replies.ok(
            identity,
            env.n,
            {
                "daemon": self._config.name,
                "protocol": P.PROTOCOL_VERSION,
                "epoch": live.epoch,
                "seq": live.seq,
                "pub_port": self._sockets.pub_port,
                "heartbeat": self._config.heartbeat,
                "collections": self._feed.policy.describe(),
                "commands": sorted(self._contributions.commands),
                "queries": sorted(self._contributions.queries),
                "operator": session_body(session),
            },
        )

    async def describe(self, identity: bytes, env: P.Envelope) -> None:
        self._replies.ok(identity, env.n, self._contributions.describe())

    async def ping(self, identity: bytes, env: P.Envelope) -> None:
        self._desks.heard(identity, env.body.get("desk"), await self._sessions.lookup(env.body.get("auth")))
        live = self._feed.live
        self._replies.ok(
            identity,
            env.n,
            {"seq": live.seq, "epoch": live.epoch, "private_seq": self._feed.private.heard(identity)},
        )

    async def snapshot(self, identity: bytes, env: P.Envelope) -> None:
        names: Any = env.body.get("collections")
        if names is not None and not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
            self._replies.error(identity, env.n, P.E_INVALID_PAYLOAD, "collections: a list of names or nil")
            return
        token = env.body.get("auth")
        session = await self._sessions.lookup(token)
        # from here to the copy of the records nothing awaits: the snapshot, the PUB feed and the private stream meet
        # at seq; the frames not cached are then packed on a thread, and the peer's private updates wait for the reply
        if self._replies.snapshots.busy(identity) or identity in self._packing:  # no second copy queued behind
            self._replies.busy(identity, env.n, "this peer's last snapshot is still being sent")
            return
        feed = self._feed
        feed.flush()  # everything up to seq is on the wire before the snapshot says so
        scope = self._sessions.scope_of(session)
        parts = feed.policy.snapshot_parts(names, session.role if session else None, scope)
        head = {
            "seq": feed.live.seq,
            "epoch": feed.live.epoch,
            "collections": len(parts),
            "private_seq": feed.private.start(identity, token, session, scope),
            "unit": session.unit if session is not None else None,
        }
        jobs = [part for part in parts if isinstance(part, FrameJob)]
        if jobs:
            self._packing.add(identity)
            feed.private.hold(identity)
        try:  # without a reply (an error), the held updates go out all the same; the peer asks again
            if jobs:
                await asyncio.to_thread(_pack, jobs)
            self._replies.snapshots.send(identity, P.encode(P.OK, env.n, head), packed(parts))
        finally:
            self._packing.discard(identity)
            feed.private.release(identity)


def _pack(jobs: list[FrameJob]) -> None:
    """On a worker thread: the frames no cache held (the loop caches them when this returns)."""
    for job in jobs:
        job.pack()
