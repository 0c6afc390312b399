"""Metrics plugin, desk half: the dashboards (on a desk, editable; on the wall, in turn), each in its own module,
imported when first opened (they bring pyqtgraph)."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.metrics import CATALOGUE, CATEGORIES, PROVENANCE, UNIT_VALUES, VALUES
from citybrain.shell.api import CodeNames, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.metrics"


COMMANDS = CodeNames("Metrics", {"metrics.ticket_case": "Open a case for a hotline ticket"})


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Metrics", {"priority": "Priority", "ticket": "Hotline ticket", "title": "Title", "type": "Type", "unit": "Unit"}
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Metrics", "City metrics")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "metrics.dashboard",
            tr("Metrics", "Dashboards"),
            f"{HERE}.dashboard_view:DashboardView",
            collections=(CATALOGUE, VALUES, UNIT_VALUES, CATEGORIES, PROVENANCE),
            multiple=True,
        ),
        ViewSpec(
            "metrics.wall",
            tr("Metrics", "Dashboards in turn"),
            f"{HERE}.wall_view:DashboardWall",
            placement="wall",
            collections=(CATALOGUE, VALUES, UNIT_VALUES, CATEGORIES, PROVENANCE),
        ),
    ]
