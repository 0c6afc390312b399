"""What the desk calls the sensors' codes, in the operator's language: alarm states, device statuses, scenarios,
conditions (their names come from the catalogue in both languages; codes are never shown)."""

from __future__ import annotations

from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.shell.api import CodeNames
from citybrain.shell.names import chinese_desk, in_desk_language

state_name = CodeNames(
    "Sensors",
    {
        "unack": "unacknowledged",
        "ack": "acknowledged",
        "rtn_unack": "back to normal, unacknowledged",
        "latched": "latched",
        "shelved": "shelved",
        "suppressed": "suppressed (maintenance)",
        "out_of_service": "out of service",
        "cleared": "cleared",
    },
)
device_status_name = CodeNames(
    "Sensors",
    {
        "online": "online",
        "offline": "offline",
        "fault": "faulty",
        "alarm": "in alarm",
        "out_of_service": "out of service",
    },
)
_EVENTS = CodeNames("Sensors", {"normal": "normal", "fault": "fault"})


def scenario_name(code: str) -> str:
    scenario = device_catalogue().scenarios.get(code)
    return code if scenario is None else in_desk_language(scenario.name, scenario.name_en)


def condition_name(code: str) -> str:
    name = device_catalogue().conditions.get(code)
    return code if name is None else name.text(chinese_desk())


def guidance(scenario: str, condition: str) -> str:
    found = device_catalogue().guidance_for(scenario, condition)
    return "" if found is None else found.text(chinese_desk())


def event_name(code: str) -> str:
    """An event strip's row: normal, a fault, or an alarm condition."""
    return _EVENTS.get(code) or condition_name(code)


def type_name(code: str) -> str:
    """A device type by its catalogue name in the desk's language, never its code."""
    found = device_catalogue().types.get(code)
    return code if found is None else in_desk_language(found.name, found.name_en)
