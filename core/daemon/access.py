"""Who may read which collection: what the PUB socket carries, what a snapshot holds, the private streams.

A collection is public (``read_role`` None) or restricted to sessions holding a role.  The PUB socket
carries only public changes: a restricted change keeps its sequence number but travels as ``nil``, so the
public sequence stays gap-free and a peer never receives a record it may not read.  Restricted changes reach
each authorised peer over the ROUTER socket as private updates with a sequence of that peer's own
(:class:`PrivateStreams`).  ``Restricted`` fields are split off a public collection into a companion one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from citybrain.core import protocol as P
from citybrain.core.api import CollectionSpec, Record
from citybrain.core.live import MAX_CHANGES_PER_FRAME, Change, LiveState
from citybrain.core.operators import Role
from citybrain.core.sessions import SessionInfo

PEER_TIMEOUT = 10.0  # a peer that has not pinged (nor asked for its snapshot) this long loses its private stream


@dataclass(frozen=True)
class _Wire:
    """A collection as peers see it: the live collection it comes from and which of its fields."""

    name: str
    source: str
    key: str
    title: str
    read_role: Role | None
    keep: frozenset[str] | None = None  # the companion's fields (plus the key); None: the whole record
    drop: frozenset[str] = frozenset()  # fields taken out (the public half of a split collection)

    def shape(self, record: Record | None) -> Record | None:
        if record is None:
            return None
        if self.keep is not None:
            return {k: v for k, v in record.items() if k in self.keep}
        if self.drop:
            return {k: v for k, v in record.items() if k not in self.drop}
        return record


def may_read(role: Role | None, read_role: Role | None) -> bool:
    """No session (``role`` None) reads only public collections; a session reads up to its role."""
    return read_role is None or (role is not None and role >= read_role)


class ReadPolicy:
    """The wire collections made from the declared ones, and each peer's share of a change or a snapshot."""

    def __init__(self, specs: Iterable[CollectionSpec], live: LiveState) -> None:
        self.live = live
        self.wires: dict[str, _Wire] = {}
        self._by_source: dict[str, list[_Wire]] = {}
        for spec in specs:
            part = spec.restricted
            drop = frozenset(part.fields) if part else frozenset()
            self._add(_Wire(spec.name, spec.name, spec.key, spec.title, spec.read_role, drop=drop))
            if part is not None:
                self._add(_Wire(part.name, spec.name, spec.key, spec.title, part.read_role, keep=drop | {spec.key}))
        self._frames: dict[str, tuple[int, bytes]] = {}
        # the common case, checked per commit: only collections sent whole to everyone, or none of them
        self._plain = {name for name, wires in self._by_source.items()
                       if [(w.read_role, w.drop, w.keep) for w in wires] == [(None, frozenset(), None)]}
        self._private_sources = {w.source for w in self.wires.values() if w.read_role is not None}

    def _add(self, wire: _Wire) -> None:
        if wire.name in self.wires:
            raise ValueError(f"collection {wire.name!r} is declared twice")
        self.wires[wire.name] = wire
        self._by_source.setdefault(wire.source, []).append(wire)

    def describe(self) -> list[dict]:
        """What ``hello`` lists: every collection, the role that reads it (nil: public), the one it is part of."""
        return [{"name": w.name, "key": w.key, "title": w.title, "read_role": w.read_role.label if w.read_role else None,
                 "part_of": w.source if w.keep is not None else None} for w in self.wires.values()]

    def public(self, changes: list[Change]) -> list[Change | None]:
        """The PUB socket's share: one entry per change (same sequence numbers), ``None`` where withheld."""
        if {change[0] for change in changes} <= self._plain:
            return changes
        out: list[Change | None] = []
        for collection, key, record in changes:
            wire = self.wires.get(collection)
            out.append((collection, key, wire.shape(record)) if wire is not None and wire.read_role is None else None)
        return out

    def private(self, changes: list[Change], role: Role) -> list[Change]:
        """A session's share of the restricted collections (and companions) in ``changes``, in order."""
        out: list[Change] = []
        if self._private_sources.isdisjoint({change[0] for change in changes}):
            return out
        for collection, key, record in changes:
            for wire in self._by_source.get(collection, ()):
                if wire.read_role is not None and may_read(role, wire.read_role):
                    out.append((wire.name, key, wire.shape(record)))
        return out

    def has_private(self, role: Role | None) -> bool:
        return any(w.read_role is not None and may_read(role, w.read_role) for w in self.wires.values())

    def snapshot_frames(self, names: Iterable[str] | None, role: Role | None) -> list[bytes]:
        """One frame per collection ``role`` may read, ``[name, key_field, [record, ...]]``, cached per version."""
        frames = []
        for name in names if names is not None else self.wires:
            wire = self.wires.get(name)
            if wire is None or not may_read(role, wire.read_role):
                continue
            if wire.keep is None and not wire.drop:
                frames.extend(self.live.snapshot_frames([wire.source]))
                continue
            version = self.live.version(wire.source)
            cached = self._frames.get(name)
            if cached is None or cached[0] != version:
                records = [wire.shape(r) for r in self.live.collections[wire.source].values()]
                cached = self._frames[name] = (version, P.pack([name, wire.key, records]))
            frames.append(cached[1])
        return frames


@dataclass
class _Peer:
    token: str
    session: SessionInfo
    seq: int = 0  # the last private update's sequence sent to this peer
    heard: float = 0.0


class PrivateStreams:
    """Per ROUTER peer: the session that asked for its last snapshot, and its private update sequence.

    ``send(identity, frame)`` hands a frame to the ROUTER; ZeroMQ queues at most the socket's send high-water
    mark per peer and drops beyond it, so a slow peer costs bounded memory and sees a gap (then resyncs).
    """

    def __init__(self, policy: ReadPolicy, send: Callable[[bytes, bytes], None]) -> None:
        self.policy = policy
        self._send = send
        self.peers: dict[bytes, _Peer] = {}

    def start(self, identity: bytes, token: str | None, session: SessionInfo | None) -> int | None:
        """A snapshot was sent to ``identity``: its private stream (re)starts at 0; None when it has none."""
        if token is None or session is None or not self.policy.has_private(session.role):
            self.peers.pop(identity, None)
            return None
        self.peers[identity] = _Peer(token, session, 0, time.monotonic())
        return 0

    def heard(self, identity: bytes) -> int | None:
        """The peer spoke (a ping): keep its stream; the sequence it should hold, or None if it has no stream."""
        peer = self.peers.get(identity)
        if peer is None:
            return None
        peer.heard = time.monotonic()
        return peer.seq

    def end_token(self, token: str) -> None:
        """Logout or a revoked session: every stream opened with ``token`` stops."""
        for identity in [i for i, p in self.peers.items() if p.token == token]:
            del self.peers[identity]

    def expire(self, valid: Callable[[str, SessionInfo], bool]) -> None:
        """Drop streams of silent peers and of sessions no longer ``valid``."""
        now = time.monotonic()
        for identity in [i for i, p in self.peers.items() if now - p.heard > PEER_TIMEOUT or not valid(p.token, p.session)]:
            del self.peers[identity]

    def publish(self, changes: list[Change]) -> None:
        if not self.peers:
            return
        shares: dict[Role, list[Change]] = {}
        for identity, peer in self.peers.items():
            role = peer.session.role
            share = shares.get(role)
            if share is None:
                share = shares[role] = self.policy.private(changes, role)
            for i in range(0, len(share), MAX_CHANGES_PER_FRAME):
                peer.seq += 1
                self._send(identity, P.encode(P.PRIVATE_UPDATE, peer.seq, share[i:i + MAX_CHANGES_PER_FRAME]))

