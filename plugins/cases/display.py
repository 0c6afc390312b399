"""How the cases views show a case: names of states, priorities and units, deadlines counting down, severity."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject

from citybrain.core.times import local_time
from citybrain.shell.api import Column, DeskContext
from citybrain.shell.i18n import tr

OPEN, UNITS, TYPES, BOUNDARIES = "cases.open", "org.units", "cases.types", "cases.boundaries"


def state_name(state: str) -> str:
    return {"new": tr("Cases", "new"), "dispatched": tr("Cases", "dispatched"), "accepted": tr("Cases", "accepted"),
            "in_progress": tr("Cases", "in progress"), "resolved": tr("Cases", "resolved"),
            "verified": tr("Cases", "verified"), "closed": tr("Cases", "closed"),
            "cancelled": tr("Cases", "cancelled")}.get(state, state)


def priority_name(priority: str) -> str:
    return {"urgent": tr("Cases", "urgent"), "high": tr("Cases", "high"), "medium": tr("Cases", "medium"),
            "low": tr("Cases", "low")}.get(priority, priority)


def due_text(value: str) -> str:
    """"in 12 min" or "overdue 5 min": read at paint time, so it counts down by itself."""
    seconds = (datetime.fromisoformat(value) - datetime.now(UTC)).total_seconds()
    minutes = int(abs(seconds) // 60)
    span = (tr("Cases", "{h} h {m} min").format(h=minutes // 60, m=f"{minutes % 60:02d}") if minutes >= 60
            else tr("Cases", "{m} min").format(m=minutes))
    return tr("Cases", "in {t}").format(t=span) if seconds >= 0 else tr("Cases", "overdue {t}").format(t=span)


SOON_SECONDS = 15 * 60  # a deadline this close turns the case yellow on the map
STATE_SYMBOL = {"new": "o", "dispatched": "o", "accepted": "s", "in_progress": "s", "resolved": "d", "verified": "d"}


def map_severity(record: dict) -> str | None:
    """The map adds a warning colour for deadlines about to pass (tables keep to overdue and escalated)."""
    level = severity(record)
    if level is None and record.get("due_at"):
        left = (datetime.fromisoformat(record["due_at"]) - datetime.now(UTC)).total_seconds()
        return "medium" if left < SOON_SECONDS else None
    return level


def severity(record: dict) -> str | None:
    """Colour only for the abnormal: past its deadline, or escalated."""
    due = record.get("due_at")
    if due and datetime.fromisoformat(due) < datetime.now(UTC):
        return "urgent"
    return "high" if record.get("escalations") else None


class Names(QObject):
    """Unit and case-type names for display, kept up to date from their collections (and gone with ``parent``)."""

    def __init__(self, ctx: DeskContext, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.units: dict[str, dict] = {}
        self.types: dict[str, dict] = {}
        ctx.on_change(UNITS, self.refresh)
        ctx.on_change(TYPES, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.units = {u["code"]: u for u in self.ctx.records(UNITS)}
        self.types = {t["code"]: t for t in self.ctx.records(TYPES)}

    def unit(self, code: str) -> str:
        return self.units.get(code, {}).get("name", code)

    def case_type(self, code: str) -> str:
        return self.types.get(code, {}).get("name", code)


def case_columns(names: Names) -> list[Column]:
    return [Column("id", tr("Cases", "No."), width=60),
            Column("priority", tr("Cases", "Priority"), width=70, format=priority_name),
            Column("title", tr("Cases", "Case"), width=260), Column("type", tr("Cases", "Type"), format=names.case_type),
            Column("state", tr("Cases", "State"), format=state_name), Column("owner", tr("Cases", "Owner"), format=names.unit),
            Column("due_at", tr("Cases", "Deadline"), format=due_text), Column("escalations", tr("Cases", "Escalated")),
            Column("opened_at", tr("Cases", "Opened"), format=lambda t: local_time(t, "%m-%d %H:%M"))]
