"""Sensors plugin, desk half: the views it contributes (each in its own module)."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.sensors.alarms_view import ALARMS, FLOOD, AlarmsView
from citybrain.plugins.sensors.maintenance_view import DEVICES, MaintenanceView
from citybrain.plugins.sensors.map_view import SensorMapView
from citybrain.plugins.sensors.wall_view import DeviceWall, WallScreen
from citybrain.shell.api import ViewSpec, hookimpl
from citybrain.shell.i18n import tr


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("sensors.alarms", tr("Sensors", "Alarms"), AlarmsView, collections=(ALARMS, FLOOD),
                     multiple=True),
            ViewSpec("sensors.maintenance", tr("Sensors", "Device maintenance"), MaintenanceView,
                     collections=(DEVICES,)),
            ViewSpec("sensors.wall", tr("Sensors", "Device wall"), DeviceWall, collections=(DEVICES, ALARMS)),
            ViewSpec("sensors.map", tr("Sensors", "Devices on the map"), SensorMapView,
                     collections=(DEVICES, ALARMS)),
            ViewSpec("sensors.wall_screen", tr("Sensors", "Device wall (big screen)"), WallScreen, placement="wall",
                     collections=(DEVICES, ALARMS))]
