"""What rings on every duty desk whatever views are open: a report falling due or overdue, a reminder due, a
heightened-duty period beginning (and its roster found without a leader); and on the duty leader's desk, a late or
missing check-in."""

from __future__ import annotations

from citybrain.plugins.duty.incident_actions import report_name
from citybrain.plugins.duty.names import post_title
from citybrain.plugins.duty.period_banner import PERIODS, banner_text, gaps_text
from citybrain.shell.api import DeskContext, tr

INCIDENTS, REMINDERS, NOW = "duty.incidents", "duty.reminders", "duty.now"
LEADERS = ("duty_leader", "admin")  # roles that hear about check-ins


class DutyAlerts:
    """Watches the incidents' clocks and the reminders; notifies once per change into warning, overdue or due."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.clocks = self._clock_states()  # what was already so when the desk started is not rung again
        self.due = self._due()
        self.check_ins = self._check_ins()
        self.periods = self._periods()
        ctx.on_change(INCIDENTS, self.incidents_changed)
        ctx.on_change(PERIODS, self.periods_changed)
        ctx.on_change(REMINDERS, self.reminders_changed)
        ctx.on_change(NOW, self.board_changed)

    def _clock_states(self) -> dict[tuple[int, str], str]:
        return {(r["id"], k): c["state"] for r in self.ctx.records(INCIDENTS) for k, c in r["clocks"].items()}

    def _due(self) -> set[int]:
        return {r["id"] for r in self.ctx.records(REMINDERS) if r["state"] == "due"}

    def _check_ins(self) -> dict[tuple[str, str], str]:
        return {
            (post_title(post), p["name"]): p.get("check_in", "")
            for post in self.ctx.records(NOW)
            for p in post["on_duty"]
        }

    def _periods(self) -> dict[str, tuple[bool, bool]]:
        return {p["id"]: (p["active"], bool(p["gaps"])) for p in self.ctx.records(PERIODS)}

    def periods_changed(self) -> None:
        """A period begins (said once, not an alarm: the banner stays); its roster leaves a unit without a leader."""
        now = self._periods()
        for key, (active, gaps) in now.items():
            before = self.periods.get(key, (False, False))
            record = self.ctx.record(PERIODS, key) or {}
            if active and not before[0]:
                self.ctx.notify(tr("Duty", "Heightened duty begins"), banner_text(record), "info")
            if gaps and not before[1]:
                self.ctx.notify(tr("Duty", "A heightened-duty day without a leader"), gaps_text(record), "warning")
        self.periods = now

    def board_changed(self) -> None:
        now = self._check_ins()
        if (self.ctx.operator or {}).get("role") in LEADERS:
            for (post, person), state in now.items():
                if state in ("late", "missing") and self.check_ins.get((post, person)) != state:
                    title = tr("Duty", "Late check-in") if state == "late" else tr("Duty", "Not checked in")
                    counted = (
                        tr("Duty", "{n} late check-ins") if state == "late" else tr("Duty", "{n} people not checked in")
                    )
                    self.ctx.notify(title, f"{person} · {post}", "warning", "high", counted=counted)
        self.check_ins = now

    def incidents_changed(self) -> None:
        now = self._clock_states()
        for (incident, kind), state in now.items():
            if state in ("warning", "overdue") and self.clocks.get((incident, kind)) != state:
                record = self.ctx.record(INCIDENTS, incident) or {}
                overdue = state == "overdue"
                self.ctx.notify(
                    tr("Duty", "Report overdue") if overdue else tr("Duty", "Report due soon"),
                    f"#{incident} {record.get('type', '')}: {report_name(kind)}",
                    "alarm" if overdue else "warning",
                    "urgent" if overdue else None,
                    counted=tr("Duty", "{n} reports overdue") if overdue else tr("Duty", "{n} reports due soon"),
                )
        self.clocks = now

    def reminders_changed(self) -> None:
        due = self._due()
        for reminder in due - self.due:
            record = self.ctx.record(REMINDERS, reminder) or {}
            self.ctx.notify(
                tr("Duty", "Reminder due"),
                record.get("title", ""),
                "warning",
                "high",
                counted=tr("Duty", "{n} reminders due"),
            )
        self.due = due
