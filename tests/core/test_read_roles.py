"""Who reads what (issue 19, item 1): per-collection read roles on the snapshot, the PUB feed and the private
stream, personal queries needing a session and audited.  A real daemon; where it matters an independent client
made of pyzmq and msgpack only, as an attacker would write it."""

from __future__ import annotations

import asyncio
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import msgpack
import pytest
import roles_plugin as R
import sqlalchemy as sa
import zmq

from citybrain.core.client import RequestError
from citybrain.core.live import FrameJob
from citybrain.core.storage.engine import sqlite_url
from citybrain.core.testing import PASSWORDS

PLUGINS = {"system": "citybrain.plugins.system.daemon", "roles": R}
PHONE = b"1390000"  # every phone number the tests write starts so; none may reach a peer that may not read it
RESTRICTED = {R.WALL, R.PEOPLE, R.CONTACTS, "system.audit", "system.desks"}


class Raw:
    """A peer written from the protocol document alone: a DEALER, a SUB, MessagePack."""

    def __init__(self, endpoint: str) -> None:
        self.ctx: zmq.Context = zmq.Context.instance()
        self.dealer = self.ctx.socket(zmq.DEALER)
        self.dealer.connect(endpoint)
        self.corr = itertools.count(1)
        self.private: list[tuple[int, list]] = []  # private updates received, in order
        self.units: list[tuple[int, dict]] = []  # ``unit`` messages received, in order
        hello = self.ask("hello", {"desk": "raw"})
        self.hello = hello
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(endpoint.rsplit(":", 1)[0] + f":{hello['pub_port']}")
        self.sub.poll(10_000)  # the first message of any kind: the subscription is live
        self.frames: list[bytes] = []  # every PUB frame received

    def ask(self, type_: str, body: dict) -> dict:
        """Send a request; return the reply's body, keeping private updates that arrive before it."""
        n = next(self.corr)
        self.dealer.send(msgpack.packb([1, type_, n, body]))
        while True:
            assert self.dealer.poll(10_000), f"no reply to {type_}"
            frames = self.dealer.recv_multipart()
            version, kind, m, reply = msgpack.unpackb(frames[0], strict_map_key=False)
            if kind == "pupd":
                self.private.append((m, reply))
                continue
            if kind == "unit":  # the session was placed in another unit: numbered with the private updates
                self.units.append((m, reply))
                continue
            assert m == n
            if kind == "error":
                raise RequestError(reply["code"], reply["message"])
            self.extra = frames[1:]
            return reply

    def snapshot(self, auth: str | None = None) -> dict[str, list]:
        reply = self.ask("snapshot", {"collections": None, "auth": auth})
        assert not any(PHONE in f for f in self.extra) or auth is not None
        self.private_seq, self.unit = reply["private_seq"], reply.get("unit")
        return {name: records for name, _, records in map(msgpack.unpackb, self.extra)}

    def feed_until(self, seq: int) -> list:
        """Every PUB update until a heartbeat at ``seq`` or later; returns their changes (nil: withheld)."""
        changes = []
        while True:
            assert self.sub.poll(10_000), "the feed went silent"
            topic, frame = self.sub.recv_multipart()
            self.frames.append(frame)
            _, kind, n, body = msgpack.unpackb(frame, strict_map_key=False)
            if kind == "upd":
                changes += [(n + i, change) for i, change in enumerate(body)]
            elif n >= seq:
                return changes

    def close(self) -> None:
        self.dealer.close(linger=0)
        self.sub.close(linger=0)


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


@pytest.fixture
def raw(daemon):
    peer = Raw(daemon.endpoint)
    yield peer
    peer.close()


def put(client, collection, id_, text, phone=None) -> int:
    return client.command("roles.put", {"collection": collection, "id": id_, "text": text, "phone": phone}).result(10)[
        "seq"
    ]


def write_all(writer, n: int = 1) -> int:
    """One record in each collection, with phone numbers; returns the sequence of the last change."""
    put(writer, R.PUBLIC, n, "公开")
    put(writer, R.WALL, n, "值班长", "13900000001")
    put(writer, R.PEOPLE, n, "张三", "13900000002")
    return put(writer, R.UNITS, n, "一居委", "13900000003")


def test_a_peer_without_a_session_gets_no_restricted_record_in_snapshot_or_feed(daemon, raw):
    writer = daemon.client(login="operator")
    last = write_all(writer)
    changes = raw.feed_until(last)
    assert not any(PHONE in frame for frame in raw.frames)
    seqs = [n for n, _ in changes]
    assert seqs == list(range(seqs[0], last + 1))  # gap-free: withheld changes keep their sequence numbers
    seen = {c[0] for _, c in changes if c is not None}
    assert R.PUBLIC in seen and R.UNITS in seen and not seen & RESTRICTED
    assert sum(c is None for _, c in changes) >= 2  # the wall's and the people's changes, withheld
    assert [c[2] for _, c in changes if c is not None and c[0] == R.UNITS] == [{"id": 1, "text": "一居委"}]

    collections = raw.snapshot()
    assert not set(collections) & RESTRICTED
    assert collections[R.UNITS] == [{"id": 1, "text": "一居委"}] and collections[R.PUBLIC] == [
        {"id": 1, "text": "公开"}
    ]
    assert raw.private_seq is None
    put(writer, R.PEOPLE, 2, "李四", "13900000004")
    assert raw.ask("ping", {"desk": "raw"})["private_seq"] is None
    assert raw.private == []  # nothing private reached it, before the ping's reply or since
    assert {c["name"]: c["read_role"] for c in raw.hello["collections"]}[R.PEOPLE] == "operator"


def test_the_wall_s_viewer_session_reads_its_collection_but_not_the_people(daemon):
    writer = daemon.client(login="operator")
    write_all(writer)
    wall = daemon.client(login="wall")
    assert wall.replica.get(R.WALL, 1) == {"id": 1, "text": "值班长", "phone": "13900000001"}
    put(writer, R.WALL, 2, "副值班长", "13900000005")  # a live change, over the private stream
    wall.wait_for(lambda s: wall.replica.get(R.WALL, 2) is not None)
    put(writer, R.PEOPLE, 2, "李四", "13900000004")
    seq = put(writer, R.PUBLIC, 2, "之后")
    wall.wait_for(lambda s: wall.replica.seq >= seq)
    assert R.PEOPLE not in wall.replica.collections and R.CONTACTS not in wall.replica.collections
    assert wall.replica.get(R.UNITS, 1) == {"id": 1, "text": "一居委"}


def test_an_operator_reads_the_people_live_until_logging_out(daemon):
    writer = daemon.client(login="admin")
    write_all(writer)
    client = daemon.client(login="operator")
    assert client.replica.get(R.PEOPLE, 1)["phone"] == "13900000002"
    assert client.replica.get(R.CONTACTS, 1) == {"id": 1, "phone": "13900000003"}
    put(writer, R.PEOPLE, 2, "李四", "13900000004")
    put(writer, R.UNITS, 1, "一居委", "13900000006")
    client.wait_for(
        lambda s: (
            client.replica.get(R.PEOPLE, 2) is not None and client.replica.get(R.CONTACTS, 1)["phone"] == "13900000006"
        )
    )
    assert client.replica.private_seq >= 2
    assert client.replica.get(R.UNITS, 1) == {"id": 1, "text": "一居委", "phone": "13900000006"}  # merged for views

    client.logout()
    assert R.PEOPLE not in client.replica.collections and R.CONTACTS not in client.replica.collections
    put(writer, R.PEOPLE, 3, "王五", "13900000007")
    seq = put(writer, R.PUBLIC, 3, "之后")
    client.wait_for(lambda s: client.replica.seq >= seq)
    assert R.PEOPLE not in client.replica.collections
    assert client.replica.get(R.PUBLIC, 3) == {"id": 3, "text": "之后"}


def test_logout_stops_a_peer_s_private_stream(daemon, raw):
    writer = daemon.client(login="admin")
    write_all(writer)
    token = raw.ask("login", {"username": "operator", "password": PASSWORDS["operator"], "desk": "raw"})["token"]
    assert raw.snapshot(token)[R.PEOPLE] == [{"id": 1, "text": "张三", "phone": "13900000002"}]
    assert raw.private_seq == 0
    put(writer, R.PEOPLE, 2, "李四", "13900000004")
    assert raw.ask("ping", {"desk": "raw", "auth": token})["private_seq"] == 1
    assert raw.private == [(1, [[R.PEOPLE, 2, {"id": 2, "text": "李四", "phone": "13900000004"}]])]

    raw.ask("logout", {"auth": token})
    put(writer, R.PEOPLE, 3, "王五", "13900000007")
    assert raw.ask("ping", {"desk": "raw"})["private_seq"] is None
    assert len(raw.private) == 1  # nothing after the logout


def test_personal_queries_need_a_session_with_the_role_and_are_audited(daemon):
    anonymous, wall, operator = daemon.client(), daemon.client(login="wall"), daemon.client(login="operator")
    with pytest.raises(RequestError) as nobody:
        anonymous.query("roles.phones").result(10)
    assert nobody.value.code == "unauthenticated"
    with pytest.raises(RequestError) as viewer:
        wall.query("roles.phones").result(10)
    assert viewer.value.code == "forbidden"
    assert operator.query("roles.phones").result(10)["result"] == ["13900000009"]
    assert anonymous.query("roles.count").result(10)["result"] == 4  # not personal: anyone

    engine = sa.create_engine(daemon.daemon.config.database_url or sqlite_url(daemon.data_dir))
    try:
        with engine.connect() as conn:
            rows = [
                tuple(r)
                for r in conn.execute(
                    sa.text(
                        "select operator, command, result, error_code from cb_audit"
                        " where command like 'query %' order by id"
                    )
                )
            ]
    finally:
        engine.dispose()
    assert rows == [
        (None, "query roles.phones", "error", "unauthenticated"),
        ("wall", "query roles.phones", "error", "forbidden"),
        ("operator", "query roles.phones", "ok", None),
    ]


def test_the_audit_and_the_desks_are_not_for_a_viewer(daemon):
    wall, duty = daemon.client(login="wall"), daemon.client(login="duty")
    assert "system.audit" not in wall.replica.collections and "system.desks" not in wall.replica.collections
    assert "system.audit" in duty.replica.collections and "system.desks" in duty.replica.collections
    assert "system.health" in wall.replica.collections


def test_a_lost_private_update_makes_the_desk_resync_by_itself(daemon):
    writer = daemon.client(login="admin")
    client = daemon.client(login="operator")
    before = client.status.resyncs

    def lose_one():  # as if the peer's queue had overflowed: ZeroMQ dropped one private update
        for peer in daemon.daemon.feed.private.peers.values():
            peer.seq += 1

    daemon.call(lose_one)
    put(writer, R.PEOPLE, 5, "赵六", "13900000008")
    status = client.wait_for(lambda s: s.resyncs > before and s.state == "live" and client.replica.get(R.PEOPLE, 5))
    assert "private" in status.reason
    daemon.call(lose_one)  # and with nothing more sent, the next ping tells it
    status = client.wait_for(lambda s: s.resyncs > before + 1 and s.state == "live")
    assert client.replica.get(R.PEOPLE, 5)["phone"] == "13900000008"


def test_the_replica_applies_withheld_and_private_changes_in_their_own_sequences():
    from citybrain.core.replica import Replica

    r = Replica()
    r.on_snapshot(4, "e", {R.PUBLIC: ("id", {}), R.PEOPLE: ("id", {})}, private_seq=0)
    assert r.on_update(5, [None, [R.PUBLIC, 1, {"id": 1}], None]) and r.seq == 7
    assert r.on_private(1, [[R.PEOPLE, 1, {"id": 1}]]) and r.get(R.PEOPLE, 1) == {"id": 1}
    assert r.on_private_seq(1)
    assert not r.on_private(3, [[R.PEOPLE, 2, {"id": 2}]])  # one missed: resync
    r.on_snapshot(7, "e", {R.PUBLIC: ("id", {})}, private_seq=None)  # logged out
    assert not r.on_private_seq(0)  # the daemon still streams to us: something is wrong, resync


def test_the_duty_wall_shows_who_is_on_duty_and_only_operators_read_the_people(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={"duty": "citybrain.plugins.duty.daemon", "system": "citybrain.plugins.system.daemon"}
    )
    anonymous, wall, operator = daemon.client(), daemon.client(login="wall"), daemon.client(login="operator")
    wall.wait_for(lambda s: wall.replica.records("duty.now"), timeout=60)  # refreshed on the daemon's schedule
    on_duty = [p for post in wall.replica.records("duty.now") for p in post["on_duty"]]
    assert on_duty and all(p["phone"] for p in on_duty)  # names and phones: what a duty wall is for
    assert "duty.people" not in wall.replica.collections
    assert operator.replica.records("duty.people")
    assert "duty.now" not in anonymous.replica.collections and "duty.people" not in anonymous.replica.collections
    with pytest.raises(RequestError) as refused:
        anonymous.query("duty.on_duty", {"unit": "x", "position": "x"}).result(10)
    assert refused.value.code == "unauthenticated"


def test_a_companion_s_fields_are_merged_into_its_base_records_for_whoever_may_read_them():
    from citybrain.core.replica import Replica

    r = Replica()
    r.set_parts({R.CONTACTS: R.UNITS})
    r.on_snapshot(
        3,
        "e",
        {R.UNITS: ("id", {1: {"id": 1, "text": "一居委"}}), R.CONTACTS: ("id", {1: {"id": 1, "phone": "13900000003"}})},
        private_seq=0,
    )
    assert r.get(R.UNITS, 1) == {"id": 1, "text": "一居委", "phone": "13900000003"}
    r.take_changes()
    assert r.on_update(4, [[R.UNITS, 1, {"id": 1, "text": "二居委"}]])  # the public half changes: still merged
    assert r.get(R.UNITS, 1) == {"id": 1, "text": "二居委", "phone": "13900000003"}
    assert r.on_private(1, [[R.CONTACTS, 1, {"id": 1, "phone": "13900000006"}]])
    assert r.take_changes().updates[R.UNITS][1] == {"id": 1, "text": "二居委", "phone": "13900000006"}
    assert r.on_private(2, [[R.CONTACTS, 1, None]])  # gone: its fields leave the base record
    assert r.get(R.UNITS, 1) == {"id": 1, "text": "二居委"}


def test_a_revoked_session_s_private_stream_stops_and_the_desk_drops_what_it_may_no_longer_read(daemon):
    from citybrain.core.sessions import revoke

    writer = daemon.client(login="admin")
    write_all(writer)
    client = daemon.client(login="operator")
    assert client.replica.get(R.PEOPLE, 1)
    token = client.auth

    async def revoke_it() -> None:  # as `citybrain operator disable` does, from another process
        await daemon.daemon.write(lambda tx: revoke(tx.session, token))

    daemon.call(revoke_it)
    client.wait_for(lambda s: R.PEOPLE not in client.replica.collections and s.state == "live")
    put(writer, R.PEOPLE, 2, "李四", "13900000004")
    seq = put(writer, R.PUBLIC, 2, "之后")
    client.wait_for(lambda s: client.replica.seq >= seq)
    assert R.PEOPLE not in client.replica.collections
    assert token not in daemon.call(lambda: [p.token for p in daemon.daemon.feed.private.peers.values()])


def test_a_snapshot_is_packed_off_the_loop_and_its_private_updates_follow_its_reply(daemon, monkeypatch):
    """Packing 15,000 sensor records held the daemon's loop 0.1-0.5 s at every desk's resync: a frame no cache holds
    is packed on a thread, and the peer's private updates wait for the reply (the client ignores them before it)."""
    writer = daemon.client(login="admin")
    write_all(writer)
    on_a_loop: list[bool] = []  # one entry per frame packed: was it on an event loop's thread?
    packing, go_on = threading.Event(), threading.Event()
    pack = FrameJob.pack

    def spied(job: FrameJob) -> None:
        try:
            asyncio.get_running_loop()
            on_a_loop.append(True)
        except RuntimeError:
            on_a_loop.append(False)
        if job.name == R.PEOPLE and not packing.is_set():  # the operator's snapshot: held until a change is made
            packing.set()
            go_on.wait(timeout=30)
        pack(job)

    monkeypatch.setattr(FrameJob, "pack", spied)
    with ThreadPoolExecutor(1) as pool:
        operator = pool.submit(daemon.client, login="operator")
        assert packing.wait(timeout=60)
        put(writer, R.PEOPLE, 2, "李四", "13900000004")  # answered while the snapshot is being packed
        go_on.set()
        client = operator.result(timeout=60)
    resyncs = client.status.resyncs
    client.wait_for(lambda s: client.replica.get(R.PEOPLE, 2) is not None)
    assert client.replica.private_seq == 1 and client.status.resyncs == resyncs  # in order: no gap, no resync
    assert on_a_loop and not any(on_a_loop)
