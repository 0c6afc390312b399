"""The sessions the daemon serves, as last read from their operators' rows, and the units each one sees.

A session is checked against its operator's row at every use (:meth:`SessionCache.lookup`); the cache is what the
daemon knew before, so it notices a session that ended or moved to another unit and stops or re-cuts that peer's
private stream (docs/protocol.md, "Units").
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from citybrain.core.daemon.access import PrivateStreams
from citybrain.core.daemon.units import OrgScopes, Scope
from citybrain.core.district import ORG_CHANGED, Tree
from citybrain.core.operators import UNITS_CHANGED
from citybrain.core.sessions import SessionInfo, lookup as lookup_session

Read = Callable[..., Awaitable[Any]]  # Database.read


class SessionCache:
    def __init__(self, read: Read, private: PrivateStreams) -> None:
        self._read = read
        self._private = private
        self._known: dict[str, SessionInfo] = {}  # token -> the session as last read
        self.org = OrgScopes()  # each unit's subtree, for sessions in their units
        self._org_news: list[tuple[Tree | None, dict[str, str | None]]] = []  # from the writer's thread, per commit

    def load_org(self, session: Session) -> None:
        """The org tree as stored (at start)."""
        self.org.replace(Tree.load(session))
        self._org_news.clear()

    async def lookup(self, token: Any) -> SessionInfo | None:
        """The session ``token`` names, read from its operator's row: a session revoked, or an operator disabled
        or given another role (``citybrain operator ...``, another process) is None from its next request on."""
        if not isinstance(token, str) or not token:
            return None
        info = await self._read(lookup_session, token)
        if info is None:
            self.forget(token)  # and what it was sent privately stops now
            return None
        known = self._known.get(token)
        self._known[token] = info
        if known is not None and known.unit != info.unit:  # placed elsewhere by another process (the CLI)
            self._private.rescope(self.scope_of, {token: info})
        return info

    def remember(self, token: str, info: SessionInfo) -> None:
        """A session just opened (login)."""
        self._known[token] = info

    def forget(self, token: str) -> None:
        """A session ended (logout, revoked): its private streams stop."""
        self._known.pop(token, None)
        self._private.end_token(token)

    def scope_of(self, session: SessionInfo | None) -> Scope | None:
        """What ``session`` sees of the placed collections: its unit's subtree; None, everything."""
        return self.org.of(session.unit) if session is not None else None

    def still_valid(self, token: str, info: SessionInfo) -> bool:
        """A private stream's session: not logged out, revoked or expired, and its role unchanged."""
        now = self._known.get(token)
        return now is not None and now.role == info.role and info.expires_at > datetime.now(UTC)

    def committed(self, session: Session) -> None:
        """On the writer's thread, after a commit: the org tree it changed (read now, in order) and the operators
        it placed in other units, for the loop to apply before publishing that commit's changes."""
        tree = Tree.load(session) if session.info.get(ORG_CHANGED) else None
        units = dict(session.info.get(UNITS_CHANGED, {}))
        if tree is not None or units:
            self._org_news.append((tree, units))

    def take_org_news(self) -> None:
        """Streams follow a new org tree or an operator's new unit at once: what leaves a peer's view is deleted
        from it, what enters is sent (docs/protocol.md, "Units")."""
        if not self._org_news:
            return
        news, self._org_news = self._org_news, []
        moved: dict[str, SessionInfo] = {}
        for tree, units in news:
            if tree is not None:
                self.org.replace(tree)
            for token, info in self._known.items():
                if info.username in units:
                    moved[token] = self._known[token] = replace(info, unit=units[info.username])
        self._private.rescope(self.scope_of, moved)
