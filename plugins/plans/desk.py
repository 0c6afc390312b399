"""Plans plugin, desk half: the views it contributes (each in its own module) and its task alerts."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.plans.alerts import TaskAlerts
from citybrain.plugins.plans.library_view import PLANS, LibraryView
from citybrain.plugins.plans.responses_view import RESPONSES, TASKS, ResponsesView
from citybrain.shell.api import DeskContext, ViewSpec, hookimpl
from citybrain.shell.i18n import tr


class ResponsesWall(ResponsesView):
    """The responses for the wall: cards and tasks, no buttons."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, actions=False)


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    TaskAlerts(ctx)  # the feed holds its callbacks, and so keeps it


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("plans.library", tr("Plans", "Plan library"), LibraryView, collections=(PLANS,)),
            ViewSpec("plans.responses", tr("Plans", "Responses"), ResponsesView, collections=(RESPONSES, TASKS)),
            ViewSpec("plans.wall", tr("Plans", "Active responses"), ResponsesWall, placement="wall",
                     collections=(RESPONSES, TASKS))]
