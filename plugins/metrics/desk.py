"""Metrics plugin, desk half: the dashboards (on a desk, editable; on the wall, in turn).  Views import pyqtgraph
when they open, not when the desk starts."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from citybrain.plugins.metrics import CATALOGUE, CATEGORIES, VALUES
from citybrain.shell.api import DeskContext, ViewSpec, hookimpl
from citybrain.shell.i18n import tr


def dashboard(ctx: DeskContext) -> QWidget:
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    return DashboardView(ctx)


def wall(ctx: DeskContext) -> QWidget:
    from citybrain.plugins.metrics.wall_view import DashboardWall

    return DashboardWall(ctx)


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("metrics.dashboard", tr("Metrics", "Dashboards"), dashboard,
                     collections=(CATALOGUE, VALUES, CATEGORIES), multiple=True),
            ViewSpec("metrics.wall", tr("Metrics", "Dashboards in turn"), wall, placement="wall",
                     collections=(CATALOGUE, VALUES, CATEGORIES))]
