"""Operators and roles; passwords kept only as salted scrypt hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.protocol import AuditNote
from citybrain.core.roles import Role as Role  # the roles live apart (a desk compares them); named here too
from citybrain.core.storage.engine import Base, UTCDateTime, utcnow

# OWASP's scrypt floor (N=2^17, r=8, p=1): 128 MiB and ~0.4-0.7 s per check here (2 shared cores). Hashes of a lower
# cost are upgraded at the operator's next login. The test kit lowers SCRYPT_N for its own process (speed).
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**17, 8, 1, 32
USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MIN_PASSWORD = 8


class Operator(Base):
    __tablename__ = "cb_operator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    unit: Mapped[str | None] = mapped_column(String(32))  # the org unit whose subtree they see and act in; nil: all


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode(), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=129 * r * (n + p + 2)
    )  # the default 32 MiB cap is below N=2^17's 128 MiB


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(encoded: str) -> bool:
    """A hash of a lower cost than today's (made before N was raised): replaced at the next good login."""
    try:
        scheme, n, r, p, *_ = encoded.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


_dummy: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash of today's cost to check unknown users against (so they cost the same), made on first use."""
    if SCRYPT_N not in _dummy:
        _dummy[SCRYPT_N] = hash_password(secrets.token_urlsafe(16))
    return _dummy[SCRYPT_N]


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")


def create_operator(
    session: Session, username: str, password: str, role: Role, display_name: str | None = None
) -> Operator:
    if not USERNAME.match(username):
        raise ValueError("a user name is 1-64 letters, digits, '.', '_' or '-'")
    _check_password_rules(password)
    if session.scalar(select(Operator.id).where(Operator.username == username)) is not None:
        raise ValueError(f"operator {username!r} exists already")
    op = Operator(
        username=username,
        display_name=display_name or username,
        role=role.label,
        password_hash=hash_password(password),
        active=True,
        created_at=utcnow(),
    )
    session.add(op)
    return op


@dataclass(frozen=True)
class PasswordCheck:
    """What checking a login's password found (off the writer: it costs ~0.5 s and 128 MiB)."""

    operator_id: int | None  # the active operator whose password it is, else None
    known: bool  # the user name names an operator (else it is never recorded: it may be a mistyped password)
    new_hash: str | None = None  # today's cost, to replace a weaker stored hash with


def check_password(session: Session, username: str, password: str) -> PasswordCheck:
    """Check ``password`` for ``username`` without writing anything; unknown users cost the same hash."""
    op = session.scalar(select(Operator).where(Operator.username == username))
    ok = verify_password(password, op.password_hash if op is not None else _dummy_hash())
    if not ok or op is None or not op.active:
        return PasswordCheck(None, op is not None)
    return PasswordCheck(op.id, True, hash_password(password) if needs_rehash(op.password_hash) else None)


def find(session: Session, username: str) -> Operator:
    op = session.scalar(select(Operator).where(Operator.username == username))
    if op is None:
        raise ValueError(f"no operator {username!r}")
    return op


def set_active(session: Session, username: str, active: bool) -> int:
    """Enable or disable an operator; disabling revokes every session of theirs. Returns the sessions ended."""
    from citybrain.core.sessions import revoke_all

    op = find(session, username)
    op.active = active
    return 0 if active else revoke_all(session, op)


def set_role(session: Session, username: str, role: Role) -> int:
    """Give an operator another role; their sessions are revoked (they log in again with the new role)."""
    from citybrain.core.sessions import revoke_all

    op = find(session, username)
    if op.role == role.label:
        return 0
    op.role = role.label
    return revoke_all(session, op)


def operator_exists(session: Session, username: str) -> bool:
    """Whether an operator account ``username`` exists (active or not): for a plugin linking its own people (a patrol
    team's members) to the accounts they log in with."""
    return session.scalar(select(Operator.id).where(Operator.username == username)) is not None


UNITS_CHANGED = "citybrain.operator_units"  # Session.info: {username: unit} changed in this transaction


def set_unit(
    session: Session, username: str, unit: str | None, *, by: str | None, desk: str | None = None
) -> str | None:
    """Place an operator in an org unit (None: the whole district); audited with who did it. Their sessions go on:
    the daemon cuts what they see and may act on to the new unit at once. Returns the unit they were in."""
    from citybrain.core.district import OrgUnit
    from citybrain.core.storage import audit

    op = find(session, username)
    if unit is not None and session.get(OrgUnit, unit) is None:
        raise ValueError(f"no org unit {unit!r}")
    before = op.unit
    if before != unit:
        op.unit = unit
        session.info.setdefault(UNITS_CHANGED, {})[username] = unit
        audit.record(
            session,
            operator=by,
            desk=desk,
            command="operator unit",
            payload=f"{username}\0{unit}".encode(),
            result="ok",
            detail=f"{username}: {before or 'district'} -> {unit or 'district'}",
            note=AuditNote.UNIT_MOVED,
            parts={"user": username, "before": before, "after": unit},  # None: the whole district
        )
    return before


def set_password(session: Session, username: str, password: str) -> None:
    _check_password_rules(password)
    find(session, username).password_hash = hash_password(password)
