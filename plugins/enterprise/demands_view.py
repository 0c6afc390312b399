"""The demand board: a column per step of the loop (overdue ones marked, with how far they escalated), the KPIs
above it, and the steps an officer takes on the demand selected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.times import local_date
from citybrain.plugins.enterprise import DEMANDS
from citybrain.plugins.enterprise.card_view import UNITS, unit_name
from citybrain.plugins.enterprise.config import THRESHOLDS
from citybrain.plugins.enterprise.wording import category_name, state_name
from citybrain.shell.api import DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import KpiCard, Sender, ViewTasks, refusal_text, threshold_marker
from citybrain.widgets.palette import marker_icon

COLUMNS = ("received", "assigned", "in_progress", "answered", "reopened")


def kpi_cards() -> dict[str, KpiCard]:
    return {
        "demands": KpiCard(tr("Enterprise", "Demands this year")),
        "resolution_rate": KpiCard(tr("Enterprise", "Resolved")),
        "satisfaction": KpiCard(tr("Enterprise", "Satisfied")),
        "days_to_resolve": KpiCard(tr("Enterprise", "Days to resolve")),
        "visits": KpiCard(tr("Enterprise", "Visits this year")),
    }


def show_kpis(cards: dict[str, KpiCard], figures: dict) -> None:
    cards["demands"].set_value(f"{figures['demands']:,}")
    cards["visits"].set_value(
        f"{figures['visits']:,}", tr("Enterprise", "{n} enterprises").format(n=f"{figures['enterprises_covered']:,}")
    )
    for key in ("resolution_rate", "satisfaction"):  # grey within the lines the dashboards use, a marker past them
        value = figures[key]
        cards[key].set_value("—" if value is None else f"{value:.1%}", marker=threshold_marker(value, THRESHOLDS[key]))
    days = figures["days_to_resolve"]
    cards["days_to_resolve"].set_value(
        "—" if days is None else f"{days:.1f}",
        marker=threshold_marker(days, THRESHOLDS["days_to_resolve"], higher_is_better=False),
    )


async def load_kpis(ctx: DeskContext, cards: dict[str, KpiCard], refused: Callable[[str], None]) -> None:
    """The district's figures since January (the KPIs are a query, not a live collection); ``refused`` says why
    they could not be had, in the operator's language."""
    from datetime import date

    try:
        rows = await ctx.query("enterprise.kpis", {"start": f"{date.today().year}-01"})
    except RequestError as exc:
        refused(refusal_text(exc))
        return
    if rows:
        show_kpis(cards, rows[0])


def step_name(action: str, satisfied: bool | None = None) -> str:
    if action == "feedback":
        return tr("Enterprise", "Satisfied") if satisfied else tr("Enterprise", "Not satisfied: reopen")
    return {
        "assign": tr("Enterprise", "Assign"),
        "start": tr("Enterprise", "Start"),
        "answer": tr("Enterprise", "Answer"),
    }.get(action, action)


OVERDUE = ("medium", "steady")  # an overdue demand's marker: the level of the visit plans' overdue ones


class MarkedList(QListWidget):
    """A column of the board: items wrap (no sideways scrolling), a marker as tall as the text."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(3)  # one demand apart from the next (each is three lines)
        self._fit_icons()

    def _fit_icons(self) -> None:
        height = self.fontMetrics().height()
        self.setIconSize(QSize(height, height))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_icons()


class DemandBoard(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx, self.commands, self.tasks = ctx, Sender(ctx), ViewTasks(self)
        self.cards = kpi_cards()
        strip = QHBoxLayout()
        for card in self.cards.values():
            strip.addWidget(card)
        self.columns: dict[str, QListWidget] = {}
        self.titles: dict[str, QLabel] = {}
        board = QGridLayout()
        for n, state in enumerate(COLUMNS):
            self.titles[state], self.columns[state] = QLabel(), MarkedList()
            self.columns[state].itemClicked.connect(self.choose)
            self.columns[state].currentItemChanged.connect(self._current_changed)
            board.addWidget(self.titles[state], 0, n)
            board.addWidget(self.columns[state], 1, n)
        self.chosen: int | None = None
        self.department = QComboBox()
        self.department.addItem(tr("Enterprise", "the category's department"), None)
        for unit in sorted(ctx.records(UNITS), key=lambda u: u["code"]):
            if unit["kind"] == "department":
                self.department.addItem(unit["name"], unit["code"])
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Enterprise", "The answer, or why the enterprise is not satisfied"))
        self.rating = QSpinBox()
        self.rating.setRange(1, 5)
        self.rating.setValue(5)
        self.rating.setPrefix("★ ")
        steps = QHBoxLayout()
        steps.addWidget(self.department)
        steps.addWidget(self.commands.button(tr("Enterprise", "Assign"), lambda: self.step("assign")))
        steps.addWidget(self.commands.button(tr("Enterprise", "Start"), lambda: self.step("start")))
        steps.addWidget(self.text, 1)
        steps.addWidget(self.commands.button(tr("Enterprise", "Answer"), lambda: self.step("answer")))
        steps.addWidget(self.rating)
        steps.addWidget(self.commands.button(tr("Enterprise", "Satisfied"), lambda: self.step("feedback", True)))
        steps.addWidget(
            self.commands.button(tr("Enterprise", "Not satisfied: reopen"), lambda: self.step("feedback", False))
        )
        layout = QVBoxLayout(self)
        layout.addLayout(strip)
        layout.addLayout(board, 1)
        layout.addLayout(steps)
        layout.addWidget(self.commands.message)
        ctx.on_change(DEMANDS, self.fill)
        self.fill()
        every_minute = QTimer(self)
        every_minute.timeout.connect(
            lambda: self.tasks.start(load_kpis(ctx, self.cards, self.commands.message.refused))
        )
        every_minute.start(60_000)
        self.tasks.start(load_kpis(ctx, self.cards, self.commands.message.refused))

    def fill(self) -> None:
        by_state: dict[str, list[dict]] = {state: [] for state in COLUMNS}
        for demand in self.ctx.records(DEMANDS):
            by_state.setdefault(demand["state"], []).append(demand)
        for state, items in by_state.items():
            if state not in self.columns:
                continue
            overdue = sum(d["overdue"] for d in items)
            self.titles[state].setText(
                f"{state_name(state)} ({len(items)})"
                + (tr("Enterprise", " · {n} overdue").format(n=overdue) if overdue else "")
            )
            column = self.columns[state]
            column.clear()
            for demand in sorted(items, key=lambda d: (not d["overdue"], d["due_at"])):
                column.addItem(self._item(demand))

    def _item(self, demand: dict) -> QListWidgetItem:
        text = (
            f"{demand['name']}\n{category_name(demand['category'])} · {demand['title']}\n"
            f"{unit_name(self.ctx, demand['department']) or tr('Enterprise', 'no department yet')} · "
            f"{tr('Enterprise', 'due')} "
            f"{local_date(demand['due_at'])}"
        )
        if demand["overdue"]:
            # a line of its own: after the deadline, a narrow column broke it mid-word ("升" / "级 ×2")
            text += "\n" + tr("Enterprise", "OVERDUE, escalated ×{n}").format(n=demand["escalations"])
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, demand["id"])
        if demand["overdue"]:  # a marker, as the visit plans' overdue rows: not the whole text in an alarm colour
            item.setIcon(marker_icon(*OVERDUE))
        if demand["id"] == self.chosen:
            item.setSelected(True)
        return item

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: self.chosen is not None  # noqa: E731
        return [
            ViewAction(
                "assign",
                tr("Enterprise", "Assign the selected demand"),
                lambda: self.step("assign"),
                "Ctrl+Shift+A",
                chosen,
            ),
            ViewAction(
                "start",
                tr("Enterprise", "Start work on the selected demand"),
                lambda: self.step("start"),
                "Ctrl+G",
                chosen,
            ),
            ViewAction(
                "answer", tr("Enterprise", "Answer the selected demand"), self.text.setFocus, "Ctrl+Return", chosen
            ),
        ]

    def _current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.choose(item)

    def choose(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        for column in self.columns.values():
            if column is not item.listWidget():
                column.clearSelection()

    async def step(self, action: str, satisfied: bool | None = None) -> dict | None:
        if self.chosen is None:
            self.commands.message.setText(tr("Enterprise", "Select a demand first"))
            return None
        payload: dict = {"demand": self.chosen, "action": action}
        if action == "assign" and self.department.currentData():
            payload["department"] = self.department.currentData()
        if action == "answer":
            payload["answer"] = self.text.text()
        if action == "feedback":
            payload |= {"satisfied": satisfied, "rating": self.rating.value(), "reason": self.text.text()}
        demand = next((d for d in self.ctx.records(DEMANDS) if d["id"] == self.chosen), {"name": f"#{self.chosen}"})
        done = await self.commands.send(
            "enterprise.demand.act",
            payload,
            tr("Enterprise", "{name}: {step} done").format(name=demand["name"], step=step_name(action, satisfied)),
        )
        if done is not None:
            self.text.clear()
        return done
