"""A response task past its deadline rings on every desk, whatever views are open — once."""

from __future__ import annotations

from citybrain.plugins.plans.names import unit_name
from citybrain.shell.api import DeskContext, tr

TASKS = "plans.tasks"


class TaskAlerts:
    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.overdue = self._overdue()  # what was already late when the desk started is not rung again
        ctx.on_change(TASKS, self.changed)

    def _overdue(self) -> dict[int, dict]:
        return {t["id"]: t for t in self.ctx.records(TASKS) if t["state"] == "overdue"}

    def changed(self) -> None:
        now = self._overdue()
        for task in (now[i] for i in now.keys() - self.overdue.keys()):
            title = tr("Plans", "Drill task overdue") if task["drill"] else tr("Plans", "Response task overdue")
            counted = (
                tr("Plans", "{n} drill tasks overdue") if task["drill"] else tr("Plans", "{n} response tasks overdue")
            )
            self.ctx.notify(
                title,
                f"{task['action']} · {unit_name(self.ctx, task['unit'])}",
                "warning" if task["drill"] else "alarm",
                "high",
                counted=counted,
            )
        self.overdue = now
