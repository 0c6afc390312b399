"""scoped_fanout: the feed to 40 desks each in its own org unit, against the same feed to 40 desks seeing it whole.

The daemon's real publish path both times.  Scoped: a placed collection (``CollectionSpec(place="unit")``), each desk
a session placed in one of 40 committees, each event placed in one of them: each desk is sent its share over its
private stream (docs/protocol.md, "Units").  Baseline: the same events in a collection without a place, sent once on
PUB to the same 40 logged-in desks.  Events/s: events published per second until every desk holds its share (its
last event in).  The desks are bare DEALER + SUB sockets served by one thread that looks for each desk's last event
in the frames without decoding them, so the figure is the daemon's and the transport's, not 40 replicas' decoding
competing with the daemon for this process's interpreter.
"""

from __future__ import annotations

import itertools
import threading
import time

import zmq

from benchmarks import Result
from benchmarks.workload import start_bench_daemon
from citybrain.core import protocol as P
from citybrain.core.api import CollectionSpec, DistrictWide, hookimpl
from citybrain.core.district import save_units
from citybrain.core.operators import Role, create_operator
from citybrain.core.testing import RunningDaemon

DESKS = 40
BATCH = 1000  # events per publish, as an ingest source commits them
PASSWORD = "bench-desk-pw"
SCOPED, FLAT = "bench.scoped", "bench.flat"
UNITS = [f"C{n:02d}" for n in range(DESKS)]


class ScopedPlugin:
    @hookimpl
    def citybrain_collections(self):
        return [CollectionSpec(SCOPED, place="unit"), CollectionSpec(FLAT, place=DistrictWide("the unscoped baseline"))]


def _tree_and_desks(tx) -> None:
    """The district, 4 subdistricts, 40 committees; a desk operator in each committee and 40 for the district."""
    units = [{"code": "D", "name": "区", "kind": "district", "parent": None}]
    units += [{"code": f"S{n}", "name": f"街道{n}", "kind": "subdistrict", "parent": "D"} for n in range(4)]
    units += [{"code": code, "name": code, "kind": "committee", "parent": f"S{n % 4}"} for n, code in enumerate(UNITS)]
    save_units(tx.session, units)
    for n, code in enumerate(UNITS):
        create_operator(tx.session, f"in-{code}", PASSWORD, Role.OPERATOR).unit = code
        create_operator(tx.session, f"whole-{n}", PASSWORD, Role.OPERATOR)


class Desk:
    """A logged-in peer with a live SUB and, once synced, its private stream."""

    def __init__(self, ctx: zmq.Context, endpoint: str, username: str, marker: bytes) -> None:
        self.marker, self.done = marker, False
        self.corr = itertools.count(1)
        self.dealer = ctx.socket(zmq.DEALER)
        self.dealer.connect(endpoint)
        hello = self.ask(P.HELLO, {"desk": username})
        self.auth = self.ask(P.LOGIN, {"username": username, "password": PASSWORD, "desk": username})["token"]
        self.sub = ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.RCVHWM, 0)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(endpoint.rsplit(":", 1)[0] + f":{hello['pub_port']}")
        assert self.sub.poll(10_000), "no heartbeat"  # the subscription is live

    def sync(self) -> None:
        """Its snapshot, with its session: the private stream starts (and lasts while it pings)."""
        self.ask(P.SNAPSHOT, {"collections": [SCOPED, FLAT], "auth": self.auth})

    def ask(self, type_: str, body: dict) -> dict:
        n = next(self.corr)
        self.dealer.send(P.encode(type_, n, body))
        while True:
            assert self.dealer.poll(30_000), f"no reply to {type_}"
            env = P.decode(self.dealer.recv_multipart()[0])
            if env.type == P.OK and env.n == n:
                return env.body
            assert env.type != P.ERROR, env.body

    def ping(self) -> None:
        self.dealer.send(P.encode(P.PING, next(self.corr), {"desk": "bench", "auth": self.auth}))

    def close(self) -> None:
        self.dealer.close(0)
        self.sub.close(0)


def _serve(desks: list[Desk], stop: threading.Event) -> None:
    """Read every desk's sockets until each has seen its marker; ping so the private streams stay open."""
    poller = zmq.Poller()
    owner = {}
    for desk in desks:
        for sock in (desk.dealer, desk.sub):
            poller.register(sock, zmq.POLLIN)
            owner[sock] = desk
    pinged = time.monotonic()
    while not stop.is_set() and not all(d.done for d in desks):
        for sock, _ in poller.poll(100):
            desk = owner[sock]
            while sock.poll(0):
                frame = sock.recv_multipart()[-1]
                if desk.marker in frame:
                    desk.done = True
        if time.monotonic() - pinged > 2:
            pinged = time.monotonic()
            for desk in desks:
                desk.ping()


def _events(total: int) -> list[list[dict]]:
    """Batches of events, each placed in a committee in turn; the last batch ends with each desk's marker."""
    events = [
        {"id": i % 15_000, "unit": UNITS[i % DESKS], "value": float(i % 997), "at": 1_795_000_000.0 + i}
        for i in range(total)
    ]
    batches = [events[i : i + BATCH] for i in range(0, total, BATCH)]
    batches[-1] = batches[-1] + [{"id": f"end-{code}", "unit": code, "value": 0.0, "at": 0.0} for code in UNITS]
    return batches


def _fanout(
    daemon: RunningDaemon, ctx: zmq.Context, collection: str, users: list[str], markers: list[bytes], total: int
) -> float:
    desks = [Desk(ctx, daemon.endpoint, user, marker) for user, marker in zip(users, markers, strict=True)]
    stop = threading.Event()
    batches = _events(total)
    try:
        server = threading.Thread(target=_serve, args=(desks, stop))

        def publish_all() -> None:
            for batch in batches:
                daemon.daemon.publish_volatile(collection, batch, plugin="bench")

        for desk in desks:  # logging 40 desks in takes longer than a silent stream lasts: synced together after
            desk.sync()
        server.start()
        start = time.perf_counter()
        daemon.call(publish_all)
        server.join(timeout=300)
        elapsed = time.perf_counter() - start
        assert all(d.done for d in desks), "a desk did not receive its share"
    finally:
        stop.set()
        for desk in desks:
            desk.close()
    return total / elapsed


def scoped_fanout(quick: bool) -> Result:
    total = 100_000 if quick else 400_000
    daemon = start_bench_daemon({"bench": ScopedPlugin()}, demo=False)
    ctx: zmq.Context = zmq.Context.instance()
    try:

        async def prepare() -> None:
            await daemon.daemon.write(_tree_and_desks)

        daemon.call(prepare)
        ours = _fanout(
            daemon, ctx, SCOPED, [f"in-{code}" for code in UNITS], [f"end-{code}".encode() for code in UNITS], total
        )
        whole = _fanout(
            daemon, ctx, FLAT, [f"whole-{n}" for n in range(DESKS)], [f"end-{UNITS[-1]}".encode()] * DESKS, total
        )
    finally:
        daemon.stop()
    return Result("scoped_fanout", ours, "events/s", whole, ">= 0.5")


def run(quick: bool) -> list[Result]:
    return [scoped_fanout(quick)]
