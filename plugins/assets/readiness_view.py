"""The readiness board, for desk and wall: stock against its minimum, what expires, teams by status, shelter places,
requests in flight — and the list of what is not ready, worst first."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from citybrain.plugins.assets.registry_view import alert_names
from citybrain.shell.api import DeskContext
from citybrain.shell.i18n import tr
from citybrain.widgets.kpi_card import KpiCard

STOCK, TEAMS, SHELTERS, REQUESTS = "assets.stock", "assets.teams", "assets.shelters", "assets.requests"
EQUIPMENT = "assets.equipment"


class ReadinessBoard(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cards = {key: KpiCard(title) for key, title in (
            ("low", tr("Assets", "Stock lines below minimum")), ("expiry", tr("Assets", "Expiring or expired")),
            ("teams", tr("Assets", "Teams available")), ("shelters", tr("Assets", "Shelter places free")),
            ("requests", tr("Assets", "Requests in flight")))}
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.gaps = QListWidget()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel(tr("Assets", "Not ready")))
        layout.addWidget(self.gaps, 1)
        for collection in (STOCK, TEAMS, EQUIPMENT, SHELTERS, REQUESTS):
            ctx.on_change(collection, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        stock, teams = self.ctx.records(STOCK), self.ctx.records(TEAMS)
        shelters = [s for s in self.ctx.records(SHELTERS) if s["status"] == "open"]
        low = [s for s in stock if "below_minimum" in s["alerts"]]
        dated = [s for s in stock if {"expiring", "expired"} & set(s["alerts"])]
        by_state = {state: sum(t["status"] == state for t in teams) for state in ("available", "assigned", "out_of_service")}
        free = sum(max(s["capacity"] - s["occupancy"], 0) for s in shelters)
        full = [s for s in shelters if s["full"]]
        requests = self.ctx.records(REQUESTS)
        self.cards["low"].set_value(str(len(low)), tr("Assets", "of {n} lines").format(n=len(stock)), abnormal=bool(low))
        self.cards["expiry"].set_value(str(len(dated)), tr("Assets", "within 30 days"), abnormal=bool(dated))
        self.cards["teams"].set_value(f"{by_state['available']} / {len(teams)}", tr(
            "Assets", "{a} assigned · {o} out of service").format(a=by_state["assigned"], o=by_state["out_of_service"]),
            abnormal=by_state["out_of_service"] > 0)
        self.cards["shelters"].set_value(f"{free:,}", tr("Assets", "{n} open, {f} full").format(
            n=len(shelters), f=len(full)), abnormal=bool(full))
        self.cards["requests"].set_value(str(len(requests)), tr("Assets", "{n} still owed something").format(
            n=sum(r["outstanding"] > 0 for r in requests)))
        lines = [f"{s['item']} @ {s['warehouse']}: {alert_names(s['alerts'])} · {s['available']} / {s['minimum']} "
                 f"{s['unit']}" + (f" · {s['expiry']}" if s["expiry"] else "")
                 for s in sorted(low + [d for d in dated if d not in low], key=lambda s: s["available"] - s["minimum"])]
        lines += [f"{t['name']}: {tr('Assets', 'out of service')} · {t['assignment']}"
                  for t in teams + self.ctx.records(EQUIPMENT) if t["status"] == "out_of_service"]
        lines += [f"{s['name']}: {tr('Assets', 'full')} {s['occupancy']} / {s['capacity']}" for s in full]
        self.gaps.clear()
        self.gaps.addItems(lines)
