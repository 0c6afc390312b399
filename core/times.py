"""Times as the platform passes them around (UTC ISO to the second) and as people read them (local time).

People read one format, in every language: ``2026-12-03 17:49`` (ISO 8601's order: unambiguous in Chinese and
English alike, and what Chinese government forms write).  Every view shows times through :func:`local_time` or
:func:`local_date`; a date-time editor uses :data:`QT_DATE_TIME` (Qt's spelling of the same format)."""

from __future__ import annotations

from datetime import UTC, datetime

DATE_TIME = "%Y-%m-%d %H:%M"
DATE = "%Y-%m-%d"
QT_DATE_TIME, QT_DATE = "yyyy-MM-dd HH:mm", "yyyy-MM-dd"  # the same formats for QDateTimeEdit / QDateEdit


def utc_iso(moment: datetime | None) -> str | None:
    """A stored time as records carry it: UTC, ISO 8601, to the second (None stays None)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def local_time(value: str | None, *, seconds: bool = False) -> str:
    """An ISO time from a record in this machine's local time, for people (``2026-12-03 17:49``; with ``seconds``,
    ``2026-12-03 17:49:05``, for logs where the order within a minute matters); "—" when there is none."""
    return _local(value, DATE_TIME + (":%S" if seconds else ""))


def local_date(value: str | None) -> str:
    """The local date of an ISO time (or an ISO date) from a record: ``2026-12-03``; "—" when there is none."""
    return _local(value, DATE)


def _local(value: str | None, fmt: str) -> str:
    if not value:
        return "—"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # someone else's format (a CAP sender's): shown as they wrote it
    return (moment.astimezone() if moment.tzinfo or "T" in value else moment).strftime(fmt)
