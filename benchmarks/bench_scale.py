"""Scale, for when a district outgrows the demo.

feed_fanout: events/s delivered to each desk when 50 desks subscribe, against the same with one.  The daemon's real
publish path (publish_volatile, its PUB socket) and one real FeedClient replica in this process; the other 49 desks
are subscribers in one other process that take every frame off their socket and read its change count from the
envelope (a desk's own machine decodes on its own CPU: this machine has two cores for all 50).  A desk's figure is
the events published over the time until the slowest desk has them all.

snapshot_1m: a 1,000,000-record snapshot decoded into a replica (the client's own decode a record at a time, then
the replica keyed) against ``msgpack.unpackb`` of the same frames; the replica's memory is reported too.  ``--quick``
takes 250,000 records (the line says how many)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import random
import time

import msgpack
import zmq

from benchmarks import Result
from benchmarks.workload import device, event, start_bench_daemon
from citybrain.core import protocol as P
from citybrain.core.replica import Replica

DESKS = 50
BATCH = 1000  # events per publish call, as an ingest source commits them


def _count_changes(frame: zmq.Frame) -> int:
    """The number of changes an update frame carries, read from its headers without decoding a record."""
    unpacker = msgpack.Unpacker(raw=False, max_buffer_size=len(frame))
    unpacker.feed(frame.buffer)
    unpacker.read_array_header()
    unpacker.skip(), unpacker.skip(), unpacker.skip()  # version, type, first sequence
    return unpacker.read_array_header()


def _subscribers(pub_endpoint: str, desks: int, total: int, ready, done) -> None:  # noqa: ANN001
    """``desks`` SUB sockets (own process): ready once each has heard a heartbeat, then each counts ``total``
    changes; puts the monotonic time the last one finished."""
    ctx = zmq.Context()
    poller = zmq.Poller()
    sockets = []
    for _ in range(desks):
        sub = ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.RCVHWM, 0)
        sub.connect(pub_endpoint)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        poller.register(sub, zmq.POLLIN)
        sockets.append(sub)
    counts = dict.fromkeys(sockets, -1)  # -1: no heartbeat yet
    announced = False
    finished = 0
    while finished < desks:
        for sub, _ in poller.poll(1000):
            topic, frame = sub.recv_multipart(copy=False)  # not copied again: the desk is elsewhere
            if topic.bytes == P.TOPIC_HEARTBEAT:
                counts[sub] = max(counts[sub], 0)
            elif counts[sub] >= 0:
                counts[sub] += _count_changes(frame)
                if counts[sub] >= total:
                    finished += 1
                    counts[sub] = -(10**12)  # done: ignore the rest
        if not announced and all(c >= 0 for c in counts.values()):
            announced, cpu = True, time.process_time()
            ready.set()
    done.put((time.perf_counter(), time.process_time() - cpu))
    ctx.destroy(0)


def _round(events: list[dict], others: int) -> tuple[float, float]:
    """Events/s each desk received: one real replica here and ``others`` socket-level desks in another process;
    and the CPU seconds those others took meanwhile (on a desk's own machine, not here)."""
    daemon = start_bench_daemon()
    spawn = multiprocessing.get_context("spawn")
    ready, done = spawn.Event(), spawn.Queue()
    process = None
    try:
        client = daemon.client()
        if others:
            pub = f"tcp://127.0.0.1:{daemon.daemon.pub_port}"
            process = spawn.Process(target=_subscribers, args=(pub, others, len(events), ready, done), daemon=True)
            process.start()
            if not ready.wait(120):
                raise RuntimeError("the subscribers never heard the daemon's heartbeat")
        target = client.replica.seq + len(events)

        def publish_all() -> None:
            for i in range(0, len(events), BATCH):
                daemon.daemon.publish_volatile("bench.events", events[i : i + BATCH], plugin="bench")

        start = time.perf_counter()
        daemon.call(publish_all)
        client.wait_for(lambda s: client.replica.seq >= target, timeout=600)
        last, cpu = time.perf_counter(), 0.0
        if others:
            finished, cpu = done.get(timeout=600)
            last = max(last, finished)
        return len(events) / (last - start), cpu
    finally:
        if process is not None:
            process.join(30)
        daemon.stop()


def feed_fanout(quick: bool) -> Result:
    total, rounds = (50_000, 3) if quick else (200_000, 5)
    events = [event(i) for i in range(total)]
    one, fifty, cpu = [], [], []
    for _ in range(rounds):  # alternating, medians: this machine's noise hits both
        one.append(_round(events, 0)[0])
        rate, seconds = _round(events, DESKS - 1)
        fifty.append(rate)
        cpu.append(seconds)
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    return Result(
        "feed_fanout",
        median(fifty),
        "events/s/desk",
        median(one),
        ">= 0.5",
        extra={"desks": DESKS, "events": total, "others_cpu_s": round(median(cpu), 2)},
    )


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def snapshot_1m(quick: bool) -> Result:
    records = 250_000 if quick else 1_000_000
    rng = random.Random(13)
    per = records // 4  # four collections, as a district's devices, alarms, cases and readings
    frames = [P.pack([f"bench.c{c}", "id", [device(c * per + i, rng) for i in range(per)]]) for c in range(4)]
    gc.collect()
    repeats = 3
    ours, raw, memory = [], [], 0.0
    for _ in range(repeats):  # alternating, medians
        before = _rss_mb()
        start = time.perf_counter()
        decoded = {}
        for frame in frames:
            name, key_field, rows = P.unpack_collection(frame)
            decoded[name] = (key_field, rows)
        replica = Replica()
        replica.on_snapshot(1, "bench", decoded)
        ours.append(time.perf_counter() - start)
        memory = _rss_mb() - before
        del decoded, replica, rows
        gc.collect()
        start = time.perf_counter()
        plain = [msgpack.unpackb(frame, raw=False, strict_map_key=False) for frame in frames]
        raw.append(time.perf_counter() - start)
        del plain
        gc.collect()
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    return Result(
        "snapshot_1m",
        median(ours),
        "s",
        median(raw),
        "<= 1.5",
        extra={
            "records": records,
            "frames_mb": round(sum(map(len, frames)) / 2**20, 1),
            "replica_mb": round(memory, 1),
        },
    )


def run(quick: bool) -> list[Result]:
    return [snapshot_1m(quick), feed_fanout(quick)]
