"""What the desk calls the CAP codes (OASIS CAP 1.2: severity, urgency, certainty, status, message type), and the plans
the rules suggest: names in the operator's language, never the code."""

from __future__ import annotations

from citybrain.shell.api import CodeNames, DeskContext

PLANS = "plans.plans"

severity_name = CodeNames(
    "Cap", {"Extreme": "Extreme", "Severe": "Severe", "Moderate": "Moderate", "Minor": "Minor", "Unknown": "Unknown"}
)
urgency_name = CodeNames(
    "Cap", {"Immediate": "Immediate", "Expected": "Expected", "Future": "Future", "Past": "Past", "Unknown": "Unknown"}
)
certainty_name = CodeNames(
    "Cap",
    {"Observed": "Observed", "Likely": "Likely", "Possible": "Possible", "Unlikely": "Unlikely", "Unknown": "Unknown"},
)
status_name = CodeNames(
    "Cap", {"Actual": "Actual", "Exercise": "Exercise", "System": "System message", "Test": "Test", "Draft": "Draft"}
)
msg_type_name = CodeNames(
    "Cap", {"Alert": "Alert", "Update": "Update", "Cancel": "Cancel", "Ack": "Acknowledgement", "Error": "Error"}
)


def plan_name(ctx: DeskContext, code: str) -> str:
    """A suggested plan by its name (from the plans plugin's library), its code only when the library lacks it."""
    return next((p["name"] for p in ctx.records(PLANS) if p["code"] == code), code)
