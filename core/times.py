"""Times as the platform passes them around (UTC ISO to the second) and as people read them (local time)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_iso(moment: datetime | None) -> str | None:
    """A stored time as records carry it: UTC, ISO 8601, to the second (None stays None)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def local_time(value: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An ISO time from a record in this machine's local time, for people; "—" when there is none."""
    if not value:
        return "—"
    try:
        return datetime.fromisoformat(value).astimezone().strftime(fmt)
    except ValueError:
        return value  # someone else's format (a CAP sender's): shown as they wrote it
