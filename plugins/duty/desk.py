"""Duty plugin, desk half: the views it contributes, each in its own module, imported when first opened."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from citybrain.plugins.duty.alerts import DutyAlerts
from citybrain.shell.api import CodeNames, DeskContext, OpenItemWords, ViewSpec, hookimpl, tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

HERE = "citybrain.plugins.duty"
NOW, LOG, INCIDENTS, HANDOVERS = "duty.now", "duty.log", "duty.incidents", "duty.handovers"


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    DutyAlerts(ctx)  # the feed holds its callbacks, and so keeps it


@hookimpl
def citybrain_banner(ctx: DeskContext) -> QWidget:
    """A heightened-duty period on now or within the week: over every window's views, desk and wall."""
    from citybrain.plugins.duty.period_banner import PeriodBanner

    return PeriodBanner(ctx)


COMMANDS = CodeNames(
    "Duty",
    {
        "duty.log": "Add a duty log entry",
        "duty.swap.request": "Ask for a shift swap",
        "duty.swap.decide": "Decide a shift swap",
        "duty.checkin": "Check in for a shift",
        "duty.incident.open": "Register an incident",
        "duty.incident.report": "Send an incident report",
        "duty.incident.level": "Change an incident's level",
        "duty.incident.close": "Close an incident",
        "duty.handover.draft": "Compile the handover",
        "duty.handover.submit": "Sign the handover",
        "duty.handover.decide": "Accept or return a handover",
        "duty.reminder.create": "Schedule a reminder",
        "duty.reminder.ack": "Acknowledge a reminder",
        "duty.reminder.cancel": "Cancel a reminder",
        "duty.roster": "A month's roster",
        "duty.export": "Export a month's roster",
        "duty.on_duty": "Who is on duty (names and phones)",
        "duty.log.export": "Export the duty log",
    },
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Duty",
    {
        "accept": "Accept",
        "address": "Address",
        "approve": "Approve",
        "assignment": "Shift",
        "casualties": "Casualties",
        "category": "Category",
        "corrects": "Corrected entry",
        "description": "Description",
        "event_at": "Time of the event",
        "every_minutes": "Every (minutes)",
        "first_at": "First at",
        "handover": "Handover",
        "incident": "Incident",
        "kind": "Kind",
        "known_at": "Known at",
        "lat": "Latitude",
        "level": "Level",
        "lon": "Longitude",
        "note": "Note",
        "notes": "Notes",
        "person": "Person",
        "question": "Question",
        "reason": "Reason",
        "reminder": "Reminder",
        "source": "Source",
        "subdistrict": "Subdistrict",
        "swap": "Swap request",
        "text": "Entry",
        "title": "Title",
        "to": "Handed over to",
        "type": "Type",
        "unit": "Unit",
        "until": "Until",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Duty", "Duty")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "duty.board", tr("Duty", "On duty now"), f"{HERE}.board:OnDutyBoard", placement="wall", collections=(NOW,)
        ),
        ViewSpec("duty.log", tr("Duty", "Duty log"), f"{HERE}.log_view:DutyLogView", collections=(LOG,), multiple=True),
        ViewSpec(
            "duty.incidents",
            tr("Duty", "Incidents and reporting clocks"),
            f"{HERE}.incidents_view:IncidentsView",
            placement="wall",
            collections=(INCIDENTS,),
        ),
        ViewSpec(
            "duty.handover",
            tr("Duty", "Shift handover"),
            f"{HERE}.handover_view:HandoverView",
            collections=(HANDOVERS, NOW),
        ),
        ViewSpec(
            "duty.reminders",
            tr("Duty", "Reminders"),
            f"{HERE}.reminders_view:RemindersView",
            collections=("duty.reminders",),
        ),
        ViewSpec(
            "duty.swaps", tr("Duty", "Swap requests"), f"{HERE}.swaps_view:SwapsView", collections=("duty.swaps",)
        ),
        ViewSpec(
            "duty.contacts",
            tr("Duty", "Duty contacts"),
            f"{HERE}.contacts_view:ContactsView",
            collections=("org.units",),
        ),
        ViewSpec(
            "duty.wall",
            tr("Duty", "Duty wall"),
            f"{HERE}.wall:DutyWall",
            placement="wall",
            collections=(NOW, INCIDENTS, LOG),
        ),
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.duty.handover_items import open_item_words  # when a handover is first worded

    return open_item_words()
