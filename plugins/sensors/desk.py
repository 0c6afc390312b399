"""Sensors plugin, desk half: the views it contributes, each in its own module, imported when first opened (the
wall brings numpy, the map and the device panel pyqtgraph: costs a desk that never shows them does not pay)."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.shell.api import CodeNames, OpenItemWords, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.sensors"
DEVICES, ALARMS, FLOOD = "sensors.devices", "sensors.alarms", "sensors.flood"


COMMANDS = CodeNames(
    "Sensors",
    {
        "sensors.ack": "Acknowledge an alarm",
        "sensors.ack_group": "Acknowledge a group of alarms",
        "sensors.claim": "Claim an alarm",
        "sensors.shelve": "Shelve an alarm",
        "sensors.maintenance": "Put a compound under maintenance",
        "sensors.device.service": "Take a device out of service, or back",
    },
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


NOTES = CodeNames(
    "Sensors",
    {
        "sensors.realarmed": "Alarm {alarm} on {device} still on {minutes:g} min after {by} acknowledged it: "
        "unacknowledged again"
    },
)


@hookimpl
def citybrain_audit_notes() -> CodeNames:
    return NOTES


FIELD_NAMES = CodeNames(
    "Sensors",
    {
        "alarm": "Alarm",
        "alarms": "Alarms",
        "comment": "Comment",
        "compound": "Compound",
        "device": "Device",
        "hours": "Hours",
        "in_service": "In service",
        "minutes": "Minutes",
        "reason": "Reason",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Sensors", "Sensors and alarms")


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.sensors.handover_words import open_item_words  # when a handover is first worded

    return open_item_words()


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "sensors.alarms",
            tr("Sensors", "Alarms"),
            f"{HERE}.alarms_view:AlarmsView",
            collections=(ALARMS, FLOOD),
            multiple=True,
        ),
        ViewSpec(
            "sensors.kpis",
            tr("Sensors", "Sensor key figures"),
            f"{HERE}.kpis_view:KpisView",
            collections=("sensors.kpis",),
        ),
        ViewSpec(
            "sensors.maintenance",
            tr("Sensors", "Device maintenance"),
            f"{HERE}.maintenance_view:MaintenanceView",
            collections=(DEVICES,),
        ),
        ViewSpec(
            "sensors.wall", tr("Sensors", "Device wall"), f"{HERE}.wall_view:DeviceWall", collections=(DEVICES, ALARMS)
        ),
        ViewSpec(
            "sensors.map",
            tr("Sensors", "Devices on the map"),
            f"{HERE}.map_view:SensorMapView",
            collections=(DEVICES, ALARMS),
        ),
        ViewSpec(
            "sensors.wall_screen",
            tr("Sensors", "Device wall (big screen)"),
            f"{HERE}.wall_view:WallScreen",
            placement="wall",
            collections=(DEVICES, ALARMS),
        ),
    ]
