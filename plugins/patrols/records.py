"""The commands of a patrol: start, path points, a problem found (a case in the shared loop), finish with the checks
done; supervision's re-check of a handled case (reopened when it fails); and following the cases to the problems."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select

from citybrain.core.api import ErrorCode, Refused, Transaction, get_or_refuse, operator_exists, utcnow
from citybrain.core.district import Tree
from citybrain.plugins.patrols import (
    ACTIVE,
    FINISHED,
    HANDLED,
    OPEN,
    PATROLS,
    PROBLEMS,
    SUPERVISION,
    TEAMS,
    UNHANDLED,
    checklists,
)
from citybrain.plugins.patrols.place import place
from citybrain.plugins.patrols.tables import Patrol, Plan, Problem, Recheck, Team

HANDLED_STATES = ("resolved", "verified", "closed")  # a case in one of these: its problem is handled
FOLLOWED = timedelta(days=90)  # problems whose case is still followed after they were handled (a reopening)


def _refuse(message: str, reason: str, **details: object) -> Refused:
    return Refused(message, {"reason": reason, **details}, code=ErrorCode.INVALID_PAYLOAD)


def team_of(tx: Transaction, code: str) -> Team:
    return get_or_refuse(tx.session, Team, code, "patrol team", reason="unknown_team")


def active_patrol(tx: Transaction, patrol_id: int) -> Patrol:
    return get_or_refuse(
        tx.session, Patrol, patrol_id, "patrol under way", only=lambda p: p.state == ACTIVE, reason="patrol_not_active"
    )


def start(tx: Transaction, p: dict) -> dict:
    """A team sets out: on a plan of its own (its area), or in an area of the team's."""
    team = team_of(tx, p["team"])
    plan = None
    if p.get("plan") is not None:
        plan = get_or_refuse(
            tx.session,
            Plan,
            p["plan"],
            f"plan of {team.name}",
            only=lambda x: x.team == team.code,
            reason="unknown_plan",
        )
    tree = Tree.load(tx.session)
    area = p.get("area") or (plan.area if plan else None) or _default_area(tx, tree, json.loads(team.areas))
    if area is None or area not in tree.units:
        raise _refuse(f"unknown area {area!r}", "unknown_area", area=area)
    if not tx.caller.sees(area):  # the area named, the plan's or the team's: a desk starts patrols in its unit only
        raise tx.caller.outside("area", area)
    patrol = Patrol(
        team=team.code,
        team_type=team.type,
        plan=plan.id if plan else None,
        area=area,
        subdistrict=tree.subdistrict_of(area),
        state=ACTIVE,
        started_at=utcnow(),
        started_by=tx.caller.username or "",
        member=_member(team, tx.caller.username),
        path="[]",
        checks="[]",
    )
    tx.session.add(patrol)
    tx.session.flush()
    tx.put(PATROLS, patrol.record())
    return patrol.record()


def _member(team: Team, username: str | None) -> str | None:
    """The team member whose account this is (``patrols.link``): the patrol carries them; None for anyone else (a
    duty officer starting a patrol for the team)."""
    linked = (m["name"] for m in json.loads(team.members) if username and m.get("operator") == username)
    return next(linked, None)


def _default_area(tx: Transaction, tree: Tree, areas: list[str]) -> str | None:
    """Where a patrol named by its team alone goes: the team's first area the caller sees; else, for a desk in a unit
    inside one of the team's areas (a subdistrict's desk and the supervision team's whole district), the desk's own
    unit; else the team's first area (refused outside a desk's unit)."""
    seen = next((a for a in areas if tx.caller.sees(a)), None)
    if seen is not None or tx.caller.unit is None:
        return seen or next(iter(areas), None)
    above = set(tree.ancestors(tx.caller.unit)) if tx.caller.unit in tree.units else set()
    return tx.caller.unit if above & set(areas) else next(iter(areas), None)


def _member_at(team: Team, members: list[dict], name: str) -> int:
    index = next((i for i, m in enumerate(members) if m.get("name") == name), None)
    if index is None:
        raise _refuse(f"{team.name} has no member {name!r}", "unknown_member", member=name)
    return index


def _set_operator(tx: Transaction, team: Team, members: list[dict], index: int, username: str | None) -> dict:
    members[index] = {**members[index], "operator": username}
    team.members = json.dumps(members, ensure_ascii=False)
    tx.put(TEAMS, team.record())
    return {"team": team.code, "member": members[index]["name"], "operator": username}


def link_member(tx: Transaction, p: dict) -> dict:
    """A team member is this operator account: the patrols they start under their own login carry them, and the
    desk shows which members have one.  An account that does not exist, or is another member's, is refused."""
    team = team_of(tx, p["team"])
    members = json.loads(team.members)
    index, username = _member_at(team, members, p["member"]), p["operator"]
    if not operator_exists(tx.session, username):
        raise _refuse(f"no operator {username!r}", "unknown_operator", operator=username)
    taken = next((m["name"] for m in members if m.get("operator") == username), None)
    if taken is not None and taken != p["member"]:
        raise _refuse(f"{username} is already {taken} in {team.name}", "operator_taken", operator=username)
    return _set_operator(tx, team, members, index, username)


def unlink_member(tx: Transaction, p: dict) -> dict:
    """A team member is no longer an operator account (it left, or was linked by mistake); refused when the member
    has none, so the desk says that nothing changed."""
    team = team_of(tx, p["team"])
    members = json.loads(team.members)
    index = _member_at(team, members, p["member"])
    if members[index].get("operator") is None:
        raise _refuse(f"{p['member']} in {team.name} has no operator account", "not_linked", member=p["member"])
    return _set_operator(tx, team, members, index, None)


def track(tx: Transaction, p: dict) -> dict:
    """A path point of a patrol under way (WGS84), with the seconds since it started."""
    patrol = active_patrol(tx, p["patrol"])
    path = json.loads(patrol.path)
    path.append([p["lon"], p["lat"], round((utcnow() - patrol.started_at).total_seconds())])
    patrol.path = json.dumps(path)
    tx.put(PATROLS, patrol.record())
    return {"points": len(path)}


def finish(tx: Transaction, p: dict) -> dict:
    """The patrol is over: the checks done, from the team's checklist."""
    patrol = active_patrol(tx, p["patrol"])
    wrong = checklists.unknown(patrol.team_type, p["checks"])
    if wrong:
        raise _refuse(f"not on the {patrol.team_type} checklist: {', '.join(wrong)}", "unknown_check", checks=wrong)
    patrol.checks = json.dumps(list(dict.fromkeys(p["checks"])))
    patrol.state, patrol.seconds = FINISHED, round((utcnow() - patrol.started_at).total_seconds())
    tx.put(PATROLS, patrol.record())
    return patrol.record()


def problem(tx: Transaction, p: dict) -> dict:
    """A problem found on a patrol under way: placed in the unit whose area holds it, and a case opened there."""
    patrol = active_patrol(tx, p["patrol"])
    unit = place(tx.session, Tree.load(tx.session), p["lat"], p["lon"], boundaries=tx.offers("cases.open"))
    if unit is None:
        raise _refuse(
            f"({p['lat']}, {p['lon']}) lies outside every area of the district",
            "outside_area",
            lat=p["lat"],
            lon=p["lon"],
        )
    found = Problem(
        patrol=patrol.id,
        team_type=patrol.team_type,
        found_at=utcnow(),
        title=p["title"].strip(),
        type=p["type"],
        unit=unit,
        lat=p["lat"],
        lon=p["lon"],
        photo=p.get("photo") or "",
        state=OPEN,
    )
    if not found.title:
        raise _refuse("a problem needs a title", "no_title")
    tx.session.add(found)
    tx.session.flush()
    if tx.offers("cases.open"):  # without the cases plugin the problem is recorded, open, with no case
        case = tx.call(
            "cases.open",
            {
                "source": "patrol",
                "type": p["type"],
                "unit": unit,
                "priority": p.get("priority") or "medium",
                "title": found.title,
                "description": p.get("description") or "",
                "lat": p["lat"],
                "lon": p["lon"],
                "attachments": [found.photo] if found.photo else [],
                "source_ref": f"{PROBLEMS}/{found.id}",
            },
        )
        found.case_id = case["id"]
    tx.put(PROBLEMS, found.record())
    return found.record()


def recheck(tx: Transaction, p: dict) -> dict:
    """A supervision patrol re-checks a handled case on site: passed, or the case is reopened with the reason."""
    patrol = active_patrol(tx, p["patrol"])
    if patrol.team_type != SUPERVISION:
        raise Refused(
            f"patrol {patrol.id} is an {patrol.team_type} patrol: only supervision re-checks cases",
            {"reason": "not_supervision", "patrol": patrol.id},
        )
    from citybrain.core.cases.model import Case  # the shared loop's table: read, never written here

    case = get_or_refuse(tx.session, Case, p["case"], "case")
    if not tx.caller.sees(case.unit):  # a handled case is no longer in the placed cases.open: checked here
        raise tx.caller.outside("case", case.id)
    if case.state not in HANDLED_STATES:
        raise Refused(
            f"case {case.id} is {case.state}: only a handled case (resolved, verified or closed) is re-checked",
            {"reason": "not_handled", "case": case.id, "state": case.state},
        )
    reason = (p.get("reason") or "").strip()
    if not p["passed"]:
        if not reason:
            raise _refuse("a failed re-check needs the reason", "reason_needed")
        tx.call("cases.act", {"case": case.id, "action": "reopen", "reason": f"督查复核未通过: {reason}"})
        for found in tx.session.scalars(select(Problem).where(Problem.case_id == case.id)):
            found.state, found.handled_at = OPEN, None
            tx.put(PROBLEMS, found.record())
    done = Recheck(
        patrol=patrol.id, case_id=case.id, at=utcnow(), passed=p["passed"], reason=reason, by=tx.caller.username or ""
    )
    tx.session.add(done)
    tx.session.flush()
    return {"recheck": done.id, "case": case.id, "state": case.state, "passed": done.passed}


def follow_cases(tx: Transaction, now: datetime | None = None) -> int:
    """Problems take their case's news: resolved, verified or closed is handled, cancelled is unhandled, reopened is
    open again.  Returns how many changed."""
    from citybrain.core.cases.model import Case

    since = (now or utcnow()) - FOLLOWED
    rows = tx.session.execute(
        select(Problem, Case.state, Case.resolved_at)
        .join(Case, Case.id == Problem.case_id)
        .where((Problem.state == OPEN) | (Problem.found_at >= since))
    )
    changed = 0
    for found, state, resolved_at in rows:
        new = HANDLED if state in HANDLED_STATES else UNHANDLED if state == "cancelled" else OPEN
        if new != found.state:
            found.state = new
            found.handled_at = (resolved_at or utcnow()) if new == HANDLED else None
            tx.put(PROBLEMS, found.record())
            changed += 1
    return changed
