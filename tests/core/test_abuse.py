"""One peer may not stall or exhaust the daemon (issue 19, item 2): large frames, long error lists, unread
snapshots, password guessing.  A real daemon, and peers written with pyzmq and msgpack only, as an attacker would."""

from __future__ import annotations

import itertools
import os
import threading
import time

import bulk_plugin
import msgpack
import pytest
import sample_plugin
import sqlalchemy as sa
import zmq

from citybrain.core import protocol as P
from citybrain.core.daemon import intake
from citybrain.core.storage.engine import sqlite_url
from citybrain.core.testing import PASSWORDS

PLUGINS = {"system": "citybrain.plugins.system.daemon", "sample": sample_plugin}


class Peer:
    """A DEALER speaking the protocol by hand."""

    def __init__(self, endpoint: str, **options: int) -> None:
        self.socket: zmq.Socket = zmq.Context.instance().socket(zmq.DEALER)
        for option, value in options.items():
            self.socket.setsockopt(getattr(zmq, option), value)
        self.socket.connect(endpoint)
        self.corr = itertools.count(1)

    def send(self, type_: str, body: dict) -> int:
        n = next(self.corr)
        self.socket.send(msgpack.packb([1, type_, n, body]))
        return n

    def receive(self) -> tuple[list, int]:
        """The next reply's envelope and its size in bytes (all frames)."""
        assert self.socket.poll(30_000), "no reply"
        frames = self.socket.recv_multipart()
        return msgpack.unpackb(frames[0], strict_map_key=False), sum(map(len, frames))

    def ask(self, type_: str, body: dict) -> tuple[list, int]:
        n = self.send(type_, body)
        envelope, size = self.receive()
        assert envelope[2] == n
        return envelope, size

    def close(self) -> None:
        self.socket.close(linger=0)


def until(predicate, timeout: float = 30.0) -> None:
    """Wait for a condition on the daemon (its counters, its audit log)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def resident() -> int:
    """This process's resident memory now, in bytes (the daemon runs on a thread of it)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def dropped(daemon) -> dict:
    return daemon.call(lambda: daemon.daemon.health.stats()["dropped"])


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


@pytest.fixture
def decoded(monkeypatch):
    """The size of every frame the daemon decodes and the thread it decodes it on."""
    seen: list[tuple[int, str]] = []
    decode = P.decode

    def recording(frame):
        seen.append((len(frame), threading.current_thread().name))
        return decode(frame)

    monkeypatch.setattr(P, "decode", recording)
    return seen


def test_a_large_frame_is_refused_unread_unless_it_is_an_import_by_a_session_that_may_import(daemon, decoded):
    peer = Peer(daemon.endpoint)
    try:
        # the review's 8 MB query of 1.3 million unknown params, from a peer without a session
        flood = {"name": "sample.count", "params": {f"p{i}": i for i in range(1_300_000)}}
        reply, size = peer.ask("query", flood)
        assert reply[1] == "error" and reply[3]["code"] == "too_large" and size < 1024
        wall = peer.ask("login", {"username": "wall", "password": PASSWORDS["wall"]})[0][3]["token"]
        note = b"text\n" + b"".join(b"note %d %s\n" % (i, b"x" * 180) for i in range(1000))
        assert len(note) > intake.SMALL_REQUEST_BYTES
        file = {"name": "import", "payload": {"kind": "sample.notes", "filename": "notes.csv", "data": note}}
        reply, _ = peer.ask("command", {**file, "auth": wall})  # a viewer may not import: not even decoded
        assert reply[3]["code"] == "too_large"
        reply, _ = peer.ask("command", {**file, "name": "sample.add"})  # not a request that carries a file
        assert reply[3]["code"] == "too_large"
        assert all(size <= intake.SMALL_REQUEST_BYTES for size, _ in decoded)  # none of them was decoded

        operator = peer.ask("login", {"username": "operator", "password": PASSWORDS["operator"]})[0][3]["token"]
        reply, _ = peer.ask("command", {**file, "auth": operator})
        assert reply[1] == "ok" and reply[3]["result"]["imported"] == 1000
        large = [thread for size, thread in decoded if size > intake.SMALL_REQUEST_BYTES]
        loop = {thread for size, thread in decoded if size <= intake.SMALL_REQUEST_BYTES}  # the logins, on the loop
        assert len(large) == 1 and large[0] not in loop
    finally:
        peer.close()
    assert dropped(daemon)["too_large"] == 3


def test_a_reply_lists_at_most_ten_problems_and_stays_small(daemon):
    peer = Peer(daemon.endpoint)
    try:
        token = peer.ask("login", {"username": "operator", "password": PASSWORDS["operator"]})[0][3]["token"]
        payload = {f"unknown field number {i} " + "y" * 30: i for i in range(1000)}  # ~60 KiB: an ordinary frame
        reply, size = peer.ask("command", {"name": "sample.add", "payload": payload, "auth": token})
    finally:
        peer.close()
    problems = reply[3]["details"]
    assert reply[3]["code"] == "invalid_payload"
    assert len(problems) == 11 and problems[-1] == "payload: more problems not listed"
    assert all(len(p) < 100 for p in problems) and size < 2048


def test_one_snapshot_in_flight_per_peer_and_never_a_copy_per_request(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"bulk": bulk_plugin}, demo=False)
    # a peer that asks and never reads: its ZeroMQ takes one message, its kernel a few KiB
    peer = Peer(daemon.endpoint, RCVHWM=1, RCVBUF=4096)
    try:
        peer.ask("hello", {"desk": "greedy"})
        before = resident()
        for _ in range(30):
            peer.send("snapshot", {"collections": None})
        until(lambda: daemon.call(lambda: daemon.daemon.health.counters["requests"]) >= 31)
        until(lambda: dropped(daemon).get("busy", 0) >= 25)  # at most a few got a snapshot, the rest were refused
        assert resident() - before < 200 * 2**20  # thirty copies of the 24 MB snapshot would be 720 MB

        replies = [peer.receive()[0] for _ in range(30)]  # now read: one answer to each request, in order
        snapshots = [r for r in replies if r[1] == "ok"]
        assert 1 <= len(snapshots) <= 5
        assert all(r[3]["code"] == "busy" for r in replies if r[1] == "error")
    finally:
        peer.close()


def test_answers_a_peer_never_reads_are_bounded_in_bytes(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"bulk": bulk_plugin}, demo=False)
    peer = Peer(daemon.endpoint, RCVHWM=1, RCVBUF=4096)  # asks and never reads
    try:
        peer.ask("hello", {"desk": "greedy"})
        before = resident()
        for _ in range(60):  # 3 MB each: 180 MB if all were queued
            peer.send(P.QUERY, {"name": "bulk.page", "params": {"limit": 300}})
        until(lambda: daemon.call(lambda: daemon.daemon.health.counters["requests"]) >= 61)
        until(lambda: dropped(daemon).get("busy", 0) >= 40)  # past the budget, refused at once
        assert resident() - before < 100 * 2**20

        replies = [peer.receive()[0] for _ in range(60)]  # now read: one answer to each request, in order
        answered = [r for r in replies if r[1] == "ok"]
        assert 1 <= len(answered) <= 10 and all(len(r[3]["result"]) == 300 for r in answered)
        assert all(r[3]["code"] == "busy" for r in replies if r[1] == "error")
        assert peer.ask(P.QUERY, {"name": "bulk.page", "params": {"limit": 1}})[0][1] == "ok"  # read: served again
    finally:
        peer.close()


class Clock:
    """The login throttle's clock, moved by the test (no waiting on real time)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def audit(daemon, like: str, columns: str = "operator, command, result, error_code, detail") -> list[tuple]:
    engine = sa.create_engine(daemon.daemon.config.database_url or sqlite_url(daemon.data_dir))
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    sa.text(f"select {columns} from cb_audit where command like :c order by id"),
                    {"c": like},
                )
            ]
    finally:
        engine.dispose()


def login(peer: Peer, username: str, password: str) -> list:
    return peer.ask("login", {"username": username, "password": password, "desk": "desk-7"})[0]


def test_wrong_passwords_back_off_then_lock_the_user_name_out_audited(daemon):
    clock = Clock()
    daemon.daemon.logins.throttle.clock = clock
    peer = Peer(daemon.endpoint)
    try:
        assert login(peer, "operator", "wrong 1")[3]["code"] == "unauthenticated"
        backoff = login(peer, "operator", PASSWORDS["operator"])[3]  # too soon, even with the right password
        assert backoff["code"] == "locked_out" and backoff["details"] == {"retry_after": 1}
        for i, wait in enumerate((1, 2, 4, 8), start=2):
            clock.now += wait
            assert login(peer, "operator", f"wrong {i}")[3]["code"] == "unauthenticated"
        locked = login(peer, "operator", PASSWORDS["operator"])[3]
        assert locked["code"] == "locked_out" and 890 <= locked["details"]["retry_after"] <= 900
        clock.now += 20
        assert login(peer, "duty", PASSWORDS["duty"])[1] == "ok"  # another operator on the same desk logs in
        assert audit(daemon, "login lockout%") == [
            (
                "operator",
                "login lockout started",
                "error",
                "locked_out",
                "user name locked out after 5 failed logins in 15 min",
            )
        ]
        assert len(audit(daemon, "login")) == 6  # five failures and duty: refused attempts cost no hash, no row

        clock.now += 15 * 60
        until(lambda: len(audit(daemon, "login lockout%")) == 2)  # the heartbeat sees the lock end
        assert audit(daemon, "login lockout ended") == [
            ("operator", "login lockout ended", "ok", None, "user name lockout ended")
        ]
        assert audit(daemon, "login lockout ended", "note, parts") == [("lockout_ended", '{"who": "operator"}')]
        assert login(peer, "operator", PASSWORDS["operator"])[1] == "ok"
    finally:
        peer.close()


def test_a_peer_guessing_many_names_is_locked_out_and_unknown_names_are_not_recorded(daemon):
    clock = Clock()
    daemon.daemon.logins.throttle.clock = clock
    peer = Peer(daemon.endpoint)
    try:
        waits = []
        for i in range(20):  # a different name each time: only the peer's count grows
            reply = login(peer, f"guess{i}", "secret-password-typed-as-a-name")[3]
            if reply["code"] == "locked_out":  # the peer's backoff: wait it out, try again
                waits.append(reply["details"]["retry_after"])
                clock.now += waits[-1]
                reply = login(peer, f"guess{i}", "secret-password-typed-as-a-name")[3]
            assert reply["code"] == "unauthenticated"
        assert waits == [1, 2, 4, 8, 16, 32] + [60] * 9  # four free, then doubling up to a minute
        refused = login(peer, "operator", PASSWORDS["operator"])[3]
        assert refused["code"] == "locked_out" and refused["details"]["retry_after"] >= 890
    finally:
        peer.close()
    rows = audit(daemon, "login lockout%")
    assert rows == [
        (
            None,
            "login lockout started",
            "error",
            "locked_out",
            "peer 127.0.0.1 locked out after 20 failed logins in 15 min",
        )
    ]
    assert "guess" not in repr(audit(daemon, "login%"))


def test_a_burst_of_guesses_for_one_name_costs_one_hash(daemon):
    """The burst is decided in turn on the password thread: after the first failure the rest wait their backoff."""
    daemon.daemon.logins.throttle.clock = Clock()
    peer = Peer(daemon.endpoint)
    try:
        for i in range(30):
            peer.send("login", {"username": "operator", "password": f"wrong {i}"})
        codes = [peer.receive()[0][3]["code"] for _ in range(30)]
    finally:
        peer.close()
    assert codes.count("unauthenticated") == 1 and codes.count("locked_out") == 29
    assert daemon.call(lambda: daemon.daemon.health.counters["logins_throttled"]) == 29


def test_one_peer_cannot_fill_the_desk_list(daemon):
    """A connection names one desk at a time, and the list has a cap: 2,000 pings under 2,000 desk ids listed
    2,000 desks in every operator's system.desks."""
    operator = daemon.client(login="operator")
    listed = lambda: {d["desk"] for d in operator.replica.records("system.desks")}  # noqa: E731
    operator.wait_for(lambda s: operator.desk_id in listed())
    peer = Peer(daemon.endpoint)
    for n in range(2_000):
        peer.send(P.PING, {"desk": f"fake-{n:04d}"})
    for _ in range(2_000):
        peer.receive()
    operator.wait_for(lambda s: "fake-1999" in listed())
    assert listed() == {operator.desk_id, "fake-1999"}
    assert daemon.call(lambda: daemon.daemon.health.stats()["desks_connected"]) == 2

    daemon.call(lambda: setattr(daemon.daemon.desks, "limit", 4))
    others = [Peer(daemon.endpoint) for _ in range(5)]
    try:
        for n, other in enumerate(others):
            other.ask(P.PING, {"desk": f"other-{n}"})
        assert daemon.call(lambda: len(daemon.daemon.desks.records)) == 4  # the fifth is not listed
        assert {operator.desk_id, "fake-1999"} <= set(daemon.call(lambda: list(daemon.daemon.desks.records)))
    finally:
        for other in others:
            other.close()
        peer.close()


def test_a_query_answers_at_most_ten_thousand_records(daemon):
    """limit is bounded where every plugin reads it (api.limit_of): 100,000 12345 tickets were a 28.5 MB answer and
    26 s of a reader thread, to a peer with no session."""
    peer = Peer(daemon.endpoint)
    try:
        refused, size = peer.ask(P.QUERY, {"name": "sample.notes", "params": {"limit": 10_001}})
        assert refused[1] == P.ERROR and refused[3]["code"] == P.E_INVALID_PAYLOAD, refused
        assert "limit is from 1 to 10,000 records" in refused[3]["message"] and size < 2_048
        answered, _ = peer.ask(P.QUERY, {"name": "sample.notes", "params": {"limit": 10_000}})
        assert answered[1] == P.OK and answered[3]["result"] == []
    finally:
        peer.close()
