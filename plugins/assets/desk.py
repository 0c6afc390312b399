"""Assets plugin, desk half: the views it contributes (each in its own module) and its readiness alerts."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.assets.alerts import ReadinessAlerts
from citybrain.plugins.assets.readiness_view import ReadinessBoard
from citybrain.plugins.assets.registry_view import (EQUIPMENT, EXPERTS, SHELTERS, STOCK, TEAMS, WAREHOUSES,
                                                    RegistryView)
from citybrain.plugins.assets.requests_view import REQUESTS, RequestsView
from citybrain.shell.api import DeskContext, ViewSpec, hookimpl
from citybrain.shell.i18n import tr


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    ReadinessAlerts(ctx)  # the feed holds its callbacks, and so keeps it


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("assets.registry", tr("Assets", "Resource registry"), RegistryView,
                     collections=(STOCK, WAREHOUSES, TEAMS, EQUIPMENT, EXPERTS, SHELTERS), multiple=True),
            ViewSpec("assets.requests", tr("Assets", "Resource requests"), RequestsView, collections=(REQUESTS,)),
            ViewSpec("assets.readiness", tr("Assets", "Readiness"), ReadinessBoard, placement="wall",
                     collections=(STOCK, TEAMS, EQUIPMENT, SHELTERS, REQUESTS))]
