"""Sensors plugin, desk half: the views it contributes (each in its own module)."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.sensors.alarms_view import ALARMS, AlarmsView
from citybrain.plugins.sensors.maintenance_view import DEVICES, MaintenanceView
from citybrain.shell.api import ViewSpec, hookimpl
from citybrain.shell.i18n import tr


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("sensors.alarms", tr("Sensors", "Alarms"), AlarmsView, collections=(ALARMS,), multiple=True),
            ViewSpec("sensors.maintenance", tr("Sensors", "Device maintenance"), MaintenanceView,
                     collections=(DEVICES,))]
