"""A new warning over the district, and a plan suggested for it, ring on every desk whatever views are open."""

from __future__ import annotations

from typing import Literal

from citybrain.plugins.cap.names import plan_name
from citybrain.shell.api import DeskContext, tr
from citybrain.shell.names import level_name

WARNINGS, SUGGESTIONS = "cap.warnings", "cap.suggestions"
Level = Literal["info", "warning", "alarm"]  # DeskContext.notify's
Priority = Literal["urgent", "high", "medium", "low"]
LEVEL: dict[str, tuple[Level, Priority]] = {"Extreme": ("alarm", "urgent"), "Severe": ("alarm", "high")}
OTHER: tuple[Level, Priority] = ("warning", "medium")  # any other severity


class WarningAlerts:
    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.seen = {(c, r["id"]) for c in (WARNINGS, SUGGESTIONS) for r in ctx.records(c)}  # not rung again
        for collection in (WARNINGS, SUGGESTIONS):
            ctx.on_change(collection, self.changed)

    def changed(self) -> None:
        for warning in self.ctx.records(WARNINGS):
            if (WARNINGS, warning["id"]) not in self.seen and warning["reaches_district"]:
                level, priority = LEVEL.get(warning["severity"], OTHER)
                self.ctx.notify(
                    tr("Cap", "Warning: {event}").format(event=warning["event"]),
                    warning["headline"] or warning["sender"],
                    level,
                    priority,
                )
        for s in self.ctx.records(SUGGESTIONS):
            if (SUGGESTIONS, s["id"]) not in self.seen:
                self.ctx.notify(
                    tr("Cap", "Plan suggested"),
                    f"{plan_name(self.ctx, s['plan'])} · {level_name(s['level'])} — {s['event']}",
                    "warning",
                    "high",
                    counted=tr("Cap", "{n} plans suggested"),
                )
        self.seen = {(c, r["id"]) for c in (WARNINGS, SUGGESTIONS) for r in self.ctx.records(c)}
