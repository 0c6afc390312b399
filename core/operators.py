"""Operators and roles; passwords kept only as salted scrypt hashes."""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import re
import secrets
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.storage.engine import Base, UTCDateTime, utcnow

SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32
USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MIN_PASSWORD = 8


class Role(enum.IntEnum):
    """Least to most: each command names the least role allowed to send it."""

    VIEWER = 1
    OPERATOR = 2
    DUTY_LEADER = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper().replace("-", "_")]
        except KeyError:
            raise ValueError(f"unknown role {text!r}; roles: {', '.join(r.label for r in cls)}") from None


class Operator(Base):
    __tablename__ = "cb_operator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_LEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")


def create_operator(session: Session, username: str, password: str, role: Role,
                    display_name: str | None = None) -> Operator:
    if not USERNAME.match(username):
        raise ValueError("a user name is 1-64 letters, digits, '.', '_' or '-'")
    _check_password_rules(password)
    if session.scalar(select(Operator.id).where(Operator.username == username)) is not None:
        raise ValueError(f"operator {username!r} exists already")
    op = Operator(username=username, display_name=display_name or username, role=role.label,
                  password_hash=hash_password(password), active=True, created_at=utcnow())
    session.add(op)
    return op


def authenticate(session: Session, username: str, password: str) -> Operator | None:
    """The active operator with this password, else None (unknown users cost the same hash)."""
    op = session.scalar(select(Operator).where(Operator.username == username))
    ok = verify_password(password, op.password_hash if op is not None else _DUMMY_HASH)
    return op if ok and op is not None and op.active else None


def set_password(session: Session, username: str, password: str) -> None:
    _check_password_rules(password)
    op = session.scalar(select(Operator).where(Operator.username == username))
    if op is None:
        raise ValueError(f"no operator {username!r}")
    op.password_hash = hash_password(password)
