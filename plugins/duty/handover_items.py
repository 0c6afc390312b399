"""The duty plugin's own handover items (incidents, reminders) in the desk's language.  The daemon stores each item
as compiled: its kind and its facts (codes, numbers, names that are data); each plugin words its own kinds on the
desk (hook ``citybrain_open_item_words``), and the handover shows every plugin's through
``DeskContext.open_item_text``."""

from __future__ import annotations

from citybrain.plugins.duty.incident_actions import report_name
from citybrain.plugins.duty.names import unit_name
from citybrain.shell.api import DeskContext, OpenItemWords, tr
from citybrain.shell.names import level_name


def _incident(ctx: DeskContext, f: dict) -> tuple[str, str]:
    parts = [
        level_name(f["level"]),
        f.get("address") or unit_name(ctx, f.get("subdistrict")),
        tr("Duty", "next: {report}").format(report=report_name(f["next"])),
    ]
    if f.get("overdue"):
        parts.append(tr("Duty", "overdue: {reports}").format(reports=", ".join(map(report_name, f["overdue"]))))
    return f"#{f['incident']} {f['type']}", " · ".join(p for p in parts if p)


def _reminder(ctx: DeskContext, f: dict) -> tuple[str, str]:
    return f["title"], tr("Duty", "due, not acknowledged") if f["state"] == "due" else tr("Duty", "coming")


def open_item_words() -> dict[str, OpenItemWords]:
    """The duty plugin's handover items in the desk's language (hook ``citybrain_open_item_words``)."""
    return {
        "incident": OpenItemWords(tr("Duty", "incident"), _incident),
        "reminder": OpenItemWords(tr("Duty", "reminder"), _reminder),
    }
