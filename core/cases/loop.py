"""The closed loop: open, dispatch, accept, work, resolve, verify, close; reject, reopen, cancel; escalate.

Every step is checked against :data:`TRANSITIONS` (an illegal one is refused
and says which states allow it), written as a :class:`CaseEvent` with the
operator and time, and published to the ``cases.open`` collection in the same
transaction, for whichever plugin opened or moved the case: the loop is a platform
service, which writes ``cases.open`` for the platform (``core/write_scope.py``).
Each waiting state has a deadline from the catalogue (working hours where the
type says so); a durable timer fires when it passes and the
case moves one level up its escalation chain (property company → committee →
subdistrict → district), where the new owner must accept it again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from citybrain.core.api import ErrorCode, Refused, Transaction, get_or_refuse
from citybrain.core.cases import grids
from citybrain.core.cases.model import (
    ACCEPTED,
    CANCELLED,
    CLOSED,
    DISPATCHED,
    FINAL,
    IN_PROGRESS,
    NEW,
    PRIORITIES,
    RESOLVED,
    SOURCES,
    VERIFIED,
    Case,
    CaseEvent,
    Catalogue,
    case_record,
)
from citybrain.core.district import Tree
from citybrain.core.storage.engine import utcnow
from citybrain.core.timers import TimerInfo
from citybrain.core.workcalendar import WorkCalendar
from citybrain.core.write_scope import for_platform

OPEN = "cases.open"  # live collection: every case not closed or cancelled
DEADLINE = "cases.deadline"  # timer kind
SERVICE, WRITES = "case loop", frozenset({OPEN})  # a platform service: it writes cases.open for whoever calls it

# action -> (states it may start from, state it leads to, needs a reason)
TRANSITIONS: dict[str, tuple[frozenset[str], str, bool]] = {
    "dispatch": (frozenset({NEW}), DISPATCHED, False),
    "accept": (frozenset({DISPATCHED}), ACCEPTED, False),
    "reject": (frozenset({DISPATCHED}), NEW, True),
    "start": (frozenset({ACCEPTED}), IN_PROGRESS, False),
    "resolve": (frozenset({ACCEPTED, IN_PROGRESS}), RESOLVED, False),
    "verify": (frozenset({RESOLVED}), VERIFIED, False),
    "reopen": (frozenset({RESOLVED, VERIFIED, CLOSED}), IN_PROGRESS, True),  # closed: a supervision re-check failed
    "close": (frozenset({VERIFIED}), CLOSED, False),
    "cancel": (frozenset({NEW, DISPATCHED, ACCEPTED, IN_PROGRESS, RESOLVED}), CANCELLED, True),
    # handed up the chain by its owner, with a reason: what a compound or a committee cannot solve (the seed's small
    # screen); a missed deadline escalates by itself (on_deadline)
    "escalate": (frozenset({DISPATCHED, ACCEPTED, IN_PROGRESS}), DISPATCHED, True),
}
STAGE = {DISPATCHED: "accept", ACCEPTED: "resolve", IN_PROGRESS: "resolve"}  # states with a deadline


@dataclass
class CaseLoop:
    catalogue: Catalogue | None = None  # fixed (tests, the demo's bulk work); otherwise the database's, cached
    calendar: WorkCalendar = field(default_factory=WorkCalendar.shipped)
    now: Callable[[], datetime] = utcnow
    fixed_tree: Tree | None = None  # bulk work (the demo) loads the tree once; otherwise read per transaction
    # the stored catalogue and grids per database (one process may serve several daemons: the tests do)
    _stored: WeakKeyDictionary[Engine | Connection, Catalogue] = field(
        default_factory=WeakKeyDictionary, init=False, repr=False
    )
    _grids: WeakKeyDictionary[Engine | Connection, grids.GridIndex] = field(
        default_factory=WeakKeyDictionary, init=False, repr=False
    )

    def tree(self, tx: Transaction) -> Tree:
        return self.fixed_tree or Tree.load(tx.session)

    def types(self, session: Session) -> Catalogue:
        """The event catalogue cases are opened and timed by: the imported one, or the shipped one before any."""
        if self.catalogue is not None:
            return self.catalogue
        engine = session.get_bind()
        if engine not in self._stored:
            self._stored[engine] = Catalogue.load(session)
        return self._stored[engine]

    def grid_index(self, session: Session) -> grids.GridIndex:
        engine = session.get_bind()
        if engine not in self._grids:
            self._grids[engine] = grids.GridIndex.load(session)
        return self._grids[engine]

    def forget(self, session: Session) -> None:
        """After an import of the catalogue or of grids: the next transaction reads them again."""
        self._stored.pop(session.get_bind(), None)
        self._grids.pop(session.get_bind(), None)

    # -- opening -----------------------------------------------------------------------
    def open(
        self,
        tx: Transaction,
        *,
        source: str,
        type: str,
        unit: str,
        title: str,
        priority: str | None = None,
        description: str = "",
        address: str = "",
        lat: float | None = None,
        lon: float | None = None,
        attachments: Iterable[str] = (),
        source_ref: str = "",
        dispatch: bool = True,
    ) -> dict:
        """Open a case (any plugin, in its own transaction); dispatched at once to the first owner unless told not.

        Its priority is its type's catalogue level unless given; a location inside a grid under ``unit`` places it
        in that grid (whose staff own it first)."""
        problems = []
        if source not in SOURCES:
            problems.append(f"source must be one of {', '.join(SOURCES)}")
        kinds = self.types(tx.session).types
        if type not in kinds:
            problems.append(f"unknown case type {type!r}")
        elif priority is None:
            priority = kinds[type].level
        if priority not in PRIORITIES:
            problems.append(f"priority must be one of {', '.join(PRIORITIES)}")
        tree = self.tree(tx)
        if lat is not None and lon is not None:
            unit = self.grid_index(tx.session).refine(tree, unit, lon, lat)
        chain = tree.escalation_chain(unit)
        if not chain:
            problems.append(f"unknown org unit {unit!r}")
        if not title.strip():
            problems.append("a case needs a title")
        if problems:
            raise Refused("case not opened: " + "; ".join(problems), code=ErrorCode.INVALID_PAYLOAD)
        place = tree.units[unit]
        if lat is None or lon is None:  # no map point given: where its unit is, if the tree knows
            lat, lon = place.get("lat"), place.get("lon")
        address = address or place.get("address") or ""
        now = self.now()
        case = Case(
            source=source,
            source_ref=source_ref,
            type=type,
            title=title.strip(),
            description=description,
            priority=priority,
            unit=unit,
            address=address,
            lat=lat,
            lon=lon,
            attachments=json.dumps(list(attachments), ensure_ascii=False),
            state=NEW,
            owner=None,
            chain=json.dumps(chain),
            level=0,
            levels="[]",
            opened_at=now,
            opened_by=tx.caller.username or "system",
        )
        tx.session.add(case)
        tx.session.flush()
        self._event(tx, case, "open", NEW, NEW, f"{source} {source_ref}".strip())
        if dispatch:
            return self.act(tx, case.id, "dispatch")
        with for_platform(tx, SERVICE, WRITES):
            tx.put(OPEN, case_record(case))
        return case_record(case)

    # -- acting --------------------------------------------------------------------------
    def act(
        self, tx: Transaction, case_id: int, action: str, *, unit: str | None = None, reason: str = "", note: str = ""
    ) -> dict:
        """One step of the loop; refused with a clear message when the case's state does not allow it."""
        if action not in TRANSITIONS:
            raise Refused(
                f"unknown case action {action!r}; one of {', '.join(TRANSITIONS)}", code=ErrorCode.INVALID_PAYLOAD
            )
        case = get_or_refuse(tx.session, Case, case_id, "case")
        allowed, target, needs_reason = TRANSITIONS[action]
        if case.state not in allowed:
            raise Refused(
                f"case {case_id} is {case.state}: {action} needs it {' or '.join(sorted(allowed))}",
                details={"state": case.state, "action": action, "allowed_from": sorted(allowed)},
            )
        if needs_reason and not reason.strip():
            raise Refused(f"{action} needs a reason", code=ErrorCode.INVALID_PAYLOAD)
        if action == "escalate":
            return self.escalate(tx, case, reason=reason.strip())
        now, before = self.now(), case.state
        if action == "dispatch":
            self._dispatch(tx, case, unit, now)
        elif action == "reject":
            self._pass(case, case.owner, now, f"rejected: {reason}")
            case.owner = None
        elif action == "accept":
            case.accepted_at = now  # by this owner: an escalated case is accepted again by the next
        elif action == "resolve":
            case.resolved_at, case.resolved_by_unit = now, case.owner
        elif action == "reopen":
            case.reopened += 1
            case.resolved_at = case.resolved_by_unit = case.closed_at = None
        elif action in ("close", "cancel"):
            case.closed_at = now
        case.state = target
        if reason:
            case.reason = reason.strip()
        self._deadline(tx, case, now)
        self._event(tx, case, action, before, target, reason or note)
        return self._publish(tx, case)

    def _dispatch(self, tx: Transaction, case: Case, unit: str | None, now: datetime) -> None:
        chain = json.loads(case.chain)
        if unit is not None and unit not in self.tree(tx).units:
            raise Refused(f"unknown org unit {unit!r}", code=ErrorCode.INVALID_PAYLOAD)
        owner = unit or chain[min(case.level, len(chain) - 1)]
        if owner in chain:
            case.level = chain.index(owner)
        case.owner, case.dispatched_at = owner, now
        self._pass(case, owner, now, "dispatched")

    def _pass(self, case: Case, owner: str | None, now: datetime, why: str) -> None:
        """Remember an owner the case passed through (escalation history)."""
        levels = json.loads(case.levels)
        levels.append({"unit": owner, "at": now.isoformat(timespec="seconds"), "why": why})
        case.levels = json.dumps(levels, ensure_ascii=False)

    def _deadline(self, tx: Transaction, case: Case, now: datetime) -> None:
        stage = STAGE.get(case.state)
        if stage is None:
            case.due_at = None
            tx.cancel_timer(DEADLINE, str(case.id))
            return
        limit, working = self.types(tx.session).limit(case.type, case.priority, stage)
        case.due_at = self.calendar.add(now, limit, working_hours=working)
        tx.set_timer(DEADLINE, str(case.id), case.due_at, {"state": case.state, "owner": case.owner})

    # -- escalation ------------------------------------------------------------------------
    def on_deadline(self, tx: Transaction, timer: TimerInfo) -> None:
        """The timer handler: the case missed its deadline in the state it was set for; one level up."""
        case = tx.session.get(Case, int(timer.key))
        if case is None or case.state != timer.payload.get("state") or case.owner != timer.payload.get("owner"):
            return  # it moved on since: nothing to escalate
        self.escalate(tx, case)

    def escalate(self, tx: Transaction, case: Case, reason: str = "") -> dict:
        """One level up the case's chain: past its deadline (no ``reason``), or handed up by its owner with one."""
        now, before = self.now(), case.state
        chain = json.loads(case.chain)
        if case.level + 1 >= len(chain):
            if reason:
                raise Refused(
                    f"case {case.id} is with the top of its chain ({case.owner}): nobody higher to hand it to",
                    details={"reason": "top_of_chain", "case": f"#{case.id}", "owner": case.owner},
                )
            # a missed deadline at the top: the case keeps it, so every desk shows it overdue until it moves on
            case.escalations += 1
            self._event(tx, case, "overdue", before, before, f"deadline missed at the top level ({case.owner})")
            return self._publish(tx, case)
        case.escalations += 1
        case.level += 1
        case.owner = chain[case.level]
        case.state = DISPATCHED
        case.dispatched_at, case.accepted_at = now, None  # the next owner's to accept (hours to accept: its own)
        if reason:
            case.reason = reason
        self._pass(
            case, case.owner, now, f"handed up: {reason}" if reason else f"escalated: {before} past its deadline"
        )
        self._deadline(tx, case, now)
        self._event(tx, case, "escalate", before, DISPATCHED, f"to {case.owner}" + (f": {reason}" if reason else ""))
        return self._publish(tx, case)

    # -- writing ------------------------------------------------------------------------------
    def _event(self, tx: Transaction, case: Case, action: str, before: str, after: str, detail: str) -> None:
        tx.session.add(
            CaseEvent(
                case_id=case.id,
                at=self.now(),
                operator=tx.caller.username or "system",
                desk=tx.caller.desk or "",
                action=action,
                from_state=before,
                to_state=after,
                owner=case.owner,
                detail=detail,
            )
        )

    def _publish(self, tx: Transaction, case: Case) -> dict:
        record = case_record(case)
        with for_platform(tx, SERVICE, WRITES):
            if case.state in FINAL:
                tx.delete(OPEN, case.id)
            else:
                tx.put(OPEN, record)
        return record


def history(session: Session, case_id: int) -> list[dict]:
    """Every step of a case, oldest first."""
    rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id))
    return [
        {
            "at": e.at.isoformat(timespec="seconds"),
            "operator": e.operator,
            "desk": e.desk,
            "action": e.action,
            "from": e.from_state,
            "to": e.to_state,
            "owner": e.owner,
            "detail": e.detail,
        }
        for e in rows
    ]
