"""Plans plugin, desk half: the views it contributes, each in its own module, imported when first opened, and its
task alerts."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.plans.alerts import TaskAlerts
from citybrain.shell.api import CodeNames, DeskContext, OpenItemWords, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.plans"
RESPONSES, TASKS = "plans.responses", "plans.tasks"


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    TaskAlerts(ctx)  # the feed holds its callbacks, and so keeps it


COMMANDS = CodeNames(
    "Plans",
    {
        "plans.activate": "Activate a plan",
        "plans.raise": "Raise a response's level",
        "plans.task.done": "Mark a response task done",
        "plans.standdown": "Stand a response down",
    },
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Plans",
    {
        "drill": "Drill",
        "level": "Level",
        "note": "Note",
        "plan": "Plan",
        "response": "Response",
        "source_ref": "Source reference",
        "task": "Task",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Plans", "Emergency plans")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "plans.library",
            tr("Plans", "Plan library"),
            f"{HERE}.library_view:LibraryView",
            collections=("plans.plans",),
        ),
        ViewSpec(
            "plans.responses",
            tr("Plans", "Responses"),
            f"{HERE}.responses_view:ResponsesView",
            collections=(RESPONSES, TASKS),
        ),
        ViewSpec(
            "plans.wall",
            tr("Plans", "Active responses"),
            f"{HERE}.responses_view:ResponsesWall",
            placement="wall",
            collections=(RESPONSES, TASKS),
        ),
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.plans.handover_words import open_item_words  # when a handover is first worded

    return open_item_words()
