"""The readiness board, for desk and wall: stock against its minimum, what expires, teams by status, shelter places,
requests in flight — and the list of what is not ready, worst first.

ISA-101: every figure is grey; what is not ready gets the registry's marker (the same level, shape and word as
its row in the registry's tables), on its card and on its line in the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from citybrain.plugins.assets.registry_view import alert_names, out_of_service, shelter_severity, stock_severity
from citybrain.shell.api import DeskContext, tr
from citybrain.widgets import KpiCard
from citybrain.widgets.palette import LEVELS, Marker, marker_icon

STOCK, TEAMS, SHELTERS, REQUESTS = "assets.stock", "assets.teams", "assets.shelters", "assets.requests"
EQUIPMENT = "assets.equipment"


def worst(markers: list[Marker | None]) -> Marker | None:
    """The most pressing of ``markers`` (None when all are normal)."""
    found = [m for m in markers if m is not None]
    return min(found, key=lambda m: LEVELS.index(m.level)) if found else None


class GapList(QListWidget):
    """The lines that are not ready, each with its marker as tall as the text (desk or wall type)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            height = self.fontMetrics().height()
            self.setIconSize(QSize(height, height))


class ReadinessBoard(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cards = {
            key: KpiCard(title)
            for key, title in (
                ("low", tr("Assets", "Stock lines below minimum")),
                ("expiry", tr("Assets", "Expiring or expired")),
                ("teams", tr("Assets", "Teams available")),
                ("shelters", tr("Assets", "Shelter places free")),
                ("requests", tr("Assets", "Requests in flight")),
            )
        }
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.gaps = GapList()
        height = self.gaps.fontMetrics().height()
        self.gaps.setIconSize(QSize(height, height))
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
        by_state = {
            state: sum(t["status"] == state for t in teams) for state in ("available", "assigned", "out_of_service")
        }
        free = sum(max(s["capacity"] - s["occupancy"], 0) for s in shelters)
        full = [s for s in shelters if s["full"]]
        requests = self.ctx.records(REQUESTS)
        expired = [s for s in dated if "expired" in s["alerts"]]
        self.cards["low"].set_value(
            str(len(low)),
            tr("Assets", "of {n} lines").format(n=len(stock)),
            marker=Marker("high", "steady", alert_names(["below_minimum"])) if low else None,
        )
        self.cards["expiry"].set_value(
            str(len(dated)),
            tr("Assets", "within 30 days"),
            marker=worst(
                [
                    Marker("high", "steady", alert_names(["expired"])) if expired else None,
                    Marker("low", "steady", alert_names(["expiring"])) if dated else None,
                ]
            ),
        )
        self.cards["teams"].set_value(
            f"{by_state['available']} / {len(teams)}",
            tr("Assets", "{a} assigned · {o} out of service").format(
                a=by_state["assigned"], o=by_state["out_of_service"]
            ),
            marker=worst([out_of_service(t) for t in teams]),
        )
        self.cards["shelters"].set_value(
            f"{free:,}",
            tr("Assets", "{n} open, {f} full").format(n=len(shelters), f=len(full)),
            marker=worst([shelter_severity(s) for s in shelters]),
        )
        self.cards["requests"].set_value(
            str(len(requests)),
            tr("Assets", "{n} still owed something").format(n=sum(r["outstanding"] > 0 for r in requests)),
        )
        lines = [
            (
                stock_severity(s),
                f"{s['item']} @ {s['warehouse']}: {alert_names(s['alerts'])} · "
                f"{s['available']} / {s['minimum']} {s['unit']}" + (f" · {s['expiry']}" if s["expiry"] else ""),
            )
            for s in sorted(low + [d for d in dated if d not in low], key=lambda s: s["available"] - s["minimum"])
        ]
        lines += [
            (out_of_service(t), f"{t['name']}: {tr('Assets', 'out of service')} · {t['assignment']}")
            for t in teams + self.ctx.records(EQUIPMENT)
            if t["status"] == "out_of_service"
        ]
        lines += [
            (shelter_severity(s), f"{s['name']}: {tr('Assets', 'full')} {s['occupancy']} / {s['capacity']}")
            for s in full
        ]
        self.gaps.clear()
        for marker, text in lines:
            icon = marker_icon(marker.level, marker.style) if marker is not None else QIcon()
            self.gaps.addItem(QListWidgetItem(icon, text))
        if not lines:  # a line saying so, not an empty list
            self.gaps.addItem(
                tr(
                    "Assets",
                    "Everything is ready: no stock below minimum or expiring, no team out of service, no shelter full.",
                )
            )
