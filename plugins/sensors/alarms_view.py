"""The alarm list (unacknowledged first, then by priority), and what an operator does with an alarm: claim it,
acknowledge it with a comment, shelve it for a while saying why; beside it, floods grouped, the rate per
operator, the bad actors and where sensor cases were resolved."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QSpinBox, QSplitter, QVBoxLayout,
                               QWidget)

from citybrain.core.times import local_time
from citybrain.plugins.sensors.catalogue import CATALOGUE
from citybrain.plugins.sensors.device_slot import DeviceSlot
from citybrain.shell.api import Column, DeskContext, RequestError
from citybrain.shell.i18n import tr
from citybrain.widgets.data_table import DataTable, TableSettings
from citybrain.widgets.sender import Sender, ViewTasks

ALARMS, FLOOD = "sensors.alarms", "sensors.flood"
ANNUNCIATED = ("unack", "rtn_unack", "latched")


def state_name(state: str) -> str:
    return {"unack": tr("Sensors", "UNACKNOWLEDGED"), "ack": tr("Sensors", "acknowledged"),
            "rtn_unack": tr("Sensors", "back to normal, unacknowledged"), "latched": tr("Sensors", "latched"),
            "shelved": tr("Sensors", "shelved"), "suppressed": tr("Sensors", "suppressed (maintenance)"),
            "out_of_service": tr("Sensors", "out of service")}.get(state, state)


def alarm_severity(alarm: dict) -> str | None:
    return alarm["priority"] if alarm["state"] in ANNUNCIATED else None


class AlarmsView(TableSettings, QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.sender = Sender(ctx)
        compounds = {d["compound"]: d["compound_name"] for d in ctx.records("sensors.devices")}
        self.model = ctx.model(ALARMS, [
            Column("priority", tr("Sensors", "Priority")), Column("state", tr("Sensors", "State"), format=state_name),
            Column("scenario", tr("Sensors", "Scenario"), format=lambda c: CATALOGUE.scenarios[c].name if c in
                   CATALOGUE.scenarios else c),
            Column("compound", tr("Sensors", "Compound"), format=lambda c: compounds.get(c, c)),
            Column("device", tr("Sensors", "Device")), Column("condition", tr("Sensors", "Condition")),
            Column("count", tr("Sensors", "Count")), Column("last_at", tr("Sensors", "Last"), format=local_time),
            Column("claimed_by", tr("Sensors", "Claimed by")), Column("case", tr("Sensors", "Case")),
            Column("comment", tr("Sensors", "Comment"))], severity=alarm_severity)
        self.table = DataTable(self.model, sort_column=7, filter_placeholder=tr("Sensors", "Search alarms…"))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Sensors", "Comment, or why it is shelved"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(60)
        self.minutes.setSuffix(tr("Sensors", " min"))
        row = QHBoxLayout()
        row.addWidget(self.sender.button(tr("Sensors", "Claim"), lambda: self._act("sensors.claim")))
        row.addWidget(self.comment, 1)
        row.addWidget(self.sender.button(tr("Sensors", "Acknowledge"),
                                         lambda: self._act("sensors.ack", comment=self.comment.text())))
        row.addWidget(self.minutes)
        row.addWidget(self.sender.button(tr("Sensors", "Shelve"), lambda: self._act(
            "sensors.shelve", minutes=self.minutes.value(), reason=self.comment.text())))
        self.compounds = compounds
        self.rate, self.resolution = QLabel(), QLabel()
        self.resolution.setWordWrap(True)
        self.groups, self.actors = QListWidget(), QListWidget()
        side = QSplitter(Qt.Orientation.Vertical)
        for title, widget in ((tr("Sensors", "By compound and scenario"), self.groups),
                              (tr("Sensors", "Bad actors (last day)"), self.actors)):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(QLabel(title))
            inner.addWidget(widget)
            side.addWidget(box)
        side.addWidget(self.resolution)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([3, 1])
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(split)
        self.device = DeviceSlot(ctx, outer)  # a double click on an alarm opens its device
        self.table.view.doubleClicked.connect(lambda index: self.device.show(self.model.record_at(index.row())["device"]))
        layout = QVBoxLayout(self)
        layout.addWidget(self.rate)
        layout.addWidget(outer, 1)
        layout.addLayout(row)
        layout.addWidget(self.sender.message)
        ctx.on_change(ALARMS, self.group)
        ctx.on_change(FLOOD, self.show_rate)
        self.group()
        self.show_rate()
        self.tasks = ViewTasks(self)
        every_minute = QTimer(self)  # a query, not a live collection: asked again now and then
        every_minute.timeout.connect(lambda: self.tasks.start(self.load_resolution()))
        every_minute.start(60_000)
        self.tasks.start(self.load_resolution())

    async def load_resolution(self) -> None:
        """Where sensor cases were resolved over the last 30 days (the seed: 90% property company, 8% committee,
        2% subdistrict)."""
        try:
            shares = await self.ctx.query("sensors.resolution", {"days": 30})
        except RequestError as exc:
            self.resolution.setText(exc.message)
            return
        names = {"property_company": tr("Sensors", "property company"), "committee": tr("Sensors", "committee"),
                 "subdistrict": tr("Sensors", "subdistrict"), "district": tr("Sensors", "district")}
        parts = " · ".join(f"{names.get(k, k)} {v:.0%}" for k, v in sorted(shares["resolved_at_level"].items(),
                                                                          key=lambda kv: -kv[1]))
        self.resolution.setText(tr("Sensors", "Resolved in 30 days ({n} cases): {parts}").format(
            n=shares["resolved"], parts=parts or "—"))

    def group(self) -> None:
        """Floods read as groups: one line per compound and scenario, its first device and "+N more"."""
        groups: dict[tuple[str, str], list[dict]] = {}
        for alarm in self.ctx.records(ALARMS):
            if alarm["state"] in ANNUNCIATED:
                groups.setdefault((alarm["compound"], alarm["scenario"]), []).append(alarm)
        self.groups.clear()
        for (compound, scenario), members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            name = CATALOGUE.scenarios[scenario].name if scenario in CATALOGUE.scenarios else scenario
            more = tr("Sensors", " +{n} more").format(n=len(members) - 1) if len(members) > 1 else ""
            self.groups.addItem(f"{self.compounds.get(compound, compound)} · {name}: {members[0]['device']}{more}")

    def show_rate(self) -> None:
        flood = self.ctx.record(FLOOD, "flood")
        if flood is None:
            return
        words = {"manageable": tr("Sensors", "manageable"), "busy": tr("Sensors", "busy"),
                 "flood": tr("Sensors", "ALARM FLOOD")}
        self.rate.setText(tr("Sensors", "{n} alarms in 10 min for {ops} operator(s): {rate} each — {level} "
                                        "(EEMUA 191: about 1 is manageable, over 10 a flood)").format(
            n=flood["raised_10min"], ops=flood["operators"], rate=flood["per_operator"],
            level=words.get(flood["level"], flood["level"])))
        self.actors.clear()
        self.actors.addItems([f"{a['device']}: {a['triggers']} × ({a['alarms']})" for a in flood["bad_actors"]])

    async def _act(self, command: str, **fields: object) -> dict | None:
        alarm = next(iter(self.table.selected()), None)
        if alarm is None:
            self.sender.message.setText(tr("Sensors", "Select an alarm first"))
            return None
        return await self.sender.send(command, {"alarm": alarm["id"], **fields}, tr("Sensors", "Done"))
