"""Idempotent commands: a client-chosen ``request_id`` makes a repeated command return its first outcome.

A command that timed out may have committed (the daemon killed between its commit and its reply, the reply lost
with the connection); a client cannot tell, so it sends the command again with the same ``request_id``. The
outcome of a command that ran is kept per (operator, request_id) for :data:`KEEP`, in the command's own transaction
(an ``ok``: the same commit as its writes, so a crash keeps both or neither) or in its refusal's audit transaction
(``refused``, ``import_refused``, ``invalid_payload``: what the handler or the payload decided). A repeat finds it
in the writer, before anything runs, and is answered with it; nothing is written again. Outcomes that depend on the
moment rather than the command (``unauthenticated``, ``forbidden``, ``plugin_disabled``, ``unknown_command``,
``failed``) are not kept: a retry runs again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, LargeBinary, String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core import protocol as P
from citybrain.core.api import Caller, Refused
from citybrain.core.storage.engine import Base, UTCDateTime, utcnow

KEEP = timedelta(hours=24)  # a repeat within this long of the first answer gets it again
ID_CHARS = 64  # a request_id is a client's UUID or similar: at most this long
# the refusals the command itself decided (the others depend on the moment: a retry runs again)
KEPT_CODES = frozenset({P.ErrorCode.REFUSED, P.ErrorCode.IMPORT_REFUSED, P.ErrorCode.INVALID_PAYLOAD})
PRUNE_EVERY = 600.0  # seconds between deletions of outcomes older than KEEP (done in a command's transaction)


class RequestOutcome(Base):
    """The first outcome of a command sent with a ``request_id`` (core schema v3)."""

    __tablename__ = "cb_request"

    operator: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(ID_CHARS), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    command: Mapped[str] = mapped_column(String(128))
    payload_digest: Mapped[str] = mapped_column(String(64))
    error_code: Mapped[str | None] = mapped_column(String(64))  # None: it was done; else the refusal's code
    reply: Mapped[bytes] = mapped_column(LargeBinary)  # MessagePack: the result, or {"message", "details"}


def create_table(conn: Connection) -> None:
    """Core schema v3: the table of first outcomes."""
    RequestOutcome.__table__.create(conn, checkfirst=True)


class Repeated(Exception):
    """A command seen before: its first outcome, to be sent again (``code`` None: it was done, ``body`` its result)."""

    def __init__(self, code: str | None, body: Any) -> None:
        super().__init__(code)
        self.code, self.body = code, body

    def reply(self, corr: int, seq: int) -> bytes:
        """The reply frame: as the first time, ``repeated`` added; ``seq`` is the daemon's current sequence (the
        first run's changes are in any snapshot from now on; its own ``seq`` may be of another epoch)."""
        if self.code is None:
            return P.encode(P.OK, corr, {"result": self.body, "seq": seq, "repeated": True})
        return P.encode(P.ERROR, corr, P.error_body(self.code, self.body["message"], self.body["details"]))


def request_id(body: dict) -> str | None:
    """The request's ``request_id`` (None when absent); refused ``invalid_payload`` unless a short string."""
    value = body.get("request_id")
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= ID_CHARS:
        raise Refused(f"request_id: a string of 1 to {ID_CHARS} characters", code=P.ErrorCode.INVALID_PAYLOAD)
    return value


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


class Outcomes:
    """Looks up and keeps first outcomes; used by the daemon's command path, always inside the writer."""

    def __init__(self) -> None:
        self._pruned = float("-inf")

    def once(
        self, work: Callable[[Any, dict], Any], caller: Caller, name: str, packed: bytes, rid: str | None
    ) -> Callable[[Any, dict], Any]:
        """``work`` made idempotent under ``rid``: raises :class:`Repeated` for a command seen before, else runs it
        and keeps its result in the same transaction."""
        operator = caller.username
        if rid is None or operator is None:
            return work

        def run(tx: Any, payload: dict) -> Any:
            self._check(tx.session, operator, rid, name, packed)
            result = work(tx, payload)
            self._keep(tx.session, operator, rid, name, packed, None, P.pack(result))
            return result

        return run

    def keep_refusal(
        self, tx: Any, caller: Caller, name: Any, packed: bytes, rid: str | None, code: str, message: str, details: Any
    ) -> None:
        """In the refusal's audit transaction: keep a refusal the command decided (not one of the moment)."""
        if rid is None or caller.username is None or code not in KEPT_CODES or not isinstance(name, str):
            return
        if tx.session.get(RequestOutcome, (caller.username, rid)) is None:
            self._keep(
                tx.session, caller.username, rid, name, packed, code, P.pack({"message": message, "details": details})
            )

    @staticmethod
    def _check(session: Session, operator: str, rid: str, name: str, packed: bytes) -> None:
        seen = session.get(RequestOutcome, (operator, rid))
        if seen is None:
            return
        if seen.at < utcnow() - KEEP:  # older than promised: forgotten, the command runs as new
            session.delete(seen)
            session.flush()
            return
        if seen.command != name or seen.payload_digest != _digest(packed):
            raise Refused(
                f"request_id {rid!r} was first sent with another command or payload; choose a new one",
                details={"request_id": rid},
                code=P.ErrorCode.INVALID_PAYLOAD,
            )
        raise Repeated(seen.error_code, P.unpack(seen.reply))

    def _keep(
        self, session: Session, operator: str, rid: str, name: str, packed: bytes, code: str | None, reply: bytes
    ) -> None:
        now = utcnow()
        session.add(
            RequestOutcome(
                operator=operator,
                request_id=rid,
                at=now,
                command=name[:128],
                payload_digest=_digest(packed),
                error_code=code,
                reply=reply,
            )
        )
        if time.monotonic() - self._pruned >= PRUNE_EVERY:
            self._pruned = time.monotonic()
            session.execute(delete(RequestOutcome).where(RequestOutcome.at < now - KEEP))
