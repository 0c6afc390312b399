"""Duty plugin, desk half: who is on duty now, with phone numbers, and who comes next — for desk and wall."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QScrollArea, QVBoxLayout, QWidget)

from citybrain.shell.api import Column, DeskContext, RequestError, ViewSpec, hookimpl
from citybrain.shell.i18n import tr
from citybrain.widgets.data_table import DataTable
from citybrain.widgets.kpi_card import KpiCard

NOW, LOG, INCIDENTS = "duty.now", "duty.log", "duty.incidents"


def _clock(value: str | None) -> str:
    return datetime.fromisoformat(value).astimezone().strftime("%m-%d %H:%M") if value else "—"


def check_in_name(state: str | None) -> str:
    return {"late": tr("Duty", "checked in late"), "missing": tr("Duty", "NOT CHECKED IN"),
            "due": tr("Duty", "check-in due"), "on time": ""}.get(state or "", "")


def _people(people: list[dict]) -> str:
    lines = [f"{p['name']}  {p['phone']}  {check_in_name(p.get('check_in'))}".rstrip() for p in people]
    return "\n".join(lines)


class OnDutyBoard(QWidget):
    """One card per post (unit, position, shift): who is on now with phones, until when, who is next."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cards: dict[str, KpiCard] = {}
        inner = QWidget()
        self.grid = QGridLayout(inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.setMinimumHeight(self.fontMetrics().height() * 16)  # a row of cards always shows whole
        ctx.on_change(NOW, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        posts = sorted(self.ctx.records(NOW), key=lambda r: r["post"])
        units = sorted({p["unit"] for p in posts})
        for post in posts:
            card = self.cards.get(post["post"])
            if card is None:
                title = f"{post['unit_name']} · {post['position_name']} · {post['shift_name']}"
                card = self.cards[post["post"]] = KpiCard(title)
                column = units.index(post["unit"])
                row = sum(1 for k in self.cards if k.split("/")[0] == post["unit"]) - 1
                self.grid.addWidget(card, row, column)
            idle = tr("Duty", "nobody") if post.get("in_shift", True) else tr("Duty", "off shift")
            names = ", ".join(p["name"] for p in post["on_duty"]) or idle
            detail = tr("Duty", "{phones}\nuntil {until} · next {next} at {at}").format(
                phones=_people(post["on_duty"]), until=_clock(post["until"]),
                next=", ".join(p["name"] for p in post["next"]) or "—", at=_clock(post["next_starts_at"]))
            missing = any(p.get("check_in") in ("missing", "late") for p in post["on_duty"])
            card.set_value(names, detail, abnormal=post.get("in_shift", True) and (not post["on_duty"] or missing))


CATEGORY_NAMES = {"call": "Call received", "instruction": "Instruction from a superior", "report": "Report sent",
                  "action": "Action taken", "other": "Other"}


def category_name(code: str) -> str:
    return {"call": tr("Duty", "Call received"), "instruction": tr("Duty", "Instruction from a superior"),
            "report": tr("Duty", "Report sent"), "action": tr("Duty", "Action taken"),
            "other": tr("Duty", "Other")}.get(code, code)


class DutyLogView(QWidget):
    """The log, newest first, and a line to add an entry; select an entry to write its correction."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = ctx.model(LOG, [Column("id", tr("Duty", "No.")),
                                     Column("event_at", tr("Duty", "Event time"), format=_clock),
                                     Column("category", tr("Duty", "Category"), format=category_name),
                                     Column("unit", tr("Duty", "Unit")), Column("author", tr("Duty", "Author")),
                                     Column("text", tr("Duty", "Entry")), Column("corrects", tr("Duty", "Corrects"))])
        self.table = DataTable(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder,
                               filter_placeholder=tr("Duty", "Search the log…"))
        self.category = QComboBox()
        for code in CATEGORY_NAMES:
            self.category.addItem(category_name(code), code)
        self.unit = QComboBox()
        for code, name in (("CYZX", "区城运中心"), ("YJJ", "区应急局"), ("ZZB", "总值班室")):
            self.unit.addItem(name, code)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Duty", "What happened (Enter adds it; it cannot be changed afterwards)"))
        self.text.returnPressed.connect(lambda: asyncio.ensure_future(self.add()))
        self.correct = QCheckBox(tr("Duty", "Corrects the selected entry"))
        self.message = QLabel()
        form = QHBoxLayout()
        for widget in (self.when, self.category, self.unit):
            form.addWidget(widget)
        form.addWidget(self.text, 1)
        form.addWidget(self.correct)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)

    async def add(self) -> None:
        rows = self.table.view.selectionModel().selectedRows()
        corrects = self.model.record_at(rows[0].row())["id"] if self.correct.isChecked() and rows else None
        payload = {"event_at": self.when.dateTime().toPython().astimezone().isoformat(), "text": self.text.text(),
                   "category": self.category.currentData(), "unit": self.unit.currentData(), "corrects": corrects}
        try:
            entry = await self.ctx.command("duty.log", payload)
        except RequestError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(tr("Duty", "Entry {n} logged").format(n=entry["id"]))
        self.text.clear()
        self.correct.setChecked(False)

    def save_settings(self) -> dict:
        return self.table.save_settings()

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)


CLOCK_KINDS = ("phone", "written", "follow_up", "final")


def clock_text(clock: dict | None) -> str:
    """A reporting clock as a duty officer reads it: done, or the time left (overdue when negative)."""
    if not clock:
        return "—"
    if clock["state"] == "done":
        return tr("Duty", "reported")
    left = int((datetime.fromisoformat(clock["due"]) - datetime.now().astimezone()).total_seconds() // 60)
    return tr("Duty", "{m} min left").format(m=left) if left >= 0 else tr("Duty", "OVERDUE {m} min").format(m=-left)


def incident_severity(record: dict) -> str | None:
    states = {c["state"] for c in record.get("clocks", {}).values()}
    return "urgent" if "overdue" in states else "medium" if "warning" in states else None


class IncidentsView(QWidget):
    """Open incidents with their reporting clocks counting down; the desk rings when a report falls due."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        names = {"phone": tr("Duty", "Phone report"), "written": tr("Duty", "Written report"),
                 "follow_up": tr("Duty", "Follow-up"), "final": tr("Duty", "Final report")}
        columns = [Column("id", tr("Duty", "No.")), Column("type", tr("Duty", "Incident")),
                   Column("level", tr("Duty", "Level")), Column("address", tr("Duty", "Where"))]
        columns += [Column("clocks", names[k], format=lambda c, k=k: clock_text(c.get(k))) for k in CLOCK_KINDS]
        self.model = ctx.model(INCIDENTS, columns, severity=incident_severity)
        self.table = DataTable(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self._states = self._clock_states()
        ctx.on_change(INCIDENTS, self._changed)
        ticking = QTimer(self)  # the minutes left go down without any change arriving
        ticking.timeout.connect(self.table.view.viewport().update)
        ticking.start(15_000)

    def _clock_states(self) -> dict[tuple[int, str], str]:
        return {(r["id"], k): c["state"] for r in self.ctx.records(INCIDENTS) for k, c in r["clocks"].items()}

    def _changed(self) -> None:
        now = self._clock_states()
        for (incident, kind), state in now.items():
            if state in ("warning", "overdue") and self._states.get((incident, kind)) != state:
                record = self.ctx.record(INCIDENTS, incident) or {}
                overdue = state == "overdue"
                self.ctx.notify(tr("Duty", "Report overdue") if overdue else tr("Duty", "Report due soon"),
                                f"#{incident} {record.get('type', '')}: {kind}", "alarm" if overdue else "warning",
                                "urgent" if overdue else None)
        self._states = now


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("duty.board", tr("Duty", "On duty now"), OnDutyBoard, placement="wall", collections=(NOW,)),
            ViewSpec("duty.log", tr("Duty", "Duty log"), DutyLogView, collections=(LOG,), multiple=True),
            ViewSpec("duty.incidents", tr("Duty", "Incidents and reporting clocks"), IncidentsView, placement="wall",
                     collections=(INCIDENTS,))]
