"""Duty plugin, desk half: the views it contributes.  Each lives in its own module."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.duty.alerts import DutyAlerts
from citybrain.plugins.duty.board import NOW, OnDutyBoard
from citybrain.plugins.duty.handover_view import HANDOVERS, HandoverView
from citybrain.plugins.duty.incidents_view import INCIDENTS, IncidentsView
from citybrain.plugins.duty.log_view import LOG, DutyLogView
from citybrain.plugins.duty.reminders_view import REMINDERS, RemindersView
from citybrain.plugins.duty.swaps_view import SWAPS, SwapsView
from citybrain.plugins.duty.wall import DutyWall
from citybrain.shell.api import DeskContext, ViewSpec, hookimpl
from citybrain.shell.i18n import tr


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    DutyAlerts(ctx)  # the feed holds its callbacks, and so keeps it


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("duty.board", tr("Duty", "On duty now"), OnDutyBoard, placement="wall", collections=(NOW,)),
            ViewSpec("duty.log", tr("Duty", "Duty log"), DutyLogView, collections=(LOG,), multiple=True),
            ViewSpec("duty.incidents", tr("Duty", "Incidents and reporting clocks"), IncidentsView, placement="wall",
                     collections=(INCIDENTS,)),
            ViewSpec("duty.handover", tr("Duty", "Shift handover"), HandoverView, collections=(HANDOVERS, NOW)),
            ViewSpec("duty.reminders", tr("Duty", "Reminders"), RemindersView, collections=(REMINDERS,)),
            ViewSpec("duty.swaps", tr("Duty", "Swap requests"), SwapsView, collections=(SWAPS,)),
            ViewSpec("duty.wall", tr("Duty", "Duty wall"), DutyWall, placement="wall", collections=(NOW, INCIDENTS, LOG))]
