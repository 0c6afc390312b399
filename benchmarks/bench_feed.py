"""feed_throughput and snapshot_resync: the daemon's real publish and snapshot paths."""

from __future__ import annotations

import random
import threading
import time
from functools import partial
from statistics import median

import msgpack
import zmq

from benchmarks import Result
from benchmarks.workload import alarm, connected_pubsub, device, event, receive_keeping_latest, start_bench_daemon
from citybrain.core import protocol as P
from citybrain.core.client import FeedStatus
from citybrain.core.live import MAX_CHANGES_PER_FRAME
from citybrain.core.replica import Replica

BATCH = 1000  # events per publish call, as an ingest source would commit them


def _raw_pubsub(batches: list[list], total: int, keep: bool = True) -> float:
    """Events/s of a bare PUB/SUB carrying the same batches, packed on sending and unpacked on arrival, the latest
    record kept per key (:func:`receive_keeping_latest`, as the replica does); ``keep=False``: each frame's records
    dropped at once (the baseline until stop 28, reported beside as ``bare_loop_ratio``)."""
    pub, sub = connected_pubsub()

    def drop() -> None:
        received = 0
        while received < total:
            _, frame = sub.recv_multipart()
            received += len(P.unpack(frame)[3])

    t = threading.Thread(target=(lambda: receive_keeping_latest(sub, total)) if keep else drop)
    start = time.perf_counter()
    t.start()
    for i, batch in enumerate(batches):
        pub.send_multipart([P.TOPIC_UPDATE, P.encode(P.UPDATE, i, batch)])
    t.join()
    elapsed = time.perf_counter() - start
    pub.close(0)
    sub.close(0)
    return total / elapsed


def batches(events: list[dict]) -> list[list]:
    """The events as the daemon's publisher frames them: [collection, key, record] changes."""
    return [
        [("bench.events", e["id"], e) for e in events[i : i + MAX_CHANGES_PER_FRAME]]
        for i in range(0, len(events), MAX_CHANGES_PER_FRAME)
    ]


def _holds_up_to(replica: Replica, seq: int, _status: FeedStatus) -> bool:
    """The replica has applied every change up to ``seq``."""
    return replica.seq >= seq


def feed_throughput(quick: bool) -> Result:
    """Rounds of ours and the bare loops alternate, medians compared: this machine's noise hits all three."""
    total = 100_000 if quick else 500_000
    events = [event(i) for i in range(total)]
    framed = batches(events)
    ours: list[float] = []
    raw: list[float] = []
    bare: list[float] = []
    daemon = start_bench_daemon()
    try:
        client = daemon.client()

        def publish_all() -> None:
            for i in range(0, total, BATCH):
                daemon.daemon.publish_volatile("bench.events", events[i : i + BATCH], plugin="bench")

        for _ in range(3):
            target = client.replica.seq + total
            start = time.perf_counter()
            daemon.call(publish_all)
            client.wait_for(partial(_holds_up_to, client.replica, target), timeout=300)
            ours.append(total / (time.perf_counter() - start))
            raw.append(_raw_pubsub(framed, total))
            bare.append(_raw_pubsub(framed, total, keep=False))
    finally:
        daemon.stop()
    extra = {"bare_loop_ratio": round(median(ours) / median(bare), 3)}
    return Result("feed_throughput", median(ours), "events/s", median(raw), ">= 0.5", extra)


def _raw_transfer(frames: list[bytes], repeats: int) -> float:
    """Seconds for a bare DEALER/ROUTER request answered with the same bytes, each frame then unpacked into its
    records (dicts) with ``msgpack.unpackb``: the least any client holding records does (median of ``repeats``)."""
    ctx: zmq.Context = zmq.Context.instance()
    router, dealer = ctx.socket(zmq.ROUTER), ctx.socket(zmq.DEALER)
    port = router.bind_to_random_port("tcp://127.0.0.1")
    dealer.connect(f"tcp://127.0.0.1:{port}")
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            if router.poll(100):
                identity, _ = router.recv_multipart()
                router.send_multipart([identity, b"ok", *frames])

    t = threading.Thread(target=serve)
    t.start()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        dealer.send(b"snapshot")
        for frame in dealer.recv_multipart()[1:]:
            msgpack.unpackb(frame, raw=False, strict_map_key=False)
        times.append(time.perf_counter() - start)
    stop.set()
    t.join()
    router.close(0)
    dealer.close(0)
    return sorted(times)[len(times) // 2]


def _resynced_since(resyncs: int, status: FeedStatus) -> bool:
    """The client resynced since it had counted ``resyncs``, and is live again."""
    return status.resyncs > resyncs and status.state == "live"


def snapshot_resync(quick: bool) -> Result:
    """Rounds of ours and the bare transfer alternate, medians compared: this machine's noise hits both (the bare
    transfers ran after all of ours until stop 28).  Nine rounds in quick mode, not five: a resync is ~60 ms of
    hops between threads and processes, and the median of five moved with the machine (0.083 s in one of six quiet
    runs at stop 35, 0.055–0.057 s in the others: 1.64 against 0.72–1.22)."""
    rng = random.Random(7)
    repeats = 9 if quick else 15
    ours: list[float] = []
    raw: list[float] = []
    daemon = start_bench_daemon()
    try:

        def fill() -> None:
            daemon.daemon.publish_volatile("bench.devices", [device(i, rng) for i in range(15_000)], plugin="bench")
            daemon.daemon.publish_volatile("bench.alarms", [alarm(i, rng) for i in range(10_000)], plugin="bench")

        daemon.call(fill)
        client = daemon.client()
        for n in range(repeats):
            before = client.status.resyncs

            def lose_one_update(n: int = n) -> None:
                daemon.daemon.live.seq += 1  # the next update shows a gap: the client resyncs
                daemon.daemon.publish_volatile("bench.events", [event(n)], plugin="bench")

            start = time.perf_counter()
            daemon.call(lose_one_update)
            client.wait_for(partial(_resynced_since, before), timeout=60)
            ours.append(time.perf_counter() - start)
            raw.append(_raw_transfer(daemon.call(lambda: daemon.daemon.live.snapshot_frames()), 1))
    finally:
        daemon.stop()
    return Result("snapshot_resync", median(ours), "s", median(raw), "<= 1.5")


def run(quick: bool) -> list[Result]:
    return [feed_throughput(quick), snapshot_resync(quick)]
