"""An enterprise on one page: who it is, its indicators' chart, its open warning with the reasons, its visits and
demands; from here a visit is planned and a demand received."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.times import QT_DATE, local_date
from citybrain.plugins.enterprise import CONTACTS, ENTERPRISES, WARNINGS, config
from citybrain.plugins.enterprise.wording import category_name, reasons_text, size_name, state_name
from citybrain.shell.api import DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import Sender, ViewTasks

UNITS = "org.units"


def unit_name(ctx: DeskContext, code: str) -> str:
    return (ctx.record(UNITS, code) or {}).get("name", code) if code else ""


class VisitPlanner(QWidget):
    """When and who: a visit plan for the enterprise shown (from its warning, when it has one)."""

    def __init__(self, sender: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = sender
        self.when = QDateEdit(QDate.currentDate().addDays(3))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(QT_DATE)
        self.visitors = QLineEdit()
        self.visitors.setPlaceholderText(tr("Enterprise", "Visitors (Enter plans the visit)"))
        self.visitors.returnPressed.connect(lambda: sender.run(self.plan))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.when)
        row.addWidget(self.visitors, 1)
        self.target: tuple[int, int | None] | None = None  # enterprise, warning
        row.addWidget(sender.button(tr("Enterprise", "Plan a visit"), self.plan))

    async def plan(self) -> dict | None:
        if self.target is None:
            self.commands.message.setText(tr("Enterprise", "Select an enterprise first"))
            return None
        enterprise, warning = self.target
        payload = {
            "enterprise": enterprise,
            "planned_for": self.when.date().toString("yyyy-MM-dd"),
            "visitors": self.visitors.text(),
            "purpose": tr("Enterprise", "Early warning"),
        }
        return await self.commands.send(
            "enterprise.plan",
            payload | ({"warning": warning} if warning else {}),
            tr("Enterprise", "Visit planned for {day}").format(day=payload["planned_for"]),
        )


class EnterpriseCard(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from citybrain.plugins.enterprise.chart import IndicatorChart  # pyqtgraph when a card is first built

        self.ctx, self.commands, self.tasks = ctx, Sender(ctx), ViewTasks(self)
        self.enterprise: int | None = None
        self.header, self.warning = QLabel(), QLabel()
        for label in (self.header, self.warning):
            label.setWordWrap(True)
        self.chart = IndicatorChart()
        self.visits, self.demands = QListWidget(), QListWidget()
        self.planner = VisitPlanner(self.commands)
        self.category = QComboBox()
        for code in config.categories():
            self.category.addItem(category_name(code), code)
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("Enterprise", "What the enterprise asks for (Enter receives it)"))
        self.title.returnPressed.connect(lambda: self.commands.run(self.raise_demand))
        receive = QHBoxLayout()
        receive.addWidget(self.category)
        receive.addWidget(self.title, 1)
        receive.addWidget(self.commands.button(tr("Enterprise", "Receive demand"), self.raise_demand))
        grid = QGridLayout(self)
        grid.addWidget(self.header, 0, 0, 1, 2)
        grid.addWidget(self.chart, 1, 0, 3, 1)
        grid.addWidget(self.warning, 1, 1)
        self.body: list[QWidget] = [self.chart, self.warning]  # what shows only with an enterprise chosen
        for row, (title, widget) in enumerate(
            ((tr("Enterprise", "Visits"), self.visits), (tr("Enterprise", "Demands"), self.demands)), start=2
        ):
            box = QVBoxLayout()
            label = QLabel(title)
            box.addWidget(label)
            box.addWidget(widget)
            grid.addLayout(box, row, 1)
            self.body += [label, widget]
        grid.addWidget(self.planner, 4, 0, 1, 2)  # each entry row the card's width: side by side, the demand's
        grid.addLayout(receive, 5, 0, 1, 2)  # text box was squeezed to "Wh…" beside the category in English
        grid.addWidget(self.commands.message, 6, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        ctx.on_change(WARNINGS, self.show_warning)
        ctx.on_change(ENTERPRISES, self.show_header)
        ctx.on_change(CONTACTS, self.show_header)  # operators and above read the contacts (docs/protocol.md)
        self.show_enterprise(None)  # none chosen yet: the card says how to choose one, not a blank pane

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: self.enterprise is not None  # noqa: E731
        return [
            ViewAction(
                "visit",
                tr("Enterprise", "Plan a visit to the selected enterprise"),
                self.planner.visitors.setFocus,
                "Ctrl+Shift+V",
                chosen,
            ),
            ViewAction(
                "demand",
                tr("Enterprise", "Receive a demand from the selected enterprise"),
                self.title.setFocus,
                "Ctrl+N",
                chosen,
            ),
        ]

    def show_enterprise(self, enterprise: int | None) -> None:
        self.enterprise = enterprise
        for part in self.body:  # none chosen: the line that says how, not empty boxes
            part.setVisible(enterprise is not None)
        self.show_header()
        self.show_warning()
        self.visits.clear()
        self.demands.clear()
        self.chart.show_series(None)
        if enterprise is not None:
            self.tasks.start(self.load(enterprise))

    def show_header(self) -> None:
        e = self.ctx.record(ENTERPRISES, self.enterprise) if self.enterprise is not None else None
        if e is None:
            self.header.setText(
                tr(
                    "Enterprise",
                    "Select an enterprise in the list: its card shows who it is, its "
                    "indicators, its open warning, its visits and demands, and plans a "
                    "visit or receives a demand.",
                )
            )
            return
        people = (self.ctx.record(CONTACTS, self.enterprise) or {}).get("contacts", [])
        contacts = "; ".join(f"{p['name']} {p['phone']}" for p in people)
        key = f" · <b>{escape(tr('Enterprise', 'key enterprise'))}</b>" if e["key_enterprise"] else ""
        self.header.setText(
            f"<h3>{escape(e['name'])}</h3><p>{escape(e['credit_code'])} · {escape(e['industry_name'])} · "
            f"{escape(unit_name(self.ctx, e['subdistrict']))} · {escape(size_name(e['size']))}{key}</p>"
            f"<p>{escape(tr('Enterprise', 'Officer'))}: {escape(e['officer'] or '—')} · "
            f"{escape(tr('Enterprise', 'Contacts'))}: {escape(contacts or '—')} · {escape(e['address'])}</p>"
        )

    def open_warning(self) -> dict | None:
        return next((w for w in self.ctx.records(WARNINGS) if w["enterprise_id"] == self.enterprise), None)

    def show_warning(self) -> None:
        warning = self.open_warning()
        self.planner.target = (self.enterprise, warning["id"] if warning else None) if self.enterprise else None
        if warning is None:
            self.warning.setText(tr("Enterprise", "No open warning") if self.enterprise is not None else "")
            return
        self.warning.setText(
            tr("Enterprise", "Warning {score:.0f} ({state}, {month}):").format(
                score=warning["score"], state=state_name(warning["state"]), month=warning["month"]
            )
            + "\n"
            + reasons_text(warning)
        )

    async def load(self, enterprise: int) -> None:
        try:
            series = await self.ctx.query("enterprise.series", {"enterprise": enterprise})
            card = await self.ctx.query("enterprise.card", {"enterprise": enterprise})
        except RequestError as exc:
            self.commands.refused(exc)
            return
        if enterprise != self.enterprise:
            return  # another was chosen meanwhile
        warning = self.open_warning()
        self.chart.show_series(series, {r["indicator"] for r in warning["reasons"]} if warning else set())
        self.visits.addItems(
            [f"{v['visited_on']} · {v['visitors']} · {v['findings']}" for v in card["visits"]]
            or [tr("Enterprise", "No visit yet")]
        )
        self.demands.addItems(
            [
                f"{state_name(d['state'])} · {category_name(d['category'])} · {d['title']} · "
                f"{unit_name(self.ctx, d['department'])} · {local_date(d['due_at'])}"
                for d in card["demands"]
            ]
            or [tr("Enterprise", "No demand yet")]
        )

    async def raise_demand(self) -> dict | None:
        if self.enterprise is None:
            self.commands.message.setText(tr("Enterprise", "Select an enterprise first"))
            return None
        done = await self.commands.send(
            "enterprise.demand.raise",
            {"enterprise": self.enterprise, "category": self.category.currentData(), "title": self.title.text()},
            tr("Enterprise", "Demand received: {title}").format(title=self.title.text()),
        )
        if done is not None:
            self.title.clear()
            self.tasks.start(self.load(self.enterprise))
        return done
