"""The enterprise plugin's handover items (overdue demands) in the desk's language (hook
``citybrain_open_item_words``), from the facts the daemon stored."""

from __future__ import annotations

from citybrain.plugins.enterprise.wording import state_name
from citybrain.shell.api import DeskContext, OpenItemWords, tr
from citybrain.shell.names import unit_name


def _demand(ctx: DeskContext, f: dict) -> tuple[str, str]:
    overdue = (
        tr("Enterprise", "OVERDUE, escalated ×{n}").format(n=f["escalations"])
        if f["escalations"]
        else tr("Enterprise", "OVERDUE")
    )
    parts = (state_name(f["state"]), unit_name(ctx, f["department"]), overdue)  # the department by name, not code
    return f"{f['name']}: {f['title']}", " · ".join(p for p in parts if p)


def open_item_words() -> dict[str, OpenItemWords]:
    return {"demand": OpenItemWords(tr("Enterprise", "demand"), _demand)}
