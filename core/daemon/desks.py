"""The desks heard from lately (``system.desks``), bounded whoever sends what.

A desk is listed while it is heard from (any request naming its ``desk`` id) and dropped after ``DESK_TIMEOUT``
of silence. The id is the peer's own word, so without bounds one peer with no session listed a desk per request:
20,000 pings under 20,000 ids put 20,000 rows in every operator's desk list. So a connection (a ROUTER routing id)
names one desk at a time (a new id replaces the one it named before), and at most ``MAX_DESKS`` are listed: a
district's control rooms have dozens; past the cap a new id is not listed (logged once) until one falls silent.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from citybrain.core.sessions import SessionInfo

log = logging.getLogger("citybrain.daemon")

DESK_TIMEOUT = 10.0  # a desk silent this long is no longer counted as connected
MAX_DESKS = 1_000  # desks listed at once


class DeskRegister:
    """``records``: desk id -> its ``system.desks`` record, for the desks heard from within ``DESK_TIMEOUT``."""

    def __init__(self, limit: int = MAX_DESKS) -> None:
        self.limit = limit
        self.records: dict[str, dict[str, Any]] = {}
        self._heard: dict[str, float] = {}  # desk id -> when last heard (monotonic)
        self._named: dict[bytes, str] = {}  # routing id -> the desk id it named last
        self._namers: dict[str, set[bytes]] = {}  # desk id -> the routing ids that name it
        self._full_said = False

    def heard(self, identity: bytes, desk: Any, session: SessionInfo | None) -> None:
        """A request from connection ``identity`` naming ``desk`` (already bounded in length), with its session
        (None without one): the record names its operator and role."""
        if not isinstance(desk, str) or not desk:
            return
        operator, role, unit = (
            (session.username, session.role.label, session.unit) if session is not None else (None, None, None)
        )
        before = self._named.get(identity)
        if before is not None and before != desk:
            self._forget(before)
        old = self.records.get(desk)
        if old is None and len(self.records) >= self.limit:
            if not self._full_said:
                log.warning("system.desks lists %d desks, its limit: desk %r is not listed", self.limit, desk[:40])
                self._full_said = True
            return
        self._named[identity] = desk
        self._namers.setdefault(desk, set()).add(identity)
        since = old["connected_since"] if old else datetime.now(UTC).isoformat(timespec="seconds")
        # a new record, never one changed in place (system.desks publishes what differs from its live record);
        # no "last seen": a desk is listed while heard from (docs/architecture.md, "system.desks")
        self.records[desk] = {"desk": desk, "connected_since": since, "operator": operator, "role": role, "unit": unit}
        self._heard[desk] = time.monotonic()

    def sweep(self) -> None:
        """Forget the desks silent for ``DESK_TIMEOUT``."""
        now = time.monotonic()
        for desk in [d for d, heard in self._heard.items() if now - heard > DESK_TIMEOUT]:
            self._forget(desk)

    def _forget(self, desk: str) -> None:
        self._heard.pop(desk, None)
        self.records.pop(desk, None)
        for identity in self._namers.pop(desk, ()):
            del self._named[identity]
        if len(self.records) < self.limit:
            self._full_said = False
