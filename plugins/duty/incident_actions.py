"""What a duty officer does with an incident: open one, send its reports, change its level, close it — and, when
the daemon has those plugins, open a case in the shared loop (``cases.open``) or have the plans plugin suggest a
plan to activate (``plans.suggest`` / ``plans.activate``).  Without them those buttons are simply not there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from citybrain.shell.api import DeskContext, RequestError, ViewAction, tr
from citybrain.shell.names import event_category_name as incident_category_name, level_name
from citybrain.widgets import Sender

CATEGORIES = ("natural", "accident", "health", "security")
LEVELS = ("I", "II", "III", "IV")
PRIORITY = {"I": "urgent", "II": "urgent", "III": "high", "IV": "medium"}  # a case opened from an incident


def report_name(code: str) -> str:
    return {
        "phone": tr("Duty", "Phone report"),
        "written": tr("Duty", "Written report"),
        "follow_up": tr("Duty", "Follow-up"),
        "final": tr("Duty", "Final report"),
    }.get(code, code)


class NewIncidentDialog(QDialog):
    """The first facts of an incident: its clocks start when it is sent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Duty", "New incident"))
        self.category = QComboBox()
        for code in CATEGORIES:
            self.category.addItem(incident_category_name(code), code)
        self.type = QLineEdit()
        self.level = QComboBox()
        for level in LEVELS:
            self.level.addItem(level_name(level), level)
        self.level.setCurrentIndex(self.level.findData("IV"))
        self.subdistrict, self.address, self.source = QLineEdit(), QLineEdit(), QLineEdit()
        self.description = QLineEdit()
        self.casualties = {k: QSpinBox() for k in ("dead", "injured", "missing")}
        form = QFormLayout(self)
        for label, widget in (
            (tr("Duty", "Category"), self.category),
            (tr("Duty", "Type"), self.type),
            (tr("Duty", "Level"), self.level),
            (tr("Duty", "Subdistrict"), self.subdistrict),
            (tr("Duty", "Address"), self.address),
            (tr("Duty", "Source"), self.source),
            (tr("Duty", "Description"), self.description),
        ):
            form.addRow(label, widget)
        counts = QHBoxLayout()
        for key, label in (
            ("dead", tr("Duty", "dead")),
            ("injured", tr("Duty", "injured")),
            ("missing", tr("Duty", "missing")),
        ):
            self.casualties[key].setSuffix(f" {label}")
            counts.addWidget(self.casualties[key])
        form.addRow(tr("Duty", "Casualties"), counts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def payload(self) -> dict:
        return {
            "category": self.category.currentData(),
            "type": self.type.text().strip(),
            "level": self.level.currentData(),
            "subdistrict": self.subdistrict.text().strip() or None,
            "address": self.address.text().strip() or None,
            "source": self.source.text().strip() or None,
            "description": self.description.text().strip() or None,
            "casualties": {k: box.value() for k, box in self.casualties.items()},
        }


class IncidentActions(QWidget):
    """The row of actions under the incidents table; ``selected()`` gives the incident they act on."""

    def __init__(self, ctx: DeskContext, selected: Callable[[], dict | None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.selected = selected
        self.home: QWidget | None = None  # where the focus goes back after an action (the table)
        self.commands = Sender(ctx)
        self.kind = QComboBox()
        for code in ("phone", "written", "follow_up", "final"):
            self.kind.addItem(report_name(code), code)
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Duty", "Report text (Enter sends it)"))
        self.text.returnPressed.connect(lambda: self.commands.run(self.report))
        self.level = QComboBox()
        for level in LEVELS:
            self.level.addItem(level_name(level), level)
        # two rows: the report (its kind, its text, send) and the incident's actions; in one row a desk pane cut
        # the text box's instructions and the last buttons' names
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        report, act_row = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(report)
        rows.addLayout(act_row)
        self.buttons = {"new": self.commands.button(tr("Duty", "New incident…"), self.new)}
        act_row.addWidget(self.buttons["new"])
        report.addWidget(self.kind)
        report.addWidget(self.text, 1)
        for key, title, act in (
            ("report", tr("Duty", "Send report"), self.report),
            ("level", tr("Duty", "Set level"), self.relevel),
            ("close", tr("Duty", "Close"), self.close_incident),
            ("case", tr("Duty", "Open a case…"), self.open_case),
            ("plan", tr("Duty", "Suggest a plan…"), self.suggest_plan),
        ):
            self.buttons[key] = self.commands.button(title, act)
            if key == "level":
                act_row.addWidget(self.level)
            (report if key == "report" else act_row).addWidget(self.buttons[key])
        act_row.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Offer another plugin's action only when the daemon answers it."""
        self.buttons["case"].setVisible(self.ctx.offers("cases.open"))
        self.buttons["plan"].setVisible(self.ctx.offers("plans.suggest") and self.ctx.offers("plans.activate"))
        self.update_buttons()

    def update_buttons(self) -> None:
        """The actions on an incident wait for one to be selected, and say so."""
        chosen = self.selected() is not None
        for key in ("report", "level", "close", "case", "plan"):
            self.buttons[key].setEnabled(chosen)
            self.buttons[key].setToolTip("" if chosen else tr("Duty", "Select an incident first"))

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: self.selected() is not None  # noqa: E731
        actions = [
            ViewAction("new", tr("Duty", "Register an incident"), self.new, "Ctrl+N"),
            ViewAction(
                "report", tr("Duty", "Write a report on the selected incident"), self.start_report, "Ctrl+R", chosen
            ),
            ViewAction("close", tr("Duty", "Close the selected incident"), self.close_incident, "Ctrl+Delete", chosen),
        ]
        if self.ctx.offers("cases.open"):
            actions.append(
                ViewAction(
                    "case", tr("Duty", "Open a case for the selected incident"), self.open_case, "Ctrl+Shift+C", chosen
                )
            )
        if self.ctx.offers("plans.suggest") and self.ctx.offers("plans.activate"):
            actions.append(
                ViewAction(
                    "plan", tr("Duty", "Suggest a plan for the selected incident"), self.suggest_plan, "Ctrl+P", chosen
                )
            )
        return actions

    def start_report(self) -> None:
        """Focus the report line: type, Enter sends it."""
        if self._incident():
            self.text.setFocus()

    def _back(self) -> None:
        if self.home is not None:
            self.home.setFocus()

    def _incident(self) -> dict | None:
        incident = self.selected()
        if incident is None:
            self.commands.message.setText(tr("Duty", "Select an incident first"))
        return incident

    def _named(self, incident: dict) -> str:
        return f"#{incident['id']} {incident['type']}"

    async def new(self) -> None:
        dialog = NewIncidentDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            await self.send_new(dialog.payload())

    async def send_new(self, payload: dict) -> dict | None:
        return await self.commands.send("duty.incident.open", payload, tr("Duty", "Incident opened: its clocks run"))

    async def report(self) -> None:
        if incident := self._incident():
            payload = {"incident": incident["id"], "kind": self.kind.currentData(), "text": self.text.text()}
            if await self.commands.send("duty.incident.report", payload, tr("Duty", "Report recorded")):
                self.text.clear()

    async def relevel(self) -> None:
        if incident := self._incident():
            await self.commands.send(
                "duty.incident.level",
                {"incident": incident["id"], "level": self.level.currentData()},
                tr("Duty", "Level changed: the reports start again"),
            )

    async def close_incident(self) -> None:
        if incident := self._incident():
            await self.commands.send(
                "duty.incident.close", {"incident": incident["id"]}, tr("Duty", "Closed: the final report is due")
            )

    async def open_case(self, case_type: str | None = None) -> dict | None:
        """A case in the shared loop for the selected incident, where it happened, urgent as its level says."""
        incident = self._incident()
        if incident is None:
            return None
        if case_type is None:
            types = [
                f"{t['code']} {t['name']}" for t in sorted(self.ctx.records("cases.types"), key=lambda t: t["code"])
            ]
            choice, ok = QInputDialog.getItem(self, tr("Duty", "Open a case"), tr("Duty", "Case type"), types, 0, False)
            if not ok:
                return None
            case_type = choice.split()[0]
        payload = {
            "source": "incident",
            "source_ref": f"duty.incidents/{incident['id']}",
            "type": case_type,
            "unit": incident["subdistrict"],
            "priority": PRIORITY[incident["level"]],
            "title": f"{incident['type']} {incident['address']}".strip(),
            "address": incident["address"] or None,
            "description": incident["description"] or None,
            "lat": incident["lat"],
            "lon": incident["lon"],
            "dispatch": False,
        }  # a person reported it: it waits in the district dispatcher's inbox
        case = await self.commands.send("cases.open", payload)
        if case:
            self.commands.done(
                tr("Duty", "Case {n} opened for incident {i}: it waits for the district's dispatcher").format(
                    n=case["id"], i=incident["id"]
                )
            )
        return case

    async def suggest_plan(self, choose: Callable[[list[dict]], dict | None] | None = None) -> dict | None:
        """Ask the plans plugin which plans fit the incident; activate the one chosen."""
        incident = self._incident()
        if incident is None:
            return None
        try:
            plans = await self.ctx.query(
                "plans.suggest",
                {"category": incident["category"], "type": incident["type"], "level": incident["level"]},
            )
        except RequestError as exc:
            self.commands.refused(exc)
            return None
        if not plans:
            self.commands.message.setText(tr("Duty", "No plan fits this incident"))
            return None
        plan = (choose or self._choose_plan)(plans)
        if plan is None:
            return None
        return await self.commands.send(
            "plans.activate",
            {"plan": plan["plan"], "level": plan["level"], "source_ref": f"duty.incidents/{incident['id']}"},
            tr("Duty", "Plan {title} activated at level {level}").format(**plan),
        )

    def _choose_plan(self, plans: list[dict]) -> dict | None:
        titles = [f"{p['title']} · {level_name(p['level'])}" for p in plans]
        choice, ok = QInputDialog.getItem(self, tr("Duty", "Suggest a plan"), tr("Duty", "Activate"), titles, 0, False)
        return plans[titles.index(choice)] if ok else None
