"""Plan templates from the Sahana Eden scenario sheets: scenarios (name, incident type), their tasks (priority),
assets (item, "10 pieces") and human resources (job title, "≥ 20 people").  Each sheet adds to the templates of
the scenarios it names; a template is a plan of type ``template`` (never suggested, copied into a real plan)."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import select

from citybrain.core.api import ImportReport, RowError, Transaction, utcnow
from citybrain.core.sheets import read_sheet
from citybrain.plugins.plans.tables import Plan

SHAPES = {  # which sheet it is, by the columns it has
    "scenarios": ("Scenario", "Incident Type"),
    "tasks": ("Scenario", "Task", "Priority"),
    "assets": ("Scenario", "Item"),
    "roles": ("Scenario", "Job Title"),
}
OFFSETS = {"URGENT": 30, "HIGH": 60, "MEDIUM": 240, "NORMAL": 480, "LOW": 1440}  # priority: minutes to do it
QUANTITY = re.compile(r"(\d+)\s*([^\d\s].*)?$")


def _shape(columns: list[str]) -> str | None:
    have = {c.strip().casefold() for c in columns}
    for shape, needed in SHAPES.items():
        if all(n.casefold() in have for n in needed):
            return shape
    return None


def _code(scenario: str) -> str:
    return "sahana-" + re.sub(r"[^a-z0-9]+", "-", scenario.casefold()).strip("-")


def _template(existing: dict[str, Plan], scenario: str) -> tuple[Plan, dict]:
    row = existing.get(_code(scenario))
    if row is None:
        row = existing[_code(scenario)] = Plan(
            code=_code(scenario),
            name=scenario,
            type="template",
            category="",
            imported_at=utcnow(),
            document=json.dumps({"event_types": [], "roles": [], "levels": {}}),
        )
    return row, json.loads(row.document)


def import_templates(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    sheet = read_sheet(filename, data)
    report = ImportReport("plans.template", rows=len(sheet.rows))
    shape = _shape(sheet.columns)
    if shape is None:
        report.errors.append(
            RowError(
                1,
                None,
                "not a Sahana Eden scenario sheet: it needs the columns of one of "
                + "; ".join(", ".join(c) for c in SHAPES.values()),
            )
        )
        return report
    report.notes.append(f"read as the Sahana Eden scenario {shape} sheet")
    cells = [(n, {k.strip().casefold(): v for k, v in c.items()}) for n, c in sheet.rows]
    for number, row in cells:
        if not row.get("scenario"):
            report.errors.append(RowError(number, "Scenario", "the scenario is empty"))
        if shape == "tasks" and row.get("priority", "").upper() not in OFFSETS:
            report.errors.append(RowError(number, "Priority", f"priority is one of {', '.join(OFFSETS)}"))
        text = {"tasks": "task", "assets": "item", "roles": "job title", "scenarios": "incident type"}[shape]
        if not row.get(text):
            report.errors.append(RowError(number, text.title(), f"{text} is empty"))
    if report.errors:
        return report
    existing = {p.code: p for p in tx.session.scalars(select(Plan).where(Plan.type == "template"))}
    touched: dict[str, Any] = {}
    for _, row in cells:
        plan_row, plan = touched.get(_code(row["scenario"])) or _template(existing, row["scenario"])
        touched[plan_row.code] = (plan_row, plan)
        level = plan["levels"].setdefault("IV", {"triggers": "", "actions": [], "resources": []})
        if shape == "scenarios":
            plan["event_types"] = sorted(set(plan["event_types"]) | {row["incident type"]})
        elif shape == "tasks":
            level["actions"].append(
                {
                    "action": row["task"],
                    "unit": row.get("parent", ""),
                    "offset_minutes": OFFSETS[row["priority"].upper()],
                }
            )
        elif shape == "assets":
            found = QUANTITY.search(row.get("comments", ""))
            level["resources"].append(
                {
                    "item": row["item"],
                    "quantity": int(found.group(1)) if found else 1,
                    "unit": (found.group(2) or "").strip() if found else "",
                }
            )
        else:
            plan["roles"].append(
                {"role": f"{row['job title']} {row.get('comments', '')}".strip(), "unit": "", "position": ""}
            )
    for plan_row, plan in touched.values():
        plan_row.document, plan_row.imported_at = json.dumps(plan, ensure_ascii=False), utcnow()
        tx.session.add(plan_row)
    report.imported = len(cells)
    return report
