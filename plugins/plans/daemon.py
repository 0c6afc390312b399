"""Plans plugin, daemon half: the plan library (imported documents and Sahana Eden templates), suggestions for an
incident or a warning, and live responses with tasks, timeline, resource requests and an after-action summary.
No Qt here.  Answers the contract the duty plugin uses: ``plans.suggest`` and ``plans.activate``."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DistrictWide,
    ImporterSpec,
    ImportReport,
    OpenItem,
    QuerySpec,
    Restricted,
    Role,
    RowError,
    TimerSpec,
    Transaction,
    hookimpl,
    utcnow,
)
from citybrain.plugins.plans import document, responses, templates
from citybrain.plugins.plans.fields import declared
from citybrain.plugins.plans.tables import Plan, Response, ResponseTask

PLANS = "plans.plans"
RECENT = timedelta(days=2)  # closed responses desks still hold (their summary)


def _responses(session: Session) -> list[dict]:
    since = utcnow() - RECENT
    rows = session.execute(
        select(Response, Plan)
        .join(Plan, Plan.id == Response.plan_id)
        .where((Response.state == "active") | (Response.closed_at >= since))
    )
    return [responses.response_record(r, p) for r, p in rows]


def _tasks(session: Session) -> list[dict]:
    rows = session.scalars(
        select(ResponseTask).join(Response, Response.id == ResponseTask.response_id).where(Response.state == "active")
    )
    return [t.record() for t in rows]


COMMAND = DistrictWide("a response is the district command's: its board and its tasks are every desk's")


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(
            PLANS,
            key="id",
            title="The plan library",
            load=lambda s: [p.record() for p in s.scalars(select(Plan))],
            place=DistrictWide("reference: the district's plan library"),
        ),
        CollectionSpec(
            responses.RESPONSES,
            key="id",
            title="Responses (active, and closed lately)",
            load=_responses,
            # the command structure names the people on duty with their phones: any session (a wall)
            restricted=Restricted(f"{responses.RESPONSES}.roles", ("roles",), Role.VIEWER),
            place=COMMAND,
        ),
        CollectionSpec(responses.TASKS, key="id", title="Tasks of the active responses", load=_tasks, place=COMMAND),
    ]


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "plans.activate",
            responses.activate,
            role=Role.DUTY_LEADER,
            title="Activate a plan at a level (drill: an exercise)",
            payload={"plan": str, "level": Literal[document.LEVELS], "source_ref": str | None, "drill": bool | None},
        ),
        CommandSpec(
            "plans.raise",
            responses.raise_level,
            role=Role.DUTY_LEADER,
            title="Raise a response's level (adds only the new actions)",
            payload={"response": int, "level": Literal[document.LEVELS]},
        ),
        CommandSpec(
            "plans.task.done",
            responses.finish_task,
            title="Mark a response task done",
            payload={"task": int, "note": str | None},
        ),
        CommandSpec(
            "plans.standdown",
            responses.stand_down,
            role=Role.DUTY_LEADER,
            title="Stand a response down (after-action summary)",
            payload={"response": int, "note": str | None},
        ),
    ]


def suggest(session: Session, params: dict, caller: Caller) -> list[dict]:
    """Plans that fit an incident or a warning: [{plan, title, level}] (the level asked for, when the plan has it)."""
    out = []
    for row in session.scalars(select(Plan).order_by(Plan.code)):
        plan = row.plan() | {"type": row.type, "category": row.category}
        if document.fits(plan, params["category"], params["type"]):
            level = (
                params["level"]
                if document.carried(plan, params["level"])
                else min(plan["levels"], key=document.LEVELS.index)
            )
            out.append({"plan": row.code, "title": row.name, "level": level})
    return out


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            "plans.suggest",
            suggest,
            params={"category": str, "type": str, "level": str},
            title="Plans that fit an incident or warning (category, type, level)",
        )
    ]


MAX_PLAN_BYTES = 2**20  # a plan document is a few KiB; a bigger file is a mistake (and minutes of TOML parsing)


def read_plan(filename: str, data: bytes) -> tuple[dict, document.Problems]:
    """A plan file parsed and checked, no database: run by the daemon on a worker thread before the import."""
    return document.check(document.parse(filename, data))


def import_plan(tx: Transaction, filename: str, read: tuple[dict, document.Problems]) -> ImportReport:
    """A plan document (TOML or JSON) as :func:`read_plan` read it: checked whole; the same code again makes its
    next version."""
    plan, problems = read
    report = ImportReport("plans.plan", rows=sum(len(level["actions"]) for level in plan["levels"].values()))
    report.errors = [RowError(0, path, message) for path, message in problems.found]
    if report.errors:
        return report
    row = tx.session.scalars(select(Plan).where(Plan.code == plan["code"])).first()
    if row is None:
        row = Plan(code=plan["code"], version=0)
        tx.session.add(row)
    row.name, row.type, row.category, row.imported_at = plan["name"], plan["type"], plan["category"], utcnow()
    row.version += 1
    row.document = json.dumps({k: plan[k] for k in ("event_types", "roles", "levels")}, ensure_ascii=False)
    tx.session.flush()
    tx.put(PLANS, row.record())
    report.imported = report.rows
    report.notes.append(f"plan {row.code} version {row.version}")
    return report


def import_templates(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    report = templates.import_templates(tx, filename, data)
    if not report.errors:
        tx.session.flush()
        for row in tx.session.scalars(select(Plan).where(Plan.type == "template")):
            tx.put(PLANS, row.record())
    return report


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            "plans.plan",
            import_plan,
            title="A plan document (TOML or JSON, docs/plans.md)",
            extensions=(".toml", ".json"),
            role=Role.DUTY_LEADER,
            parse=read_plan,
            max_bytes=MAX_PLAN_BYTES,
        ),
        ImporterSpec(
            "plans.template",
            import_templates,
            title="Sahana Eden scenario sheets as plan templates",
            extensions=(".csv", ".xlsx"),
            role=Role.DUTY_LEADER,
        ),
    ]


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    return [TimerSpec(responses.TASK_DUE, responses.on_task_due)]


@hookimpl
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    """For a handover: each active response, and its tasks not done (overdue first)."""
    items = [
        OpenItem(
            "response",
            f"{'DRILL · ' if r['drill'] else ''}{r['plan_name']} · {r['level']}",
            f"activated {r['activated_at']} by {r['activated_by']}",
            None,
            f"{responses.RESPONSES}/{r['id']}",
            facts={key: r[key] for key in ("plan_name", "level", "drill", "activated_at", "activated_by")},
        )
        for r in _responses(session)
        if r["state"] == "active"
    ]
    return items + [
        OpenItem(
            "task",
            t["action"],
            f"{t['unit']} · {t['state']}",
            datetime.fromisoformat(t["due_at"]),
            f"{responses.TASKS}/{t['id']}",
            facts={key: t[key] for key in ("action", "unit", "state")},
        )
        for t in _tasks(session)
        if t["state"] != "done"
    ]


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.plans import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
