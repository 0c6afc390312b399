"""The reference client's request socket: a DEALER to the daemon's ROUTER, and the monitor that tells a refused
handshake.

Two libzmq behaviours shape it. A connection whose handshake failed on a protocol error (a desk without keys at a
CURVE daemon) is ended for good, never reconnected, and a DEALER with no connection blocks a plain send for ever: the
feed thread then never read the monitor's refusal (the CLI said "no daemon answers" instead of "requires keys", about
1 run in 40). So every send here is non-blocking and says whether the message was queued, and a socket that must start
afresh is closed and made again (:meth:`RequestSocket.reopen`), never left reconnecting and handshaking.
"""

from __future__ import annotations

import time

import zmq
from zmq.utils.monitor import recv_monitor_message

from citybrain.core.security import ClientKeys, apply_client_keys

# the handshake failures the client tells the operator about (their wording is the client's status reason)
REFUSALS = zmq.EVENT_HANDSHAKE_FAILED_AUTH | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL


class RequestSocket:
    """The DEALER and its monitor, connected to ``endpoint`` and registered in ``poller`` from construction on."""

    def __init__(self, context: zmq.Context, endpoint: str, keys: ClientKeys | None, poller: zmq.Poller) -> None:
        self._context = context
        self._endpoint = endpoint
        self._keys = keys
        self._poller = poller
        self._open()

    def _open(self) -> None:
        self._dealer = self._context.socket(zmq.DEALER)
        self._dealer.setsockopt(zmq.LINGER, 0)
        self._dealer.setsockopt(zmq.RCVHWM, 0)
        apply_client_keys(self._dealer, self._keys)
        self._monitor = self._dealer.get_monitor_socket(REFUSALS)
        self._dealer.connect(self._endpoint)
        self._poller.register(self._dealer, zmq.POLLIN)
        self._poller.register(self._monitor, zmq.POLLIN)
        self.opened = time.monotonic()

    def close(self) -> None:
        """Both sockets closed, not only unpolled: a socket left open goes on reconnecting and handshaking."""
        for s in (self._dealer, self._monitor):
            if s in self._poller:
                self._poller.unregister(s)
        self._dealer.disable_monitor()
        self._monitor.close(linger=0)
        self._dealer.close(linger=0)

    def reopen(self) -> None:
        """A new DEALER (a new connection and handshake); whatever the old one queued is dropped unsent."""
        self.close()
        self._open()

    def send(self, frames: list[bytes]) -> bool:
        """Queue a request without ever blocking; False when it cannot be queued: the connection was ended (a
        refused handshake) or the send high-water mark is reached (the daemon takes nothing)."""
        try:
            self._dealer.send_multipart(frames, zmq.NOBLOCK)
        except zmq.Again:
            return False
        return True

    def has_replies(self, events: dict) -> bool:
        return self._dealer in events

    def receive(self) -> list[bytes] | None:
        """The next reply's frames, or None when none is waiting."""
        try:
            return self._dealer.recv_multipart(zmq.NOBLOCK)
        except zmq.Again:
            return None

    def refusals(self, events: dict) -> list[int]:
        """The handshake failures reported since the last call (``zmq.EVENT_HANDSHAKE_FAILED_*``), oldest first."""
        if self._monitor not in events:
            return []
        failures: list[int] = []
        while True:
            try:
                event = recv_monitor_message(self._monitor, zmq.NOBLOCK)
            except zmq.Again:
                return failures
            if event["event"] & REFUSALS:
                failures.append(int(event["event"]))
