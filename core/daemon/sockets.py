"""The daemon's two sockets: ROUTER for requests, PUB for the feed, with CURVE when configured."""

from __future__ import annotations

import zmq
import zmq.asyncio

from citybrain.core.config import DaemonConfig
from citybrain.core.security import ServerKeys, apply_server_keys, start_authenticator

# per peer, in messages (a snapshot reply is one): replies and private updates queued for a peer that does not read
# (beyond: ZeroMQ drops them, the peer sees a gap and resyncs), requests read ahead of the loop (beyond: ZeroMQ
# stops reading that peer's connection, so a flood slows its sender, not the daemon)
ROUTER_SNDHWM = 1000
ROUTER_RCVHWM = 1000
PUB_SNDHWM = 100_000  # updates queued for a slow subscriber (docs/protocol.md, "Limits")


class Sockets:
    """Made (with their keys) when built, listening once :meth:`bind` returns; the ports are then known."""

    def __init__(self, config: DaemonConfig) -> None:
        keys = None
        if config.curve_secret is not None:
            assert config.curve_allowed is not None  # both, or neither (DaemonConfig.check refuses one alone)
            keys = ServerKeys.load(config.curve_secret, config.curve_allowed)
        self.context = zmq.asyncio.Context()
        self._auth = start_authenticator(self.context, keys)
        self.router = self.context.socket(zmq.ROUTER)
        # libzmq drops the connection of a peer sending far more than allowed; just above is counted by the router
        self.router.setsockopt(zmq.MAXMSGSIZE, config.max_request_bytes + 65536)
        self.router.setsockopt(zmq.LINGER, 0)
        self.router.setsockopt(zmq.SNDHWM, ROUTER_SNDHWM)
        self.router.setsockopt(zmq.RCVHWM, ROUTER_RCVHWM)
        self.pub = self.context.socket(zmq.PUB)
        self.pub.setsockopt(zmq.SNDHWM, PUB_SNDHWM)
        self.pub.setsockopt(zmq.LINGER, 0)
        for sock in (self.router, self.pub):
            apply_server_keys(sock, keys)
        self.router_port = 0
        self.pub_port = 0

    def bind(self, host: str, port: int, pub_port: int | None) -> None:
        """Listen on ``port`` and ``pub_port`` (``port + 1`` when None); ``port`` 0: two free ports."""
        base = f"tcp://{host}"
        if port == 0:
            self.router_port = self.router.bind_to_random_port(base)
            self.pub_port = self.pub.bind_to_random_port(base)
        else:
            self.router.bind(f"{base}:{port}")
            self.router_port = port
            self.pub_port = pub_port or port + 1
            self.pub.bind(f"{base}:{self.pub_port}")

    def close(self) -> None:
        for sock in (self.router, self.pub):
            sock.close(linger=0)
        if self._auth is not None:
            self._auth.stop()
        self.context.term()
