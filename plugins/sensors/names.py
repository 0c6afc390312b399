"""What the desk calls the sensors' codes, in the operator's language: priorities, alarm states, scenarios and
conditions (their names come from the catalogue in both languages; codes are never shown)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from citybrain.plugins.sensors.catalogue import CATALOGUE
from citybrain.shell.i18n import tr

def chinese() -> bool:
    """The desk's language (QLocale's default, set with the translator)."""
    return QLocale().name().startswith("zh")


def state_name(state: str) -> str:
    return {"unack": tr("Sensors", "unacknowledged"), "ack": tr("Sensors", "acknowledged"),
            "rtn_unack": tr("Sensors", "back to normal, unacknowledged"), "latched": tr("Sensors", "latched"),
            "shelved": tr("Sensors", "shelved"), "suppressed": tr("Sensors", "suppressed (maintenance)"),
            "out_of_service": tr("Sensors", "out of service"), "cleared": tr("Sensors", "cleared")}.get(state, state)


def scenario_name(code: str) -> str:
    scenario = CATALOGUE.scenarios.get(code)
    if scenario is None:
        return code
    return scenario.name if chinese() or not scenario.name_en else scenario.name_en


def condition_name(code: str) -> str:
    name = CATALOGUE.conditions.get(code)
    return code if name is None else name.text(chinese())


def guidance(scenario: str, condition: str) -> str:
    found = CATALOGUE.guidance_for(scenario, condition)
    return "" if found is None else found.text(chinese())


def device_status_name(status: str) -> str:
    return {"online": tr("Sensors", "online"), "offline": tr("Sensors", "offline"), "fault": tr("Sensors", "faulty"),
            "out_of_service": tr("Sensors", "out of service")}.get(status, status)


def event_name(code: str) -> str:
    """An event strip's row: normal, a fault, or an alarm condition."""
    return {"normal": tr("Sensors", "normal"), "fault": tr("Sensors", "fault")}.get(code) or condition_name(code)


def type_name(code: str) -> str:
    """A device type by its catalogue name (Chinese, as the catalogue writes it), never its code."""
    found = CATALOGUE.types.get(code)
    return found.name if found else code
