"""The alarm list as a duty operator needs it (ISA-18.2, EEMUA 191).

Each alarm's state is read at a glance by more than colour: a marker per priority (shape and colour) and the
priority's name, filled and bold while it waits for an acknowledgement, filled once acknowledged and still
active, outlined when back to normal but not acknowledged; cleared alarms leave the list.  Urgent first, then
newest first, and a row never moves once placed (``rank``: priority, raised, id).  Beside it the selected alarm
in full (who acknowledged and claimed it, and when) and its guidance; its own history (each change, who, when)
one key away, Ctrl+H, and its device's readings and events another, Ctrl+D.

An operator acknowledges one alarm, or one group chosen on purpose (a compound's alarms of one condition), never
everything: the grouped mode (one row per compound and condition) turns on by itself in a flood.  The district
desk sees by default what needs the district (life safety, and what the case loop escalated), with one status
line per compound for the rest."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.times import local_time
from citybrain.plugins.sensors import alarm_groups
from citybrain.plugins.sensors.alarm_detail import AlarmDetail
from citybrain.plugins.sensors.alarm_groups import needs_district
from citybrain.plugins.sensors.device_slot import DeviceSlot
from citybrain.plugins.sensors.names import condition_name, state_name
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, RequestError, ViewAction, tr
from citybrain.shell.names import unit_name
from citybrain.widgets import DataTable, Sender, ViewTasks, confirm, refusal_text
from citybrain.widgets.palette import Marker, level_name

ALARMS, FLOOD, DEVICES = "sensors.alarms", "sensors.flood", "sensors.devices"
PRIORITY_OF_RANK = {"3": "urgent", "2": "high", "1": "medium", "0": "low"}
STYLE = {"unack": "waiting", "rtn_unack": "outline", "latched": "outline", "ack": "steady"}
REGROUP_MS = 250
KEYS = {
    "ack": "Ctrl+Return",
    "claim": "Ctrl+T",
    "shelve": "Ctrl+Shift+H",
    "history": "Ctrl+H",
    "device": "Ctrl+D",
    "comment": "F2",
    "group": "Ctrl+G",
    "everything": "Ctrl+Shift+A",
}
HISTORY_FIELDS = ("state", "active", "acked_at", "claimed_at", "shelved_until", "district")  # a change: a new event


def marker(record: dict) -> Marker | None:
    """Waiting (filled, bold), steady (acknowledged, still active) or outlined (back to normal, unacknowledged);
    shelved, suppressed and out-of-service alarms are ordinary rows that name their state."""
    style = STYLE.get(record["state"])
    return None if style is None else Marker(record["priority"], style, level_name(record["priority"]))


def refusals() -> dict[str, str]:
    """The daemon's refusals (``details["reason"]``) in the operator's words."""
    return {
        "comment_needed": tr(
            "Sensors", "A high or urgent alarm is acknowledged with a comment: write what was found or done."
        ),
        "shelve_reason": tr("Sensors", "Say why it is shelved (a comment), for 1 minute to 24 hours."),
        "claimed": tr("Sensors", "Claimed by {who}: they act on it, or a duty leader breaks the claim."),
        "not_open": tr("Sensors", "This alarm is no longer open."),
        "group_mixed": tr("Sensors", "A group is one compound's alarms of one condition."),
        "group_size": tr("Sensors", "A group acknowledgement names at most {most} alarms."),
    }


def _rank_priority(rank: str) -> str:
    return level_name(PRIORITY_OF_RANK.get(rank[:1], ""))


class AlarmsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(
            ctx, labels={"comment": tr("Sensors", "Comment"), "reason": tr("Sensors", "Reason")}, reasons=refusals()
        )
        self.devices = {d["id"]: d for d in ctx.records(DEVICES)}
        self.compounds = {d["compound"]: d["compound_name"] for d in self.devices.values()}
        compound = Column("compound", tr("Sensors", "Compound"), format=lambda c: self.compounds.get(c, c))
        state = Column("state", tr("Sensors", "State"), format=state_name)
        condition = Column("condition", tr("Sensors", "Condition"), format=condition_name)
        priority = Column("rank", tr("Sensors", "Priority"), format=_rank_priority)
        raised = Column("first_at", tr("Sensors", "Raised"), format=local_time)
        self.model = ctx.model(
            ALARMS,
            [priority, state, condition, compound, Column("count", tr("Sensors", "Count")), raised],
            severity=marker,
        )
        self.table = DataTable(
            self.model,
            sort_column=0,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("Sensors", "Search alarms…"),
        )
        numeric = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.group_model = CollectionTableModel(
            [
                priority,
                state,
                condition,
                compound,
                Column("count", tr("Sensors", "Alarms")),
                Column("waiting", tr("Sensors", "Waiting"), format=lambda w: str(len(w)), align=numeric),
                Column("first_at", tr("Sensors", "Newest"), format=local_time),
            ],
            severity=marker,
        )
        self.group_table = DataTable(self.group_model, sort_column=0, order=Qt.SortOrder.DescendingOrder)
        self.compound_model = CollectionTableModel(
            [
                Column("compound", tr("Sensors", "Compound"), format=lambda c: self.compounds.get(c, c)),
                state,
                Column("district", tr("Sensors", "For the district")),
                Column("property", tr("Sensors", "With the property company")),
            ],
            severity=marker,
        )
        self.compound_table = DataTable(self.compound_model)
        self.compound_table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.compound_table.view.horizontalHeader().setStretchLastSection(False)  # its counts stay by their names
        self.compound_table.view.horizontalHeader().setSectionResizeMode(  # 40 lines at most: headers read whole,
            QHeaderView.ResizeMode.ResizeToContents
        )  # even before the first line arrives
        for table in (self.table, self.group_table, self.compound_table):
            table.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.view.setTabKeyNavigation(False)  # Tab leaves the table for the comment box and the buttons
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.group_table)

        self.grouped = QCheckBox(tr("Sensors", "Group by compound and condition"))
        self.grouped.setToolTip(tr("Sensors", "On by itself during an alarm flood"))
        self.grouped.toggled.connect(self._grouping_chosen)
        self.auto_grouped = True  # until the operator chooses, the flood level decides
        self.chosen: int | str | None = None  # the selected alarm's or group's id
        self.everything = QCheckBox(tr("Sensors", "Show the property companies' alarms too"))
        self.everything.toggled.connect(self.refilter)
        self.rate = QLabel()
        self.rate.setWordWrap(True)
        switches = QHBoxLayout()
        switches.addWidget(self.grouped)
        switches.addWidget(self.everything)
        switches.addStretch(1)

        self.detail = AlarmDetail(self.compounds, self.devices, self.case_text, lambda code: unit_name(ctx, code))
        self.history_on = False  # the operator asked for the alarm's history: it follows the selection then
        self.history_seen: tuple | None = None  # (id, HISTORY_FIELDS) of the alarm whose history was last asked
        self.compounds_title = QLabel(tr("Sensors", "Compounds (alarms with the property company are theirs)"))
        self.actors, self.resolution = QListWidget(), QLabel()
        self.actors.setMaximumHeight(110)
        self.resolution.setWordWrap(True)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.stack)
        self.below = below = QWidget()
        inner = QVBoxLayout(below)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.compounds_title)
        inner.addWidget(self.compound_table)
        left.addWidget(below)
        left.setSizes([3, 1])
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail, 1)
        side.addWidget(QLabel(tr("Sensors", "Bad actors (last day)")))
        side.addWidget(self.actors)
        side.addWidget(self.resolution)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(split)
        self.device = DeviceSlot(ctx, outer)

        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Sensors", "Comment (needed for high and urgent), or why it is shelved"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(60)
        self.minutes.setSuffix(tr("Sensors", " min"))
        self.minutes.setToolTip(tr("Sensors", "How long a shelved alarm stays shelved"))
        actions = QHBoxLayout()
        actions.addWidget(self.comment, 1)
        actions.addWidget(self.commands.button(tr("Sensors", "Acknowledge"), self.acknowledge))
        actions.addWidget(self.commands.button(tr("Sensors", "Claim"), self.claim))
        actions.addWidget(self.minutes)
        actions.addWidget(self.commands.button(tr("Sensors", "Shelve"), self.shelve))
        layout = QVBoxLayout(self)
        layout.addWidget(self.rate)
        layout.addLayout(switches)
        layout.addWidget(outer, 1)
        layout.addLayout(actions)
        layout.addWidget(self.commands.message)

        for table in (self.table, self.group_table):
            table.view.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.view.doubleClicked.connect(  # the alarm clicked, whatever was selected
            lambda index: self.device.show(self.model.record_at(index.row())["device"])
        )
        self.regroup = QTimer(self)  # groups, compound lines and the sound follow at most 4 times a second: in a
        self.regroup.setSingleShot(True)  # flood of 25,000 alarms each pass costs tens of milliseconds
        self.regroup.setInterval(REGROUP_MS)
        self.regroup.timeout.connect(self.alarms_changed)
        ctx.urgent(ALARMS, "state")  # a new alarm, or one that changed state (ISA-18.2), reaches the list now
        ctx.on_change(ALARMS, self.alarms_soon)
        ctx.on_change(FLOOD, self.show_rate)
        ctx.on_operator(self.show_rate)
        self.refilter()
        self.show_rate()
        self.tasks = ViewTasks(self)
        every_minute = QTimer(self)  # a query, not a live collection: asked again now and then
        every_minute.timeout.connect(self.reload_resolution)
        every_minute.start(60_000)
        self.tasks.start(self.load_resolution())

    # -- what the list shows --------------------------------------------------
    def case_text(self, case_id: int) -> str:
        """The case and the unit that has it now (the property company, or whom the loop escalated it to)."""
        case = self.ctx.record("cases.open", case_id)
        if case is None:
            return str(case_id)
        owner = case.get("owner") or ""
        unit = next((u["name"] for u in self.ctx.records("org.units") if u.get("code") == owner), owner)
        return tr("Sensors", "{case} · with {unit}").format(case=case_id, unit=unit)

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("ack", tr("Sensors", "Acknowledge the selected alarm or group"), self.acknowledge, KEYS["ack"]),
            ViewAction("claim", tr("Sensors", "Claim the selected alarm"), self.claim, KEYS["claim"]),
            ViewAction("shelve", tr("Sensors", "Shelve the selected alarm"), self.shelve, KEYS["shelve"]),
            ViewAction("history", tr("Sensors", "The selected alarm's history"), self.history, KEYS["history"]),
            ViewAction(
                "device",
                tr("Sensors", "The selected alarm's device: readings and events"),
                self.show_device,
                KEYS["device"],
            ),
            ViewAction(
                "comment", tr("Sensors", "Write a comment"), self.comment.setFocus, KEYS["comment"], places_focus=True
            ),
            ViewAction(
                "group",
                tr("Sensors", "Group alarms by compound and condition, or not"),
                self.grouped.toggle,
                KEYS["group"],
            ),
            ViewAction(
                "everything",
                tr("Sensors", "Show the property companies' alarms too, or not"),
                self.everything.toggle,
                KEYS["everything"],
            ),
        ]

    def visible(self, alarm: dict) -> bool:
        return self.everything.isChecked() or needs_district(alarm)

    def refilter(self) -> None:
        self.table.set_predicate(None if self.everything.isChecked() else needs_district)
        self.below.setVisible(not self.everything.isChecked())  # the list takes the room
        self.alarms_changed()

    def alarms_soon(self) -> None:
        self.show_selected()  # cheap: the pane follows the selected alarm at once
        if not self.regroup.isActive():  # not restarted by each change, or a steady stream would hold it off
            self.regroup.start()

    def alarms_changed(self) -> None:
        """Groups, compound lines, the sound and the detail pane follow the alarms (at most ~25 times a second)."""
        alarms = self.ctx.records(ALARMS)
        shown = [a for a in alarms if self.visible(a)]
        self.say_why_empty(len(alarms) - len(shown))
        self.group_model.reset(alarm_groups.groups(shown))
        self.compound_model.reset(alarm_groups.compounds(alarms))
        self.ctx.annunciate("alarms", alarm_groups.highest_waiting(a for a in alarms if needs_district(a)))
        self.show_selected()

    def say_why_empty(self, elsewhere: int) -> None:
        """What an empty list says: nothing open at all, or nothing for the district while the property companies
        have some (and how to see those)."""
        if self.everything.isChecked() or not elsewhere:
            text = tr("Sensors", "No open alarm.")
        else:
            text = tr(
                "Sensors",
                "No alarm needs the district now. {n} open alarms are with the property companies "
                "(the compounds below): “{switch}” lists them.",
            ).format(n=elsewhere, switch=self.everything.text())
        for table in (self.table, self.group_table):
            table.set_empty_text(text)

    def show_rate(self, *_: object) -> None:
        flood = self.ctx.record(FLOOD, f"flood@{self.ctx.unit or ''}")  # the desk's own unit's load
        if flood is None:
            return
        words = {
            "manageable": tr("Sensors", "manageable"),
            "busy": tr("Sensors", "busy"),
            "flood": tr("Sensors", "ALARM FLOOD"),
        }
        self.rate.setText(
            tr(
                "Sensors",
                "District alarms in the last 10 min: {n} · per operator ({ops} on duty): {rate} — "
                "{level} (EEMUA 191: about 1 is manageable, over 10 a flood)",
            ).format(
                n=flood["raised_10min"],
                ops=flood["operators"],
                rate=flood["per_operator"],
                level=words.get(flood["level"], flood["level"]),
            )
        )
        self.actors.clear()
        self.actors.addItems(
            [tr("Sensors", "{device}: triggers {triggers} · alarms {alarms}").format(**a) for a in flood["bad_actors"]]
        )
        if self.auto_grouped:
            self._set_grouped(flood["level"] == "flood")

    def _set_grouped(self, on: bool) -> None:
        self.grouped.blockSignals(True)
        self.grouped.setChecked(on)
        self.grouped.blockSignals(False)
        self.stack.setCurrentWidget(self.group_table if on else self.table)
        self.selection_changed()

    def _grouping_chosen(self, on: bool) -> None:
        self.auto_grouped = False  # the operator's choice stands over the flood level's
        self._set_grouped(on)

    def reload_resolution(self) -> None:
        if self.isVisible():  # a closed view asks nothing more
            self.tasks.start(self.load_resolution())

    async def load_resolution(self) -> None:
        """Where sensor cases were resolved over the last 30 days (the seed: 90% property company, 8% committee,
        2% subdistrict)."""
        try:
            shares = await self.ctx.query("sensors.resolution", {"days": 30})
        except RequestError as exc:
            self.resolution.setText(refusal_text(exc))
            return
        names = {
            "property_company": tr("Sensors", "property company"),
            "committee": tr("Sensors", "committee"),
            "subdistrict": tr("Sensors", "subdistrict"),
            "district": tr("Sensors", "district"),
        }
        parts = " · ".join(
            f"{names.get(k, k)} {v:.0%}" for k, v in sorted(shares["resolved_at_level"].items(), key=lambda kv: -kv[1])
        )
        self.resolution.setText(
            tr("Sensors", "Resolved in 30 days ({n} cases): {parts}").format(n=shares["resolved"], parts=parts or "—")
        )

    # -- the selection ----------------------------------------------------------
    def selected_alarm(self) -> dict | None:
        if self.grouped.isChecked():
            return None
        return next(iter(self.table.selected()), None)

    def selected_group(self) -> dict | None:
        return next(iter(self.group_table.selected()), None) if self.grouped.isChecked() else None

    def selection_changed(self, *_: object) -> None:
        """Another alarm or group selected: what was said about the last one goes.  (A table laid out again as
        alarms arrive reports its selection changed too: the same alarm still selected keeps its message.)"""
        chosen = self.selected_alarm() or self.selected_group()
        key = None if chosen is None else chosen["id"]
        if key != self.chosen:
            self.chosen = key
            self.commands.clear()
        self.show_selected()

    def show_selected(self) -> None:
        alarm, group = self.selected_alarm(), self.selected_group()
        if alarm is not None:
            self.detail.show_alarm(alarm)
            self._follow_history(alarm)
        elif group is not None:
            self.detail.show_group(group)
            self.detail.hide_history()
        else:
            self.detail.clear()

    def _follow_history(self, alarm: dict) -> None:
        """Once asked for, the history follows the selected alarm, and is asked again when the alarm changed in a
        way that writes an event (not for each trigger counted)."""
        seen = (alarm["id"], *(alarm.get(f) for f in HISTORY_FIELDS))
        if self.history_on and seen != self.history_seen:
            self.history_seen = seen
            if self.detail.history_of != alarm["id"]:
                self.detail.hide_history()  # another alarm's history never stands beside this one
            self.tasks.start(self.load_history(alarm["id"]))

    async def load_history(self, alarm_id: int) -> None:
        try:
            answer = await self.ctx.query("sensors.alarm_history", {"alarm": alarm_id})
        except RequestError:
            answer = {"events": None}
        chosen = self.selected_alarm()
        if chosen is None or chosen["id"] != alarm_id:
            return  # another alarm was selected meanwhile: its own answer is on the way
        if answer["events"] is None:
            self.detail.show_history(alarm_id, [])
            self.detail.history.setText(escape(tr("Sensors", "The history could not be read; Ctrl+H asks again.")))
        else:
            self.detail.show_history(alarm_id, answer["events"])

    # -- what the operator does -------------------------------------------------
    def _refuse(self, text: str) -> None:
        self.commands.message.setText(text)

    async def acknowledge(self) -> dict | None:
        group = self.selected_group()
        if group is not None:
            return await self._acknowledge_group(group)
        alarm = self.selected_alarm()
        if alarm is None:
            self._refuse(tr("Sensors", "Select an alarm first"))
            return None
        return await self._done(
            await self.commands.send(
                "sensors.ack", {"alarm": alarm["id"], "comment": self.comment.text()}, tr("Sensors", "Acknowledged")
            )
        )

    async def _acknowledge_group(self, group: dict) -> dict | None:
        if not group["waiting"]:
            self._refuse(tr("Sensors", "Nothing in this group waits for an acknowledgement"))
            return None
        question = tr("Sensors", "Acknowledge {n} {condition} alarm(s) of {compound}?").format(
            n=len(group["waiting"]),
            condition=condition_name(group["condition"]),
            compound=self.compounds.get(group["compound"], group["compound"]),
        )
        if not confirm(self, tr("Sensors", "Acknowledge a group"), question, tr("Sensors", "Acknowledge them")):
            return None
        return await self._done(
            await self.commands.send(
                "sensors.ack_group",
                {"alarms": group["waiting"], "comment": self.comment.text()},
                tr("Sensors", "Acknowledged {n} alarm(s)").format(n=len(group["waiting"])),
            )
        )

    async def claim(self) -> dict | None:
        alarm = self._one_alarm()
        if alarm is None:
            return None
        return await self.commands.send(
            "sensors.claim", {"alarm": alarm["id"]}, tr("Sensors", "Claimed: it is yours for 30 minutes")
        )

    async def shelve(self) -> dict | None:
        alarm = self._one_alarm()
        if alarm is None:
            return None
        if alarm["priority"] == "urgent" and not confirm(
            self,
            tr("Sensors", "Shelve an urgent alarm"),
            tr(
                "Sensors",
                "Shelve the urgent {condition} alarm of {compound} for {minutes} min? It will not "
                "sound or show until then.",
            ).format(
                condition=condition_name(alarm["condition"]),
                compound=self.compounds.get(alarm["compound"], alarm["compound"]),
                minutes=self.minutes.value(),
            ),
            tr("Sensors", "Shelve it"),
        ):
            return None
        return await self._done(
            await self.commands.send(
                "sensors.shelve",
                {"alarm": alarm["id"], "minutes": self.minutes.value(), "reason": self.comment.text()},
                tr("Sensors", "Shelved"),
            )
        )

    def history(self) -> None:
        """The selected alarm's own history in the pane beside it (asked again each time)."""
        alarm = self._one_alarm()
        if alarm is not None:
            self.history_on, self.history_seen = True, None
            self._follow_history(alarm)

    def show_device(self) -> None:
        alarm = self._one_alarm()
        if alarm is not None:
            self.device.show(alarm["device"])

    def _one_alarm(self) -> dict | None:
        alarm = self.selected_alarm()
        if alarm is None:
            self._refuse(
                tr("Sensors", "Select one alarm first (not a group)")
                if self.grouped.isChecked()
                else tr("Sensors", "Select an alarm first")
            )
        return alarm

    async def _done(self, result: dict | None) -> dict | None:
        """After a command that took the comment: the box empties, and the focus goes back to the list."""
        if result is not None:
            self.comment.clear()
            (self.group_table if self.stack.currentWidget() is self.group_table else self.table).view.setFocus()
        elif not self.comment.text().strip():
            self.comment.setFocus()  # most refusals here ask for a comment or a reason
        return result

    # -- layouts keep the table's settings, and the operator's choices --------------------------------------
    def save_settings(self) -> dict:
        return {
            **self.table.save_settings(),
            "everything": self.everything.isChecked(),
            "grouped": None if self.auto_grouped else self.grouped.isChecked(),
        }

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
        self.everything.setChecked(bool(settings.get("everything")))
        if isinstance(settings.get("grouped"), bool):
            self.grouped.setChecked(settings["grouped"])
            self._grouping_chosen(settings["grouped"])
