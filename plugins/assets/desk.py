"""Assets plugin, desk half: the views it contributes, each in its own module, imported when first opened, and
its readiness alerts."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.assets.alerts import ReadinessAlerts
from citybrain.shell.api import CodeNames, DeskContext, OpenItemWords, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.assets"
STOCK, TEAMS, SHELTERS, REQUESTS = "assets.stock", "assets.teams", "assets.shelters", "assets.requests"
EQUIPMENT = "assets.equipment"


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    ReadinessAlerts(ctx)  # the feed holds its callbacks, and so keeps it


COMMANDS = CodeNames(
    "Assets",
    {
        "assets.request": "Request stock",
        "assets.commit": "Commit requested stock",
        "assets.dispatch": "Dispatch committed stock",
        "assets.settle": "Settle a stock request",
        "assets.cancel": "Cancel a stock request",
        "assets.team.status": "Set a team's status",
        "assets.equipment.status": "Set a vehicle's or equipment's status",
        "assets.shelter.occupancy": "Report a shelter's occupancy",
        "assets.export": "Export a registry table",
    },
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Assets",
    {
        "consumed": "Quantity consumed",
        "destination": "Destination",
        "equipment": "Equipment",
        "note": "Note",
        "occupancy": "Occupancy",
        "purpose": "Purpose",
        "quantity": "Quantity",
        "reason": "Reason",
        "request": "Request",
        "returned": "Quantity returned",
        "shelter": "Shelter",
        "source_ref": "Source reference",
        "status": "Status",
        "supply": "Stock line",
        "team": "Team",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Assets", "Emergency resources")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "assets.registry",
            tr("Assets", "Resource registry"),
            f"{HERE}.registry_view:RegistryView",
            collections=(STOCK, "assets.warehouses", TEAMS, EQUIPMENT, "assets.experts", SHELTERS),
            multiple=True,
        ),
        ViewSpec(
            "assets.requests",
            tr("Assets", "Resource requests"),
            f"{HERE}.requests_view:RequestsView",
            collections=(REQUESTS,),
        ),
        ViewSpec(
            "assets.readiness",
            tr("Assets", "Readiness"),
            f"{HERE}.readiness_view:ReadinessBoard",
            placement="wall",
            collections=(STOCK, TEAMS, EQUIPMENT, SHELTERS, REQUESTS),
        ),
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.assets.handover_words import open_item_words  # when a handover is first worded

    return open_item_words()
