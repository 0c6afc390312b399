"""A plan as a document (TOML or JSON, docs/plans.md): read and checked whole, every problem named by its path
(``levels[2].actions[1].offset_minutes``), before anything is stored.  Whatever shape the file has (a top-level
list, ``levels = 5``, an action that is a number) is a problem at its path, never an exception; numbers are bounded
(``offset_minutes`` within a month) and texts to the columns a response copies them into, so nothing a plan says
can fail later, when it is activated."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute

from citybrain.core.api import ErrorCode, Refused, too_long
from citybrain.plugins.plans.tables import Plan, ResponseTask

TYPES = ("overall", "special", "department", "grassroots", "template")  # 总体, 专项, 部门, 基层; template: imported
CATEGORIES = ("natural", "accident", "health", "security")
LEVELS = ("IV", "III", "II", "I")  # lowest first: a response at a level carries the actions of every lower one
MAX_OFFSET = 31 * 24 * 60  # minutes: an action due more than a month after activation is a typing mistake
MAX_QUANTITY = 1_000_000
COLUMNS: dict[str, InstrumentedAttribute[str]] = {
    "code": Plan.code,
    "name": Plan.name,
    "action": ResponseTask.action,
    "unit": ResponseTask.unit,
}


@dataclass
class Problems:
    found: list[tuple[str, str]] = field(default_factory=list)  # (path, message)

    def add(self, path: str, message: str) -> None:
        self.found.append((path, message))


def parse(filename: str, data: bytes) -> dict:
    """The file as a dict: TOML or JSON by extension."""
    try:
        text = data.decode("utf-8-sig")
        if PurePath(filename).suffix.lower() == ".json":
            return json.loads(text)
        return tomllib.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise Refused(f"{filename} is not a readable plan file: {exc}", code=ErrorCode.INVALID_PAYLOAD) from None


def _text(problems: Problems, where: dict, key: str, path: str, required: bool = True) -> str:
    value = where.get(key, "")
    if not isinstance(value, str):
        problems.add(f"{path}.{key}", "must be text")
        return ""
    if required and not value.strip():
        problems.add(f"{path}.{key}", "is missing")
    if key in COLUMNS and too_long(value.strip(), COLUMNS[key]):
        problems.add(f"{path}.{key}", f"is longer than {_length(COLUMNS[key])} characters")
    return value.strip()


def _length(column: InstrumentedAttribute[str]) -> int | None:
    """The characters a text column holds (a ``String(n)``; None for unbounded text)."""
    kind = column.expression.type
    return kind.length if isinstance(kind, String) else None


def _number(problems: Problems, where: dict, key: str, path: str, most: int) -> int:
    value = where.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
        problems.add(f"{path}.{key}", f"must be a whole number from 0 to {most:,}, not {value!r}")
        return 0
    return value


def _tables(problems: Problems, where: dict, key: str, path: str) -> list[tuple[str, dict]]:
    """``where[key]``: a list of tables, each with its path; anything else is a problem, never an exception."""
    value = where.get(key, [])
    if not isinstance(value, list):
        problems.add(f"{path}.{key}" if path else key, f"must be a list of tables, not {type(value).__name__}")
        return []
    found = []
    for i, item in enumerate(value, start=1):
        at = f"{path}.{key}[{i}]" if path else f"{key}[{i}]"
        if isinstance(item, dict):
            found.append((at, item))
        else:
            problems.add(at, f"must be a table, not {type(item).__name__}")
    return found


def check(doc: object) -> tuple[dict, Problems]:
    """The plan, normalised: {code, name, type, category, event_types, roles, levels: {level: {...}}}."""
    problems = Problems()
    if not isinstance(doc, dict):
        problems.add("plan", f"the file must be a table with [plan] and [[levels]], not a {type(doc).__name__}")
        doc = {}
    head = doc.get("plan")
    if not isinstance(head, dict):
        head = {}
    if not head:
        problems.add("plan", "is missing (a [plan] table with code, name, type, category)")
    plan: dict[str, object] = {
        "code": _text(problems, head, "code", "plan"),
        "name": _text(problems, head, "name", "plan"),
        "type": _text(problems, head, "type", "plan"),
        "category": _text(problems, head, "category", "plan", required=False),
    }
    if plan["type"] and plan["type"] not in TYPES:
        problems.add("plan.type", f"is one of {', '.join(TYPES)}, not {plan['type']!r}")
    if plan["category"] and plan["category"] not in CATEGORIES:
        problems.add("plan.category", f"is one of {', '.join(CATEGORIES)}, not {plan['category']!r}")
    events = head.get("event_types", [])
    if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
        problems.add("plan.event_types", "must be a list of texts")
        events = []
    plan["event_types"] = events
    plan["roles"] = [
        {
            "role": _text(problems, r, "role", at),
            "unit": _text(problems, r, "unit", at, required=False),
            "position": _text(problems, r, "position", at, required=False),
        }
        for at, r in _tables(problems, head, "roles", "plan")
    ]
    levels: dict[str, dict] = {}
    plan["levels"] = levels
    for path, level in _tables(problems, doc, "levels", ""):
        code = level.get("level")
        if code not in LEVELS:
            problems.add(f"{path}.level", f"is one of {', '.join(LEVELS)}, not {code!r}")
            continue
        if code in levels:
            problems.add(f"{path}.level", f"level {code} is defined twice")
        levels[code] = {
            "triggers": _text(problems, level, "triggers", path, required=False),
            "actions": [
                {
                    "action": _text(problems, a, "action", at),
                    "unit": _text(problems, a, "unit", at, required=False),
                    "offset_minutes": _number(problems, a, "offset_minutes", at, MAX_OFFSET),
                }
                for at, a in _tables(problems, level, "actions", path)
            ],
            "resources": [
                {
                    "item": _text(problems, r, "item", at),
                    "quantity": _number(problems, r, "quantity", at, MAX_QUANTITY),
                    "unit": _text(problems, r, "unit", at, required=False),
                }
                for at, r in _tables(problems, level, "resources", path)
            ],
        }
    if not levels and not problems.found:
        problems.add("levels", "a plan needs at least one level with its actions")
    return plan, problems


def carried(plan: dict, level: str) -> list[str]:
    """The levels whose actions a response at ``level`` carries: that level and every lower one."""
    return [code for code in LEVELS[: LEVELS.index(level) + 1] if code in plan["levels"]]


def fits(plan: dict, category: str, event_type: str) -> bool:
    """Whether an incident or a warning of this category and type is one this plan is for."""
    if plan["type"] == "template" or (plan["category"] and category and plan["category"] != category):
        return False
    words = event_type.casefold()
    return any(e.casefold() in words for e in plan["event_types"]) if plan["event_types"] else bool(category)
