"""The alarm list's groups (one row per compound and condition, with a count: what a flood reads as) and its
per-compound status lines (the district desk's view of what stays with the property companies).  Plain records,
for table models; no Qt."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Priority = Literal["urgent", "high", "medium", "low"]  # as the desk's annunciator takes it
ANNUNCIATED = ("unack", "rtn_unack", "latched")
PRIORITY_ORDER: dict[Priority, int] = {"urgent": 3, "high": 2, "medium": 1, "low": 0}
# the state a group or a compound shows: the one most in need of an operator among its alarms
STATE_ORDER = {"unack": 6, "rtn_unack": 5, "latched": 5, "ack": 4, "shelved": 2, "suppressed": 1, "out_of_service": 0}


def needs_district(alarm: dict) -> bool:
    """Life safety, or escalated past the property company (the daemon's ``district``); a daemon that does not
    say: every alarm is the district's."""
    return bool(alarm.get("district", True))


def highest_waiting(alarms: Iterable[dict]) -> Priority | None:
    """The highest priority among alarms waiting for an acknowledgement (what the desk sounds), or None."""
    best = max((PRIORITY_ORDER.get(a["priority"], 0) for a in alarms if a["state"] in ANNUNCIATED), default=None)
    return None if best is None else next(p for p, n in PRIORITY_ORDER.items() if n == best)


def _worse(a: dict, b: dict | None) -> bool:
    """Whether alarm ``a`` needs an operator more than ``b``: its state first, then its priority."""
    return b is None or (STATE_ORDER.get(a["state"], 0), PRIORITY_ORDER.get(a["priority"], 0)) > (
        STATE_ORDER.get(b["state"], 0),
        PRIORITY_ORDER.get(b["priority"], 0),
    )


def groups(alarms: Iterable[dict]) -> dict[str, dict]:
    """One record per compound and condition: its worst alarm's priority and state, how many alarms, which of
    them wait for an acknowledgement (what a group acknowledgement names), and a ``rank`` ordering groups as
    alarms are (priority, then newest)."""
    out: dict[str, dict] = {}
    for alarm in alarms:
        key = f"{alarm['compound']}|{alarm['condition']}"
        group = out.get(key)
        if group is None:
            group = out[key] = {
                "id": key,
                "compound": alarm["compound"],
                "condition": alarm["condition"],
                "scenario": alarm["scenario"],
                "count": 0,
                "waiting": [],
                "worst": None,
                "rank": "",
                "first_at": alarm["first_at"],
                "triggers": 0,
            }
        group["count"] += 1
        group["triggers"] += alarm["count"]
        if alarm["state"] in ANNUNCIATED:
            group["waiting"].append(alarm["id"])
        if _worse(alarm, group["worst"]):
            group["worst"] = alarm
        if alarm["rank"] > group["rank"]:
            group["rank"], group["first_at"] = alarm["rank"], alarm["first_at"]
    for group in out.values():
        worst = group.pop("worst")
        group["priority"], group["state"] = worst["priority"], worst["state"]
    return out


def compounds(alarms: Iterable[dict]) -> dict[str, dict]:
    """One status line per compound with open alarms: its worst alarm, how many the district handles and how many
    are with the property company."""
    out: dict[str, dict] = {}
    worst: dict[str, dict] = {}
    for alarm in alarms:
        line = out.setdefault(
            alarm["compound"], {"id": alarm["compound"], "compound": alarm["compound"], "district": 0, "property": 0}
        )
        line["district" if needs_district(alarm) else "property"] += 1
        if _worse(alarm, worst.get(alarm["compound"])):
            worst[alarm["compound"]] = alarm
    for compound, line in out.items():
        line["priority"], line["state"] = worst[compound]["priority"], worst[compound]["state"]
    return out
