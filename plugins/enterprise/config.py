"""The plugin's configuration files (configs/enterprise/): GB/T 4754-2017 industries, the indicators and the
warning rules, the demand categories.

Read on first use, never at import: the desk imports the wording (and so this module) at start, and the daemon's
``citybrain_start`` calls :func:`configure` with its ``[plugins.enterprise]`` section, whose ``warning`` table
overrides warning.toml's scoring settings (``warn_score``, ``cap``, ``window``, a rule's thresholds). Only the
daemon's scan reads those; the names both halves show (indicators, categories, industries) stay the shipped ones,
so a desk and its daemon never disagree on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

# core.config, not core.api: both halves import this module, and core.api brings SQLAlchemy into a desk
from citybrain.core.config import bundled

# the rates' warning and alarm lines: the dashboards' KPIs (metrics.py) and the desk's cards (demands_view.py)
THRESHOLDS = {"resolution_rate": (0.9, 0.85), "satisfaction": (0.85, 0.8), "days_to_resolve": (20.0, 30.0)}


def _load(name: str) -> dict[str, Any]:
    import tomllib  # here: a desk imports this module at start and reads the files only when a view needs them

    return tomllib.loads(bundled("citybrain.configs", "enterprise", name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Industries:
    """Sections (A-T) and their two-digit divisions."""

    sections: dict[str, str]  # section code -> name
    divisions: dict[str, tuple[str, str]]  # division code -> (name, section code)

    @classmethod
    def shipped(cls) -> Industries:
        data = _load("industry.toml")
        sections = {s["code"]: s["name"] for s in data["sections"]}
        divisions = {d["code"]: (d["name"], s["code"]) for s in data["sections"] for d in s["divisions"]}
        return cls(sections, divisions)

    def division(self, raw: str) -> str | None:
        """The division of a code as people write it: ``65``, ``I65``, ``6513`` (a class) -> ``65``; None if unknown."""
        code = raw.strip().upper()
        if code[:1].isalpha():
            section, code = code[0], code[1:]
            if code[:2] in self.divisions and self.divisions[code[:2]][1] != section:
                return None
        return code[:2] if len(code) in (2, 3, 4) and code.isdigit() and code[:2] in self.divisions else None

    def section(self, division: str) -> str:
        return self.divisions[division][1]

    def label(self, division: str) -> str:
        name, section = self.divisions.get(division, (division, "?"))
        return f"{section}{division} {name}"


@dataclass(frozen=True)
class Named:
    """A configured thing with its code and its names in Chinese and English."""

    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Indicator(Named):
    unit: str
    unit_en: str  # the unit in English sentences ("people" for 人); the unit itself when it reads the same
    weight: float
    min_change: float  # a fall smaller than this (in the indicator's unit) is no fall: one of three people leaving


@dataclass(frozen=True)
class WarningRules:
    """The indicators and the scoring thresholds (configs/enterprise/warning.toml)."""

    indicators: dict[str, Indicator]
    warn_score: float
    cap: float
    window: int
    rules: dict[str, dict[str, float]]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WarningRules:
        indicators = {
            i["code"]: Indicator(
                i["code"],
                i["name"],
                i.get("name_en", i["name"]),
                i.get("unit", ""),
                i.get("unit_en", i.get("unit", "")),
                float(i.get("weight", 1.0)),
                float(i.get("min_change", 0.0)),
            )
            for i in data["indicators"]
        }
        return cls(
            indicators,
            float(data["warn_score"]),
            float(data["cap"]),
            int(data["window"]),
            {name: {k: float(v) for k, v in rule.items()} for name, rule in data["rules"].items()},
        )

    @classmethod
    def shipped(cls) -> WarningRules:
        return cls.from_dict(_load("warning.toml"))

    @classmethod
    def overridden(cls, overrides: Mapping[str, Any]) -> WarningRules:
        """warning.toml with a configuration's scoring settings over it; a rule's thresholds one by one."""
        data = _load("warning.toml")
        unknown = sorted(set(overrides) - set(SCORING))
        for name, settings in overrides.get("rules", {}).items():
            known = data["rules"].get(name, {})
            unknown += [f"rules.{name}"] if not known else [f"rules.{name}.{k}" for k in settings if k not in known]
        if unknown:
            raise ValueError(f"[plugins.enterprise.warning]: not a scoring setting: {', '.join(unknown)}")
        rules = {name: {**rule, **overrides.get("rules", {}).get(name, {})} for name, rule in data["rules"].items()}
        return cls.from_dict({**data, **overrides, "rules": rules})


SCORING = ("warn_score", "cap", "window", "rules")  # what a configuration may override in warning.toml


@dataclass(frozen=True)
class Category(Named):
    case_type: str
    department: str
    days: int


@cache
def industries() -> Industries:
    return Industries.shipped()  # GB/T 4754: a national standard, not configured


@cache
def categories() -> dict[str, Category]:
    """The demand categories (demands.toml), by code."""
    return {
        c["code"]: Category(c["code"], c["name"], c["name_en"], c["case_type"], c["department"], int(c["days"]))
        for c in _load("demands.toml")["categories"]
    }


_in_force: list[WarningRules] = []  # configure()'s rules; the shipped ones on first use when nothing configured


def rules() -> WarningRules:
    """The indicators and the warning rules in force."""
    if not _in_force:
        _in_force.append(WarningRules.shipped())
    return _in_force[0]


def configure(section: Mapping[str, Any]) -> None:
    """The daemon's ``[plugins.enterprise]`` section over the shipped rules (``citybrain_start``)."""
    _in_force[:] = [WarningRules.overridden(section.get("warning", {}))]
