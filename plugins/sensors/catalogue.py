"""The device catalogue (configs/sensors/catalogue.toml): scenarios, device types with their kind (event or
reading), range, heartbeat, the events that raise alarms and their share of the installed base; what each alarm
condition is called, and the guidance beside an alarm.  Names and guidance come in Chinese and English: the
desk shows its own language's (``Bilingual.text``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

# core.config, not core.api: the desk imports this module at start, and core.api brings SQLAlchemy
from citybrain.core.config import bundled


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def text(self, chinese: bool) -> str:
        return self.zh if chinese or not self.en else self.en


@dataclass(frozen=True)
class DeviceType:
    code: str
    name: str  # Chinese; name_en for the English desk
    scenario: str
    kind: str  # event or reading
    share: float
    heartbeat: int  # minutes
    alarms: tuple[str, ...]
    unit: str = ""
    low: float | None = None
    high: float | None = None
    name_en: str = ""

    def in_range(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Scenario:
    code: str
    name: str  # Chinese; name_en for the English desk
    name_en: str
    priority: str  # of the alarms its devices raise: low, medium, high, urgent
    case_type: str  # the case an alarm opens in the shared loop ("" for none)
    life_safety: bool = False  # fire, gas: its alarms are the district desk's at once (``district``)


@dataclass(frozen=True)
class Rates:
    """How often a type's devices misbehave in the field (the simulator's rates; sources in docs/sensors.md)."""

    genuine: float  # real alarm conditions per device-year
    nuisance: float  # false and nuisance alarms per device-year
    genuine_minutes: float  # how long a real condition stays on (until someone deals with it)
    nuisance_minutes: float  # how long a nuisance condition stays on before it clears by itself
    chatter: float  # share of the devices that chatter (a faulty or badly placed device flapping)
    offline: float  # share of the devices offline at any time (dead battery, no signal, unplugged)


@dataclass(frozen=True)
class Catalogue:
    scenarios: dict[str, Scenario]
    types: dict[str, DeviceType]
    conditions: dict[str, Bilingual]
    guidance: dict[str, Bilingual]  # by scenario code, or "SCENARIO/condition" for one condition
    realarm: dict[str, float] = field(default_factory=dict)  # priority -> minutes an acknowledged alarm may stay on
    rates: dict[str, Rates] = field(default_factory=dict)  # device type -> its field rates

    def guidance_for(self, scenario: str, condition: str) -> Bilingual | None:
        return self.guidance.get(f"{scenario}/{condition}") or self.guidance.get(scenario)

    @classmethod
    def shipped(cls) -> Catalogue:
        import tomllib  # here: a desk imports this module at start and reads the file only when a view needs it

        data = tomllib.loads(bundled("citybrain.configs", "sensors", "catalogue.toml").read_text(encoding="utf-8"))
        types = {
            t["code"]: DeviceType(
                t["code"],
                t["name"],
                t["scenario"],
                t["kind"],
                float(t["share"]),
                int(t["heartbeat"]),
                tuple(t.get("alarms", ())),
                t.get("unit", ""),
                t.get("min"),
                t.get("max"),
                t.get("name_en", ""),
            )
            for t in data["types"]
        }
        scenarios = {
            s["code"]: Scenario(
                s["code"],
                s["name"],
                s.get("name_en", ""),
                s["priority"],
                s.get("case_type", ""),
                bool(s.get("life_safety", False)),
            )
            for s in data["scenarios"]
        }
        conditions = {c: Bilingual(n["name"], n.get("name_en", "")) for c, n in data.get("conditions", {}).items()}
        guidance = {k: Bilingual(g["zh"], g.get("en", "")) for k, g in data.get("guidance", {}).items()}
        rates = {code: Rates(**r) for code, r in data.get("rates", {}).items()}
        return cls(scenarios, types, conditions, guidance, dict(data.get("realarm_minutes", {})), rates)


@cache
def device_catalogue() -> Catalogue:
    """The shipped catalogue, read on first use (never at import: the desk imports the names at start)."""
    return Catalogue.shipped()
