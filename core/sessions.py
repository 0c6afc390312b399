"""Operator sessions: a desk logs in once and presents a token with each command.

Only the token's SHA-256 is stored, so a copy of the database opens no
session.  Sessions survive a daemon restart (desks carry on after a crash
without asking the operator again) and expire after a shift and a margin.
The daemon looks a session up with its operator's row at every request, and
disabling an operator or changing their role revokes their sessions, so
either takes effect at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, overload

from sqlalchemy import Boolean, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core import protocol as P
from citybrain.core.api import Refused
from citybrain.core.operators import Operator, Role
from citybrain.core.storage.engine import Base, UTCDateTime, utcnow

SESSION_HOURS = 14


class OperatorSession(Base):
    __tablename__ = "cb_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    operator_id: Mapped[int] = mapped_column(Integer, ForeignKey("cb_operator.id"), index=True)
    desk: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


@dataclass(frozen=True)
class SessionInfo:
    username: str
    display_name: str
    role: Role
    expires_at: datetime
    unit: str | None = None  # the operator's org unit: what they see and act on is its subtree (None: everything)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, operator: Operator, desk: str | None) -> tuple[str, SessionInfo]:
    """A new token for ``operator`` (returned once, stored only as a digest)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = OperatorSession(
        token_hash=_digest(token),
        operator_id=operator.id,
        desk=desk,
        created_at=now,
        expires_at=now + timedelta(hours=SESSION_HOURS),
    )
    session.add(row)
    return token, SessionInfo(
        operator.username,
        operator.display_name or operator.username,
        Role.parse(operator.role),
        row.expires_at,
        operator.unit,
    )


def lookup(session: Session, token: str) -> SessionInfo | None:
    """The live session for ``token``, or None when unknown, revoked, expired or its operator is inactive."""
    row = session.execute(
        select(OperatorSession, Operator)
        .join(Operator, Operator.id == OperatorSession.operator_id)
        .where(OperatorSession.token_hash == _digest(token))
    ).first()
    if row is None:
        return None
    sess, op = row
    if sess.revoked or not op.active or sess.expires_at <= utcnow():
        return None
    return SessionInfo(op.username, op.display_name or op.username, Role.parse(op.role), sess.expires_at, op.unit)


def revoke(session: Session, token: str) -> Operator | None:
    """End the session of ``token``; its operator, or None when it was not a live session."""
    row = session.get(OperatorSession, _digest(token))
    if row is None or row.revoked:
        return None
    row.revoked = True
    return session.get(Operator, row.operator_id)


def revoke_all(session: Session, operator: Operator) -> int:
    """End every session of ``operator`` (disabled, or given another role: the next request is unauthenticated)."""
    rows = session.scalars(
        select(OperatorSession).where(OperatorSession.operator_id == operator.id, OperatorSession.revoked.is_(False))
    ).all()
    for row in rows:
        row.revoked = True
    return len(rows)


def authorise(session: SessionInfo | None, role: Role, what: Any) -> None:
    """Refuse (unauthenticated or forbidden) unless ``session`` holds at least ``role``."""
    if session is None:
        raise Refused(f"{what}: log in first (needs role {role.label})", code=P.E_UNAUTHENTICATED)
    if session.role < role:
        raise Refused(f"{what} needs role {role.label}; {session.username} is {session.role.label}", code=P.E_FORBIDDEN)


@overload
def session_body(info: SessionInfo) -> dict: ...
@overload
def session_body(info: SessionInfo | None) -> dict | None: ...
def session_body(info: SessionInfo | None) -> dict | None:
    if info is None:
        return None
    return {
        "username": info.username,
        "display_name": info.display_name,
        "role": info.role.label,
        "expires_at": info.expires_at.isoformat(timespec="seconds"),
        "unit": info.unit,
    }
