"""Matching rules (configs/cap/rules.toml): which <info> an operator reads, whether a warning's area reaches the
district, and which plan at which level a warning suggests."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from citybrain.core.api import bundled

MATCHED = ("Actual", "Exercise")  # Test, System and Draft warnings never suggest a response


@dataclass(frozen=True)
class Rules:
    languages: tuple[str, ...]
    bbox: tuple[float, float, float, float]  # south, west, north, east
    geocodes: tuple[str, ...]
    rules: tuple[dict, ...]

    @classmethod
    def shipped(cls) -> Rules:
        data = tomllib.loads(bundled("citybrain.configs", "cap", "rules.toml").read_text(encoding="utf-8"))
        district = data["district"]
        return cls(tuple(data["languages"]), tuple(district["bbox"]), tuple(district["geocodes"]), tuple(data["rules"]))

    def info(self, alert: dict) -> dict | None:
        """The <info> in the operator's language (first preference first), else the first one."""
        for language in self.languages:
            for info in alert["infos"]:
                if info["language"].casefold().startswith(language):
                    return info
        return alert["infos"][0] if alert["infos"] else None

    def reaches(self, info: dict) -> bool:
        """Whether any area of the info touches the district: a point inside its box, a circle or box overlapping
        it, or a geocode naming it."""
        south, west, north, east = self.bbox
        for area in info["areas"]:
            if any(g["value"].startswith(self.geocodes) for g in area["geocodes"] if g["value"]):
                return True
            for polygon in area["polygons"]:
                if polygon and not (
                    max(p[0] for p in polygon) < south
                    or min(p[0] for p in polygon) > north
                    or max(p[1] for p in polygon) < west
                    or min(p[1] for p in polygon) > east
                ):
                    return True
            for circle in area["circles"]:
                if "centre" in circle:
                    lat, lon = circle["centre"]
                    margin = circle["radius_km"] / 111.0  # degrees, near enough for "does it reach"
                    if south - margin <= lat <= north + margin and west - margin <= lon <= east + margin:
                        return True
        return False

    def suggest(self, alert: dict) -> dict | None:
        """{rule, plan, level, drill} for the first rule the warning matches, or None."""
        info = self.info(alert)
        if info is None or alert["status"] not in MATCHED or alert["msg_type"] not in ("Alert", "Update"):
            return None
        event = f"{info['event']} {info['headline']}".casefold()
        for rule in self.rules:
            if not any(word.casefold() in event for word in rule["events"]):
                continue
            if info["severity"] not in rule["severity"] or info["urgency"] not in rule["urgency"]:
                continue
            if rule.get("area", "district") == "district" and not self.reaches(info):
                continue
            return {
                "rule": rule["name"],
                "plan": rule["plan"],
                "level": rule["levels"].get(info["severity"], "IV"),
                "drill": alert["status"] == "Exercise",
            }
        return None


@cache
def district_rules() -> Rules:
    """The shipped rules (configs/cap/rules.toml), read on first use (never at import)."""
    return Rules.shipped()
