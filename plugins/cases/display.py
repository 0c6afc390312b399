"""How the cases views show a case: names of states, priorities and units, deadlines counting down, severity."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject

from citybrain.core.times import local_time
from citybrain.shell.api import Column, DeskContext, tr
from citybrain.shell.names import span_text
from citybrain.widgets.palette import Marker

OPEN, UNITS, TYPES, BOUNDARIES = "cases.open", "org.units", "cases.types", "cases.boundaries"
GRIDS = "cases.grids"


def state_name(state: str) -> str:
    return {
        "new": tr("Cases", "new"),
        "dispatched": tr("Cases", "dispatched"),
        "accepted": tr("Cases", "accepted"),
        "in_progress": tr("Cases", "in progress"),
        "resolved": tr("Cases", "resolved"),
        "verified": tr("Cases", "verified"),
        "closed": tr("Cases", "closed"),
        "cancelled": tr("Cases", "cancelled"),
    }.get(state, state)


def priority_name(priority: str) -> str:
    return {
        "urgent": tr("Cases", "urgent"),
        "high": tr("Cases", "high"),
        "medium": tr("Cases", "medium"),
        "low": tr("Cases", "low"),
    }.get(priority, priority)


def due_text(value: str) -> str:
    """ "in 12 min" or "overdue 5 min": read at paint time, so it counts down by itself."""
    seconds = (datetime.fromisoformat(value) - datetime.now(UTC)).total_seconds()
    span = span_text(int(abs(seconds) // 60))
    return tr("Cases", "in {t}").format(t=span) if seconds >= 0 else tr("Cases", "overdue {t}").format(t=span)


SOON_SECONDS = 15 * 60  # a deadline this close turns the case yellow on the map
STATE_SYMBOL = {"new": "o", "dispatched": "o", "accepted": "s", "in_progress": "s", "resolved": "d", "verified": "d"}


def map_severity(record: dict) -> str | None:
    """The map adds a warning colour for deadlines about to pass (tables keep to overdue and escalated)."""
    marker = severity(record)
    if marker is None and record.get("due_at"):
        left = (datetime.fromisoformat(record["due_at"]) - datetime.now(UTC)).total_seconds()
        return "medium" if left < SOON_SECONDS else None
    return marker.level if marker else None


def overdue(record: dict) -> bool:
    due = record.get("due_at")
    return due is not None and due != "" and datetime.fromisoformat(due) < datetime.now(UTC)


def severity(record: dict) -> Marker | None:
    """Only the abnormal is marked (a new or dispatched case on time is normal work): past its deadline (urgent,
    waiting for someone), an urgent case nobody has accepted yet (high), escalated past its first owner (medium)."""
    if overdue(record):
        return Marker("urgent", "waiting", tr("Cases", "overdue"))
    if record.get("priority") == "urgent" and record.get("state") in ("new", "dispatched"):
        return Marker("high", "waiting", tr("Cases", "urgent, not accepted"))
    if record.get("escalations"):
        return Marker("medium", "steady", tr("Cases", "escalated"))
    return None


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

    def unit(self, code: str | None) -> str:
        return self.units.get(code or "", {}).get("name", code or "—")

    def case_type(self, code: str) -> str:
        return self.types.get(code, {}).get("name", code)


DEADLINE = 4  # the deadline's column in case_columns: tables sort by it


def case_columns(names: Names) -> list[Column]:
    """What an operator picks a case by, narrow enough for half a desk screen in either language; the rest of a case
    (type, source, opened, escalations) is in the detail pane (:func:`case_detail`).  The title last: it takes the
    room the other columns leave."""
    return [
        Column("id", tr("Cases", "No."), width=60),
        Column("priority", tr("Cases", "Priority"), format=priority_name),
        Column("state", tr("Cases", "State"), format=state_name),
        Column("owner", tr("Cases", "Owner"), format=names.unit),
        Column("due_at", tr("Cases", "Deadline"), format=due_text),
        Column("title", tr("Cases", "Case")),
    ]


def case_detail(case: dict, names: Names) -> str:
    """The selected case beyond the table's columns, one line above its history."""
    parts = [
        f"#{case['id']} {case['title']}",
        names.case_type(case["type"]),
        source_name(case.get("source") or ""),
        tr("Cases", "opened {time}").format(time=local_time(case["opened_at"])) if case.get("opened_at") else "",
        tr("Cases", "escalated {n}×").format(n=case["escalations"]) if case.get("escalations") else "",
    ]
    return " · ".join(p for p in parts if p)


def source_name(source: str) -> str:
    return {
        "sensor": tr("Cases", "sensor"),
        "hotline": tr("Cases", "hotline"),
        "patrol": tr("Cases", "patrol"),
        "enterprise": tr("Cases", "enterprise"),
        "incident": tr("Cases", "incident"),
        "manual": tr("Cases", "manual"),
        "warning": tr("Cases", "warning"),
        "other": tr("Cases", "other"),
    }.get(source, source)


def step_detail(step: dict, names: Names) -> str:
    """What a history step says beyond its action, with names for codes: an escalation names the unit it went to
    (the loop's own detail, "to 310109010004", is for the database), an opening its source."""
    action, detail = step["action"], step.get("detail") or ""
    if action in ("escalate", "dispatch"):
        return "→ " + names.unit(step["owner"])
    if action == "overdue":
        return tr("Cases", "deadline missed at the top of the chain")
    if action == "open":
        source, _, ref = detail.partition(" ")
        return f"{source_name(source)} {ref}".strip()
    return detail  # a reason, as the operator wrote it


def operator_name(username: str) -> str:
    return tr("Cases", "system") if username == "system" else username


def history_line(step: dict, names: Names, action: str) -> str:
    """One step as the history pane shows it: time, action, states, who, and what (names, not codes)."""
    states = (
        state_name(step["from"])
        if step["from"] == step["to"]
        else f"{state_name(step['from'])} → {state_name(step['to'])}"
    )
    return "  ".join(
        filter(
            None, (local_time(step["at"]), action, states, operator_name(step["operator"]), step_detail(step, names))
        )
    )
