"""Cases plugin, desk half: registers its views (inbox_view.py, open_cases_view.py, board_view.py, casemap.py) and
names its commands and fields.  Everything the views do reads the replicated collections and acts through the
plugin's commands; nothing touches the database."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.cases.display import BOUNDARIES, OPEN, UNITS
from citybrain.shell.api import CodeNames, OpenItemWords, ViewSpec, hookimpl, tr

# each view's module, imported when the view is first opened (the map's brings pyqtgraph and numpy)
INBOX = "citybrain.plugins.cases.inbox_view:InboxView"
OPEN_CASES = "citybrain.plugins.cases.open_cases_view:CasesView"
BOARD = "citybrain.plugins.cases.board_view:BoardView"
CASE_MAP = "citybrain.plugins.cases.casemap:CaseMapView"


COMMANDS = CodeNames(
    "Cases",
    {"cases.open": "Open a case", "cases.act": "Move a case along the loop", "cases.bulk": "Act on several cases"},
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Cases",
    {
        "action": "Action",
        "address": "Address",
        "attachments": "Attachments",
        "case": "Case",
        "cases": "Cases",
        "description": "Description",
        "dispatch": "Dispatch",
        "lat": "Latitude",
        "lon": "Longitude",
        "note": "Note",
        "priority": "Priority",
        "reason": "Reason",
        "source": "Source",
        "source_ref": "Source reference",
        "title": "Title",
        "type": "Type",
        "unit": "Unit",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Cases", "Cases")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec("cases.inbox", tr("Cases", "Case inbox"), INBOX, collections=(OPEN, UNITS), multiple=True),
        ViewSpec("cases.open", tr("Cases", "Open cases"), OPEN_CASES, collections=(OPEN,), multiple=True),
        ViewSpec("cases.board", tr("Cases", "Escalation board"), BOARD, placement="wall", collections=(OPEN,)),
        ViewSpec("cases.map", tr("Cases", "Case map"), CASE_MAP, collections=(OPEN, UNITS, BOUNDARIES), multiple=True),
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.cases.handover_words import open_item_words  # when a handover is first worded

    return open_item_words()
