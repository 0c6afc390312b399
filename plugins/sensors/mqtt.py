"""MQTT in: a paho-mqtt client on its own thread, subscribed at QoS 1 to ``citybrain/sensors/#``, reconnecting
with backoff when the broker goes away; each message is handed to the daemon's loop, never handled on paho's
thread.  Messages are handed over in batches: paho's thread queues them and, after each read of the socket, wakes
the loop unless it is already due to take them, and the loop takes up to ``TAKE_AT_ONCE`` per turn (a wake-up per
message cost the daemon a self-pipe write, a loop turn and a hand-over of the interpreter lock each, 5,000 times a
second).  Nagle's algorithm is off on the broker connection (paho leaves it on): see ``_Client``.

The broker is named in ``[plugins.sensors]``: ``broker = "host:port"`` (and optional ``username``, ``password``,
``tls = true``, ``client_id``).

The client id is what the broker keys a session on: a client connecting with the same id takes the session over
(and with it the messages queued while the daemon was away).  So there is no fixed id: without ``client_id`` each
start is a fresh random id with a clean session (nothing is queued for anyone to take; messages sent while the
daemon is down are not delivered later); with a configured ``client_id`` (give each daemon its own, and let the
broker's ACL tie it to the daemon's login) the session is persistent and QoS 1 messages wait for the daemon.  A
broker without login or TLS is said in the log: anyone who reaches it can publish device messages."""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.matcher import MQTTMatcher

TOPIC = "citybrain/sensors/#"
TAKE_AT_ONCE = 500  # messages the loop takes per turn before letting its other work run
log = logging.getLogger("citybrain.plugins.sensors.mqtt")


def host_port(broker: str) -> tuple[str, int]:
    host, _, port = broker.rpartition(":")
    return (host, int(port)) if host else (broker, 1883)


class _Filters(MQTTMatcher):
    """paho's per-topic callbacks (``message_callback_add``), which this link never registers, looked up for each
    message as paho does, but nothing made when there is none to find: paho's lookup (``iter_match``) makes a
    reference cycle per call (a recursive closure), at 5,000 messages/s ~30,000 objects a second left to the cyclic
    collector, and the daemon paused 15-20 ms every ~1.5 s collecting them (the tail of mqtt_to_pixel)."""

    def __init__(self) -> None:
        super().__init__()
        self._filters: set[str] = set()

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._filters.add(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._filters.discard(key)

    def iter_match(self, topic: str) -> Iterator[Any]:
        return super().iter_match(topic) if self._filters else iter(())


class _BlockSocket:
    """The broker connection's socket, read in blocks. paho reads each packet's first byte, its length bytes and
    its body with a ``recv`` each: ~2.4 system calls a message, each handing the interpreter lock to the loop and
    back, 5,000 times a second. This reads up to ``BLOCK`` bytes at once and serves paho's small reads from what it
    holds; ``pending()``, which paho asks of a TLS socket, counts what it holds too, so paho reads on without
    waiting in select. Everything else is the socket's own."""

    BLOCK = 65_536

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._held = b""
        self._at = 0

    def recv(self, size: int) -> bytes:
        if self._at >= len(self._held):
            self._held, self._at = self._sock.recv(max(size, self.BLOCK)), 0  # BlockingIOError, b"" at the end
        chunk = self._held[self._at : self._at + size]
        self._at += len(chunk)
        return chunk

    def held(self) -> int:
        return len(self._held) - self._at

    def pending(self) -> int:
        inner = getattr(self._sock, "pending", None)
        return self.held() + (inner() if inner else 0)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _Client(mqtt.Client):
    """paho's client reading its socket in blocks (:class:`_BlockSocket`) and taking every packet read before it
    waits again (paho takes one packet per wait in select). Two of paho's internals are relied on, both checked
    against Mosquitto by the tests: the socket is made in ``_create_socket``, and read through ``recv`` and
    ``pending`` alone."""

    on_read: Callable[[], object] | None = None  # called after each read's packets were all taken

    def _create_socket(self) -> Any:
        sock = super()._create_socket()
        if isinstance(sock, socket.socket) and sock.family in (socket.AF_INET, socket.AF_INET6):  # TLS's too
            # paho leaves Nagle on: an acknowledgement written while the last is unanswered waited for the broker's
            # delayed ACK (up to 40 ms on Linux), and the broker's next messages behind it (a tenth of the probes
            # of mqtt_to_pixel were 20-40 ms late, a burst of ~200 messages arriving at once)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _BlockSocket(sock)

    def loop_read(self, max_packets: int = 1) -> mqtt.MQTTErrorCode:
        # paho wakes its own select through a socket pair for every packet it queues, the PUBACK of each message
        # read here included: a system call a message for nothing, since this thread writes what is queued as soon
        # as it is back in its loop. Another thread's packet queued meanwhile is written then too.
        wake, self._sockpairW = self._sockpairW, None
        try:
            rc = super().loop_read(max_packets)
            while (
                rc == mqtt.MQTTErrorCode.MQTT_ERR_SUCCESS and isinstance(self._sock, _BlockSocket) and self._sock.held()
            ):
                rc = super().loop_read(max_packets)
        finally:
            self._sockpairW = wake
            if self.on_read is not None:  # what the read queued is handed over whatever became of the read
                self.on_read()
        return rc


class MqttIn:
    """Messages from the broker to ``deliver(topic, payload)`` on ``loop``; ``connected`` says whether it is up."""

    def __init__(self, config: dict, loop: asyncio.AbstractEventLoop, deliver: Callable[[str, bytes], object]) -> None:
        self.loop, self.deliver, self.connected = loop, deliver, False
        self._inbox: deque[tuple[str, bytes]] = deque()  # from paho's thread, taken on the loop
        self._due = False  # the loop is due to take the inbox (woken and not yet begun)
        self.host, self.port = host_port(config["broker"])
        client_id = config.get("client_id")
        persistent = bool(client_id)  # a session kept across restarts only under an id the installer chose
        self.client_id = client_id or f"citybrain-{secrets.token_hex(8)}"
        self.client = _Client(mqtt.CallbackAPIVersion.VERSION2, client_id=self.client_id, clean_session=not persistent)
        if config.get("username"):
            self.client.username_pw_set(config["username"], config.get("password"))
        else:
            log.warning(
                "MQTT broker %s:%s: no login (username, password): anyone who reaches the broker can publish "
                "device messages",
                self.host,
                self.port,
            )
        if config.get("tls"):
            self.client.tls_set()
        else:
            log.warning(
                "MQTT broker %s:%s: no TLS: device messages%s travel in clear",
                self.host,
                self.port,
                " and the broker password" if config.get("username") else "",
            )
        low, high = float(config.get("reconnect_min", 1)), float(config.get("reconnect_max", 30))
        self.client.reconnect_delay_set(min_delay=max(1, int(low)), max_delay=max(int(low), int(high)))
        self.client.on_connect = self._connected
        self.client.on_disconnect = self._disconnected
        self.client.on_message = self._message
        self.client.on_read = self._wake
        self.client._on_message_filtered = _Filters()  # paho's own, without a reference cycle per message

    def start(self) -> None:
        self.client.connect_async(self.host, self.port, keepalive=30)
        self.client.loop_start()  # paho's thread: connects, and reconnects with backoff for as long as it runs

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()

    def _connected(
        self, client: mqtt.Client, userdata: object, flags: object, reason: object, properties: object = None
    ) -> None:
        self.connected = not getattr(reason, "is_failure", False)
        if self.connected:
            client.subscribe(TOPIC, qos=1)  # again on every connection: the broker may have forgotten us
            log.info("MQTT connected to %s:%s", self.host, self.port)

    def _disconnected(
        self, client: mqtt.Client, userdata: object, flags: object, reason: object, properties: object = None
    ) -> None:
        self.connected = False
        log.warning("MQTT connection to %s:%s lost (%s); reconnecting", self.host, self.port, reason)

    def _message(self, client: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        """Paho's thread: queue the message (the loop is woken when the read that brought it is done)."""
        self._inbox.append((message.topic, bytes(message.payload)))

    def _wake(self) -> None:
        """Paho's thread, after a read: wake the loop unless it is already due to take the queue.  Once a read,
        not once a message: each wake is a write to the loop's self-pipe, which hands the interpreter lock to the
        loop while paho still has the read's messages to parse and acknowledge (~4,000 messages a second, traced
        with strace: ~1,300 wakes a second when each message could wake it, ~170 now, at most one a read)."""
        if self._inbox and not self._due:
            self._due = True
            self.loop.call_soon_threadsafe(self._take)

    def _take(self) -> None:
        """The loop: deliver what is queued, at most ``TAKE_AT_ONCE``, then the rest at its next turn.  ``_due`` is
        cleared before taking, so a message queued meanwhile is either taken now or wakes the loop again."""
        self._due = False
        inbox, deliver = self._inbox, self.deliver
        for _ in range(min(len(inbox), TAKE_AT_ONCE)):
            deliver(*inbox.popleft())
        if inbox and not self._due:
            self._due = True
            self.loop.call_soon(self._take)
