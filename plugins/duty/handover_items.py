"""A handover's open items in the desk's language.  The daemon stores each item as compiled: its kind and its facts
(codes, numbers, names that are data); the words are put here, on the desk that shows or prints the handover.  An
item stored before items carried facts, or one of a kind this desk has no words for, shows its stored title and
detail."""

from __future__ import annotations

from citybrain.plugins.duty.incident_actions import report_name
from citybrain.plugins.duty.names import unit_name
from citybrain.shell.api import DeskContext
from citybrain.shell.i18n import tr
from citybrain.shell.names import level_name
from citybrain.widgets.palette import level_name as priority_name


def case_state_name(state: str) -> str:
    return {"new": tr("Duty", "new"), "dispatched": tr("Duty", "dispatched"), "accepted": tr("Duty", "taken on"),
            "in_progress": tr("Duty", "in progress"), "resolved": tr("Duty", "resolved"),
            "verified": tr("Duty", "verified")}.get(state, state)


def _case(ctx: DeskContext, f: dict) -> tuple[str, str]:
    if "open" in f:  # the count of every open case
        title = tr("Duty", "{n} open cases").format(n=f["open"])
        detail = tr("Duty", "{n} overdue").format(n=f["overdue"])
        if f.get("unlisted"):
            detail += tr("Duty", "; {n} more urgent, overdue or escalated not listed").format(n=f["unlisted"])
        return title, detail
    parts = [case_state_name(f["state"]), priority_name(f["priority"]), unit_name(ctx, f.get("owner"))]
    if f.get("escalations"):
        parts.append(tr("Duty", "escalated {n}×").format(n=f["escalations"]))
    return f"#{f['case']} {f['title']}", " · ".join(p for p in parts if p)


def _incident(ctx: DeskContext, f: dict) -> tuple[str, str]:
    parts = [level_name(f["level"]), f.get("address") or unit_name(ctx, f.get("subdistrict")),
             tr("Duty", "next: {report}").format(report=report_name(f["next"]))]
    if f.get("overdue"):
        parts.append(tr("Duty", "overdue: {reports}").format(reports=", ".join(map(report_name, f["overdue"]))))
    return f"#{f['incident']} {f['type']}", " · ".join(p for p in parts if p)


def _reminder(ctx: DeskContext, f: dict) -> tuple[str, str]:
    return f["title"], tr("Duty", "due, not acknowledged") if f["state"] == "due" else tr("Duty", "coming")


WORDS = {"case": _case, "incident": _incident, "reminder": _reminder}


def item_text(ctx: DeskContext, item: dict) -> tuple[str, str]:
    """An open item's title and detail in this desk's language (as stored when it has no facts this desk words)."""
    words = WORDS.get(item["kind"])
    if words is not None and item.get("facts"):
        try:
            return words(ctx, item["facts"])
        except KeyError:  # facts of another version: the stored text says it
            pass
    return item["title"], item["detail"]
