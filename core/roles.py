"""Operator roles, least to most: apart from the operators' table so that a desk can compare them without the
database layer (SQLAlchemy is ~0.15 s of a desk's ~0.25 s start)."""

from __future__ import annotations

import enum


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
