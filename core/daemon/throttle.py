"""Login throttling (issue 19, item 2): backoff and lockout per user name and per peer, audited.

Every login attempt passes here on the password thread (``builtins.PASSWORD_CHECKS``, one check at a time), so
the attempts of a burst are decided in order, each knowing how the one before ended, and a refused attempt costs
no hash. Per user name (known or not: an attacker learns nothing about which names exist) and per peer address:

* after a failure, the next attempt is refused until a backoff has passed (doubling, up to a minute);
* enough failures within the window lock the name or the peer out for a while: every attempt, right password or
  not, is refused ``locked_out`` with the seconds left; the lock's start and end are audited.

The state is the daemon's memory (a restart clears it) and bounded: names and peers without a failure in the
window are forgotten, and at most :data:`MAX_KEYS` are kept (the oldest go first).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.core.operators import Operator
from citybrain.core.protocol import AuditNote
from citybrain.core.storage import audit

WINDOW = 15 * 60.0  # failures counted over this long
LOCK_SECONDS = 15 * 60.0
MAX_BACKOFF = 60.0
MAX_KEYS = 10_000
T = TypeVar("T")


@dataclass(frozen=True)
class Rule:
    """``free`` failures without backoff, then 1, 2, 4 … s (at most :data:`MAX_BACKOFF`); ``lock_at`` failures
    within :data:`WINDOW` lock out for :data:`LOCK_SECONDS`."""

    scope: str  # "user" or "peer"
    free: int
    lock_at: int

    def backoff(self, failures: int) -> float:
        return 0.0 if failures <= self.free else min(2.0 ** (failures - self.free - 1), MAX_BACKOFF)


USER = Rule("user", free=0, lock_at=5)  # one person mistyping: 1, 2, 4, 8 s, then locked
PEER = Rule("peer", free=4, lock_at=20)  # a control room PC several operators use: room for their typos


@dataclass(frozen=True)
class Lock:
    """A lockout that started or ended: what the audit records."""

    scope: str
    key: str
    failures: int
    started: bool


class _Keyed:
    """One rule's failures per key."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.failures: OrderedDict[str, deque[float]] = OrderedDict()
        self.locked: dict[str, float] = {}  # key -> when the lock ends

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - WINDOW:
            times.popleft()
        return times

    def wait(self, key: str, now: float) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        until = self.locked.get(key)
        if until is not None and until > now:
            return until - now
        times = self._recent(key, now)
        return max(0.0, times[-1] + self.rule.backoff(len(times)) - now) if times else 0.0

    def failed(self, key: str, now: float) -> Lock | None:
        times = self._recent(key, now)
        times.append(now)
        self.failures[key] = times
        self.failures.move_to_end(key)
        while len(self.failures) > MAX_KEYS:
            self.failures.popitem(last=False)
        if len(times) >= self.rule.lock_at and key not in self.locked:
            self.locked[key] = now + LOCK_SECONDS
            return Lock(self.rule.scope, key, len(times), True)
        return None

    def succeeded(self, key: str) -> None:
        if self.rule is USER:  # the person got in; a peer's count is left to decay (it may be trying many names)
            self.failures.pop(key, None)

    def sweep(self, now: float) -> list[Lock]:
        ended = [
            Lock(self.rule.scope, k, len(self.failures.get(k, ())), False)
            for k, until in self.locked.items()
            if until <= now
        ]
        for lock in ended:
            del self.locked[lock.key]
            self.failures.pop(lock.key, None)
        for key in [k for k, times in self.failures.items() if not times or times[-1] <= now - WINDOW]:
            del self.failures[key]
        return ended


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """A login attempt's outcome: the check's result, or the seconds to wait; locks it started."""

    checked: T | None
    retry_after: float
    locks: tuple[Lock, ...]

    @property
    def seconds(self) -> int:
        """Whole seconds to wait, rounded up."""
        return math.ceil(self.retry_after)


class LoginThrottle:
    """Backoff and lockout per user name and per peer; thread-safe (attempts run on the password thread)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # tests drive it
        self._users = _Keyed(USER)
        self._peers = _Keyed(PEER)
        self._lock = threading.Lock()

    def attempt(self, username: str, peer: str, check: Callable[[], T], ok: Callable[[T], bool]) -> Attempt[T]:
        """Run ``check`` unless the name or the peer must wait; record how it went (``ok``)."""
        with self._lock:
            now = self.clock()
            wait = max(self._users.wait(username, now), self._peers.wait(peer, now))
        if wait > 0:
            return Attempt(None, wait, ())
        checked = check()
        with self._lock:
            now = self.clock()
            if ok(checked):
                self._users.succeeded(username)
                return Attempt(checked, 0.0, ())
            locks = tuple(lock for lock in (self._users.failed(username, now), self._peers.failed(peer, now)) if lock)
        return Attempt(checked, 0.0, locks)

    def sweep(self) -> list[Lock]:
        """Lockouts that ended (to audit); forgets what is out of the window."""
        with self._lock:
            now = self.clock()
            return self._users.sweep(now) + self._peers.sweep(now)


def audit_lock(tx: Transaction, lock: Lock, desk: str | None = None) -> None:
    """A lockout's start or end in the audit log: a user name only if it names an operator (else it may be a
    password typed into the wrong field), a peer by its address."""
    what = "started" if lock.started else "ended"
    if lock.scope == "user":
        known_user = tx.session.scalar(select(Operator.id).where(Operator.username == lock.key)) is not None
        detail = (
            f"user name locked out after {lock.failures} failed logins in {WINDOW / 60:g} min"
            if lock.started
            else "user name lockout ended"
        )
        operator = lock.key if known_user else None
        if not known_user:
            detail += " (unknown user name, not recorded)"
    else:
        detail = (
            f"peer {lock.key} locked out after {lock.failures} failed logins in {WINDOW / 60:g} min"
            if lock.started
            else f"peer {lock.key} lockout ended"
        )
        operator = None
    audit.record(
        tx.session,
        operator=operator,
        desk=desk,
        command=f"login lockout {what}",
        payload=b"",
        result="error" if lock.started else "ok",
        error_code="locked_out" if lock.started else None,
        detail=detail,
        note=None if lock.started else AuditNote.LOCKOUT_ENDED,
        parts=None if lock.started else {"who": operator if lock.scope == "user" else lock.key},
    )
