"""Cases plugin, desk half: a unit's inbox, every open case with the duty leader's bulk actions, and the
escalation board for the wall.  Everything here reads the replicated collections and acts through the
plugin's commands; nothing touches the database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from citybrain.core.times import local_time
from citybrain.plugins.cases.display import (BOUNDARIES, OPEN, UNITS, Names, case_columns, severity,
                                            state_name)
from citybrain.shell.api import DeskContext, RequestError, ViewSpec, hookimpl
from citybrain.shell.i18n import tr
from citybrain.widgets.collection_model import CollectionTableModel
from citybrain.widgets.data_table import DataTable
from citybrain.widgets.hint_list import HintList
from citybrain.widgets.kpi_card import KpiCard

OWNER_KINDS = ("property_company", "committee", "subdistrict", "district", "department")


def action_name(action: str) -> str:
    return {"dispatch": tr("Cases", "Dispatch"), "accept": tr("Cases", "Accept"), "reject": tr("Cases", "Reject"),
            "start": tr("Cases", "Start work"), "resolve": tr("Cases", "Resolve"), "verify": tr("Cases", "Verify"),
            "reopen": tr("Cases", "Reopen"), "close": tr("Cases", "Close"), "cancel": tr("Cases", "Cancel case"),
            "open": tr("Cases", "Open"), "escalate": tr("Cases", "Escalate"), "overdue": tr("Cases", "Overdue")
            }.get(action, action)


# what each state lets a desk do next, and whether it needs a reason (the daemon checks again)
NEXT = {"new": ["dispatch", "cancel"], "dispatched": ["accept", "reject", "cancel"],
        "accepted": ["start", "resolve", "cancel"], "in_progress": ["resolve", "cancel"],
        "resolved": ["verify", "reopen", "cancel"], "verified": ["close", "reopen"]}
NEEDS_REASON = {"reject", "reopen", "cancel"}


def _ticking(widget: QWidget, view: QAbstractItemView) -> None:
    """Deadlines count down: repaint the visible rows every 15 s (the model holds times, not texts)."""
    timer = QTimer(widget)
    timer.timeout.connect(view.viewport().update)
    timer.start(15_000)


class CaseActions(QWidget):
    """The next steps for one case (or many, for the duty leader), with a reason box for those that need one."""

    def __init__(self, ctx: DeskContext, selected: Callable[[], list[dict]], bulk: bool = False) -> None:
        super().__init__()
        self.ctx, self.selected, self.bulk = ctx, selected, bulk
        layout = QGridLayout(self)  # two rows: the buttons, then the reason and the answer; fits a laptop
        layout.setContentsMargins(0, 0, 0, 0)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Cases", "Reason (needed to reject, reopen or cancel)"))
        self.buttons = {a: QPushButton(action_name(a)) for a in
                        ("dispatch", "accept", "reject", "start", "resolve", "verify", "reopen", "close", "cancel")}
        for i, (action, button) in enumerate(self.buttons.items()):
            button.clicked.connect(lambda _=False, a=action: asyncio.ensure_future(self.run(a)))
            layout.addWidget(button, 0, i)
        layout.addWidget(self.reason, 1, 0, 1, 5)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message, 1, 5, 1, 4)
        self.update_buttons()

    def update_buttons(self) -> None:
        cases = self.selected()
        for action, button in self.buttons.items():
            button.setEnabled(bool(cases) and all(action in NEXT.get(c["state"], ()) for c in cases))

    async def run(self, action: str) -> None:
        cases = self.selected()
        reason = self.reason.text().strip()
        if action in NEEDS_REASON and not reason:
            self.message.setText(tr("Cases", "{action} needs a reason").format(action=action_name(action)))
            self.reason.setFocus()
            return
        try:
            if self.bulk and len(cases) > 1:
                await self.ctx.command("cases.bulk", {"cases": [c["id"] for c in cases], "action": action, "reason": reason})
            else:
                await self.ctx.command("cases.act", {"case": cases[0]["id"], "action": action, "reason": reason})
        except RequestError as exc:
            detail = "; ".join(d["message"] for d in exc.details) if isinstance(exc.details, list) else ""
            self.message.setText(f"{exc.message} {detail}".strip())
            return
        self.message.setText(tr("Cases", "{action}: done").format(action=action_name(action)))
        self.reason.clear()


class CasesView(QWidget):
    """Every open case; select several and the duty leader can act on all of them at once."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.names = Names(ctx, self)
        self.model = ctx.model(OPEN, case_columns(self.names), severity=severity)
        self.table = DataTable(self.model, sort_column=6, filter_placeholder=tr("Cases", "Filter cases…"))
        self.table.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.actions = CaseActions(ctx, self.selected, bulk=True)
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self.actions.update_buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.actions)
        _ticking(self, self.table.view)

    def selected(self) -> list[dict]:
        return self.table.selected()

    def save_settings(self) -> dict:
        return self.table.save_settings()

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)


class InboxView(QWidget):
    """One unit's cases: pick the unit once (kept in the layout), see what arrives, act, read the history."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = Names(ctx, self)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model = ctx.model(OPEN, case_columns(self.names), severity=severity)
        self.table = DataTable(self.model, sort_column=6, filter_placeholder=tr("Cases", "Filter cases…"))
        self.actions = CaseActions(ctx, self.selected)
        self.history = HintList(tr("Cases", "Select a case to see what has been done with it"))
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._selected_changed())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Cases", "Unit")))
        top.addWidget(self.unit, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.history)
        split.setSizes([600, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.actions)
        self._wanted: str | None = None  # a unit from the layout, until the org tree has arrived
        self._fill_units()
        self.unit.currentIndexChanged.connect(lambda _: self._show_unit())
        # every case's owner as of the last batch this view saw: a case whose owner becomes this unit "arrives"
        self._known: dict[int, str | None] = {r["id"]: r.get("owner") for r in ctx.records(OPEN)}
        ctx.on_change(OPEN, self._arrivals)
        ctx.on_change(UNITS, self._fill_units)
        self._show_unit()
        _ticking(self, self.table.view)

    def _fill_units(self) -> None:
        current = self._wanted or self.current_unit()
        self.unit.blockSignals(True)
        self.unit.clear()
        for code, unit in sorted(self.names.units.items(), key=lambda kv: (OWNER_KINDS.index(kv[1]["kind"])
                                                                           if kv[1]["kind"] in OWNER_KINDS else 9, kv[0])):
            if unit["kind"] in OWNER_KINDS:
                self.unit.addItem(f"{unit['name']} ({code})", code)
        self.unit.blockSignals(False)
        if current:
            self.set_unit(current)

    def current_unit(self) -> str | None:
        return self.unit.currentData()

    def set_unit(self, code: str) -> None:
        index = self.unit.findData(code)
        self._wanted = None if index >= 0 else code
        if index >= 0:
            self.unit.setCurrentIndex(index)
            self._show_unit()

    def _show_unit(self) -> None:
        unit = self.current_unit()
        self.model.set_filter(self.table.filter.text(), lambda r: r.get("owner") == unit)

    def _arrivals(self) -> None:
        """A case that has just become this unit's (new, or escalated to it) is announced."""
        unit, known = self.current_unit(), self._known
        now = {r["id"]: r for r in self.ctx.records(OPEN)}
        for case_id, record in now.items():
            if record.get("owner") == unit and known.get(case_id) != unit:
                title = tr("Cases", "Escalated to {unit}") if record.get("escalations") else tr("Cases", "New case for {unit}")
                self.ctx.notify(title.format(unit=self.names.unit(unit)), f"#{case_id} {record['title']}",
                                "alarm" if record["priority"] == "urgent" else "warning", record["priority"])
        self._known = {k: r.get("owner") for k, r in now.items()}

    def selected(self) -> list[dict]:
        return self.table.selected()

    def _selected_changed(self) -> None:
        self.actions.update_buttons()
        cases = self.selected()
        if len(cases) == 1:
            asyncio.ensure_future(self.show_history(cases[0]["id"]))
        else:
            self.history.clear()

    async def show_history(self, case_id: int) -> None:
        try:
            steps = await self.ctx.query("cases.history", {"case": case_id})
            lines = [f"{local_time(s['at'])}  {action_name(s['action'])}  {state_name(s['from'])} → "
                     f"{state_name(s['to'])}  {self.names.unit(s['owner']) if s['owner'] else '—'}  "
                     f"{s['operator']}  {s['detail']}" for s in steps]
        except RequestError as exc:
            lines = [exc.message]
        if [c["id"] for c in self.selected()] != [case_id]:
            return  # the operator has moved on meanwhile
        self.history.clear()
        self.history.addItems(lines)

    def save_settings(self) -> dict:
        return {"unit": self._wanted or self.current_unit(), "table": self.table.save_settings()}

    def restore_settings(self, settings: dict) -> None:
        if settings.get("unit"):
            self.set_unit(settings["unit"])
        self.table.restore_settings(settings.get("table", {}))


class BoardView(QWidget):
    """The escalation board for the wall: how many open cases wait at each level, and the ones overdue."""

    LEVELS = ("property_company", "committee", "subdistrict", "district", "department")

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = Names(ctx, self)
        titles = {"property_company": tr("Cases", "Property companies"), "committee": tr("Cases", "Committees"),
                  "subdistrict": tr("Cases", "Subdistricts"), "district": tr("Cases", "District"),
                  "department": tr("Cases", "Departments")}
        self.cards = {level: KpiCard(titles[level]) for level in self.LEVELS}
        self.cards["overdue"] = KpiCard(tr("Cases", "Overdue now"))
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.overdue = CollectionTableModel(case_columns(self.names), severity=severity)
        table = DataTable(self.overdue, sort_column=6)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel(tr("Cases", "Overdue and escalated cases")))
        layout.addWidget(table, 1)
        ctx.on_change(OPEN, self.refresh)
        ctx.on_change(UNITS, self.refresh)  # after Names: levels are the owners' kinds
        timer = QTimer(self)  # deadlines pass without any change arriving
        timer.timeout.connect(self.refresh)
        timer.start(15_000)
        _ticking(self, table.view)
        self.refresh()

    def refresh(self) -> None:
        cases = self.ctx.records(OPEN)
        kinds = [self.names.units.get(c.get("owner") or "", {}).get("kind") for c in cases]
        late = {c["id"]: c for c in cases if severity(c)}
        for level in self.LEVELS:
            escalated = sum(1 for c, k in zip(cases, kinds) if k == level and c.get("escalations"))
            self.cards[level].set_value(str(kinds.count(level)), tr("Cases", "{n} escalated here").format(n=escalated))
        overdue = sum(1 for c in late.values() if severity(c) == "urgent")
        self.cards["overdue"].set_value(str(overdue), abnormal=overdue > 0)
        self.overdue.reset(late)


def _case_map(ctx: DeskContext) -> QWidget:
    """Imported when first opened: the map brings pyqtgraph and numpy (~0.2 s), which a desk without it never pays."""
    from citybrain.plugins.cases.casemap import CaseMapView

    return CaseMapView(ctx)


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("cases.inbox", tr("Cases", "Case inbox"), InboxView, collections=(OPEN, UNITS), multiple=True),
            ViewSpec("cases.open", tr("Cases", "Open cases"), CasesView, collections=(OPEN,), multiple=True),
            ViewSpec("cases.board", tr("Cases", "Escalation board"), BoardView, placement="wall", collections=(OPEN,)),
            ViewSpec("cases.map", tr("Cases", "Case map"), _case_map, collections=(OPEN, UNITS, BOUNDARIES),
                     multiple=True)]
