"""Answers on the ROUTER: a reply, an error, and what a dropped request is counted as.

What a peer is told of an unexpected error is a summary and a reference into the daemon's log, which alone holds
the exception (its text may carry SQL, parameters and personal data).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import zmq

from citybrain.core import protocol as P
from citybrain.core.daemon import intake
from citybrain.core.daemon.health import Health

log = logging.getLogger("citybrain.daemon")


def internal_error(exc: BaseException, what: str, summary: str = "the daemon could not do this") -> str:
    """Log ``exc`` under a new reference; the message naming that reference."""
    ref = uuid.uuid4().hex[:8]
    log.error("%s failed (ref %s)", what, ref, exc_info=exc)
    return f"{summary} (ref {ref}; see the daemon's log)"


def digestible(payload: Any) -> bytes:
    """A payload as the audit and the outcomes of idempotent commands keep it: packed, or its repr."""
    try:
        return P.pack(payload)
    except Exception:
        return repr(payload).encode()


class Replies:
    """``snapshots`` and ``answers`` bound what a peer that does not read may hold queued (``intake``)."""

    def __init__(self, router: zmq.Socket, health: Health) -> None:
        self._router = router
        self._health = health
        self.snapshots = intake.SnapshotGate(router.send_multipart)
        self.answers = intake.AnswerBudget(router.send_multipart)

    def ok(self, identity: bytes, corr: int, body: Any) -> None:
        self._router.send_multipart([identity, P.encode(P.OK, corr, body)])

    def error(self, identity: bytes, corr: int, code: str, message: str, details: Any = None) -> None:
        self._router.send_multipart([identity, P.encode(P.ERROR, corr, P.error_body(code, message, details))])

    def send(self, identity: bytes, frame: bytes) -> None:
        """A reply encoded already (a repeated command's first outcome, a private update)."""
        self._router.send_multipart([identity, frame])

    def drop(self, reason: str) -> None:
        """Count a request dropped or refused before any handler (``dropped:REASON``)."""
        self._health.drop(reason)

    def busy(self, identity: bytes, corr: int, message: str) -> None:
        """Refuse ``busy``: what this peer was sent before still waits to be read."""
        self.drop(P.E_BUSY)
        self.error(identity, corr, P.E_BUSY, message)

    def sweep(self) -> None:
        self.snapshots.sweep()
        self.answers.sweep()
