"""Cases plugin, daemon half: the org tree and the case loop as collections, commands, queries, an importer
and the deadline timers.  The loop itself lives in :mod:`citybrain.core.cases` so that any plugin can open
cases; this plugin is how desks see and work them.  No Qt here."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core import district
from citybrain.core.api import (
    Caller,
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    ErrorCode,
    ImporterSpec,
    ImportReport,
    OpenItem,
    QuerySpec,
    Refused,
    Restricted,
    Role,
    RowError,
    TimerSpec,
    Transaction,
    Within,
    aware_time,
    hookimpl,
    in_unit,
    one_of,
)
from citybrain.core.cases import (
    DEADLINE,
    OPEN,
    PRIORITIES,
    SOURCES,
    TRANSITIONS,
    Case,
    CaseLoop,
    case_record,
    catalogue,
    grids,
    history,
)
from citybrain.core.cases.model import FINAL
from citybrain.core.cases.stats import GROUPS, case_frame, summarise
from citybrain.core.district import OrgUnit, Tree, parse_units, save_units
from citybrain.plugins.cases import boundaries, demo, kpis
from citybrain.plugins.cases.boundaries import BOUNDARIES
from citybrain.plugins.cases.fields import declared
from citybrain.plugins.cases.kpis import citybrain_metrics  # noqa: F401 - the KPIs it contributes (a hook)

UNITS = "org.units"
CONTACTS = "org.contacts"  # the units' contacts and people on duty, split off: operators and above
TYPES = "cases.types"
GRIDS = "cases.grids"
LOOP = CaseLoop()  # stateless between transactions: the tree is read per transaction


def _open_cases(session: Session) -> Iterable[dict]:
    return [case_record(c) for c in session.scalars(select(Case).where(Case.state.not_in(FINAL)))]


def _units(session: Session) -> Iterable[dict]:
    return [u.as_record() for u in session.scalars(select(OrgUnit))]


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    # placed with its owner: escalated, a case leaves the lower unit's desk and reaches the upper one's
    return [
        CollectionSpec(OPEN, key="id", title="Open cases", load=_open_cases, place="owner"),
        CollectionSpec(
            UNITS,
            key="code",
            title="Org units",
            load=_units,
            restricted=Restricted(CONTACTS, ("contacts", "on_duty")),
            place=DistrictWide("the org tree: every desk names every unit, and escalates up it"),
        ),
        CollectionSpec(
            TYPES,
            key="code",
            title="Case types",
            load=lambda s: LOOP.types(s).records(),
            place=DistrictWide("reference: the event catalogue"),
        ),
        CollectionSpec(
            GRIDS,
            key="code",
            title="Grids and their boundaries (WGS84)",
            load=lambda s: grids.records(s, Tree.load(s)),
            place=DistrictWide("reference: the map draws every grid"),
        ),
        CollectionSpec(
            BOUNDARIES, key="id", title="District boundaries (WGS84)", place=DistrictWide("reference: the map")
        ),
    ]


async def publish_boundaries(ctx: DaemonContext) -> None:
    """Once, when the daemon serves: the configured boundary files as a volatile collection."""
    found, problems = boundaries.records(boundaries.configured(ctx.config))
    for problem in problems:
        ctx.log.warning("map boundaries: %s", problem)
    ctx.publish(BOUNDARIES, put=found)


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    return [publish_boundaries]


def open_case(tx: Transaction, p: dict) -> dict:
    return LOOP.open(tx, **{k: v for k, v in p.items() if v is not None})


def _may_cancel(tx: Transaction, case_id: int) -> None:
    """An urgent case is cancelled by the duty leader (or an admin), not by a plain operator: a fire or a gas leak
    closed for good on one operator's word is the mistake hardest to undo."""
    case = tx.session.get(Case, case_id)
    role = tx.caller.role
    if case is not None and case.priority == "urgent" and (role is None or role < Role.DUTY_LEADER):
        raise Refused(
            f"case {case_id} is urgent: only the duty leader cancels it",
            code=ErrorCode.FORBIDDEN,
            details={"reason": "urgent_cancel", "case": case_id, "needs": Role.DUTY_LEADER.label},
        )


OWNER_KINDS = district.OWNERS  # who can own a case


def _may_dispatch_to(tx: Transaction, unit: str | None) -> None:
    """A dispatcher's chosen unit must be in the org tree and one that works cases (not a compound, say)."""
    if unit is None:
        return
    found = tx.session.get(OrgUnit, unit)
    if found is None:
        raise Refused(
            f"unknown org unit {unit!r}",
            code=ErrorCode.INVALID_PAYLOAD,
            details={"reason": "unknown_unit", "unit": unit},
        )
    if found.kind not in OWNER_KINDS:
        raise Refused(
            f"{found.name} ({found.kind}) does not work cases",
            code=ErrorCode.INVALID_PAYLOAD,
            details={"reason": "not_an_owner", "unit": unit},
        )


def act(tx: Transaction, p: dict) -> dict:
    if p["action"] == "cancel":
        _may_cancel(tx, p["case"])
    if p["action"] == "dispatch":
        _may_dispatch_to(tx, p.get("unit"))
    return LOOP.act(
        tx, p["case"], p["action"], unit=p.get("unit"), reason=p.get("reason") or "", note=p.get("note") or ""
    )


def bulk(tx: Transaction, p: dict) -> dict:
    """The duty leader's bulk action: every case or none (one refusal refuses the lot, saying which)."""
    done, problems = [], []
    for case_id in p["cases"]:
        try:
            done.append(LOOP.act(tx, case_id, p["action"], unit=p.get("unit"), reason=p.get("reason") or "")["id"])
        except Refused as exc:
            problems.append({"case": case_id, "message": exc.message})
    if problems:
        raise Refused(
            f"{len(problems)} of {len(p['cases'])} cases cannot be {p['action']}ed; nothing was changed",
            details=problems,
        )
    return {"cases": done}


ACTIONS = one_of(TRANSITIONS)
CASE = Within("case", OPEN)  # a case acted on or read: one its owner places in the caller's unit


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        # dispatch false: the case waits, new, in the district dispatcher's inbox (a person reported it)
        CommandSpec(
            "cases.open",
            open_case,
            title="Open a case",
            payload={
                "source": Literal[SOURCES],
                "type": str,
                "unit": str,
                "priority": Literal[PRIORITIES] | None,
                "title": str,
                "description": str | None,
                "address": str | None,
                "lat": float | None,
                "lon": float | None,
                "attachments": list[str] | None,
                "source_ref": str | None,
                "dispatch": bool | None,
            },
            within=(Within("unit"),),
        ),
        CommandSpec(
            "cases.act",
            act,
            title="Move a case along the loop",
            payload={"case": int, "action": ACTIONS, "unit": str | None, "reason": str | None, "note": str | None},
            within=(CASE, Within("unit")),
        ),
        CommandSpec(
            "cases.bulk",
            bulk,
            role=Role.DUTY_LEADER,
            title="One action on many cases",
            payload={"cases": list[int], "action": ACTIONS, "unit": str | None, "reason": str | None},
            within=(Within("cases", OPEN), Within("unit")),
        ),
    ]


def _history(session: Session, p: dict, caller: Caller) -> list[dict]:
    return history(session, p["case"])


def _stats(session: Session, p: dict, caller: Caller) -> list[dict]:
    start, end = aware_time(p["start"], "start"), aware_time(p["end"], "end")
    return summarise(in_unit(case_frame(session, start, end), "unit", caller), p.get("by"))


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec("cases.history", _history, params={"case": int}, title="A case's full history", within=(CASE,)),
        QuerySpec(
            "cases.stats",
            _stats,
            title="Case statistics (of the cases in the caller's unit)",
            params={"start": str, "end": str, "by": Literal[GROUPS] | None},
            scoped=True,
        ),
        *kpis.QUERIES,
    ]


def import_units(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    existing = Tree.load(tx.session).units
    units, report = parse_units(filename, data, existing)
    if not report.errors:
        for record in save_units(tx.session, units):
            tx.put(UNITS, record)
    return report


def import_event_types(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """The event catalogue, merged by code; the first import replaces the shipped one, so it must keep every type
    the database's cases have."""
    items, report = catalogue.parse(filename, data, catalogue.Departments.of(Tree.load(tx.session).units))
    if not catalogue.stored(tx.session):
        used = set(tx.session.scalars(select(Case.type).distinct())) - {i["code"] for i in items}
        if used:
            report.errors.insert(
                0, RowError(0, "code", f"the catalogue lacks types that cases have: {', '.join(sorted(used)[:20])}")
            )
            report.imported = 0
    if not report.errors:
        before = set(LOOP.types(tx.session).types)
        catalogue.save(tx.session, items)
        LOOP.forget(tx.session)
        after = LOOP.types(tx.session)
        for record in after.records():
            tx.put(TYPES, record)
        for code in before - set(after.types):  # the shipped types the first import replaced
            tx.delete(TYPES, code)
    return report


def import_grids(tx: Transaction, filename: str, data: Any) -> ImportReport:
    tree = Tree.load(tx.session)
    found, report = grids.parse(data, tree.units)
    if not report.errors:
        for record in grids.save(tx.session, tree, found):
            tx.put(UNITS, record)
        tx.session.flush()
        LOOP.forget(tx.session)
        for record in grids.records(tx.session, Tree.load(tx.session)):
            tx.put(GRIDS, record)
    return report


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            "org_units",
            import_units,
            title="Org units (code, name, kind, parent, …)",
            extensions=(".csv", ".xlsx"),
            role=Role.ADMIN,
        ),
        ImporterSpec(
            catalogue.KIND,
            import_event_types,
            role=Role.ADMIN,
            extensions=(".csv", ".xlsx"),
            title="Event catalogue (code, name, category, department, line, receiver, level, deadlines)",
        ),
        ImporterSpec(
            grids.KIND,
            import_grids,
            title="Grids with their boundaries (GeoJSON: code, name, committee)",
            extensions=(".geojson", ".json"),
            role=Role.ADMIN,
            parse=grids.read,
            max_bytes=grids.MAX_BYTES,
        ),
    ]


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    return [TimerSpec(DEADLINE, LOOP.on_deadline)]


HANDED_OVER = 20  # cases a handover names one by one; the rest are counted


@hookimpl
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    """For a handover: the count of open cases, and the urgent, overdue or escalated ones by name."""
    still = session.scalars(select(Case).where(Case.state.not_in(FINAL))).all()
    late = [c for c in still if c.due_at is not None and c.due_at < now]
    pressing = sorted(
        {c.id: c for c in late + [c for c in still if c.priority == "urgent" or c.escalations]}.values(),
        key=lambda c: (c.priority not in ("urgent", "high"), c.due_at or now),
    )  # named: these first
    if not still:
        return []
    names = {code: name for code, name in session.execute(select(OrgUnit.code, OrgUnit.name))}
    named = [
        OpenItem(
            "case",
            f"#{c.id} {c.title}",
            f"{c.state} · {c.priority} · {names.get(c.owner or '', c.owner or '')}"
            + (f" · escalated ×{c.escalations}" if c.escalations else ""),
            c.due_at,
            f"{OPEN}/{c.id}",
            facts={
                "case": c.id,
                "title": c.title,
                "state": c.state,
                "priority": c.priority,
                "owner": c.owner,
                "escalations": c.escalations,
            },
            priority=c.priority,
        )
        for c in pressing[:HANDED_OVER]
    ]
    unnamed = len(pressing) - len(named)
    return named + [
        OpenItem(
            "case",
            f"{len(still)} open cases",
            f"{len(late)} overdue" + (f"; {unnamed} more urgent, overdue or escalated not listed" if unnamed else ""),
            facts={"open": len(still), "overdue": len(late), "unlisted": unnamed},
        )
    ]


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    demo.seed(tx, rng, LOOP)
