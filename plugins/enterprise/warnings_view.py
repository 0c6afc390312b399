"""Early warnings, highest score first, each with its reasons; the one selected shows every reason and the series
behind them; it turns into a planned visit, or is dismissed saying why (and stays dismissed for those causes)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from citybrain.plugins.enterprise import WARNINGS
from citybrain.plugins.enterprise.card_view import VisitPlanner, unit_name
from citybrain.plugins.enterprise.wording import HIGH, reason_sentence, reasons_text, size_name, state_name
from citybrain.shell.api import Column, DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import DataTable, Sender, TableSettings, ViewTasks, confirm
from citybrain.widgets.palette import Marker


def warning_marker(score: float, state: str = "open") -> Marker | None:
    """Every row here is a warning; only those that most need someone are marked: open, with a high score (a
    visit planned or a warning dismissed is handled; a middling score is read in its turn, by the score column).
    The marker is steady, never bold ("waiting"): a warning is a month's finding read in score order, not an alarm
    waiting for an operator now; a list of a hundred bold rows would single nothing out."""
    return Marker("medium", "steady", tr("Enterprise", "high score")) if state == "open" and score >= HIGH else None


def top_reason(reasons: list[dict]) -> str:
    return reason_sentence(reasons[0]) if reasons else ""


class WarningsView(TableSettings, QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        from citybrain.plugins.enterprise.chart import IndicatorChart  # pyqtgraph when the view opens

        self.ctx, self.commands, self.tasks = ctx, Sender(ctx), ViewTasks(self)
        self.model = ctx.model(
            WARNINGS,
            [
                Column("score", tr("Enterprise", "Score"), format=lambda s: f"{s:.0f}"),  # a number: right, centred
                Column("name", tr("Enterprise", "Enterprise")),
                Column("industry", tr("Enterprise", "Industry")),
                Column("subdistrict", tr("Enterprise", "Subdistrict"), format=lambda c: unit_name(ctx, c)),
                Column("size", tr("Enterprise", "Size"), format=size_name),
                Column("state", tr("Enterprise", "State"), format=state_name),
                Column("reasons", tr("Enterprise", "Main reason"), format=top_reason),
            ],
            severity=lambda w: warning_marker(w["score"], w["state"]),
        )
        self.table = DataTable(
            self.model,
            sort_column=0,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("Enterprise", "Search warnings…"),
        )
        self.table.view.selectionModel().selectionChanged.connect(self.show_selected)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.chart = IndicatorChart()
        self.planner = VisitPlanner(self.commands)
        self.why = QLineEdit()
        self.why.setPlaceholderText(tr("Enterprise", "Why it is no distress (required to dismiss; Enter dismisses)"))
        self.why.returnPressed.connect(lambda: self.commands.run(self.dismiss))
        dismiss = QHBoxLayout()
        dismiss.addWidget(self.why, 1)
        dismiss.addWidget(self.commands.button(tr("Enterprise", "Dismiss"), self.dismiss))
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.reasons)
        column.addWidget(self.chart, 1)
        column.addWidget(self.planner)
        column.addLayout(dismiss)
        column.addWidget(self.commands.message)
        # the list across the whole width, so its main reason (its point) reads whole; the one selected below it
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([600, 400])  # the list first: most of the height (the chart asks for more than it needs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.show_selected()
        QVBoxLayout(self).addWidget(split)

    def selected(self) -> dict | None:
        return next(iter(self.table.selected()), None)

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: self.selected() is not None  # noqa: E731
        return [
            ViewAction(
                "visit",
                tr("Enterprise", "Plan a visit for the selected warning"),
                self.planner.plan,
                "Ctrl+Return",
                chosen,
            ),
            ViewAction(
                "dismiss", tr("Enterprise", "Dismiss the selected warning"), self.start_dismiss, "Ctrl+Delete", chosen
            ),
        ]

    def start_dismiss(self) -> None:
        """Dismissing needs a reason: the reason box, focused; Enter there dismisses (asked first)."""
        if self.why.text().strip():
            self.commands.run(self.dismiss)
        else:
            self.why.setFocus()

    def show_selected(self, *_: object) -> None:
        warning = self.selected()
        self.planner.target = (warning["enterprise_id"], warning["id"]) if warning else None
        self.chart.show_series(None)
        if warning is None:
            self.reasons.setText(tr("Enterprise", "Select a warning to read its reasons and the figures behind them."))
            return
        self.reasons.setText(
            f"<b>{escape(warning['name'])}</b> — "
            + tr("Enterprise", "score {score:.0f}, {month}").format(score=warning["score"], month=warning["month"])
            + "<br>"
            + reasons_text(warning).replace("\n", "<br>")
        )
        self.tasks.start(self.load(warning))

    async def load(self, warning: dict) -> None:
        try:
            series = await self.ctx.query("enterprise.series", {"enterprise": warning["enterprise_id"]})
        except RequestError as exc:
            self.commands.refused(exc)
            return
        if (self.selected() or {}).get("id") == warning["id"]:
            self.chart.show_series(series, {r["indicator"] for r in warning["reasons"]})

    async def dismiss(self) -> dict | None:
        warning = self.selected()
        if warning is None:
            self.commands.message.setText(tr("Enterprise", "Select a warning first"))
            return None
        if not self.why.text().strip():
            self.commands.message.setText(tr("Enterprise", "Write the reason it is no distress first"))
            self.why.setFocus()
            return None
        if not confirm(
            self,
            tr("Enterprise", "Dismiss the warning"),
            tr("Enterprise", "Dismiss the warning on {name}? These causes will not raise it again.").format(
                name=warning["name"]
            ),
            tr("Enterprise", "Dismiss"),
        ):
            return None
        done = await self.commands.send(
            "enterprise.warning.dismiss",
            {"warning": warning["id"], "reason": self.why.text()},
            tr("Enterprise", "{name}: dismissed, these causes will not raise it again").format(name=warning["name"]),
        )
        if done is not None:
            self.why.clear()
        self.table.view.setFocus()
        return done
