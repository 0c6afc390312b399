"""A desk's copy of the daemon's live collections (the Clone pattern's client side).

No Qt and no sockets: whoever owns the sockets feeds updates, heartbeats and
snapshots in, and the replica says when it has lost the thread (a gap, an
old sequence, a restarted daemon) so the owner asks for a new snapshot.
Changes since the last :meth:`take_changes` are coalesced per key, so a
consumer that drains at 25 Hz sees one change per key, however many arrived.
Restricted collections arrive as private updates with a sequence of their own
(:meth:`on_private`); a withheld change on the public feed is ``None``.  A
companion collection (personal fields split off another, ``part_of`` in the
hello reply) is kept as it comes and also merged into its base collection's
records, so a view of the base shows those fields to whoever may read them.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]


@dataclass
class Changes:
    """What changed since the last drain: collections replaced whole, then per-key changes."""

    resets: dict[str, dict[Hashable, Record]] = field(default_factory=dict)
    updates: dict[str, dict[Hashable, Record | None]] = field(default_factory=dict)
    count: int = 0  # individual changes folded into this batch
    unit: bool = False  # the session was placed in another unit (``Replica.unit``): names on the desk follow
    urgent: bool = False  # an urgent change is among them (``Replica.set_urgent``): the consumer drains it sooner

    def __bool__(self) -> bool:
        return bool(self.resets or self.updates or self.unit)


class Replica:
    """Collections keyed by name, then by record key; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.collections: dict[str, dict[Hashable, Record]] = {}
        self.key_fields: dict[str, str] = {}
        self.seq = -1  # last applied sequence; -1 before the first snapshot
        self.epoch: str | None = None
        self.synced = False
        self.resyncs = 0  # snapshots applied after the first one
        self._urgent: dict[str, tuple[str, ...]] = {}  # collection -> the fields whose change is urgent
        self.applied = 0  # changes applied since start
        self.private_seq: int | None = None  # last private update applied; None: the daemon keeps no private stream
        self.unit: str | None = None  # the session's org unit as the daemon last said (snapshot, ``unit`` message)
        self._companion_of: dict[str, str] = {}  # base collection -> the companion holding its personal fields
        self._base_of: dict[str, str] = {}  # companion -> base
        self._queued: list[tuple[int, list]] = []
        self._pending = Changes()

    # -- feed input --------------------------------------------------------
    def on_update(self, first_seq: int, changes: list) -> bool:
        """Apply one update frame; False when a gap means a snapshot is needed."""
        with self._lock:
            if not self.synced:
                self._queued.append((first_seq, changes))
                return True
            return self._apply(first_seq, changes)

    def on_heartbeat(self, seq: int, epoch: str) -> bool:
        """False when the daemon restarted or sent updates this replica missed.

        PUB delivers in order on one socket, so by the time a heartbeat with
        sequence S arrives every update up to S has arrived before it.  Only a
        greater S means a loss: a smaller one is a heartbeat sent before the
        snapshot this replica holds (it waited in the socket), and is ignored.
        """
        with self._lock:
            if not self.synced:
                return True
            if epoch != self.epoch or seq > self.seq:
                self.synced = False
                return False
            return True

    def on_private(self, seq: int, changes: list) -> bool:
        """Apply one private update (restricted collections); False when one was missed (a snapshot is needed)."""
        with self._lock:
            if not self.synced:
                return True  # the snapshot asked for holds it
            if self.private_seq is None or seq != self.private_seq + 1:
                self.synced = False
                return False
            self.private_seq = seq
            for collection, key, record in changes:
                self._put(collection, key, record)
            self._pending.count += len(changes)
            self.applied += len(changes)
            return True

    def on_unit(self, seq: int, unit: str | None) -> bool:
        """The daemon placed this session in another unit (a private message, numbered with the private updates);
        False when one was missed (a snapshot is needed, and says the unit)."""
        with self._lock:
            if not self.synced:
                return True
            if self.private_seq is None or seq != self.private_seq + 1:
                self.synced = False
                return False
            self.private_seq = seq
            self._set_unit(unit)
            self.applied += 1  # counted as a change: the owner is told something changed
            return True

    def on_private_seq(self, seq: int | None) -> bool:
        """The daemon's count of private updates sent to us (a ping reply): False when it differs from ours."""
        with self._lock:
            if self.synced and seq != self.private_seq:
                self.synced = False
                return False
            return True

    def set_parts(self, parts: Mapping[str, str]) -> None:
        """``{companion: base}``, from the hello reply's ``part_of``; before a snapshot."""
        with self._lock:
            self._base_of = dict(parts)
            self._companion_of = {base: companion for companion, base in parts.items()}

    def set_urgent(self, collection: str, fields: tuple[str, ...]) -> None:
        """A record of ``collection`` that comes, goes or changes one of ``fields`` marks its batch urgent (an
        alarm's state: the consumer drains it sooner than the next frame)."""
        with self._lock:
            self._urgent[collection] = tuple(dict.fromkeys((*self._urgent.get(collection, ()), *fields)))

    @property
    def urgent_pending(self) -> bool:
        """An urgent change waits in the batch not yet taken."""
        return self._pending.urgent

    def begin_resync(self) -> None:
        """Forget sync state; updates arriving from now on are queued for the snapshot."""
        with self._lock:
            self.synced = False
            self._queued.clear()

    def on_snapshot(
        self,
        seq: int,
        epoch: str,
        collections: Mapping[str, tuple[str, dict[Hashable, Record]]],
        private_seq: int | None = None,
        unit: str | None = None,
    ) -> bool:
        """Replace every collection with the snapshot, then apply queued updates above ``seq``.

        ``collections``: each one's key field and records keyed by it, as :func:`protocol.unpack_collection` decodes
        a frame (keyed by the thread that decodes, before the lock the GUI thread's drain waits on); the replica
        keeps those dicts as its own."""
        with self._lock:
            if self.epoch is not None:
                self.resyncs += 1
            self.seq, self.epoch, self.private_seq = seq, epoch, private_seq
            self._set_unit(unit)
            gone = set(self.collections) - set(collections)
            for name in gone:
                self._pending.resets[name] = {}
                self._pending.updates.pop(name, None)
                del self.collections[name]
            for name, (key_field, data) in collections.items():
                self.collections[name] = data
                self.key_fields[name] = key_field
                self._pending.resets[name] = data
                self._pending.updates.pop(name, None)
            for companion, base in self._base_of.items():
                split, whole = self.collections.get(companion), self.collections.get(base)
                if split and whole is not None:
                    for key, fields in split.items():
                        if key in whole:
                            whole[key] = {**whole[key], **fields}
            self.synced = True
            queued, self._queued = self._queued, []
            return all(self._apply(first_seq, changes) for first_seq, changes in queued)

    # -- consumer side -----------------------------------------------------
    def take_changes(self) -> Changes:
        """Everything changed since the last call, coalesced per key."""
        with self._lock:
            out, self._pending = self._pending, Changes()
            # resets hold the live dicts this thread keeps changing: hand out copies
            out.resets = {name: dict(records) for name, records in out.resets.items()}
            return out

    def get(self, collection: str, key: Hashable) -> Record | None:
        with self._lock:
            return self.collections.get(collection, {}).get(key)

    def records(self, collection: str) -> list[Record]:
        with self._lock:
            return list(self.collections.get(collection, {}).values())

    # -- internals (lock held) ------------------------------------------------
    def _set_unit(self, unit: str | None) -> None:
        if unit != self.unit:
            self.unit = unit
            self._pending.unit = True

    def _apply(self, first_seq: int, changes: list) -> bool:
        last = first_seq + len(changes) - 1
        if last <= self.seq:
            return True  # entirely older than what we hold (queued before a snapshot)
        if first_seq > self.seq + 1:
            self.synced = False
            return False
        pending = self._pending
        skip = self.seq + 1 - first_seq
        todo = changes[skip:] if skip > 0 else changes
        # one Python loop, the dicts of the collection in hand kept while its changes follow: Python 3.11's
        # specialised unpack and stores beat the C calls they replaced (a set of names, a dict of the frame, two
        # updates), which each walked the frame again — a third of the cost at 400,000 changes
        name: str | None = None
        data: dict[Hashable, Record] = {}
        updates: dict[Hashable, Record | None] = {}
        urgent_fields: tuple[str, ...] | None = None
        withheld = 0
        for change in todo:
            if change is None:  # withheld: a restricted collection's change, sent privately to those who may read it
                withheld += 1
                continue
            collection, key, record = change
            if collection != name:
                if collection in self._base_of or collection in self._companion_of:
                    self._put(collection, key, record)  # personal fields merged, a change at a time
                    continue
                name = collection
                data = self.collections.setdefault(collection, {})
                updates = pending.updates.setdefault(collection, {})
                urgent_fields = self._urgent.get(collection)
            if urgent_fields is not None and not pending.urgent:
                pending.urgent = self._is_urgent(collection, data.get(key), record)
            if record is None:
                data.pop(key, None)
            else:
                data[key] = record
            updates[key] = record
        n = len(todo) - withheld
        pending.count += n
        self.applied += n
        self.seq = last
        return True

    def _put(self, collection: str, key: Hashable, record: Record | None) -> None:
        data = self.collections.setdefault(collection, {})
        if collection in self._urgent and not self._pending.urgent:
            self._pending.urgent = self._is_urgent(collection, data.get(key), record)
        if collection in self._base_of:
            self._merge(self._base_of[collection], key, data.get(key), record)
        elif record is not None and collection in self._companion_of:
            record = {**record, **self.collections.get(self._companion_of[collection], {}).get(key, {})}
        if record is None:
            data.pop(key, None)
        else:
            data[key] = record
        self._pending.updates.setdefault(collection, {})[key] = record

    def _is_urgent(self, collection: str, old: Record | None, new: Record | None) -> bool:
        return old is None or new is None or any(old.get(f) != new.get(f) for f in self._urgent[collection])

    def _merge(self, base: str, key: Hashable, old: Record | None, new: Record | None) -> None:
        """A companion record changed: its fields leave (``old``) and join (``new``) the base record, if held."""
        data = self.collections.get(base)
        record = data.get(key) if data is not None else None
        if data is None or record is None:
            return
        key_field = self.key_fields.get(base)
        record = {k: v for k, v in record.items() if k == key_field or old is None or k not in old}
        data[key] = record = {**record, **(new or {})}
        self._pending.updates.setdefault(base, {})[key] = record
