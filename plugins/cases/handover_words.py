"""The cases plugin's handover items in the desk's language (hook ``citybrain_open_item_words``): each open case
that needs the next shift, and the count of all open cases, from the facts the daemon stored."""

from __future__ import annotations

from citybrain.plugins.cases.display import priority_name, state_name
from citybrain.shell.api import DeskContext, OpenItemWords, tr
from citybrain.shell.names import unit_name


def _case(ctx: DeskContext, f: dict) -> tuple[str, str]:
    if "open" in f:  # the count of every open case
        detail = tr("Cases", "{n} overdue").format(n=f["overdue"])
        if f.get("unlisted"):
            detail += tr("Cases", "; {n} more urgent, overdue or escalated not listed").format(n=f["unlisted"])
        return tr("Cases", "{n} open cases").format(n=f["open"]), detail
    parts = [state_name(f["state"]), priority_name(f["priority"]), unit_name(ctx, f.get("owner"))]
    if f.get("escalations"):
        parts.append(tr("Cases", "escalated {n}×").format(n=f["escalations"]))
    return f"#{f['case']} {f['title']}", " · ".join(p for p in parts if p)


def open_item_words() -> dict[str, OpenItemWords]:
    return {"case": OpenItemWords(tr("Cases", "case"), _case)}
