"""The device catalogue (configs/sensors/catalogue.toml): scenarios, and device types with their kind (event or
reading), range, heartbeat, the events that raise alarms, and their share of the installed base."""

from __future__ import annotations

import tomllib
from citybrain.core.api import bundled
from dataclasses import dataclass



@dataclass(frozen=True)
class DeviceType:
    code: str
    name: str
    scenario: str
    kind: str  # event or reading
    share: float
    heartbeat: int  # minutes
    alarms: tuple[str, ...]
    unit: str = ""
    low: float | None = None
    high: float | None = None

    def in_range(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Scenario:
    code: str
    name: str
    priority: str  # of the alarms its devices raise: low, medium, high, urgent
    case_type: str  # the case an alarm opens in the shared loop ("" for none)


@dataclass(frozen=True)
class Catalogue:
    scenarios: dict[str, Scenario]
    types: dict[str, DeviceType]

    @classmethod
    def shipped(cls) -> Catalogue:
        data = tomllib.loads(bundled("citybrain.configs", "sensors", "catalogue.toml").read_text(encoding="utf-8"))
        types = {t["code"]: DeviceType(t["code"], t["name"], t["scenario"], t["kind"], float(t["share"]),
                                       int(t["heartbeat"]), tuple(t.get("alarms", ())), t.get("unit", ""),
                                       t.get("min"), t.get("max")) for t in data["types"]}
        scenarios = {s["code"]: Scenario(s["code"], s["name"], s["priority"], s.get("case_type", ""))
                     for s in data["scenarios"]}
        return cls(scenarios, types)


CATALOGUE = Catalogue.shipped()
