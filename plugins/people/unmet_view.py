"""应享未享: the residents of the operator's unit who qualify for a policy and receive nothing, most urgent first,
filtered by category, urgency and whether a conflict between the sources needs checking first; the selected
resident's citizen query beside it (every policy they receive, qualify for or are one criterion short of, with the
reasons); and the outreach: plan a visit from a hit, record its outcome.  Masked as the daemon sends it."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from citybrain.core.times import local_date
from citybrain.plugins.people import ENTITLEMENTS, GRANT, GRANTS, OUTREACH_OUTCOME, OUTREACH_PLAN, UNMET
from citybrain.plugins.people.panes import card_label, list_and_card
from citybrain.plugins.people.words import (
    CATEGORIES,
    CONFLICT_KINDS,
    ENTITLEMENT_STATES,
    OUTCOMES,
    SEX,
    URGENCY,
    policy_criterion_text,
    programme_names,
    unit_name,
)
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, RequestError, ViewAction, tr, tr_n
from citybrain.widgets import DataTable, RestingRow, Sender, ViewTasks
from citybrain.widgets.palette import Marker

LIMIT = 500
RANKS = ("high", "medium", "low")  # the daemon's urgency order (policies.URGENCY)
REASON_CHARS = 4  # a "not eligible" outcome's least reason (outreach.outcome)


def severity(hit: dict) -> Marker | None:
    """A hit whose resident the sources disagree about is marked: check the sources before visiting.  The rest stay
    grey (urgency is a column, in words: the list is sorted by it)."""
    if hit["check"]:
        return Marker("medium", "steady", tr("People", "check the sources first"))
    return None


def missing(n: int) -> str:
    return tr_n(
        "People", "{n} resident misses a benefit they qualify for", "{n} residents miss a benefit they qualify for", n
    )


class UnmetView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = ViewTasks(self)
        self.commands = Sender(
            ctx,
            labels={"reason": tr("People", "Reason"), "outcome": tr("People", "Outcome")},
            reasons={
                "reason_needed": tr("People", "Say why they are not eligible"),
                "already_open": tr("People", "A visit is already planned for this"),
                "not_a_hit": tr("People", "They no longer qualify, or receive it already"),
                "closed": tr("People", "Its outcome is recorded already"),
                "needs_visit": tr("People", "This policy needs an outreach visit: plan one"),
                "check_sources": tr("People", "The sources disagree about this resident: check them before granting"),
                "ended_today": tr("People", "That benefit ended today: grant it tomorrow"),
            },
        )
        self.category = self._combo(tr("People", "Every category"), CATEGORIES.items())
        self.urgency = self._combo(tr("People", "Any urgency"), URGENCY.items())
        self.checked = QComboBox()
        for text, value in (
            (tr("People", "All hits"), None),
            (tr("People", "Ready to visit"), False),
            (tr("People", "Check the sources first"), True),
        ):
            self.checked.addItem(text, value)
        for box in (self.category, self.urgency, self.checked):
            box.currentIndexChanged.connect(lambda _: self.refresh())
        self.model = CollectionTableModel(
            [
                Column(
                    "rank",
                    tr("People", "Urgency"),
                    width=90,
                    format=lambda rank: URGENCY(RANKS[rank]),
                    align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ),
                Column("name", tr("People", "Name")),
                Column("age", tr("People", "Age")),
                Column("id_masked", tr("People", "ID number")),
                Column("committee", tr("People", "Committee"), format=lambda c: unit_name(ctx, c)),
                Column("category", tr("People", "Category"), format=CATEGORIES),
                Column("policy_name", tr("People", "Policy")),
                Column("outcome", tr("People", "Visit"), format=self._visit),
                Column("reasons", tr("People", "Because"), format=self._reasons),
            ],
            severity=severity,
        )
        self.table = DataTable(self.model, sort_column=0)  # most urgent first, as the daemon lists them
        self.table.set_empty_text(tr("People", "Nobody in your unit misses a benefit they qualify for."))
        self.table.view.selectionModel().currentRowChanged.connect(lambda current, _: self.row_changed(current))
        self.found = QLabel()
        self.card = card_label()
        self.plan_button = self.commands.button(tr("People", "Plan a visit"), self.plan)
        self.grant_button = self.commands.button(tr("People", "Grant (no visit needed)"), self.grant)
        self.outcome = QComboBox()
        for code, name in OUTCOMES.items():
            self.outcome.addItem(name, code)
        self.outcome.currentIndexChanged.connect(lambda _: self._enable())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("People", "What the visit found (Enter records)"))
        self.reason.textChanged.connect(lambda _: self._enable())
        self.reason.returnPressed.connect(lambda: self.commands.run(self.record))
        self.record_button = self.commands.button(tr("People", "Record the outcome"), self.record)
        list_and_card(
            self,
            [(self.category, 0), (self.urgency, 0), (self.checked, 0), (QWidget(), 1)],
            self.table,
            self.found,
            self.card,
            [  # the outcome on its own row: beside the two buttons its entry was squeezed to "走…"
                [(self.plan_button, 0), (self.grant_button, 0), (QWidget(), 1)],
                [(self.outcome, 0), (self.reason, 1), (self.record_button, 0)],
            ],
            self.commands.message,
            (850, 450),
        )
        self.hit: dict | None = None
        self.person: dict | None = None
        self._asked = 0  # searches sent: only the latest one's answer is shown
        self.cards = RestingRow(self.tasks, self._ask_card, self._card_answered)
        self._enable()
        ctx.on_change(GRANTS, self._granted)  # a hit granted at any desk leaves this list at once
        self.refresh()

    def _combo(self, everything: str, items: Iterable[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, None)
        for code, name in items:
            box.addItem(name, code)
        return box

    def _reasons(self, reasons: list[str]) -> str:
        names = programme_names(self.ctx)
        return " · ".join(policy_criterion_text(r, names) for r in reasons)

    def _visit(self, outcome: str | None) -> str:
        return OUTCOMES(outcome) if outcome else ""

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("refresh", tr("People", "Refresh the list"), self.refresh, "F5"),
            ViewAction(
                "plan",
                tr("People", "Plan a visit for the selected hit"),
                lambda: self.commands.run(self.plan),
                "Ctrl+P",
                lambda: self.plan_button.isEnabled(),
            ),
            ViewAction(
                "grant",
                tr("People", "Grant the selected hit's benefit (no-visit services)"),
                lambda: self.commands.run(self.grant),
                "Ctrl+G",
                lambda: self.grant_button.isEnabled(),
            ),
            ViewAction(
                "outcome",
                tr("People", "Record the selected visit's outcome"),
                self.reason.setFocus,
                "Ctrl+R",
                lambda: self.hit is not None and self.hit.get("task") is not None,
            ),
        ]

    def refresh(self) -> None:
        self.commands.run(self.search)

    def _enable(self) -> None:
        hit = self.hit
        if hit is None:
            plan = record = tr("People", "Select a hit first")
        else:
            plan = tr("People", "A visit is already planned for this") if hit.get("task") else ""
            if not hit.get("task") or hit.get("outcome"):
                record = tr("People", "Plan a visit first; its outcome is recorded once")
            elif self.outcome.currentData() == "not_eligible" and len(self.reason.text().strip()) < REASON_CHARS:
                record = tr("People", "Say why they are not eligible")
            else:
                record = ""
        if hit is None:
            grant = tr("People", "Select a hit first")
        elif not hit.get("no_visit"):
            grant = tr("People", "This policy needs an outreach visit: plan one")
        elif hit["check"]:
            grant = tr("People", "The sources disagree about this resident: check them before granting")
        else:
            grant = ""
        Sender.set_enabled(self.plan_button, not plan, plan)
        Sender.set_enabled(self.grant_button, not grant, grant)
        Sender.set_enabled(self.record_button, not record, record)

    async def search(self) -> None:
        params = {
            "category": self.category.currentData(),
            "urgency": self.urgency.currentData(),
            "flagged": self.checked.currentData(),
            "limit": LIMIT,
        }
        self._asked += 1
        asked = self._asked
        try:
            hits = await self.ctx.query(UNMET, params)
        except RequestError as exc:
            self.commands.refused(exc)
            return
        if asked != self._asked:
            return  # a later search (the filters changed meanwhile) answers instead
        self.model.reset({h["key"]: h | {"rank": RANKS.index(h["urgency"])} for h in hits})
        more = tr("People", " (the first {n}: narrow by category)").format(n=LIMIT) if len(hits) >= LIMIT else ""
        self.found.setText(missing(len(hits)) + more)
        if hits:
            self.table.view.selectRow(0)

    def row_changed(self, current: QModelIndex) -> None:
        """The buttons act on the selected row at once; its card is asked for once the selection rests there
        (holding Down through the list asked once per row: :class:`RestingRow`)."""
        self.hit = self.model.record_at(current.row()) if current.isValid() else None  # the selection is not yet
        self.person = None
        self._enable()
        self.cards.moved(self.hit)

    async def _ask_card(self, hit: dict | None) -> dict | None:
        if hit is None:
            self.card.clear()
            return None
        try:
            cards = await self.ctx.query(ENTITLEMENTS, {"person": hit["person"]})
        except RequestError as exc:
            self.commands.refused(exc)
            return None
        return cards[0] if cards else None

    def _card_answered(self, hit: dict | None, card: dict | None) -> None:
        self.person = card
        self.show_card()

    def show_card(self) -> None:
        hit, card = self.hit, self.person
        if hit is None or card is None:
            return
        names = programme_names(self.ctx)
        head = tr("People", "{sex}, {age} · {committee}").format(
            sex=SEX(hit["sex"]), age=card["age"], committee=unit_name(self.ctx, hit["committee"])
        )
        parts = [f"<b>{escape(card['name'])}</b> {escape(head)} {escape(card['id_masked'])}"]
        missing = hit["missing"]
        ended = missing["ended"]
        record = (
            tr("People", "{programme} ended on {day}").format(
                programme=names.get(missing["benefit"], missing["benefit"]), day=local_date(ended)
            )
            if ended
            else tr("People", "no {programme} on record").format(
                programme=names.get(missing["benefit"], missing["benefit"])
            )
        )
        parts.append(
            escape(
                tr("People", "{policy}: {record}; data of {day}").format(
                    policy=hit["policy_name"],
                    record=record,
                    day=local_date(hit["data_date"]) if hit["data_date"] else "—",
                )
            )
        )
        if card["check"]:
            kinds = "、".join(CONFLICT_KINDS(k) for k in card["check"])
            parts.append(f"<b>{escape(tr('People', 'Check the sources first'))}</b>: {escape(kinds)}")
        for state in ("qualifies", "near", "receives"):
            rows = [p for p in card["policies"] if p["state"] == state]
            if not rows:
                continue
            parts.append(f"<b>{escape(ENTITLEMENT_STATES(state))} ({len(rows)})</b>")
            for p in rows:
                why = " · ".join(policy_criterion_text(r, names) for r in p["reasons"])
                if state == "near":
                    short = " · ".join(policy_criterion_text(m, names) for m in p["missing"])
                    why = tr("People", "short of: {missing}").format(missing=short) + (f"; {why}" if why else "")
                parts.append(f"{escape(p['name'])} <i>{escape(why)}</i>")
        self.card.setText("<br>".join(parts))

    async def plan(self) -> None:
        hit = self.hit
        if hit is None or not self.plan_button.isEnabled():
            return
        payload = {"person": hit["person"], "policy": hit["policy"], "committee": hit["committee"]}
        result = await self.commands.send(OUTREACH_PLAN, payload)
        if result is not None:
            hit["task"] = result["task"]
            self.model.apply({hit["key"]: dict(hit)})
            self.commands.done(tr("People", "Visit planned for the committee"))
            self._enable()

    async def grant(self) -> None:
        hit = self.hit
        if hit is None or not self.grant_button.isEnabled():
            return
        payload = {"person": hit["person"], "policy": hit["policy"], "committee": hit["committee"]}
        if await self.commands.send(GRANT, payload) is not None:
            self.commands.done(
                tr("People", "{policy} granted to {name}, no visit").format(policy=hit["policy_name"], name=hit["name"])
            )

    def _granted(self) -> None:
        gone = {g["key"]: None for g in self.ctx.records(GRANTS) if self.model.row_of(g["key"]) is not None}
        if gone:
            self.model.apply(gone)
            self.found.setText(missing(self.model.rowCount()))

    async def record(self) -> None:
        hit = self.hit
        if hit is None or not self.record_button.isEnabled():
            return
        outcome = self.outcome.currentData()
        payload = {"task": hit["task"], "outcome": outcome, "reason": self.reason.text().strip() or None}
        result = await self.commands.send(OUTREACH_OUTCOME, payload)
        if result is not None:
            hit["outcome"] = outcome
            self.model.apply({hit["key"]: dict(hit)})
            self.reason.clear()
            self.commands.done(tr("People", "Outcome recorded"))
            self._enable()
