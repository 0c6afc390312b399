"""What the desk calls the platform's shared codes, in the operator's language: roles, the four categories of
emergencies, response levels, org units.  A view never shows such a code raw (``duty_leader``, ``natural``,
``310109010004``); a plugin's own codes (its states, kinds) get their names in the plugin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from citybrain.shell.i18n import tr

if TYPE_CHECKING:
    from citybrain.shell.api import DeskContext

UNITS = "org.units"
LEVELS = ("I", "II", "III", "IV")  # response levels, I the highest (特别重大) to IV (一般)


def role_name(code: str | None) -> str:
    """An operator's role: ``duty_leader`` → 带班领导 / Duty leader."""
    return {"admin": tr("Names", "Administrator"), "duty_leader": tr("Names", "Duty leader"),
            "operator": tr("Names", "Duty officer"), "viewer": tr("Names", "Viewer")}.get(code or "", code or "")


def event_category_name(code: str | None) -> str:
    """One of the four categories of emergencies (突发事件) that incidents, plans and warnings share."""
    return {"natural": tr("Names", "Natural disaster"), "accident": tr("Names", "Accident and disaster"),
            "health": tr("Names", "Public health"), "security": tr("Names", "Social security"),
            "": "—"}.get(code or "", code or "")


def level_name(level: str | None) -> str:
    """A response or incident level, ``III`` → Ⅲ级 / Level III; anything else as it is."""
    if level in LEVELS:
        return tr("Names", "Level {level}").format(level=level)
    return level or "—"


def unit_name(ctx: DeskContext, code: str | None) -> str:
    """An org unit (district, subdistrict, committee, department, company) by its name from ``org.units``; a code
    the tree does not know is shown as it is (an outside sender, say)."""
    if not code:
        return ""
    return (ctx.record(UNITS, code) or {}).get("name") or code


def operator_name(username: str | None) -> str:
    """Who did it: an operator's user name, or "system" (the daemon itself: a timer, an import) in words."""
    return tr("Names", "system") if username == "system" else username or ""
