"""CAP plugin, desk half: the warnings view (imported when first opened) and the warning alerts."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.cap.alerts import WarningAlerts
from citybrain.shell.api import CodeNames, DeskContext, OpenItemWords, ViewSpec, hookimpl, tr


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    WarningAlerts(ctx)  # the feed holds its callbacks, and so keeps it


COMMANDS = CodeNames(
    "Cap", {"cap.accept": "Accept a warning's plan suggestion", "cap.dismiss": "Dismiss a warning's plan suggestion"}
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames("Cap", {"level": "Level", "reason": "Reason", "suggestion": "Suggestion"})


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Cap", "Public warnings (CAP)")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "cap.warnings",
            tr("Cap", "CAP warnings"),
            "citybrain.plugins.cap.warnings_view:WarningsView",
            collections=("cap.warnings", "cap.suggestions"),
        )
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.cap.handover_words import open_item_words  # when a handover is first worded

    return open_item_words()
