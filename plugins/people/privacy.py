"""Masking: what a resident's record shows unless revealed.  The daemon masks before anything leaves it; the full
values only go, one person at a time, to a reveal (``people.reveal``) that names its reason and is audited."""

from __future__ import annotations

MASKED = ("id_number", "phone", "health")  # the fields a reveal opens
HIDDEN = "***"


def id_number(number: str) -> str:
    """The province's three digits and the last four: ``310***********123X`` (the district's six would read as an
    org unit's code, and say nothing in a district's own base)."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:] if len(number) > 7 else HIDDEN


def phone(number: str | None) -> str:
    """``138****5678``; empty stays empty."""
    if not number:
        return ""
    return number[:3] + "****" + number[-4:] if len(number) >= 8 else HIDDEN


def health(conditions: str | None) -> str:
    """Whether anything is recorded, never what: ``***`` or empty."""
    return HIDDEN if conditions else ""
