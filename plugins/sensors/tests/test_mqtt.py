"""MQTT end to end against a real Mosquitto broker the test starts: readings, events and heartbeats published at
QoS 1 reach the devices' live state; bad messages are counted by reason in the system view; a redelivered
message is taken once; when the broker goes away and comes back, the daemon reconnects by itself."""

from __future__ import annotations

import json
import socket

import paho.mqtt.client as mqtt

PLUGINS = {"sensors": "citybrain.plugins.sensors.daemon", "system": "citybrain.plugins.system.daemon"}


def _send(client: mqtt.Client, device: str, kind: str, payload: bytes | dict) -> None:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    client.publish(f"citybrain/sensors/{device}/{kind}", body, qos=1).wait_for_publish(10)


async def _link_up(link) -> None:
    """Start the link and wait until the broker has accepted it (and with it the link's subscription)."""
    import asyncio

    link.start()
    while not link.connected:
        await asyncio.sleep(0.01)


def _dropped(client) -> dict:
    health = client.replica.get("system.health", "daemon") or {}
    return {k.split(".", 1)[1]: v for k, v in health.get("dropped", {}).items() if k.startswith("sensors.")}


def test_messages_over_mqtt_reach_the_live_state_and_bad_ones_are_counted(
    citybrain_daemon_factory, citybrain_mosquitto, publisher
):
    daemon = citybrain_daemon_factory(
        plugins=PLUGINS, plugin_config={"sensors": {"broker": citybrain_mosquitto.broker, "simulate": False}}
    )
    client = daemon.client()
    devices = client.replica.records("sensors.devices")
    assert len(devices) == 15_000  # the demo's installed base
    smoke = next(d for d in devices if d["type"] == "SMK")
    level = next(d for d in devices if d["type"] == "LEVEL")
    client.wait_for(lambda s: _connected(client))
    _send(publisher, smoke["id"], "event", {"id": "e-1", "code": "smoke", "battery": 57})
    _send(publisher, smoke["id"], "event", {"id": "e-1", "code": "smoke", "battery": 57})  # redelivered
    _send(publisher, level["id"], "reading", {"id": "r-1", "value": 37.5})
    client.wait_for(
        lambda s: (
            client.replica.get("sensors.devices", smoke["id"])["status"] == "alarm"
            and client.replica.get("sensors.devices", level["id"])["value"] == 37.5
        )
    )
    assert client.replica.get("sensors.devices", smoke["id"])["battery"] == 57
    _send(publisher, smoke["id"], "event", b"{broken")
    _send(publisher, "NO-SUCH-1", "heartbeat", {"id": "x"})
    _send(publisher, level["id"], "reading", {"id": "r-2", "value": -5})
    client.wait_for(
        lambda s: _dropped(client) == {"duplicate": 1, "malformed_json": 1, "unknown_device": 1, "out_of_range": 1}
    )

    citybrain_mosquitto.stop()  # the broker goes away…
    client.wait_for(lambda s: not _connected(client))  # …the daemon notices…
    citybrain_mosquitto.start()  # …and when it is back on the same port, reconnects and subscribes again
    client.wait_for(lambda s: _connected(client), timeout=60)
    again = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-devices-2")
    again.connect("127.0.0.1", citybrain_mosquitto.port)
    again.loop_start()
    try:
        _send(again, smoke["id"], "event", {"id": "e-2", "code": "normal"})
        client.wait_for(lambda s: client.replica.get("sensors.devices", smoke["id"])["status"] == "online", timeout=30)
    finally:
        again.loop_stop()
        again.disconnect()


def _connected(client) -> bool:
    return bool((client.replica.get("sensors.link", "ingest") or {}).get("connected"))


def test_messages_reach_the_loop_in_batches_in_their_order():
    """Paho's thread queues messages and, after each read, wakes the loop once for as many as arrived before it takes
    them (not once per message: 5,000 wake-ups a second competed with the daemon's own work); the loop takes at most
    TAKE_AT_ONCE a turn, and nothing is lost or reordered."""
    import asyncio
    import threading

    from citybrain.plugins.sensors.mqtt import TAKE_AT_ONCE, MqttIn

    loop = asyncio.new_event_loop()
    delivered: list[tuple[str, bytes]] = []
    turns: list[int] = []
    wakeups = []
    link = MqttIn({"broker": "127.0.0.1:1"}, loop, lambda topic, payload: delivered.append((topic, payload)))
    wake = loop.call_soon_threadsafe
    loop.call_soon_threadsafe = lambda *args: wakeups.append(args) or wake(*args)
    sent = [(f"citybrain/sensors/D-{n}/heartbeat", b'{"id": "%d"}' % n) for n in range(2 * TAKE_AT_ONCE + 7)]

    def paho_thread() -> None:
        for n, (topic, payload) in enumerate(sent, start=1):
            message = mqtt.MQTTMessage(topic=topic.encode())
            message.payload = payload
            link._message(link.client, None, message)
            if n % 100 == 0 or n == len(sent):
                link.client.on_read()  # as paho's thread does when a read's messages are parsed

    thread = threading.Thread(target=paho_thread)
    thread.start()
    thread.join()  # every message queued while the loop is not running: one wake-up for all of them

    async def until_taken() -> None:
        while len(delivered) < len(sent):
            turns.append(len(delivered))
            await asyncio.sleep(0)

    loop.run_until_complete(until_taken())
    loop.close()
    assert delivered == sent
    assert len(wakeups) == 1
    assert max(b - a for a, b in zip(turns, turns[1:] + [len(sent)], strict=True)) <= TAKE_AT_ONCE


def test_a_message_taken_leaves_no_garbage_for_the_cyclic_collector():
    """Messages from a real broker through the link leave nothing for the cyclic collector: paho's topic lookup made
    a reference cycle per message (four objects), and at 5,000 messages/s the daemon paused 15-20 ms every ~1.5 s
    to collect them."""
    import asyncio
    import gc

    from citybrain.core.testing.mosquitto import ThrowawayMosquitto
    from citybrain.plugins.sensors.mqtt import MqttIn

    count = 300
    loop = asyncio.new_event_loop()
    delivered: list[str] = []
    with ThrowawayMosquitto() as broker:
        link = MqttIn({"broker": broker.broker}, loop, lambda topic, payload: delivered.append(topic))
        publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="garbage-test")
        publisher.connect("127.0.0.1", broker.port)
        publisher.loop_start()

        async def taken() -> None:
            await _link_up(link)
            _send(publisher, "D-0", "heartbeat", {"id": "first"})  # subscribed: the broker delivers from here
            while not delivered:
                await asyncio.sleep(0.01)
            gc.collect()
            gc.disable()
            for n in range(count):
                publisher.publish(f"citybrain/sensors/D-{n}/heartbeat", b'{"id": "%d"}' % n, qos=1)
            while len(delivered) < count + 1:
                await asyncio.sleep(0.01)

        try:
            loop.run_until_complete(asyncio.wait_for(taken(), 30))
            left = gc.collect()
        finally:
            gc.enable()
            link.stop()
            publisher.loop_stop()
            publisher.disconnect()
            loop.close()
    assert left < count, left  # six a message before (1,800)


class _CountingSocket:
    """A socket that counts the reads made of it (everything else is the socket's)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.reads = sock, 0

    def recv(self, size: int) -> bytes:
        self.reads += 1
        return self.sock.recv(size)

    def __getattr__(self, name: str) -> object:
        return getattr(self.sock, name)


def test_the_link_acknowledges_without_waiting_for_nagle(citybrain_mosquitto):
    """paho leaves Nagle's algorithm on: an acknowledgement waited for the broker's delayed ACK of the one before
    (up to 40 ms on Linux), and the broker's next messages waited behind it."""
    import asyncio
    import socket

    from citybrain.plugins.sensors.mqtt import MqttIn

    loop = asyncio.new_event_loop()
    link = MqttIn({"broker": citybrain_mosquitto.broker}, loop, lambda topic, payload: None)

    try:
        loop.run_until_complete(asyncio.wait_for(_link_up(link), 30))
        assert link.client.socket().getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        link.stop()
        loop.close()


def test_a_burst_is_read_from_the_broker_in_blocks_whole_and_in_order(citybrain_mosquitto, publisher):
    """paho read each message with ~2.4 reads of the socket; the link reads blocks and parses every message in them
    (a message larger than a block too), and the broker, acknowledged, sends on: all arrive, in their order."""
    import asyncio

    from citybrain.plugins.sensors.mqtt import MqttIn, _BlockSocket

    count = 2_000
    loop = asyncio.new_event_loop()
    delivered: list[bytes] = []
    link = MqttIn({"broker": citybrain_mosquitto.broker}, loop, lambda topic, payload: delivered.append(payload))
    sent = [b'{"id": "%d"}' % n for n in range(count)]
    sent[count // 2] = b"x" * (3 * _BlockSocket.BLOCK)  # bigger than a block: read across three

    async def taken() -> _CountingSocket:
        await _link_up(link)
        _send(publisher, "D-0", "heartbeat", b"first")  # subscribed: the broker delivers from here
        while not delivered:
            await asyncio.sleep(0.01)
        counting = link.client._sock._sock = _CountingSocket(link.client._sock._sock)
        for n, payload in enumerate(sent):
            publisher.publish(f"citybrain/sensors/D-{n}/reading", payload, qos=1)
        while len(delivered) < count + 1:
            await asyncio.sleep(0.01)
        return counting

    try:
        counting = loop.run_until_complete(asyncio.wait_for(taken(), 60))
    finally:
        link.stop()
        loop.close()
    assert delivered[1:] == sent
    assert counting.reads < count / 4, counting.reads  # paho alone: ~4,800
