"""Cases plugin, desk half: a unit's inbox, every open case with the duty leader's bulk actions, and the
escalation board for the wall.  Everything here reads the replicated collections and acts through the
plugin's commands; nothing touches the database."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from citybrain.plugins.cases.chooser import OWNER_KINDS, choose_unit, suggested_unit
from citybrain.plugins.cases.display import (
    BOUNDARIES,
    DEADLINE,
    OPEN,
    UNITS,
    Names,
    case_columns,
    case_detail,
    history_line,
    overdue,
    severity,
    state_name,
)
from citybrain.plugins.cases.handover_words import open_item_words
from citybrain.shell.api import (
    CodeNames,
    CollectionTableModel,
    DeskContext,
    OpenItemWords,
    RequestError,
    ViewAction,
    ViewSpec,
    hookimpl,
    tr,
)
from citybrain.widgets import DataTable, HintList, KpiCard, Sender, ViewTasks, confirm

ROLES = ("viewer", "operator", "duty_leader", "admin")  # least to most, as the daemon ranks them


def action_name(action: str) -> str:
    return {
        "dispatch": tr("Cases", "Dispatch"),
        "accept": tr("Cases", "Accept"),
        "reject": tr("Cases", "Reject"),
        "start": tr("Cases", "Start work"),
        "resolve": tr("Cases", "Resolve"),
        "verify": tr("Cases", "Verify"),
        "reopen": tr("Cases", "Reopen"),
        "close": tr("Cases", "Close"),
        "cancel": tr("Cases", "Cancel case"),
        "open": tr("Cases", "Open"),
        "escalate": tr("Cases", "Escalate"),
        "overdue": tr("Cases", "Overdue"),
    }.get(action, action)


# what each state lets a desk do next, and whether it needs a reason (the daemon checks again)
NEXT = {
    "new": ["dispatch", "cancel"],
    "dispatched": ["accept", "reject", "escalate", "cancel"],
    "accepted": ["start", "resolve", "escalate", "cancel"],
    "in_progress": ["resolve", "escalate", "cancel"],
    "resolved": ["verify", "reopen", "cancel"],
    "verified": ["close", "reopen"],
}
NEEDS_REASON = {"reject", "escalate", "reopen", "cancel"}
ASK_FIRST = {"reject", "cancel"}  # irreversible for the operator: asked first, naming the case
# default keys, active while the focus is in a cases view (rebindable in the shortcut editor)
KEYS = {
    "dispatch": "Ctrl+D",
    "accept": "Ctrl+Return",
    "reject": "Ctrl+R",
    "escalate": "Ctrl+U",
    "start": "Ctrl+G",
    "resolve": "Ctrl+E",
    "verify": "Ctrl+Y",
    "reopen": "Ctrl+Shift+O",
    "close": "Ctrl+Shift+E",
    "cancel": "Ctrl+Delete",
}


def may_cancel_urgent(operator: dict | None) -> bool:
    """An urgent case is cancelled by the duty leader (or an admin), never by a plain operator: the daemon refuses
    it too (plugins/cases/daemon.py)."""
    role = (operator or {}).get("role", "viewer")
    return role in ROLES and ROLES.index(role) >= ROLES.index("duty_leader")


def case_label(case: dict) -> str:
    return f"#{case['id']} {case['title']}"


def _ticking(widget: QWidget, view: QAbstractItemView) -> None:
    """Deadlines count down: repaint the visible rows every 15 s (the model holds times, not texts)."""
    timer = QTimer(widget)
    timer.timeout.connect(view.viewport().update)
    timer.start(15_000)


class CaseActions(QWidget):
    """The next steps for one case (or many, for the duty leader), with a reason box for those that need one.

    A disabled button says why in its tooltip; reject and cancel ask first; after a step the focus goes back to
    ``home`` (the table)."""

    def __init__(self, ctx: DeskContext, selected: Callable[[], list[dict]], names: Names, bulk: bool = False) -> None:
        super().__init__()
        self.ctx, self.selected, self.names, self.bulk = ctx, selected, names, bulk
        self.home: QWidget | None = None
        self.commands = Sender(
            ctx,
            labels={"reason": tr("Cases", "Reason")},
            reasons={
                "urgent_cancel": tr("Cases", "Only the duty leader cancels an urgent case"),
                "unknown_unit": tr("Cases", "The chosen unit is not in the org tree"),
                "top_of_chain": tr(
                    "Cases", "{case} is already with the top of its chain: nobody higher to escalate it to"
                ),
                "not_an_owner": tr(
                    "Cases",
                    "The chosen unit does not work cases: choose a company, committee, subdistrict or department",
                ),
            },
        )
        layout = QGridLayout(self)  # two rows: the buttons, then the reason and the answer; fits a laptop
        layout.setContentsMargins(0, 0, 0, 0)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Cases", "Reason (needed to reject, escalate, reopen or cancel)"))
        self.pending: str | None = None  # an action waiting for its reason: Enter in the box runs it
        self.reason.returnPressed.connect(lambda: self.pending and self.commands.run(lambda: self.run(self.pending)))
        self.buttons = {a: QPushButton(action_name(a)) for a in KEYS}
        for i, (action, button) in enumerate(self.buttons.items()):
            button.clicked.connect(lambda _=False, a=action: self.commands.run(lambda: self.run(a)))
            layout.addWidget(button, 0, i)
        layout.addWidget(self.reason, 1, 0, 1, 5)
        self.message = self.commands.message
        layout.addWidget(self.message, 1, 5, 1, len(self.buttons) - 5)
        self.update_buttons()

    def why_not(self, action: str, cases: list[dict]) -> str | None:
        """Why ``action`` cannot run on ``cases`` now (the disabled button's tooltip), or None when it can."""
        if not cases:
            return tr("Cases", "Select a case first")
        wrong = [c for c in cases if action not in NEXT.get(c["state"], ())]
        if wrong:
            states = " / ".join(state_name(s) for s, nexts in NEXT.items() if action in nexts)
            return tr("Cases", "{action} needs a case that is {states}; {case} is {state}").format(
                action=action_name(action),
                states=states,
                case=f"#{wrong[0]['id']}",
                state=state_name(wrong[0]["state"]),
            )
        if (
            action == "cancel"
            and not may_cancel_urgent(self.ctx.operator)
            and any(c["priority"] == "urgent" for c in cases)
        ):
            return tr("Cases", "Only the duty leader cancels an urgent case")
        return None

    def tooltip(self, action: str, cases: list[dict]) -> str:
        """What an enabled button will do: dispatch names the unit it suggests (the dispatcher chooses)."""
        if action == "dispatch" and len(cases) == 1 and suggested_unit(cases[0]):
            return tr("Cases", "Choose the unit to dispatch to (suggested: {unit})").format(
                unit=self.names.unit(suggested_unit(cases[0]))
            )
        return action_name(action)

    def update_buttons(self) -> None:
        cases = self.selected()
        for action, button in self.buttons.items():
            why = self.why_not(action, cases)
            button.setEnabled(why is None)
            button.setToolTip(why or self.tooltip(action, cases))

    def can(self, action: str) -> bool:
        return self.why_not(action, self.selected()) is None

    def clear(self) -> None:
        """Another case is shown: the last answer and a reason typed for the other one go."""
        self.commands.clear()
        self.reason.clear()
        self.pending = None

    def _ask(self, action: str, cases: list[dict]) -> bool:
        if action not in ASK_FIRST:
            return True
        named = (
            case_label(cases[0])
            if len(cases) == 1
            else tr("Cases", "{n} cases ({first}, …)").format(n=len(cases), first=case_label(cases[0]))
        )
        question = {
            "reject": tr("Cases", "Reject {case}? It goes back to the dispatcher."),
            "cancel": tr("Cases", "Cancel {case}? A cancelled case is closed for good."),
        }[action]
        return confirm(self, action_name(action), question.format(case=named), action_name(action))

    def run(self, action: str) -> Coroutine[Any, Any, None] | None:
        """Everything that asks the operator (the reason, the confirmation, the unit) happens here, before anything
        is sent: a dialog's own event loop must not run inside a coroutine (another task of the view, waking in it,
        cannot be entered).  Returns the sending, or None when nothing is sent."""
        cases = self.selected()
        why = self.why_not(action, cases)
        if why is not None:
            self.message.setText(why)
            return None
        reason = self.reason.text().strip()
        if action in NEEDS_REASON and not reason:
            self.pending = action
            self.message.setText(
                tr("Cases", "{action} needs a reason: write it, then Enter").format(action=action_name(action))
            )
            self.reason.setFocus()
            return None
        unit = None
        if action == "dispatch" and len(cases) == 1:  # the dispatcher chooses the unit (several: each its suggested)
            unit = choose_unit(self, cases[0], self.names)
        if not self._ask(action, cases) or (action == "dispatch" and len(cases) == 1 and unit is None):
            self.message.setText(tr("Cases", "{case}: nothing changed").format(case=case_label(cases[0])))
            return None
        self.pending = None
        return self._send(action, cases, reason, unit)

    async def _send(self, action: str, cases: list[dict], reason: str, unit: str | None) -> None:
        named = case_label(cases[0]) if len(cases) == 1 else len(cases)
        done = (
            tr("Cases", "Dispatched to {unit} ({case})").format(unit=self.names.unit(unit), case=named)
            if unit
            else tr("Cases", "{action}: done ({case})").format(action=action_name(action), case=named)
        )
        if self.bulk and len(cases) > 1:
            result = await self.commands.send(
                "cases.bulk", {"cases": [c["id"] for c in cases], "action": action, "reason": reason}, done
            )
        else:
            result = await self.commands.send(
                "cases.act", {"case": cases[0]["id"], "action": action, "reason": reason, "unit": unit}, done
            )
        if result is not None:
            self.reason.clear()
        if self.home is not None:
            self.home.setFocus()

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(action, action_name(action), partial(self.run, action), KEYS[action], partial(self.can, action))
            for action in KEYS
        ]


class CaseTable(QWidget):
    """What the inbox and the open-cases view share: a table of cases, the actions under it, the selected case's
    detail and history beside it, and a selection that follows the cases (a case that leaves the table takes its
    buttons and history with it)."""

    def __init__(self, ctx: DeskContext, bulk: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = ViewTasks(self)
        self.names = Names(ctx, self)
        self.history = HintList(tr("Cases", "Select a case to see what has been done with it"))
        self.model = ctx.model(OPEN, case_columns(self.names), severity=severity)
        self.table = DataTable(self.model, sort_column=DEADLINE, filter_placeholder=tr("Cases", "Filter cases…"))
        self.case_actions = CaseActions(ctx, self.selected, self.names, bulk=bulk)
        self.case_actions.home = self.table.view
        self.shown: list[int] = []  # the cases the actions and history are about
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._selected_changed())
        for signal in (self.model.rowsRemoved, self.model.layoutChanged, self.model.modelReset, self.model.dataChanged):
            signal.connect(self._follow)  # a method: Qt forgets it with the view (the model may outlive it)
        _ticking(self, self.table.view)

    def selected(self) -> list[dict]:
        return self.table.selected()

    def _follow(self, *_: object) -> None:
        """A change may take the shown case out of the table (escalated away, closed, cancelled): the history,
        the answer and the buttons clear with it.  The next case is not selected for the operator: a second
        press of the same key must never act on a case nobody chose."""
        if [c["id"] for c in self.selected()] == self.shown:
            self.case_actions.update_buttons()  # the same case, maybe in a new state
        else:
            self._selected_changed()

    def _selected_changed(self) -> None:
        cases = self.selected()
        ids = [c["id"] for c in cases]
        if ids and ids != self.shown:  # another case chosen: the answer about the last one goes (a case that
            self.case_actions.clear()  # merely left the table keeps its answer: "Dispatch: done (#12 …)")
        self.shown = ids
        self.case_actions.update_buttons()
        self.selection_changed(cases)

    def selection_changed(self, cases: list[dict]) -> None:
        """One case selected: its detail and history in the pane under the table."""
        if len(cases) == 1:
            self.tasks.start(self.show_history(cases[0]))
        else:
            self.history.clear()

    async def show_history(self, case: dict) -> None:
        try:
            steps = await self.ctx.query("cases.history", {"case": case["id"]})
            lines = [history_line(s, self.names, action_name(s["action"])) for s in steps]
        except RequestError as exc:
            lines = [exc.message]
        if [c["id"] for c in self.selected()] != [case["id"]]:
            return  # the operator has moved on meanwhile
        self.history.clear()
        self.history.addItems([case_detail(case, self.names)] + lines)

    def _split(self) -> QSplitter:
        """The table above, the selected case's detail and history below."""
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.history)
        split.setSizes([600, 200])
        return split

    def view_actions(self) -> list[ViewAction]:
        return self.case_actions.view_actions()

    def save_settings(self) -> dict:
        return self.table.save_settings()

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)


class CasesView(CaseTable):
    """Every open case; select several and the duty leader can act on all of them at once."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, bulk=True)
        self.table.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout = QVBoxLayout(self)
        layout.addWidget(self._split(), 1)
        layout.addWidget(self.case_actions)


def waits_for(record: dict, unit: str | None) -> bool:
    """A case in ``unit``'s inbox: one it owns, or one not yet dispatched (new, or rejected back) whose chain ends
    at ``unit``: the district's dispatcher sends those on."""
    if record.get("owner") is not None:
        return record["owner"] == unit
    return record.get("state") == "new" and bool(record.get("chain")) and record["chain"][-1] == unit


class InboxView(CaseTable):
    """One unit's cases: pick the unit once (kept in the layout), see what arrives, act, read the history."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, bulk=False)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        top = QHBoxLayout()
        label = QLabel(tr("Cases", "Unit"))
        label.setBuddy(self.unit)
        top.addWidget(label)
        top.addWidget(self.unit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._split(), 1)
        layout.addWidget(self.case_actions)
        self._wanted: str | None = None  # a unit from the layout, until the org tree has arrived
        # every case's inbox as of the last batch this view saw: a case that enters this unit's inbox "arrives"
        self._known: dict[int, bool] = {}
        self._shown: str | None = None  # the unit whose arrivals _known tracks
        self._fill_units()
        self.unit.currentIndexChanged.connect(lambda _: self._show_unit())
        self._show_unit()
        ctx.on_change(OPEN, self._arrivals)
        ctx.on_change(UNITS, self._fill_units)
        ctx.on_operator(self._follow_operator)

    def _fill_units(self) -> None:
        current = self._wanted or self.current_unit()
        self.unit.blockSignals(True)
        self.unit.clear()
        for code, unit in sorted(
            self.names.units.items(),
            key=lambda kv: (OWNER_KINDS.index(kv[1]["kind"]) if kv[1]["kind"] in OWNER_KINDS else 9, kv[0]),
        ):
            if unit["kind"] in OWNER_KINDS:
                self.unit.addItem(unit["name"], code)
        self.unit.blockSignals(False)
        current = current or self._own(self.ctx.operator)
        if current:
            self.set_unit(current)

    def _own(self, operator: dict | None) -> str | None:
        """The operator's own unit's inbox; a district desk's: the district's, not the first company's."""
        own = (operator or {}).get("unit")
        district = next((code for code, u in self.names.units.items() if u["kind"] == "district"), None)
        return own if own and self.unit.findData(own) >= 0 else district

    def _follow_operator(self, operator: dict | None) -> None:
        """The operator was placed in another unit (or logged in as another): the inbox opens on their own unit."""
        own = self._own(operator)
        if own and own != self.current_unit():
            self.set_unit(own)

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
        self.table.set_predicate(lambda r: waits_for(r, unit))
        self.table.set_empty_text(
            tr("Cases", "Nothing waits for {unit}: the cases it owns and new ones routed to it arrive here").format(
                unit=self.names.unit(unit or "")
            )
            if unit
            else tr("Cases", "Choose the unit whose inbox to show")
        )
        if unit != self._shown or not self._known:
            # only another unit starts afresh: the tree refilled by a resync (after a login) keeps the unit, and a
            # case that came in with that resync is still announced when its batch is seen
            self._known = {r["id"]: waits_for(r, unit) for r in self.ctx.records(OPEN)}
            self._shown = unit

    def _arrivals(self) -> None:
        """A case that has just entered this unit's inbox (new, escalated to it, rejected back) is announced."""
        unit, known = self.current_unit(), self._known
        now = {r["id"]: r for r in self.ctx.records(OPEN)}
        for case_id, record in now.items():
            if waits_for(record, unit) and not known.get(case_id):
                escalated = bool(record.get("escalations") and record.get("owner"))
                title = tr("Cases", "Escalated to {unit}") if escalated else tr("Cases", "New case for {unit}")
                counted = (
                    tr("Cases", "{n} cases escalated to {unit}")
                    if escalated
                    else tr("Cases", "{n} new cases for {unit}")
                )
                name = self.names.unit(unit)
                self.ctx.notify(
                    title.format(unit=name),
                    case_label(record),
                    "alarm" if record["priority"] == "urgent" else "warning",
                    record["priority"],
                    counted=counted.format(unit=name, n="{n}"),
                )
        self._known = {k: waits_for(r, unit) for k, r in now.items()}

    def save_settings(self) -> dict:
        return {"unit": self._wanted or self.current_unit(), "table": self.table.save_settings()}

    def restore_settings(self, settings: dict) -> None:
        if settings.get("unit"):
            self.set_unit(settings["unit"])
        self.table.restore_settings(settings.get("table", {}))


class BoardView(QWidget):
    """The escalation board for the wall: how many open cases wait at each level, and the ones overdue."""

    LEVELS = ("property_company", "grid", "committee", "subdistrict", "district", "department")

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = Names(ctx, self)
        titles = {
            "property_company": tr("Cases", "Property companies"),
            "grid": tr("Cases", "Grids"),
            "committee": tr("Cases", "Committees"),
            "subdistrict": tr("Cases", "Subdistricts"),
            "district": tr("Cases", "District"),
            "department": tr("Cases", "Departments"),
        }
        self.cards = {level: KpiCard(titles[level]) for level in self.LEVELS}
        self.cards["overdue"] = KpiCard(tr("Cases", "Overdue now"))
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.overdue = CollectionTableModel(case_columns(self.names), severity=severity)
        table = DataTable(self.overdue, sort_column=DEADLINE)
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
        late = {c["id"]: c for c in cases if overdue(c) or c.get("escalations")}
        for level in self.LEVELS:
            escalated = sum(1 for c, k in zip(cases, kinds, strict=True) if k == level and c.get("escalations"))
            self.cards[level].set_value(str(kinds.count(level)), tr("Cases", "{n} escalated here").format(n=escalated))
        missed = sum(1 for c in late.values() if overdue(c))
        self.cards["overdue"].set_value(str(missed), abnormal=missed > 0)
        self.overdue.reset(late)


def _case_map(ctx: DeskContext) -> QWidget:
    """Imported when first opened: the map brings pyqtgraph and numpy (~0.2 s), which a desk without it never pays."""
    from citybrain.plugins.cases.casemap import CaseMapView

    return CaseMapView(ctx)


COMMANDS = CodeNames(
    "Cases",
    {"cases.open": "Open a case", "cases.act": "Move a case along the loop", "cases.bulk": "Act on several cases"},
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Cases",
    {
        "action": "Action",
        "address": "Address",
        "attachments": "Attachments",
        "case": "Case",
        "cases": "Cases",
        "description": "Description",
        "dispatch": "Dispatch",
        "lat": "Latitude",
        "lon": "Longitude",
        "note": "Note",
        "priority": "Priority",
        "reason": "Reason",
        "source": "Source",
        "source_ref": "Source reference",
        "title": "Title",
        "type": "Type",
        "unit": "Unit",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Cases", "Cases")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec("cases.inbox", tr("Cases", "Case inbox"), InboxView, collections=(OPEN, UNITS), multiple=True),
        ViewSpec("cases.open", tr("Cases", "Open cases"), CasesView, collections=(OPEN,), multiple=True),
        ViewSpec("cases.board", tr("Cases", "Escalation board"), BoardView, placement="wall", collections=(OPEN,)),
        ViewSpec("cases.map", tr("Cases", "Case map"), _case_map, collections=(OPEN, UNITS, BOUNDARIES), multiple=True),
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    return open_item_words()
