"""A peer written from docs/protocol.md alone, with bare pyzmq sockets: what an independent client sees."""

from __future__ import annotations

import itertools
import time
from typing import Any

import msgpack
import zmq


def pack(obj: Any) -> bytes:
    return msgpack.packb(obj, use_bin_type=True)


def unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, raw=False, strict_map_key=False)


class RawPeer:
    """One DEALER (requests, replies, private updates) and, once asked, one SUB on the daemon's PUB port."""

    def __init__(self, endpoint: str, desk: str) -> None:
        self.endpoint, self.desk = endpoint, desk
        self.ctx: zmq.Context = zmq.Context.instance()
        self.dealer = self._dealer()
        self.sub: zmq.Socket | None = None
        self.corr = itertools.count(1)
        self.private: list[tuple[int, list]] = []  # private updates as they came: (p, changes)
        self.auth: str | None = None

    def _dealer(self) -> zmq.Socket:
        dealer = self.ctx.socket(zmq.DEALER)
        dealer.setsockopt(zmq.LINGER, 0)
        dealer.connect(self.endpoint)
        return dealer

    def reopen(self) -> None:
        """A new request socket (docs/protocol.md, state machine step 6): nothing pending on the old one comes back."""
        self.dealer.close(linger=0)
        self.dealer = self._dealer()

    def close(self) -> None:
        for sock in (self.dealer, self.sub):
            if sock is not None:
                sock.close(linger=0)

    def send(self, type_: str, body: dict) -> int:
        n = next(self.corr)
        self.dealer.send(pack([1, type_, n, body]))
        return n

    def reply(self, n: int, timeout: float = 60.0) -> tuple[str, Any, list[bytes]]:
        """The reply to request ``n`` (type, body, extra frames); private updates met on the way are kept."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.dealer.poll(int(left * 1000)):
                raise TimeoutError(f"no reply to request {n}")
            first, *extra = self.dealer.recv_multipart()
            _, type_, m, body = unpack(first)
            if type_ == "pupd":
                self.private.append((m, body))
            elif m == n:
                return type_, body, extra

    def request(self, type_: str, body: dict, timeout: float = 60.0) -> tuple[str, Any, list[bytes]]:
        return self.reply(self.send(type_, body), timeout)

    def ok(self, type_: str, body: dict, timeout: float = 60.0) -> Any:
        kind, reply, _ = self.request(type_, body, timeout)
        assert kind == "ok", reply
        return reply

    def hello(self) -> dict:
        return self.ok("hello", {"desk": self.desk, "client": "raw", "auth": self.auth})

    def login(self, username: str, password: str) -> dict:
        reply = self.ok("login", {"username": username, "password": password, "desk": self.desk})
        self.auth = reply["token"]
        return reply

    def subscribe(self, pub_port: int) -> None:
        """Connect the SUB and wait for its first message, the proof the subscription is live."""
        host = self.endpoint.rsplit(":", 1)[0]
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.LINGER, 0)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(f"{host}:{pub_port}")
        self.feed: list[tuple[str, int, Any]] = []
        self.next_feed(30)

    def next_feed(self, timeout: float = 60.0) -> tuple[str, int, Any]:
        assert self.sub is not None
        if not self.sub.poll(int(timeout * 1000)):
            raise TimeoutError("nothing on the PUB socket")
        _, frame = self.sub.recv_multipart()
        _, type_, n, body = unpack(frame)
        self.feed.append((type_, n, body))
        return type_, n, body

    def snapshot(self) -> tuple[dict, dict[str, dict]]:
        """The snapshot reply and its collections as {name: {key: record}}."""
        kind, body, extra = self.request("snapshot", {"collections": None, "auth": self.auth})
        assert kind == "ok", body
        collections = {}
        for frame in extra:
            name, key_field, records = unpack(frame)
            collections[name] = {r[key_field]: r for r in records}
        return body, collections
