"""The daemon's live state: named collections, one sequence, and the PUB side.

Only the daemon's event loop thread touches this: changes arrive here after
their transaction committed (commit, then publish), each change takes the
next sequence number, and the publisher packs whatever is waiting into as
few frames as it can (many changes per frame under load).
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import zmq

from citybrain.core import protocol as P

Record = dict[str, Any]
Change = tuple[str, Hashable, Record | None]  # collection, key, record (None = deleted)
Slot = Change | None  # a change on PUB, or None where it is withheld (read roles): its sequence number kept

MAX_CHANGES_PER_FRAME = 4096
_COLLECTION, _KEY, _RECORD = itemgetter(0), itemgetter(1), itemgetter(2)


class UnknownCollection(KeyError):
    pass


@dataclass
class FrameJob:
    """A snapshot frame, ``[name, key_field, [record, ...]]``, that its cache lacks at this version.

    Made on the daemon's loop with a copy of the collection's records (a list of references: records are replaced
    on a change, never changed in place), packed on any thread (:meth:`pack`: 15,000 sensor records took the loop
    0.1-0.5 s at every desk's resync), cached back on the loop (:meth:`keep`)."""

    cache: dict[Any, tuple[Any, bytes]]
    slot: Hashable
    version: Hashable
    name: str
    key_field: str
    records: list[Record]
    shape: Callable[[Record], Record | None] | None = None  # the fields a wire sends
    keep_if: Callable[[Record], bool] | None = None  # the records a scope holds
    frame: bytes = b""

    def pack(self) -> None:
        kept = self.records if self.keep_if is None else [r for r in self.records if self.keep_if(r)]
        shaped: list[Any] = kept if self.shape is None else [self.shape(r) for r in kept]
        self.frame = P.pack([self.name, self.key_field, shaped])

    def keep(self) -> None:
        self.cache[self.slot] = (self.version, self.frame)


SnapshotPart = bytes | FrameJob  # a frame cached at its collection's version, or the job that packs it


def packed(parts: Sequence[SnapshotPart]) -> list[bytes]:
    """The frames of ``parts``, each job packed here and cached (a caller off the loop packs them first)."""
    frames = []
    for part in parts:
        if isinstance(part, FrameJob):
            if not part.frame:
                part.pack()
            part.keep()
            part = part.frame
        frames.append(part)
    return frames


class LiveState:
    """Collections keyed by name then record key, with the sequence of the last change."""

    def __init__(self) -> None:
        self.epoch = uuid.uuid4().hex[:12]  # a new daemon run: desks holding another epoch resync
        self.seq = 0
        self.collections: dict[str, dict[Hashable, Record]] = {}
        self.key_fields: dict[str, str] = {}
        self._versions: dict[str, int] = {}  # seq of each collection's last change
        self._encoded: dict[str, tuple[int, bytes]] = {}  # snapshot frames cached per version
        self._rate_window: deque[tuple[float, int]] = deque()

    def declare(self, name: str, key_field: str) -> None:
        if name in self.collections:
            raise ValueError(f"collection {name!r} is declared twice")
        self.collections[name] = {}
        self.key_fields[name] = key_field
        self._versions[name] = 0

    def key_of(self, collection: str, record: Record) -> Hashable:
        try:
            return record[self.key_fields[collection]]
        except KeyError:
            if collection not in self.key_fields:
                raise UnknownCollection(f"no live collection named {collection!r}") from None
            raise ValueError(f"record for {collection!r} lacks its key field {self.key_fields[collection]!r}") from None

    def keys_of(self, collection: str, records: Iterable[Record]) -> list[Hashable]:
        """:meth:`key_of` for many records of one collection (the same errors), in C rather than a call each."""
        field = self.key_fields.get(collection)
        if field is None:
            raise UnknownCollection(f"no live collection named {collection!r}")
        try:
            return list(map(itemgetter(field), records))
        except KeyError:
            raise ValueError(f"record for {collection!r} lacks its key field {field!r}") from None

    def load(self, collection: str, records: Iterable[Record]) -> None:
        """Fill a collection at start-up (no sequence: nobody is subscribed yet)."""
        data = self.collections[collection]
        for record in records:
            data[self.key_of(collection, record)] = record

    def apply(self, changes: list[Change]) -> int:
        """Apply committed changes; returns the sequence of the first one."""
        first = self.seq + 1
        names = set(map(_COLLECTION, changes))
        unknown = names - self.collections.keys()
        if unknown:  # before anything is applied
            raise UnknownCollection(f"no live collection named {min(unknown)!r}")
        records = list(map(_RECORD, changes))
        if len(names) == 1 and None not in records:  # the common batch: one collection's upserts, applied in C
            self.collections[next(iter(names))].update(zip(map(_KEY, changes), records, strict=True))
        else:
            for collection, key, record in changes:
                data = self.collections[collection]
                if record is None:
                    data.pop(key, None)
                else:
                    data[key] = record
        self.seq += len(changes)
        for collection in names:
            self._versions[collection] = self.seq
        now = time.monotonic()
        self._rate_window.append((now, len(changes)))
        return first

    def version(self, collection: str) -> int:
        """The sequence of the collection's last change (0 before any)."""
        return self._versions[collection]

    def rate(self, window: float = 5.0) -> float:
        """Changes per second over the last ``window`` seconds."""
        now = time.monotonic()
        while self._rate_window and self._rate_window[0][0] < now - window:
            self._rate_window.popleft()
        return sum(n for _, n in self._rate_window) / window

    def snapshot_frames(self, names: Iterable[str] | None = None) -> list[bytes]:
        """One frame per collection, ``[name, key_field, [record, ...]]``, cached until it changes."""
        return packed(self.snapshot_parts(names))

    def snapshot_parts(self, names: Iterable[str] | None = None) -> list[SnapshotPart]:
        """:meth:`snapshot_frames` with the frames not cached left as jobs to pack (off the loop)."""
        parts: list[SnapshotPart] = []
        for name in names if names is not None else self.collections:
            if name not in self.collections:
                continue
            version = self._versions[name]
            cached = self._encoded.get(name)
            if cached is not None and cached[0] == version:
                parts.append(cached[1])
            else:
                records = list(self.collections[name].values())
                parts.append(FrameJob(self._encoded, name, version, name, self.key_fields[name], records))
        return parts


class Publisher:
    """Batches committed changes onto the PUB socket; never blocks the loop."""

    def __init__(self, socket: zmq.Socket, state: LiveState) -> None:
        self.socket = socket
        self.state = state
        self._waiting: list[tuple[int, Sequence[Slot]]] = []
        self.frames_sent = 0

    def queue(self, first_seq: int, changes: Sequence[Slot]) -> None:
        self._waiting.append((first_seq, changes))

    def flush(self) -> None:
        """Send every waiting change, contiguous runs merged, at most MAX_CHANGES_PER_FRAME each."""
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        run_first, run = waiting[0][0], list[Slot]()
        for first, changes in waiting:
            if first != run_first + len(run):
                self._send(run_first, run)
                run_first, run = first, []
            run.extend(changes)
        self._send(run_first, run)

    def _send(self, first: int, changes: Sequence[Slot]) -> None:
        for i in range(0, len(changes), MAX_CHANGES_PER_FRAME):
            chunk = changes[i : i + MAX_CHANGES_PER_FRAME]
            self.socket.send_multipart([P.TOPIC_UPDATE, P.encode(P.UPDATE, first + i, chunk)], copy=False)
            self.frames_sent += 1

    def heartbeat(self) -> None:
        """Current sequence; sent after any waiting change so desks never see a false gap."""
        self.flush()
        body = {"epoch": self.state.epoch, "time": time.time(), "rate": round(self.state.rate(), 1)}
        self.socket.send_multipart([P.TOPIC_HEARTBEAT, P.encode(P.HEARTBEAT, self.state.seq, body)])
