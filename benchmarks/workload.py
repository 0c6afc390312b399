"""Shared workload for the feed benchmarks: a real daemon with district-sized collections."""

from __future__ import annotations

import atexit
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import zmq

from citybrain.core import protocol as P
from citybrain.core.api import CollectionSpec, DistrictWide, hookimpl
from citybrain.core.testing import RunningDaemon, start_daemon

DEVICE_TYPES = ["smoke", "door", "water", "lift-ebike", "fire-lane", "elderly-motion", "gas", "temperature"]


class BenchPlugin:
    """Volatile collections sized like a district: devices, alarms and an event stream."""

    @hookimpl
    def citybrain_collections(self):
        everywhere = DistrictWide("benchmark data: every desk gets all of it, as an unscoped district desk does")
        return [CollectionSpec(f"bench.{name}", place=everywhere) for name in ("devices", "alarms", "events")]


def device(i: int, rng: random.Random) -> dict:
    return {
        "id": i,
        "code": f"HK-{i:06d}",
        "type": DEVICE_TYPES[i % len(DEVICE_TYPES)],
        "compound": f"C{i % 40:02d}",
        "building": i % 17,
        "floor": i % 9,
        "status": "online",
        "battery": round(rng.uniform(10, 100), 1),
        "last_seen": "2026-11-24T03:00:00+00:00",
        "lat": 31.26 + rng.random() / 50,
        "lon": 121.48 + rng.random() / 50,
    }


def alarm(i: int, rng: random.Random) -> dict:
    return {
        "id": i,
        "device": rng.randrange(15_000),
        "priority": rng.choice(["low", "medium", "high", "urgent"]),
        "state": rng.choice(["unack", "ack", "rtn_unack", "shelved"]),
        "raised_at": "2026-11-24T02:59:00+00:00",
        "message": "设备告警 sensor alarm",
        "value": round(rng.uniform(0, 500), 2),
    }


def event(i: int) -> dict:
    return {
        "id": i % 15_000,
        "type": DEVICE_TYPES[i % len(DEVICE_TYPES)],
        "value": float(i % 997),
        "at": 1_795_000_000.0 + i,
        "state": "alarm" if i % 50 == 0 else "normal",
    }


def scratch_folder(prefix: str = "citybrain-bench-") -> Path:
    """A new temporary folder, removed when the benchmark process exits: a full run makes hundreds (a daemon's
    database, a fresh workstation's settings), and a benchmark that stops at an error must not leave its own."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def start_bench_daemon(plugins: dict | None = None, **kwargs: Any) -> RunningDaemon:
    """A daemon with ``plugins`` (by default the district-sized :class:`BenchPlugin` and no demo) on a scratch
    folder of its own."""
    if plugins is None:
        plugins, kwargs = {"bench": BenchPlugin()}, {"demo": False, **kwargs}
    return start_daemon(scratch_folder(), plugins=plugins, **kwargs)


def receive_keeping_latest(sub: zmq.Socket, total: int) -> dict:
    """A bare replica: recv and unpack update frames until ``total`` changes arrived, the latest record kept per key
    in a dict — the least any replica does (a loop that drops each record at once measures a client nobody could
    use: freeing the records a new one replaces is half of a keeping loop's CPU)."""
    latest: dict = {}
    received = 0
    while received < total:
        _, frame = sub.recv_multipart()
        changes = P.unpack(frame)[3]
        for _collection, key, record in changes:
            latest[key] = record
        received += len(changes)
    return latest


def connected_pubsub() -> tuple[zmq.Socket, zmq.Socket]:
    """A bare PUB and SUB on loopback, unbounded queues, the subscription already live."""
    ctx: zmq.Context = zmq.Context.instance()
    pub, sub = ctx.socket(zmq.PUB), ctx.socket(zmq.SUB)
    pub.setsockopt(zmq.SNDHWM, 0)
    sub.setsockopt(zmq.RCVHWM, 0)
    port = pub.bind_to_random_port("tcp://127.0.0.1")
    sub.connect(f"tcp://127.0.0.1:{port}")
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    while True:  # a slow joiner misses the first messages: wait until one arrives
        pub.send_multipart([b"hb", b""])
        if sub.poll(50):
            sub.recv_multipart()
            break
    while sub.poll(0):
        sub.recv_multipart()
    return pub, sub
