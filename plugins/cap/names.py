"""What the desk calls the CAP codes (OASIS CAP 1.2: severity, urgency, certainty, status, message type), and the plans the rules suggest: names in the operator's language, never the code."""

from __future__ import annotations

from citybrain.shell.api import DeskContext
from citybrain.shell.i18n import tr

PLANS = "plans.plans"


def severity_name(code: str) -> str:
    return {"Extreme": tr("Cap", "Extreme"), "Severe": tr("Cap", "Severe"), "Moderate": tr("Cap", "Moderate"),
            "Minor": tr("Cap", "Minor"), "Unknown": tr("Cap", "Unknown")}.get(code, code)


def urgency_name(code: str) -> str:
    return {"Immediate": tr("Cap", "Immediate"), "Expected": tr("Cap", "Expected"), "Future": tr("Cap", "Future"),
            "Past": tr("Cap", "Past"), "Unknown": tr("Cap", "Unknown")}.get(code, code)


def certainty_name(code: str) -> str:
    return {"Observed": tr("Cap", "Observed"), "Likely": tr("Cap", "Likely"), "Possible": tr("Cap", "Possible"),
            "Unlikely": tr("Cap", "Unlikely"), "Unknown": tr("Cap", "Unknown")}.get(code, code)


def status_name(code: str) -> str:
    return {"Actual": tr("Cap", "Actual"), "Exercise": tr("Cap", "Exercise"), "System": tr("Cap", "System message"),
            "Test": tr("Cap", "Test"), "Draft": tr("Cap", "Draft")}.get(code, code)


def msg_type_name(code: str) -> str:
    return {"Alert": tr("Cap", "Alert"), "Update": tr("Cap", "Update"), "Cancel": tr("Cap", "Cancel"),
            "Ack": tr("Cap", "Acknowledgement"), "Error": tr("Cap", "Error")}.get(code, code)


def plan_name(ctx: DeskContext, code: str) -> str:
    """A suggested plan by its name (from the plans plugin's library), its code only when the library lacks it."""
    return next((p["name"] for p in ctx.records(PLANS) if p["code"] == code), code)
