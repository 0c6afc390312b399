"""What a request may cost the daemon before anyone knows who sent it (issue 19, item 2).

* **Frame size.** An ordinary request fits in :data:`SMALL_REQUEST_BYTES`; a larger frame is decoded only when its
  head says it is a request that carries a file (:data:`FILE_REQUESTS`: ``command import``) with the token of a
  session that may send one, and then on a worker thread. Anything else that large is refused ``too_large``
  unread. :func:`peek` reads that head with a bounded walk (a few dozen items, never a value's bytes), so a
  hostile frame costs the loop microseconds whatever it holds, and an admitted one holds so few objects that
  decoding it is a copy of its file.
* **Snapshots.** :class:`SnapshotGate`: one snapshot reply in flight per peer; the reply's frames are the cached
  frames themselves, handed to ZeroMQ without a copy, and tracked until ZeroMQ has written them out.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import NamedTuple

import zmq

from citybrain.core import protocol as P

# Any request but an import fits: the largest ordinary ones (a command with a note, a plan edit, a query's params)
# are a few KiB; 64 KiB decodes in well under a millisecond, whatever it holds.
SMALL_REQUEST_BYTES = 64 * 1024
FILE_REQUESTS = frozenset({(P.COMMAND, "import")})  # (type, name) of the requests that may carry a file
PEEK_ITEMS = 64  # items (keys, values, elements) a large frame's envelope may hold in all
PEEK_DEPTH = 4
PEEK_TEXT = 256  # the longest string the head's fields may be (longer: skipped, never decoded)


class Head(NamedTuple):
    """What a large frame says it is, read without decoding it."""

    type: str
    n: int
    name: str | None
    auth: str | None


class _Walk:
    """A bounded reader of MessagePack items from a buffer (only what an envelope needs)."""

    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.pos = 0
        self.items = 0

    def take(self, size: int) -> memoryview:
        end = self.pos + size
        if end > len(self.data):
            raise ValueError("truncated")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def uint(self, size: int) -> int:
        return int.from_bytes(self.take(size), "big")

    def item(self, depth: int = 0, keep_text: bool = False) -> object:
        """The next item: ints and short strings as values, containers walked (their size), others skipped."""
        self.items += 1
        if self.items > PEEK_ITEMS or depth > PEEK_DEPTH:
            raise ValueError("too many items")
        tag = self.uint(1)
        if tag <= 0x7F or tag >= 0xE0:
            return tag if tag <= 0x7F else tag - 0x100
        if 0xA0 <= tag <= 0xBF or tag in (0xD9, 0xDA, 0xDB):
            size = tag & 0x1F if tag <= 0xBF else self.uint({0xD9: 1, 0xDA: 2, 0xDB: 4}[tag])
            if keep_text and size <= PEEK_TEXT:
                return bytes(self.take(size)).decode("utf-8")
            self.take(size)
            return None
        if tag in (0xC4, 0xC5, 0xC6):  # bin: skipped, never copied
            self.take(self.uint({0xC4: 1, 0xC5: 2, 0xC6: 4}[tag]))
            return None
        if 0x90 <= tag <= 0x9F or tag in (0xDC, 0xDD):
            count = tag & 0x0F if tag <= 0x9F else self.uint(2 if tag == 0xDC else 4)
            return [self.item(depth + 1, keep_text) for _ in range(count)]
        if 0x80 <= tag <= 0x8F or tag in (0xDE, 0xDF):
            count = tag & 0x0F if tag <= 0x8F else self.uint(2 if tag == 0xDE else 4)
            pairs = {}
            for _ in range(count):
                key = self.item(depth + 1, keep_text=True)
                pairs[key if isinstance(key, str) else None] = self.item(depth + 1, keep_text=depth == 0)
            return pairs
        fixed = {
            0xC0: 0,
            0xC2: 0,
            0xC3: 0,
            0xCA: 4,
            0xCB: 8,
            0xCC: 1,
            0xCD: 2,
            0xCE: 4,
            0xCF: 8,
            0xD0: 1,
            0xD1: 2,
            0xD2: 4,
            0xD3: 8,
        }
        if tag not in fixed:
            raise ValueError("not an envelope item")  # ext types: never in a request
        raw = self.take(fixed[tag])
        if tag in (0xCC, 0xCD, 0xCE, 0xCF):
            return int.from_bytes(raw, "big")
        if tag in (0xD0, 0xD1, 0xD2, 0xD3):
            return int.from_bytes(raw, "big", signed=True)
        return struct.unpack(">f" if tag == 0xCA else ">d", raw)[0] if raw else None


def peek(frame: bytes | memoryview) -> Head | None:
    """The head of a large frame (type, correlation id, and ``name`` and ``auth`` of a body of at most
    :data:`PEEK_ITEMS` items), or None when it does not start as a version-1 envelope: the walk never decodes a
    value it does not need."""
    walk = _Walk(memoryview(frame))
    try:
        if walk.uint(1) != 0x94:  # a fixarray of 4
            return None
        version, type_, n = walk.item(), walk.item(keep_text=True), walk.item()
    except (ValueError, KeyError, UnicodeDecodeError):
        return None
    if version != P.PROTOCOL_VERSION or not isinstance(type_, str) or not isinstance(n, int):
        return None
    try:
        body = walk.item()
    except (ValueError, KeyError, UnicodeDecodeError):
        body = None  # more than an envelope holds: answered by its correlation id, never read further
    if not isinstance(body, dict):
        return Head(type_, n, None, None)
    name, auth = body.get("name"), body.get("auth")
    return Head(type_, n, name if isinstance(name, str) else None, auth if isinstance(auth, str) else None)


def carries_file(head: Head | None) -> bool:
    return head is not None and (head.type, head.name) in FILE_REQUESTS and head.auth is not None


def peer_address(frame: zmq.Frame) -> str | None:
    """The address a request came from (its IP for TCP), or None where the transport has none."""
    try:
        address = frame.get("Peer-Address")
    except zmq.ZMQError:
        return None
    return address if isinstance(address, str) else None


class AnswerBudget:
    """Query answers a peer has not taken, bounded in bytes: a peer that asks and never reads is refused ``busy``
    once ``limit`` bytes of its answers wait in ZeroMQ's queue.  Answers under ``tracked`` bytes are not counted (a
    desk asks several small ones at once; at most the ROUTER's HWM of them can wait)."""

    def __init__(self, send: Callable[..., object], limit: int = 16 * 2**20, tracked: int = 64 * 2**10) -> None:
        self._send = send  # the ROUTER's send_multipart
        self.limit, self.tracked = limit, tracked
        self._flight: dict[bytes, list[tuple[zmq.MessageTracker, int]]] = {}

    def waiting(self, identity: bytes) -> int:
        """Bytes of this peer's large answers still in ZeroMQ's hands."""
        left = [(t, n) for t, n in self._flight.get(identity, ()) if not t.done]
        if left:
            self._flight[identity] = left
        else:
            self._flight.pop(identity, None)
        return sum(n for _, n in left)

    def busy(self, identity: bytes) -> bool:
        return self.waiting(identity) >= self.limit

    def send(self, identity: bytes, reply: bytes) -> None:
        if len(reply) < self.tracked:
            self._send([identity, reply])
            return
        frame = zmq.Frame(reply, copy=False, track=True)
        self._flight.setdefault(identity, []).append((frame.tracker, len(reply)))
        self._send([identity, frame], copy=False)

    def sweep(self) -> None:
        """Forget answers written out (peers that never ask again)."""
        for identity in list(self._flight):
            self.waiting(identity)


class SnapshotGate:
    """At most one snapshot reply in flight per peer: a second request while ZeroMQ still holds the first (the
    peer does not read) is refused ``busy``, so a peer that asks and never reads costs one reply, not thirty."""

    def __init__(self, send: Callable[..., object]) -> None:
        self._send = send  # the ROUTER's send_multipart
        self._flight: dict[bytes, zmq.MessageTracker] = {}

    def busy(self, identity: bytes) -> bool:
        tracker = self._flight.get(identity)
        if tracker is not None and tracker.done:
            del self._flight[identity]
            return False
        return tracker is not None

    def send(self, identity: bytes, head: bytes, frames: Sequence[bytes]) -> None:
        """The reply and its frames, the cached bytes themselves (no copy per peer), tracked until written out."""
        parts = [zmq.Frame(f, copy=False, track=True) for f in (head, *frames)]
        self._flight[identity] = zmq.MessageTracker(*parts)
        self._send([identity, *parts], copy=False)

    def sweep(self) -> None:
        """Forget replies written out (peers that never ask again)."""
        for identity in [i for i, t in self._flight.items() if t.done]:
            del self._flight[identity]
