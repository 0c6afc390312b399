"""The case loop every module shares: open a case from any plugin's daemon half with
``CaseLoop.open(tx, ...)``; desks act on it through the ``cases`` plugin's commands."""

from citybrain.core.cases.loop import DEADLINE, OPEN, TRANSITIONS, CaseLoop, history
from citybrain.core.cases.model import PRIORITIES, SOURCES, STATES, Case, CaseEvent, CaseType, Catalogue, case_record

__all__ = [
    "DEADLINE",
    "OPEN",
    "PRIORITIES",
    "SOURCES",
    "STATES",
    "TRANSITIONS",
    "Case",
    "CaseEvent",
    "CaseLoop",
    "CaseType",
    "Catalogue",
    "case_record",
    "history",
]
