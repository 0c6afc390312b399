"""Drill-down queries: the records behind one group of a KPI breakdown (the tickets of a subdistrict in a month,
the patrols of a team type in a year), newest first, with how many there are in all."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, ErrorCode, Refused, limit_of
from citybrain.core.times import utc_iso
from citybrain.plugins.metrics import catalogue
from citybrain.plugins.metrics.tables import GovernanceScore, Patrol, Snapshot, Ticket

ZONE = ZoneInfo("Asia/Shanghai")
LIMIT = 500


def _month(label: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in str(label).split("-"))
    except ValueError:
        year = month = 0
    if not (1 <= month <= 12 and 1 <= year <= 9998):
        raise Refused(f"month {label!r} is not YYYY-MM", code=ErrorCode.INVALID_PAYLOAD)
    return year, month


def _year(label: str) -> int:
    try:
        year = int(label)
    except ValueError:
        year = 0
    if not 1 <= year <= 9998:
        raise Refused(f"year {label!r} is not a year", code=ErrorCode.INVALID_PAYLOAD)
    return year


def _local_span(start: tuple[int, int], end: tuple[int, int]) -> tuple[datetime, datetime]:
    return datetime(*start, 1, tzinfo=ZONE), datetime(*end, 1, tzinfo=ZONE)


def _next(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _ticket_condition(session: Session, dim: str, group: str) -> ColumnElement[bool]:
    if dim == "month":
        start, end = _local_span(_month(group), _next(*_month(group)))
        return and_(Ticket.received_at >= start, Ticket.received_at < end)
    if dim == "hotline_year":
        start, end = _local_span((_year(group) - 1, 11), (_year(group), 11))
        return and_(Ticket.received_at >= start, Ticket.received_at < end)
    if dim == "category":
        children = [c for c, e in catalogue.load(session).items() if e.parent == group]
        return Ticket.category.in_(children or [group])
    columns = {"subdistrict": Ticket.subdistrict, "subcategory": Ticket.category, "unit": Ticket.handling_unit}
    if dim not in columns:
        raise Refused(f"tickets cannot be broken down by {dim!r}", code=ErrorCode.INVALID_PAYLOAD)
    return columns[dim] == group


def _patrol_condition(dim: str, group: str) -> ColumnElement[bool]:
    if dim == "month":
        year, month = _month(group)
        return and_(Patrol.day >= date(year, month, 1), Patrol.day < date(*_next(year, month), 1))
    if dim == "year":
        return and_(Patrol.day >= date(_year(group), 1, 1), Patrol.day < date(_year(group) + 1, 1, 1))
    columns = {"area": Patrol.area, "team_type": Patrol.team_type}
    if dim not in columns:
        raise Refused(f"patrols cannot be broken down by {dim!r}", code=ErrorCode.INVALID_PAYLOAD)
    return columns[dim] == group


def _groups(p: dict) -> list[tuple[str, str]]:
    by, group = p.get("by") or [], p.get("group") or []
    if len(by) != len(group):
        raise Refused("give one group value per breakdown dimension", code=ErrorCode.INVALID_PAYLOAD)
    return list(zip(by, group, strict=True))


def tickets(session: Session, p: dict, caller: Caller) -> dict:
    where = [_ticket_condition(session, dim, group) for dim, group in _groups(p)]
    total = session.scalar(select(func.count(Ticket.id)).where(*where))
    newest = select(Ticket).where(*where).order_by(Ticket.received_at.desc()).limit(limit_of(p, LIMIT))
    rows = session.scalars(newest)
    return {"total": total, "records": [t.record() for t in rows]}


def patrols(session: Session, p: dict, caller: Caller) -> dict:
    where = [_patrol_condition(dim, group) for dim, group in _groups(p)]
    total = session.scalar(select(func.count(Patrol.id)).where(*where))
    rows = session.scalars(select(Patrol).where(*where).order_by(Patrol.day.desc()).limit(limit_of(p, LIMIT)))
    return {
        "total": total,
        "records": [
            {
                "id": r.id,
                "team_type": r.team_type,
                "day": r.day.isoformat(),
                "area": r.area,
                "found": r.found,
                "handled": r.handled,
                "source": r.source,
            }
            for r in rows
        ],
    }


def _ranking_condition(dim: str, group: str) -> ColumnElement[bool]:
    if dim == "month":
        year, month = _month(group)
        return GovernanceScore.month == year * 100 + month
    if dim == "year":
        return GovernanceScore.month // 100 == _year(group)
    if dim != "district":
        raise Refused(f"the ranking cannot be broken down by {dim!r}", code=ErrorCode.INVALID_PAYLOAD)
    return GovernanceScore.district == group


def ranking(session: Session, p: dict, caller: Caller) -> dict:
    """The city's ranking rows behind a governance group: a month's or a year's districts, a district's months;
    newest month first, best placed first."""
    where = [_ranking_condition(dim, group) for dim, group in _groups(p)]
    total = session.scalar(select(func.count(GovernanceScore.id)).where(*where))
    rows = session.scalars(
        select(GovernanceScore)
        .where(*where)
        .order_by(GovernanceScore.month.desc(), GovernanceScore.rank)
        .limit(limit_of(p, LIMIT))
    )
    return {
        "total": total,
        "records": [
            {
                "month": f"{r.month // 100}-{r.month % 100:02d}",
                "district": r.district,
                "value": r.value,
                "rank": r.rank,
                "source": r.source,
            }
            for r in rows
        ],
    }


def history(session: Session, p: dict, caller: Caller) -> list[dict]:
    """A KPI's headline value each time it changed, oldest first."""
    rows = session.scalars(select(Snapshot).where(Snapshot.metric == p["metric"]).order_by(Snapshot.id))
    return [{"at": utc_iso(s.at), "value": s.value} for s in rows]
