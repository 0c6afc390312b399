"""Who may read which collection: what the PUB socket carries, what a snapshot holds, the private streams.

A collection is public (``read_role`` None) or restricted to sessions holding a role.  The PUB socket
carries only public changes: a restricted change keeps its sequence number but travels as ``nil``, so the
public sequence stays gap-free and a peer never receives a record it may not read.  Restricted changes reach
each authorised peer over the ROUTER socket as private updates with a sequence of that peer's own
(:class:`PrivateStreams`).  ``Restricted`` fields are split off a public collection into a companion one.

A placed collection (``CollectionSpec.place``) is restricted too, and each peer's share of it is cut to its
session's unit (:mod:`citybrain.core.daemon.units`): a record whose place leaves the subtree reaches that peer as a
delete, one that enters it as an upsert.  The place of a change and of the record it replaces are looked up once
per change (:meth:`ReadPolicy.route`), then checked per distinct scope.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from citybrain.core import protocol as P
from citybrain.core.api import CollectionSpec, Record
from citybrain.core.daemon.units import Scope
from citybrain.core.live import MAX_CHANGES_PER_FRAME, Change, FrameJob, LiveState, SnapshotPart
from citybrain.core.operators import Role
from citybrain.core.sessions import SessionInfo

PEER_TIMEOUT = 10.0  # a peer that has not pinged (nor asked for its snapshot) this long loses its private stream
HELD_FRAMES = 1000  # a peer's private frames kept while its snapshot is packed (the ROUTER's SNDHWM per peer)


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
    place: str | None = None  # the source record's field placing it in the org tree; None: seen whole by every reader

    @property
    def whole(self) -> bool:
        """Records travel as they are (no field kept back nor split off)."""
        return self.keep is None and not self.drop

    def shape(self, record: Record | None) -> Record | None:
        if record is None:
            return None
        if self.keep is not None:
            return {k: v for k, v in record.items() if k in self.keep}
        if self.drop:
            return {k: v for k, v in record.items() if k not in self.drop}
        return record


class _Routed(NamedTuple):
    """A restricted change as one wire sends it, with the source record's place before and after it (a tuple: one
    is made per change and wire, 100,000 a second under load, and a frozen dataclass costs three times as much)."""

    wire: _Wire
    change: Change
    before: Any = None
    after: Any = None


def placed(read_role: Role | None, place: str | None) -> Role | None:
    """A placed collection needs a session: its records are cut per unit, so never sent to everyone on PUB."""
    return max(read_role or Role.VIEWER, Role.VIEWER) if place is not None else read_role


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
            self._add(
                _Wire(
                    spec.name,
                    spec.name,
                    spec.key,
                    spec.title,
                    placed(spec.read_role, spec.place_field),
                    drop=drop,
                    place=spec.place_field,
                )
            )
            if part is not None:
                self._add(
                    _Wire(
                        part.name,
                        spec.name,
                        spec.key,
                        spec.title,
                        placed(part.read_role, spec.place_field),
                        keep=drop | {spec.key},
                        place=spec.place_field,
                    )
                )
        self.places = {spec.name: spec.place_field for spec in specs if spec.place_field is not None}
        self._frames: dict[tuple[str, str | None], tuple[tuple[int, int], bytes]] = {}  # per (name, scope's unit)
        # the common case, checked per commit: only collections sent whole to everyone, or none of them
        self._plain = {
            name
            for name, wires in self._by_source.items()
            if [(w.read_role, w.drop, w.keep) for w in wires] == [(None, frozenset(), None)]
        }
        self._private_sources = {w.source for w in self.wires.values() if w.read_role is not None}
        self._private_wires: dict[str, list[_Wire]] = {}  # each source's wires that are not sent on PUB
        for wire in self.wires.values():
            if wire.read_role is not None:
                self._private_wires.setdefault(wire.source, []).append(wire)

    def _add(self, wire: _Wire) -> None:
        if wire.name in self.wires:
            raise ValueError(f"collection {wire.name!r} is declared twice")
        self.wires[wire.name] = wire
        self._by_source.setdefault(wire.source, []).append(wire)

    def describe(self) -> list[dict]:
        """What ``hello`` lists: every collection, the role that reads it (nil: public), the one it is part of, the
        field that places its records in the org tree."""
        return [
            {
                "name": w.name,
                "key": w.key,
                "title": w.title,
                "read_role": w.read_role.label if w.read_role else None,
                "part_of": w.source if w.keep is not None else None,
                "place": w.place,
            }
            for w in self.wires.values()
        ]

    def public(self, changes: list[Change]) -> Sequence[Change | None]:
        """The PUB socket's share: one entry per change (same sequence numbers), ``None`` where withheld."""
        if {change[0] for change in changes} <= self._plain:
            return changes
        out: list[Change | None] = []
        for collection, key, record in changes:
            wire = self.wires.get(collection)
            out.append((collection, key, wire.shape(record)) if wire is not None and wire.read_role is None else None)
        return out

    def route(self, changes: list[Change]) -> list[_Routed]:
        """The restricted and placed share of ``changes``, each shaped once with its place before and after; called
        BEFORE the changes are applied to the live state (which holds the records they replace)."""
        if self._private_sources.isdisjoint({change[0] for change in changes}):
            return []
        out: list[_Routed] = []
        moved: dict[tuple[str, Hashable], Any] = {}  # places set earlier in this batch
        for collection, key, record in changes:
            wires = self._private_wires.get(collection)
            if not wires:
                continue
            field = self.places.get(collection)
            before = after = None
            if field is not None:
                slot = (collection, key)
                if slot in moved:
                    before = moved[slot]
                else:
                    held = self.live.collections[collection].get(key)
                    before = held.get(field) if held is not None else None
                after = moved[slot] = record.get(field) if record is not None else None
            for wire in wires:
                shaped = record if wire.whole else wire.shape(record)
                out.append(_Routed(wire, (wire.name, key, shaped), before, after))
        return out

    def rescope(self, role: Role, before: Scope | None, after: Scope | None) -> list[Change]:
        """What a peer is sent when its unit (or the tree) changes: the placed records leaving its view as deletes,
        those entering as upserts."""
        out: list[Change] = []
        for wire in self.wires.values():
            if wire.place is None or not may_read(role, wire.read_role):
                continue
            for key, record in self.live.collections[wire.source].items():
                place = record.get(wire.place)
                was = before is None or before.has(place)
                now = after is None or after.has(place)
                if now and not was:
                    out.append((wire.name, key, wire.shape(record)))
                elif was and not now:
                    out.append((wire.name, key, None))
        return out

    def has_private(self, role: Role | None) -> bool:
        return any(w.read_role is not None and may_read(role, w.read_role) for w in self.wires.values())

    def snapshot_parts(
        self, names: Iterable[str] | None, role: Role | None, scope: Scope | None = None
    ) -> list[SnapshotPart]:
        """One frame per collection ``role`` may read, ``[name, key_field, [record, ...]]``, a placed one cut to
        ``scope``: cached per collection version (and scope), or the job that packs it (off the loop, then cached;
        ``live.packed`` packs them in place)."""
        parts: list[SnapshotPart] = []
        for name in names if names is not None else self.wires:
            wire = self.wires.get(name)
            if wire is None or not may_read(role, wire.read_role):
                continue
            place = wire.place
            cut = scope if place is not None else None
            if wire.whole and cut is None:
                parts.extend(self.live.snapshot_parts([wire.source]))
                continue
            version = (self.live.version(wire.source), cut.generation if cut else -1)
            slot = (name, cut.unit if cut else None)
            cached = self._frames.get(slot)
            if cached is not None and cached[0] == version:
                parts.append(cached[1])
                continue
            records = list(self.live.collections[wire.source].values())
            keep_if = None if cut is None or place is None else _held_by(cut, place)
            shape = None if wire.whole else wire.shape
            parts.append(FrameJob(self._frames, slot, version, name, wire.key, records, shape, keep_if))
        return parts


def _held_by(scope: Scope, place: str) -> Callable[[Record], bool]:
    """Whether a record is placed in ``scope`` (by its field ``place``)."""
    return lambda record: scope.has(record.get(place))


@dataclass
class _Peer:
    token: str
    session: SessionInfo
    scope: Scope | None = None  # the units its session sees (None: everything)
    seq: int = 0  # the last private update's sequence sent to this peer
    heard: float = 0.0


class PrivateStreams:
    """Per ROUTER peer: the session that asked for its last snapshot, its scope and its private update sequence.

    ``send(identity, frame)`` hands a frame to the ROUTER; ZeroMQ queues at most the socket's send high-water
    mark per peer and drops beyond it, so a slow peer costs bounded memory and sees a gap (then resyncs).
    """

    def __init__(self, policy: ReadPolicy, send: Callable[[bytes, bytes], None]) -> None:
        self.policy = policy
        self._send_now = send
        self.peers: dict[bytes, _Peer] = {}
        self._waiting: list[_Routed] = []
        self._held: dict[bytes, list[bytes]] = {}  # frames for a peer whose snapshot reply is still being packed

    def hold(self, identity: bytes) -> None:
        """Until :meth:`release`, ``identity``'s frames wait here: its snapshot reply, packed off the loop, must
        reach it before the private updates that follow the snapshot (the client ignores those before it)."""
        self._held.setdefault(identity, [])

    def release(self, identity: bytes) -> None:
        """Send what waited for ``identity``'s snapshot reply (sent just before), in order."""
        for frame in self._held.pop(identity, ()):
            self._send_now(identity, frame)

    def _send(self, identity: bytes, frame: bytes) -> None:
        held = self._held.get(identity)
        if held is None:
            self._send_now(identity, frame)
        elif len(held) < HELD_FRAMES:
            held.append(frame)
        # beyond: dropped, as ZeroMQ drops beyond its high-water mark; the peer sees a gap and resyncs

    def start(self, identity: bytes, token: str | None, session: SessionInfo | None, scope: Scope | None) -> int | None:
        """A snapshot was sent to ``identity``: its private stream (re)starts at 0; None when it has none."""
        if token is None or session is None or not self.policy.has_private(session.role):
            self.peers.pop(identity, None)
            return None
        self.peers[identity] = _Peer(token, session, scope, 0, time.monotonic())
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
        for identity in [
            i for i, p in self.peers.items() if now - p.heard > PEER_TIMEOUT or not valid(p.token, p.session)
        ]:
            del self.peers[identity]

    def rescope(self, scope_of: Callable[[SessionInfo], Scope | None], sessions: dict[str, SessionInfo]) -> None:
        """Units changed (an operator's, or the org tree): a stream whose session is in another unit is told it
        (``unit``), and each stream whose scope is now another is sent what leaves and enters its view, at once;
        ``sessions`` holds the sessions known anew, by token."""
        for identity, peer in self.peers.items():
            before, peer.session = peer.session, sessions.get(peer.token, peer.session)
            if peer.session.unit != before.unit:  # the desk names its new unit before its records follow
                peer.seq += 1
                self._send(identity, P.encode(P.UNIT, peer.seq, {"unit": peer.session.unit}))
            scope = scope_of(peer.session)
            if scope == peer.scope:
                continue
            changes, peer.scope = self.policy.rescope(peer.session.role, peer.scope, scope), scope
            self._deliver(identity, peer, changes)

    def queue(self, routed: list[_Routed]) -> None:
        """A commit's restricted and placed changes (:meth:`ReadPolicy.route`), sent with the next :meth:`flush`."""
        if self.peers:
            self._waiting.extend(routed)

    def flush(self) -> None:
        """Each peer's share of the changes queued since the last flush, in commit order: worked out once per role
        and scope, packed once per share, at most MAX_CHANGES_PER_FRAME a frame (the commits of one loop turn
        travel together: 40 desks in their units were sent a frame each per commit, 4,000 for 100 commits)."""
        routed, self._waiting = self._waiting, []
        if not self.peers or not routed:
            return
        groups: dict[tuple[Role, Scope | None], list[tuple[bytes, _Peer]]] = {}
        for identity, peer in self.peers.items():
            groups.setdefault((peer.session.role, peer.scope), []).append((identity, peer))
        for slot, changes in shares(routed, list(groups)).items():
            for i in range(0, len(changes), MAX_CHANGES_PER_FRAME):
                packed = P.pack(changes[i : i + MAX_CHANGES_PER_FRAME])
                for identity, peer in groups[slot]:
                    peer.seq += 1
                    self._send(identity, private_frame(peer.seq, packed))

    def _deliver(self, identity: bytes, peer: _Peer, changes: list[Change]) -> None:
        for i in range(0, len(changes), MAX_CHANGES_PER_FRAME):
            peer.seq += 1
            self._send(identity, private_frame(peer.seq, P.pack(changes[i : i + MAX_CHANGES_PER_FRAME])))


_PRIVATE_HEAD = b"\x94" + P.pack(P.PROTOCOL_VERSION) + P.pack(P.PRIVATE_UPDATE)  # a 4-array envelope's first items


def private_frame(seq: int, packed_changes: bytes) -> bytes:
    """``encode(PRIVATE_UPDATE, seq, changes)`` from changes packed once for every peer that shares them."""
    return _PRIVATE_HEAD + P.pack(seq) + packed_changes


def shares(
    routed: list[_Routed], slots: list[tuple[Role, Scope | None]]
) -> dict[tuple[Role, Scope | None], list[Change]]:
    """Each (role, scope)'s share of ``routed``, in commit order: what the role reads, a placed record as an upsert
    while in the scope and as a delete when it leaves it.  One pass over the changes: the slots a change goes to are
    worked out once per (read role, place) and kept as indexes, so a change costs a lookup and its readers' appends,
    not every scope (nor a scope's hash: 100,000 changes to 40 desks in their units spent most of their time there)."""
    lists: list[list[Change]] = [[] for _ in slots]
    roles = [role for role, _ in slots]
    whole = [i for i, (_, scope) in enumerate(slots) if scope is None]
    cut = [(i, scope) for i, (_, scope) in enumerate(slots) if scope is not None]
    holding: dict[Any, list[int]] = {}  # place -> the cut slots whose scope holds it
    reading: dict[tuple[Role | None, Any], list[int]] = {}  # (read role, place) -> the slots a change there goes to
    leaving: dict[tuple[Role | None, Any, Any], list[int]] = {}  # (read role, before, after) -> those sent a delete
    everywhere: dict[Role | None, list[int]] = {}  # read role -> the slots an unplaced change goes to

    def holders(place: Any) -> list[int]:
        found = holding.get(place)
        if found is None:
            found = holding[place] = [i for i, scope in cut if scope.has(place)]
        return found

    for wire, change, before, after in routed:
        read_role = wire.read_role
        if wire.place is None:
            targets = everywhere.get(read_role)
            if targets is None:
                targets = everywhere[read_role] = [i for i in range(len(slots)) if may_read(roles[i], read_role)]
            for i in targets:
                lists[i].append(change)
            continue
        targets = reading.get((read_role, after))
        if targets is None:
            targets = reading[(read_role, after)] = [i for i in whole + holders(after) if may_read(roles[i], read_role)]
        for i in targets:
            lists[i].append(change)
        if before != after:
            gone_to = leaving.get((read_role, before, after))
            if gone_to is None:
                now = set(holders(after))
                gone_to = leaving[(read_role, before, after)] = [
                    i for i in holders(before) if i not in now and may_read(roles[i], read_role)
                ]
            if gone_to:
                gone = (wire.name, change[1], None)
                for i in gone_to:
                    lists[i].append(gone)
    return dict(zip(slots, lists, strict=True))
