"""The enterprise services on the video wall: the year's figures, the highest warnings with their main reason,
open demands by category and the overdue ones."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QWidget

from citybrain.plugins.enterprise import DEMANDS, WARNINGS
from citybrain.plugins.enterprise.demands_view import OVERDUE, kpi_cards, load_kpis
from citybrain.plugins.enterprise.warnings_view import top_reason
from citybrain.plugins.enterprise.wording import category_name, warning_severity
from citybrain.shell.api import DeskContext, tr
from citybrain.widgets import KpiCard, ViewTasks
from citybrain.widgets.palette import Marker

RETRY_MS, REFRESH_MS = 5_000, 60_000
SHOWN = 20  # warnings on the wall: the highest ones (type: the wall's sheet, sized for its screen)


class EnterpriseWall(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx, self.tasks = ctx, ViewTasks(self)
        self.cards = kpi_cards()
        self.open_warnings, self.open_demands = (
            KpiCard(tr("Enterprise", "Open warnings")),
            KpiCard(tr("Enterprise", "Open demands")),
        )
        self.warnings, self.categories = QListWidget(), QListWidget()
        self.message = QLabel()
        for board in (self.warnings, self.categories):
            board.setWordWrap(True)  # a wall is read, never scrolled
            board.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        grid = QGridLayout(self)
        for n, card in enumerate([self.open_warnings, self.open_demands, *self.cards.values()]):
            grid.addWidget(card, 0, n)
        grid.addWidget(QLabel(tr("Enterprise", "Highest warnings")), 1, 0, 1, 5)
        grid.addWidget(QLabel(tr("Enterprise", "Open demands by category")), 1, 5, 1, 2)
        grid.addWidget(self.warnings, 2, 0, 1, 5)
        grid.addWidget(self.categories, 2, 5, 1, 2)
        grid.addWidget(self.message, 3, 0, 1, 7)
        grid.setRowStretch(2, 1)
        ctx.on_change(WARNINGS, self.show_warnings)
        ctx.on_change(DEMANDS, self.show_demands)
        self.show_warnings()
        self.show_demands()
        self.reload = QTimer(self)
        self.reload.timeout.connect(lambda: self.tasks.start(self.load()))
        self.reload.start(RETRY_MS)
        self.tasks.start(self.load())

    async def load(self) -> None:
        """The year's figures: every minute once they came, every few seconds until then (a wall PC starts before
        its feed is live); a refusal shows only until the next answer."""
        self.message.clear()
        await load_kpis(self.ctx, self.cards, self.message.setText)
        self.reload.setInterval(RETRY_MS if self.message.text() else REFRESH_MS)

    def show_warnings(self) -> None:
        warnings = sorted(self.ctx.records(WARNINGS), key=lambda w: -w["score"])
        high = sum(warning_severity(w["score"], w["state"]) == "high" for w in warnings)
        self.open_warnings.set_value(
            f"{len(warnings):,}",
            marker=Marker("medium", "steady", tr("Enterprise", "{n} with a high score").format(n=high))
            if high
            else None,
        )
        self.warnings.clear()
        self.warnings.addItems(
            [f"{w['score']:>4.0f}  {w['name']} — {top_reason(w['reasons'])}" for w in warnings[:SHOWN]]
        )

    def show_demands(self) -> None:
        demands = self.ctx.records(DEMANDS)
        overdue = sum(d["overdue"] for d in demands)
        self.open_demands.set_value(
            f"{len(demands):,}",
            marker=Marker(*OVERDUE, tr("Enterprise", "{n} overdue").format(n=overdue)) if overdue else None,
        )
        self.categories.clear()
        counts = Counter(d["category"] for d in demands)
        late = Counter(d["category"] for d in demands if d["overdue"])
        self.categories.addItems(
            [
                f"{category_name(c)}: {n}" + (tr("Enterprise", " ({n} overdue)").format(n=late[c]) if late[c] else "")
                for c, n in counts.most_common()
            ]
        )
