"""feed_throughput and snapshot_resync: the daemon's real publish and snapshot paths."""

from __future__ import annotations

import random
import threading
import time
from functools import partial

import msgpack
import zmq

from benchmarks import Result
from benchmarks.workload import alarm, connected_pubsub, device, event, start_bench_daemon
from citybrain.core import protocol as P
from citybrain.core.client import FeedStatus
from citybrain.core.live import MAX_CHANGES_PER_FRAME

BATCH = 1000  # events per publish call, as an ingest source would commit them


def _raw_pubsub(batches: list[list], total: int) -> float:
    """Events/s of a bare PUB/SUB carrying the same batches, packed on sending and unpacked on arrival."""
    pub, sub = connected_pubsub()
    received = 0

    def receive() -> None:
        nonlocal received
        while received < total:
            _, frame = sub.recv_multipart()
            received += len(P.unpack(frame)[3])

    t = threading.Thread(target=receive)
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


def feed_throughput(quick: bool) -> Result:
    total = 100_000 if quick else 500_000
    events = [event(i) for i in range(total)]
    daemon = start_bench_daemon()
    try:
        client = daemon.client()
        target = client.replica.seq + total

        def publish_all() -> None:
            for i in range(0, total, BATCH):
                daemon.daemon.publish_volatile("bench.events", events[i : i + BATCH])

        start = time.perf_counter()
        daemon.call(publish_all)
        client.wait_for(lambda s: client.replica.seq >= target, timeout=300)
        ours = total / (time.perf_counter() - start)
    finally:
        daemon.stop()
    raw = _raw_pubsub(batches(events), total)
    return Result("feed_throughput", ours, "events/s", raw, ">= 0.5")


def _raw_transfer(frames: list[bytes], repeats: int) -> float:
    """Seconds for a bare DEALER/ROUTER request answered with the same bytes, each frame then unpacked into its
    records (dicts) with ``msgpack.unpackb``: the least any client holding records does (median)."""
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
    rng = random.Random(7)
    repeats = 5 if quick else 15
    daemon = start_bench_daemon()
    try:

        def fill() -> None:
            daemon.daemon.publish_volatile("bench.devices", [device(i, rng) for i in range(15_000)])
            daemon.daemon.publish_volatile("bench.alarms", [alarm(i, rng) for i in range(10_000)])

        daemon.call(fill)
        client = daemon.client()
        times = []
        for n in range(repeats):
            before = client.status.resyncs

            def lose_one_update(n: int = n) -> None:
                daemon.daemon.live.seq += 1  # the next update shows a gap: the client resyncs
                daemon.daemon.publish_volatile("bench.events", [event(n)])

            start = time.perf_counter()
            daemon.call(lose_one_update)
            client.wait_for(partial(_resynced_since, before), timeout=60)
            times.append(time.perf_counter() - start)
        ours = sorted(times)[len(times) // 2]
        frames = daemon.call(lambda: daemon.daemon.live.snapshot_frames())
    finally:
        daemon.stop()
    raw = _raw_transfer(frames, repeats)
    return Result("snapshot_resync", ours, "s", raw, "<= 1.5")


def run(quick: bool) -> list[Result]:
    return [feed_throughput(quick), snapshot_resync(quick)]
