"""mqtt_to_pixel_p99: from an MQTT publish to the tile's colour changing in the desk's device wall image, p99,
at a background load of 5,000 messages/s, ÷ the wall's repaint period (the most a tile may wait to be drawn).

Everything real and apart, as in a control room: Mosquitto, the daemon in its own process (demo district: 15,000
devices), the background publisher in another, the desk (feed, DeviceWall) here on Qt's event loop.  A probe
device is switched between ``fault`` and ``normal``; the time runs from just before the probe's publish to the
render that puts the tile's new colour into the image."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Result
from benchmarks.qt import qapp

BACKGROUND_RATE = 5_000  # messages/s
KEEP = {"system", "cases", "sensors"}  # the daemon's plugins for this run: the org tree, the devices


def _background(port: int, devices: list[str], stop, rate: int = BACKGROUND_RATE) -> None:
    """Readings to random devices at ``rate``, paced in 10 ms slices, QoS 1 like the devices (own process)."""
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="bench-background")
    client.max_inflight_messages_set(2000)
    client.max_queued_messages_set(0)
    client.connect("127.0.0.1", port)
    client.loop_start()
    rng, n, start = random.Random(3), 0, time.perf_counter()
    while not stop.is_set():
        due = int((time.perf_counter() - start) * rate)
        for _ in range(due - n):
            n += 1
            body = json.dumps({"id": f"bg-{n}", "value": round(rng.uniform(1, 50), 1)})
            client.publish(f"citybrain/sensors/{rng.choice(devices)}/reading", body, qos=1)
        time.sleep(0.01)
    client.loop_stop()
    client.disconnect()


def _free_pair() -> int:
    """A free port whose next one is free too (the daemon's ROUTER and PUB)."""
    while True:
        with socket.socket() as first, socket.socket() as second:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            return port


def _start_daemon(broker: str) -> tuple[subprocess.Popen, str, Path]:
    """The daemon on a demo district in a folder of its own (removed by the caller: 5 MB a run)."""
    from importlib.metadata import entry_points

    from citybrain.core.hookspecs import GROUP

    data = Path(tempfile.mkdtemp(prefix="citybrain-bench-pixel-"))
    disabled = sorted({e.name for e in entry_points(group=GROUP)} - KEEP)
    (data / "daemon.toml").write_text(
        f'[plugins]\ndisabled = {json.dumps(disabled)}\n[plugins.sensors]\nbroker = "{broker}"\nsimulate = false\n'
    )
    port = _free_pair()
    daemon = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "daemon",
            "--config",
            str(data / "daemon.toml"),
            "--data-dir",
            str(data),
            "--port",
            str(port),
            "--demo",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return daemon, f"tcp://127.0.0.1:{port}", data


def mqtt_to_pixel_p99(quick: bool) -> Result:
    qapp()
    import paho.mqtt.client as mqtt
    from PySide6.QtCore import QEventLoop, QTimer

    from citybrain.core.testing.mosquitto import ThrowawayMosquitto, mosquitto_binary
    from citybrain.plugins.sensors.wall_view import STATE, DeviceWall
    from citybrain.shell.api import DeskContext
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.notify import Notifier

    if mosquitto_binary() is None:
        raise RuntimeError("mqtt_to_pixel_p99 needs mosquitto (apt-get install mosquitto)")
    # a p99 of 150 probes was their second worst: one stall of the shared machine decided it (three quiet runs at
    # stop 34: 41, 58 and 72 ms); of 300 it is the fourth worst, ~10 s more of a quick run
    probes = 300 if quick else 600
    with ThrowawayMosquitto() as broker:
        daemon, endpoint, data = _start_daemon(broker.broker)
        feed = DeskFeed(endpoint)
        feed.start()
        stop = multiprocessing.get_context("spawn").Event()
        background = None
        try:
            ctx = DeskContext("sensors", feed, Notifier(None), list)
            wait = QEventLoop()
            deadline = time.monotonic() + 300
            while not (
                len(ctx.records("sensors.devices")) >= 15_000
                and (ctx.record("sensors.link", "ingest") or {}).get("connected")
            ):
                if daemon.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the daemon did not start with its 15,000 demo devices")
                QTimer.singleShot(100, wait.quit)
                wait.exec()
            feed.drain()
            view = DeviceWall(ctx, filters=False)
            view.resize(1600, 900)
            view.show()
            wall = view.wall
            devices = ctx.records("sensors.devices")
            probe = next(d["id"] for d in devices if d["type"] == "SMK" and d["status"] == "online")
            readers = [d["id"] for d in devices if d["type"] in ("LEVEL", "PIPE-P", "ELEC-FIRE", "NOISE-M", "CHG-PILE")]
            statuses = {"fault": "fault", "normal": "online"}

            def ingested() -> int:
                """The messages the daemon has taken from the broker so far, as its link record says."""
                link = ctx.record("sensors.link", "ingest")
                if link is None:
                    raise RuntimeError("the daemon published no sensors.link ingest record")
                return link["taken"]

            background = multiprocessing.get_context("spawn").Process(
                target=_background, args=(broker.port, readers, stop), daemon=True
            )
            background.start()
            publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="bench-probe")
            publisher.connect("127.0.0.1", broker.port)
            publisher.loop_start()
            latencies: list[float] = []
            pending: dict = {}
            rng = random.Random(11)

            def send() -> None:
                code = "fault" if len(latencies) % 2 == 0 else "normal"
                pending.update(code=code, at=time.perf_counter())
                publisher.publish(
                    f"citybrain/sensors/{probe}/event",
                    json.dumps({"id": f"probe-{len(latencies)}", "code": code}),
                    qos=1,
                )

            def rendered() -> None:
                # the probe's pixel as the wall lays it out now: a resync, or a device added or removed, lays the
                # wall out again (seen on a loaded machine: the pixel taken at the start then lay outside the image)
                if pending and int(wall.pixels.ravel()[wall.flat[view.index[probe]]]) == int(
                    wall.lut[STATE[statuses[pending["code"]]]]
                ):
                    latencies.append(time.perf_counter() - pending.pop("at"))
                    pending.clear()
                    if len(latencies) >= probes:
                        done.quit()
                    else:
                        QTimer.singleShot(rng.randint(20, 80), send)

            wall.image_rendered.connect(rendered)
            done = QEventLoop()
            taken: list[
                tuple[float, int]
            ] = []  # (time, messages taken by the daemon so far): the background rate it really bore
            QTimer.singleShot(2000, lambda: taken.append((time.perf_counter(), ingested())))
            QTimer.singleShot(2000, send)  # the background load settles first
            QTimer.singleShot(600_000, done.quit)
            done.exec()
            publisher.loop_stop()
            publisher.disconnect()
            taken.append((time.perf_counter(), ingested()))
            if len(latencies) < probes:
                raise RuntimeError(f"only {len(latencies)} of {probes} probes reached the wall")
        finally:
            stop.set()
            if background is not None:
                background.join(10)
            feed.stop()
            daemon.terminate()
            daemon.wait(30)
            shutil.rmtree(data, ignore_errors=True)
    p99 = sorted(latencies)[math.ceil(0.99 * len(latencies)) - 1]
    rate = (taken[1][1] - taken[0][1]) / (taken[1][0] - taken[0][0])
    print(
        f"mqtt_to_pixel: median {sorted(latencies)[len(latencies) // 2] * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms "
        f"over {len(latencies)} probes; the daemon took {rate:,.0f} messages/s meanwhile",
        file=sys.stderr,
    )
    return Result("mqtt_to_pixel_p99", p99 * 1000, "ms", wall.period * 1000, "<= 2")


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return [mqtt_to_pixel_p99(quick)]
