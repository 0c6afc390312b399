"""The steps a cases view offers on the selected case (or cases): their names, which state allows which, the keys,
and :class:`CaseActions`, the buttons with the reason box under a case table."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from citybrain.plugins.cases.chooser import choose_unit, suggested_unit
from citybrain.plugins.cases.display import Names, state_name
from citybrain.shell.api import DeskContext, ViewAction, tr
from citybrain.widgets import Sender, confirm

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
