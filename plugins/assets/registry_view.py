"""The registry: stock, warehouses, teams and shelters in tabs, each searchable; request from a stock line, set a
team's status, report a shelter's occupancy, export a table to Excel in the shape it imports back."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.times import local_time
from citybrain.shell.api import Column, DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import DataTable, Sender
from citybrain.widgets.palette import Marker

STOCK, WAREHOUSES, TEAMS, SHELTERS = "assets.stock", "assets.warehouses", "assets.teams", "assets.shelters"
EQUIPMENT, EXPERTS = "assets.equipment", "assets.experts"
TEAM_STATES = ("available", "assigned", "out_of_service")


def alert_names(alerts: list[str]) -> str:
    names = {
        "below_minimum": tr("Assets", "below minimum"),
        "expiring": tr("Assets", "expiring"),
        "expired": tr("Assets", "EXPIRED"),
    }
    return ", ".join(names.get(a, a) for a in alerts)


def team_state_name(state: str) -> str:
    return {
        "available": tr("Assets", "available"),
        "assigned": tr("Assets", "assigned"),
        "out_of_service": tr("Assets", "out of service"),
    }.get(state, state)


def shelter_state_name(state: str) -> str:
    return {"open": tr("Assets", "open"), "closed": tr("Assets", "closed")}.get(state, state)


def stock_severity(record: dict) -> Marker | None:
    """Level: how soon someone must act (restock what is short or expired soon; expiring: when you can); the label
    says what is wrong, so "expiring" never borrows a colour that means something else."""
    alerts = record["alerts"]
    if "expired" in alerts or "below_minimum" in alerts:
        return Marker("high", "steady", alert_names([a for a in alerts if a != "expiring"]))
    return Marker("low", "steady", alert_names(alerts)) if alerts else None


def out_of_service(record: dict) -> Marker | None:
    return Marker("medium", "steady", tr("Assets", "out of service")) if record["status"] == "out_of_service" else None


def shelter_severity(record: dict) -> Marker | None:
    return Marker("high", "steady", tr("Assets", "full")) if record["full"] and record["status"] == "open" else None


def _page(table: DataTable, actions: list[QWidget]) -> QWidget:
    """A tab: its table, and the row of what can be done with the selected line."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(table, 1)
    if actions:
        row = QHBoxLayout()
        for widget in actions:
            row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        layout.addLayout(row)
    return page


def _spin(maximum: int = 10_000_000) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    return box


class RegistryView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(ctx)
        self.tables = {
            "stock": DataTable(
                ctx.model(
                    STOCK,
                    [
                        Column("warehouse", tr("Assets", "Warehouse")),
                        Column("category_name", tr("Assets", "Category")),
                        Column("item", tr("Assets", "Item")),
                        Column("unit", tr("Assets", "Unit")),
                        Column("quantity", tr("Assets", "On the shelf")),
                        Column("reserved", tr("Assets", "Reserved")),
                        Column("available", tr("Assets", "Available")),
                        Column("minimum", tr("Assets", "Minimum")),
                        Column("expiry", tr("Assets", "Expires")),
                        Column("owner", tr("Assets", "Owner")),
                        Column("alerts", tr("Assets", "Readiness"), format=alert_names),
                    ],
                    severity=stock_severity,
                ),
                sort_column=0,
                filter_placeholder=tr("Assets", "Search stock…"),
            ),
            "warehouses": DataTable(
                ctx.model(
                    WAREHOUSES,
                    [
                        Column("name", tr("Assets", "Warehouse")),
                        Column("address", tr("Assets", "Address")),
                        Column("manager", tr("Assets", "Manager")),
                        Column("contact", tr("Assets", "Contact")),
                        Column("hours", tr("Assets", "Opening hours")),
                    ],
                ),
                sort_column=0,
                filter_placeholder=tr("Assets", "Search warehouses…"),
            ),
            "teams": DataTable(
                ctx.model(
                    TEAMS,
                    [
                        Column("name", tr("Assets", "Team")),
                        Column("type", tr("Assets", "Type")),
                        Column("headcount", tr("Assets", "Headcount")),
                        Column("leader", tr("Assets", "Leader")),
                        Column("contact", tr("Assets", "Contact")),
                        Column("base", tr("Assets", "Base")),
                        Column("status", tr("Assets", "Status"), format=team_state_name),
                        Column("status_since", tr("Assets", "Since"), format=local_time),
                        Column("assignment", tr("Assets", "Assignment")),
                    ],
                    severity=out_of_service,
                ),
                sort_column=0,
                filter_placeholder=tr("Assets", "Search teams…"),
            ),
            "equipment": DataTable(
                ctx.model(
                    EQUIPMENT,
                    [
                        Column("name", tr("Assets", "Vehicle or equipment")),
                        Column("type", tr("Assets", "Type")),
                        Column("identifier", tr("Assets", "Plate or serial")),
                        Column("base", tr("Assets", "Base")),
                        Column("contact", tr("Assets", "Contact")),
                        Column("status", tr("Assets", "Status"), format=team_state_name),
                        Column("status_since", tr("Assets", "Since"), format=local_time),
                        Column("assignment", tr("Assets", "Assignment")),
                    ],
                    severity=out_of_service,
                ),
                sort_column=0,
                filter_placeholder=tr("Assets", "Search vehicles and equipment…"),
            ),
            "experts": DataTable(
                ctx.model(
                    EXPERTS,
                    [
                        Column("name", tr("Assets", "Expert")),
                        Column("field", tr("Assets", "Field")),
                        Column("organisation", tr("Assets", "Organisation")),
                        Column("phone", tr("Assets", "Phone")),
                        Column("note", tr("Assets", "Note")),
                    ],
                ),
                sort_column=1,
                filter_placeholder=tr("Assets", "Search experts…"),
            ),
            "shelters": DataTable(
                ctx.model(
                    SHELTERS,
                    [
                        Column("name", tr("Assets", "Shelter")),
                        Column("address", tr("Assets", "Address")),
                        Column("capacity", tr("Assets", "Capacity")),
                        Column("occupancy", tr("Assets", "Occupancy")),
                        Column("status", tr("Assets", "Status"), format=shelter_state_name),
                    ],
                    severity=shelter_severity,
                ),
                sort_column=0,
                filter_placeholder=tr("Assets", "Search shelters…"),
            ),
        }
        self.quantity, self.purpose = _spin(), QLineEdit()
        self.purpose.setPlaceholderText(tr("Assets", "What for, and where to (Enter requests)"))
        self.purpose.returnPressed.connect(lambda: self.commands.run(self.request))
        self.team_state = QComboBox()
        for state in TEAM_STATES:
            self.team_state.addItem(team_state_name(state), state)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Assets", "Assignment, or why out of service"))
        self.occupancy = _spin()
        self.equipment_state, self.equipment_note = QComboBox(), QLineEdit()
        for state in TEAM_STATES:
            self.equipment_state.addItem(team_state_name(state), state)
        self.equipment_note.setPlaceholderText(tr("Assets", "Assignment, or why out of service"))
        self.not_ready = QCheckBox(tr("Assets", "Only what is not ready"))
        self.not_ready.toggled.connect(
            lambda on: self.tables["stock"].set_predicate((lambda line: bool(line["alerts"])) if on else None)
        )
        bars = {
            "stock": [
                self.not_ready,
                self.quantity,
                self.purpose,
                self.commands.button(tr("Assets", "Request"), self.request),
            ],
            "warehouses": [],
            "teams": [
                self.team_state,
                self.note,
                self.commands.button(tr("Assets", "Set team status"), self.set_status),
            ],
            "equipment": [
                self.equipment_state,
                self.equipment_note,
                self.commands.button(tr("Assets", "Set status"), self.set_equipment_status),
            ],
            "experts": [],
            "shelters": [self.occupancy, self.commands.button(tr("Assets", "Report occupancy"), self.report_occupancy)],
        }
        self.tabs = QTabWidget()
        for kind, title in (
            ("stock", tr("Assets", "Stock")),
            ("warehouses", tr("Assets", "Warehouses")),
            ("teams", tr("Assets", "Teams")),
            ("equipment", tr("Assets", "Vehicles and equipment")),
            ("experts", tr("Assets", "Experts")),
            ("shelters", tr("Assets", "Shelters")),
        ):
            self.tabs.addTab(_page(self.tables[kind], bars[kind]), title)
        export = QHBoxLayout()
        export.addWidget(self.commands.message, 1)
        export.addWidget(self.commands.button(tr("Assets", "Export to Excel…"), self.choose_export))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(export)

    def kind(self) -> str:
        return list(self.tables)[self.tabs.currentIndex()]

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("request", tr("Assets", "Request from the selected stock line"), self.start_request, "Ctrl+N"),
            ViewAction(
                "apply",
                tr("Assets", "Do this tab's action on the selected row"),
                self.apply,
                "Ctrl+Return",
                lambda: self.kind() in self.applies and bool(self.tables[self.kind()].selected()),
            ),
        ]

    @property
    def applies(self) -> dict:
        return {
            "stock": self.request,
            "teams": self.set_status,
            "equipment": self.set_equipment_status,
            "shelters": self.report_occupancy,
        }

    def start_request(self) -> None:
        """The stock tab, its quantity box focused: type the quantity, Tab, the purpose, Enter."""
        self.tabs.setCurrentIndex(list(self.tables).index("stock"))
        if self._selected("stock") is not None:
            self.quantity.setFocus()
            self.quantity.selectAll()

    async def apply(self) -> None:
        if (act := self.applies.get(self.kind())) is not None:
            await act()

    def _back(self, kind: str) -> None:
        self.tables[kind].view.setFocus()

    def _selected(self, kind: str) -> dict | None:
        chosen = next(iter(self.tables[kind].selected()), None)
        if chosen is None:
            self.commands.message.setText(
                tr("Assets", "Select a row in {tab} first").format(tab=self.tabs.tabText(list(self.tables).index(kind)))
            )
        return chosen

    async def request(self) -> dict | None:
        if (line := self._selected("stock")) is None:
            return None
        result = await self.commands.send(
            "assets.request",
            {"supply": line["id"], "quantity": self.quantity.value(), "purpose": self.purpose.text()},
            tr("Assets", "Requested {n} {unit} {item}: commit it in Requests").format(
                n=self.quantity.value(), unit=line["unit"], item=line["item"]
            ),
        )
        if result is not None:
            self.purpose.clear()
            self._back("stock")
        return result

    async def set_status(self) -> None:
        if (team := self._selected("teams")) is not None:
            await self.commands.send(
                "assets.team.status",
                {"team": team["id"], "status": self.team_state.currentData(), "note": self.note.text()},
                tr("Assets", "{name}: status set").format(name=team["name"]),
            )
            self._back("teams")

    async def set_equipment_status(self) -> None:
        if (card := self._selected("equipment")) is not None:
            await self.commands.send(
                "assets.equipment.status",
                {
                    "equipment": card["id"],
                    "status": self.equipment_state.currentData(),
                    "note": self.equipment_note.text(),
                },
                tr("Assets", "{name}: status set").format(name=card["name"]),
            )
            self._back("equipment")

    async def report_occupancy(self) -> None:
        if (shelter := self._selected("shelters")) is not None:
            await self.commands.send(
                "assets.shelter.occupancy",
                {"shelter": shelter["id"], "occupancy": self.occupancy.value()},
                tr("Assets", "{name}: occupancy reported").format(name=shelter["name"]),
            )
            self._back("shelters")

    def choose_export(self) -> None:
        kind = self.kind()
        path, _ = QFileDialog.getSaveFileName(self, tr("Assets", "Export to Excel"), f"{kind}.xlsx", "Excel (*.xlsx)")
        if path:
            asyncio.ensure_future(self.export(kind, Path(path)))

    async def export(self, kind: str, path: Path) -> Path | None:
        try:
            path.write_bytes(await self.ctx.query("assets.export", {"kind": kind}))
        except (RequestError, OSError) as exc:
            if isinstance(exc, RequestError):
                self.commands.refused(exc)
            else:
                self.commands.message.refused(str(exc))
            return None
        self.commands.message.setText(tr("Assets", "Saved {path}").format(path=path))
        return path

    def save_settings(self) -> dict:
        return {"tab": self.tabs.currentIndex()} | {kind: t.save_settings() for kind, t in self.tables.items()}

    def restore_settings(self, settings: dict) -> None:
        self.tabs.setCurrentIndex(int(settings.get("tab", 0)))
        for kind, table in self.tables.items():
            table.restore_settings(settings.get(kind, {}))
