"""Live responses: a plan activated at a level becomes tasks with owners and deadlines, a timeline, resource
requests; raising the level adds only what the new levels bring; standing down closes it with an after-action
summary.  A drill is a response marked as an exercise: its tasks say so and it never reserves real stock.

Other plugins are used when they are there, and only then (``tx.offers``): the duty roster fills the command
roles (``duty.on_duty``), the assets registry takes the resource requests (``assets.find``, ``assets.request``).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select

from citybrain.core.api import Refused, TimerInfo, Transaction, get_or_refuse, not_found, utcnow
from citybrain.plugins.plans.document import LEVELS, carried
from citybrain.plugins.plans.tables import Plan, Response, ResponseTask, iso

RESPONSES, TASKS = "plans.responses", "plans.tasks"
TASK_DUE = "plans.task"  # timer kind: a task's deadline


def response_record(response: Response, plan: Plan) -> dict:
    return {
        "id": response.id,
        "plan": plan.code,
        "plan_name": plan.name,
        "level": response.level,
        "drill": response.drill,
        "state": response.state,
        "source_ref": response.source_ref,
        "roles": json.loads(response.roles),
        "resources": json.loads(response.resources),
        "timeline": json.loads(response.timeline),
        "activated_at": iso(response.activated_at),
        "activated_by": response.activated_by,
        "closed_at": iso(response.closed_at),
        "summary": json.loads(response.summary) if response.summary else None,
    }


def _note(response: Response, what: str, who: str, at: datetime) -> None:
    timeline = json.loads(response.timeline)
    timeline.append({"at": iso(at), "what": what, "by": who})
    response.timeline = json.dumps(timeline, ensure_ascii=False)


def _who(tx: Transaction) -> str:
    return tx.caller.username or "system"


def _roles(tx: Transaction, plan: dict) -> list[dict]:
    """The command structure: each role with the people the duty roster has on that post now (when duty is here)."""
    roster = tx.offers("duty.on_duty")
    return [
        role
        | {
            "people": tx.call("duty.on_duty", {"unit": role["unit"], "position": role["position"]})
            if roster and role["unit"] and role["position"]
            else []
        }
        for role in plan["roles"]
    ]


def _request(tx: Transaction, response: Response, level: str, need: dict) -> dict:
    """One resource need: a request on the stock line with the most available, when the registry is here."""
    entry = need | {"level": level, "request": None, "why": ""}
    if response.drill:
        return entry | {"why": "drill: no real stock is reserved"}
    if not (tx.offers("assets.find") and tx.offers("assets.request")):
        return entry | {"why": "no resource registry installed"}
    lines = tx.call("assets.find", {"item": need["item"]})
    if not lines:
        return entry | {"why": f"no stock line for {need['item']!r}"}
    asked = tx.call(
        "assets.request",
        {
            "supply": lines[0]["id"],
            "quantity": need["quantity"],
            "purpose": f"{response.id}: {need['item']}",
            "source_ref": f"{RESPONSES}/{response.id}",
        },
    )
    return entry | {"request": asked["id"], "warehouse": lines[0]["warehouse"]}


def _add_levels(tx: Transaction, response: Response, plan: dict, levels: list[str], at: datetime) -> None:
    """Tasks and resource requests of ``levels``, deadlines counted from ``at``."""
    resources = json.loads(response.resources)
    for level in levels:
        for action in plan["levels"][level]["actions"]:
            task = ResponseTask(
                response_id=response.id,
                level=level,
                action=action["action"],
                unit=action["unit"],
                due_at=at + timedelta(minutes=action["offset_minutes"]),
                drill=response.drill,
            )
            tx.session.add(task)
            tx.session.flush()
            tx.set_timer(TASK_DUE, str(task.id), task.due_at, {"task": task.id})
            tx.put(TASKS, task.record())
        resources += [_request(tx, response, level, need) for need in plan["levels"][level]["resources"]]
    response.resources = json.dumps(resources, ensure_ascii=False)


def activate(tx: Transaction, p: dict) -> dict:
    plan_row = tx.session.scalars(select(Plan).where(Plan.code == p["plan"])).first()
    if plan_row is None:
        raise not_found("plan", p["plan"])
    plan, level = plan_row.plan(), p["level"]
    if not carried(plan, level):
        raise Refused(f"plan {plan_row.code} has no actions up to level {level}")
    now = utcnow()
    response = Response(
        plan_id=plan_row.id,
        level=level,
        drill=bool(p.get("drill")),
        source_ref=p.get("source_ref") or "",
        roles=json.dumps(_roles(tx, plan), ensure_ascii=False),
        activated_at=now,
        activated_by=_who(tx),
        timeline="[]",
        resources="[]",
    )
    tx.session.add(response)
    tx.session.flush()
    _note(
        response,
        f"{'演练 DRILL: ' if response.drill else ''}{plan_row.name} 启动 {level} 级响应 activated at level {level}",
        _who(tx),
        now,
    )
    _add_levels(tx, response, plan, carried(plan, level), now)
    record = response_record(response, plan_row)
    tx.put(RESPONSES, record)
    return record


def _active(tx: Transaction, response_id: int) -> tuple[Response, Plan]:
    response = get_or_refuse(tx.session, Response, response_id, "active response", only=lambda r: r.state == "active")
    return response, tx.session.get_one(Plan, response.plan_id)


def raise_level(tx: Transaction, p: dict) -> dict:
    """A higher level adds only the actions (and resources) of the levels it brings in."""
    response, plan_row = _active(tx, p["response"])
    plan, level = plan_row.plan(), p["level"]
    if LEVELS.index(level) <= LEVELS.index(response.level):  # the level is one of LEVELS (declared Literal)
        raise Refused(
            f"the response is at level {response.level}: raise it to a higher one "
            f"({', '.join(LEVELS[LEVELS.index(response.level) + 1 :]) or 'none left'})"
        )
    new = [code for code in carried(plan, level) if code not in carried(plan, response.level)]
    now = utcnow()
    _note(response, f"响应级别 {response.level} → {level} raised", _who(tx), now)
    response.level = level
    _add_levels(tx, response, plan, new, now)
    record = response_record(response, plan_row)
    tx.put(RESPONSES, record)
    return record


def finish_task(tx: Transaction, p: dict) -> dict:
    task = get_or_refuse(tx.session, ResponseTask, p["task"], "open task", only=lambda t: t.state != "done")
    response, plan_row = _active(tx, task.response_id)
    task.state, task.done_at, task.done_by, task.note = "done", utcnow(), _who(tx), p.get("note") or ""
    tx.cancel_timer(TASK_DUE, str(task.id))
    late = " (late 超时)" if task.done_at > task.due_at else ""
    _note(response, f"完成 done: {task.action}{late}", _who(tx), task.done_at)
    tx.put(TASKS, task.record())
    tx.put(RESPONSES, response_record(response, plan_row))
    return task.record()


def on_task_due(tx: Transaction, timer: TimerInfo) -> None:
    task = tx.session.get(ResponseTask, timer.payload["task"])
    if task is not None and task.state == "open":
        task.state = "overdue"
        tx.put(TASKS, task.record())


def stand_down(tx: Transaction, p: dict) -> dict:
    """Close the response with its after-action summary: what was done when, what was late, what was used."""
    response, plan_row = _active(tx, p["response"])
    now = utcnow()
    tasks = list(tx.session.scalars(select(ResponseTask).where(ResponseTask.response_id == response.id)))
    summary = {
        "activated_at": iso(response.activated_at),
        "closed_at": iso(now),
        "level": response.level,
        "drill": response.drill,
        "note": p.get("note") or "",
        "done": [
            {
                "action": t.action,
                "unit": t.unit,
                "due_at": iso(t.due_at),
                "done_at": iso(t.done_at),
                "late": t.done_at is not None and t.done_at > t.due_at,
            }
            for t in tasks
            if t.state == "done"
        ],
        "not_done": [{"action": t.action, "unit": t.unit, "due_at": iso(t.due_at)} for t in tasks if t.state != "done"],
        "resources": json.loads(response.resources),
    }
    summary["late"] = sum(d["late"] for d in summary["done"]) + len(summary["not_done"])
    for task in tasks:
        tx.cancel_timer(TASK_DUE, str(task.id))
        tx.delete(TASKS, task.id)
    _note(response, f"响应终止 stood down: {summary['note']}", _who(tx), now)
    response.state, response.closed_at = "closed", now
    response.summary = json.dumps(summary, ensure_ascii=False)
    record = response_record(response, plan_row)
    tx.put(RESPONSES, record)
    return record
