"""The maintenance list: devices that are offline, faulty or low on battery — device health, kept off the alarm
list."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.plugins.sensors.health import needs_maintenance
from citybrain.plugins.sensors.names import device_status_name, type_name
from citybrain.shell.api import Column, DeskContext, tr
from citybrain.widgets import DataTable, TableSettings
from citybrain.widgets.palette import Marker

DEVICES = "sensors.devices"


def maintenance_marker(device: dict) -> Marker | None:
    """What is wrong, by name: offline or faulty (look soon), a low battery (look when you can)."""
    if device["status"] in ("offline", "fault"):
        return Marker("medium", "steady", device_status_name(device["status"]))
    return Marker("low", "steady", tr("Sensors", "low battery")) if needs_maintenance(device) else None


class MaintenanceView(TableSettings, QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        model = ctx.model(
            DEVICES,
            [
                Column("id", tr("Sensors", "Device")),
                Column("type", tr("Sensors", "Type"), format=type_name),
                Column("compound_name", tr("Sensors", "Compound")),
                Column("building", tr("Sensors", "Building")),
                Column("floor", tr("Sensors", "Floor")),
                Column("status", tr("Sensors", "Status"), format=device_status_name),
                Column("battery", tr("Sensors", "Battery %")),
                Column("last_seen", tr("Sensors", "Last seen"), format=local_time),
            ],
            severity=maintenance_marker,
        )
        self.table = DataTable(model, sort_column=7, filter_placeholder=tr("Sensors", "Search devices…"))
        self.table.set_predicate(needs_maintenance)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
