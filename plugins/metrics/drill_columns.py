"""The drill-down's record columns: which fields of the records behind a group it shows, under what title, and how
a value reads.  The drill queries are other plugins' (tickets, cases, alarms, pushes, visits…); their records
also carry what only a program reads (coordinates, histories, sort keys): the dialog shows the fields it has a
title for, in the record's order, and the Excel export keeps every field.  A record with no field known here
(a third party's drill) is shown with its field names as they are: better than an empty table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citybrain.core.times import local_date, local_time
from citybrain.shell.api import tr, tr_noop

TITLES: dict[str, str] = {
    "id": tr_noop("Metrics", "No."),
    "title": tr_noop("Metrics", "Title"),
    "name": tr_noop("Metrics", "Name"),
    "id_masked": tr_noop("Metrics", "ID number"),
    "kind": tr_noop("Metrics", "Kind"),
    "type": tr_noop("Metrics", "Type"),
    "category": tr_noop("Metrics", "Category"),
    "policy": tr_noop("Metrics", "Policy"),
    "scenario": tr_noop("Metrics", "Scenario"),
    "device": tr_noop("Metrics", "Device"),
    "state": tr_noop("Metrics", "State"),
    "priority": tr_noop("Metrics", "Priority"),
    "urgency": tr_noop("Metrics", "Urgency"),
    "channel": tr_noop("Metrics", "Channel"),
    "district": tr_noop("Metrics", "District"),
    "subdistrict": tr_noop("Metrics", "Subdistrict"),
    "committee": tr_noop("Metrics", "Committee"),
    "unit": tr_noop("Metrics", "Unit"),
    "owner": tr_noop("Metrics", "Handled by"),
    "department": tr_noop("Metrics", "Department"),
    "handling_unit": tr_noop("Metrics", "Handling unit"),
    "escalated_to": tr_noop("Metrics", "Escalated to"),
    "team": tr_noop("Metrics", "Team"),
    "team_type": tr_noop("Metrics", "Team type"),
    "address": tr_noop("Metrics", "Address"),
    "month": tr_noop("Metrics", "Month"),
    "received_at": tr_noop("Metrics", "Received"),
    "raised_at": tr_noop("Metrics", "Raised"),
    "opened_at": tr_noop("Metrics", "Opened"),
    "first_at": tr_noop("Metrics", "First alarm"),
    "last_at": tr_noop("Metrics", "Last alarm"),
    "first_contact_at": tr_noop("Metrics", "First contact"),
    "dispatched_at": tr_noop("Metrics", "Dispatched"),
    "due_at": tr_noop("Metrics", "Due"),
    "started_at": tr_noop("Metrics", "Started"),
    "ended_at": tr_noop("Metrics", "Ended"),
    "found_at": tr_noop("Metrics", "Found"),
    "handled_at": tr_noop("Metrics", "Handled"),
    "resolved_at": tr_noop("Metrics", "Resolved on"),
    "visited_on": tr_noop("Metrics", "Visited on"),
    "visitors": tr_noop("Metrics", "Visitors"),
    "pushed_at": tr_noop("Metrics", "Pushed"),
    "sent_at": tr_noop("Metrics", "Sent"),
    "responded_at": tr_noop("Metrics", "Responded"),
    "response": tr_noop("Metrics", "Response"),
    "interview_at": tr_noop("Metrics", "Interview"),
    "hired_at": tr_noop("Metrics", "Hired"),
    "seeker": tr_noop("Metrics", "Seeker"),
    "vacancy": tr_noop("Metrics", "Vacancy"),
    "score": tr_noop("Metrics", "Score"),
    "points": tr_noop("Metrics", "Points"),
    "count": tr_noop("Metrics", "Events"),
    "found": tr_noop("Metrics", "Problems found"),
    "handled": tr_noop("Metrics", "Problems handled"),
    "value": tr_noop("Metrics", "Value"),
    "rank": tr_noop("Metrics", "Rank"),
    "resolved": tr_noop("Metrics", "Resolved"),
    "satisfaction": tr_noop("Metrics", "Satisfaction"),
    "satisfied": tr_noop("Metrics", "Satisfied"),
    "rating": tr_noop("Metrics", "Rating"),
    "overdue": tr_noop("Metrics", "Overdue"),
    "reopen_count": tr_noop("Metrics", "Reopened"),
    "reopened": tr_noop("Metrics", "Reopened"),
    "escalations": tr_noop("Metrics", "Escalations"),
    "findings": tr_noop("Metrics", "Findings"),
    "description": tr_noop("Metrics", "Description"),
    "reason": tr_noop("Metrics", "Reason"),
    "case_id": tr_noop("Metrics", "Case"),
    "opened_by": tr_noop("Metrics", "Opened by"),
    "source": tr_noop("Metrics", "Source"),
}
NAMED_AS = {  # fields holding a code the dashboard names (an org unit, a category, a team type) -> its dimension
    "subdistrict": "subdistrict",
    "committee": "unit",
    "unit": "unit",
    "owner": "unit",
    "department": "unit",
    "category": "category",
    "team_type": "team_type",
    "type": "type",
}
WORDS = {  # the hotline's codes (tables.py) in the desk's language; another plugin's codes show as they are
    "channel": {
        "phone": tr_noop("Metrics", "phone"),
        "app": tr_noop("Metrics", "app"),
        "wechat": tr_noop("Metrics", "WeChat"),
        "web": tr_noop("Metrics", "web"),
        "open311": tr_noop("Metrics", "Open311"),
        "other": tr_noop("Metrics", "other"),
    },
    "satisfaction": {
        "satisfied": tr_noop("Metrics", "satisfied"),
        "basic": tr_noop("Metrics", "basically satisfied"),
        "unsatisfied": tr_noop("Metrics", "not satisfied"),
    },
    "source": {"demo": tr_noop("Metrics", "Demo data")},
}
Label = Callable[[str, Any], str]  # (dimension, group) -> what people read (the dashboard's Labels)


def shown(records: list[dict]) -> list[str]:
    """The fields the dialog shows, in the first record's order: those with a title (one that only a program reads
    — a sort key, a list — is left to the export), else every one."""
    fields = list(records[0]) if records else []
    known = [f for f in fields if f in TITLES and _scalar(records, f)]
    return known or fields


def _scalar(records: list[dict], field: str) -> bool:
    values = [r.get(field) for r in records if r.get(field) is not None]
    if field == "rank":  # a place in a ranking; an alarm's rank is its sort key (a long string)
        return all(isinstance(v, int) for v in values)
    return not any(isinstance(v, (list, dict)) for v in values)


def title(field: str) -> str:
    return tr("Metrics", TITLES[field]) if field in TITLES else field


def cell(field: str, value: Any, label: Label) -> str:
    """A value as people read it: a time in local time, a yes or no, a code by its name."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return tr("Metrics", "yes") if value else tr("Metrics", "no")
    if isinstance(value, str) and value in WORDS.get(field, {}):
        return tr("Metrics", WORDS[field][value])
    if field in NAMED_AS:
        return label(NAMED_AS[field], value)
    if isinstance(value, str) and field.endswith("_at"):
        return local_time(value)
    if isinstance(value, str) and field.endswith("_on"):
        return local_date(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
