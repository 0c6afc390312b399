"""Outreach: a hit of the 应享未享 lists becomes a visit task for the resident's committee, and its outcome is
recorded (applied, enrolled, not eligible with the reason — which is how the rules improve —, declined,
unreachable).  Tasks are a live collection placed by committee (operators only: they name a resident, masked)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, Transaction, UTCDateTime, get_or_refuse, utcnow
from citybrain.plugins.people import OUTREACH, matching, privacy
from citybrain.plugins.people.policies import Policy, by_id
from citybrain.plugins.people.tables import Resident

OUTCOMES = ("applied", "enrolled", "not_eligible", "declined", "unreachable")
REASON_CHARS = 500


class AnsweredHit:
    """What an outreach task and a grant keep of the hit they answer: the resident, the policy, where the resident
    lives and the criteria that held when it was made (a mixin: each has its own table)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[int] = mapped_column(Integer, index=True)
    policy: Mapped[str] = mapped_column(String(60), index=True)
    committee: Mapped[str | None] = mapped_column(String(32), index=True)
    subdistrict: Mapped[str | None] = mapped_column(String(32))
    reasons: Mapped[str] = mapped_column(String(1_000), default="")

    def hit_record(self, resident: Resident, policy_name: str) -> dict:
        """The record's fields that say which hit it answers (``fields._HIT`` and the reasons), masked."""
        return {
            "id": self.id,
            "person": self.resident_id,
            "name": resident.name,
            "id_masked": privacy.id_number(resident.id_number),
            "committee": self.committee,
            "subdistrict": self.subdistrict,
            "policy": self.policy,
            "policy_name": policy_name,
            "reasons": [line for line in self.reasons.split("\n") if line],
        }


class OutreachTask(AnsweredHit, Base):
    """One visit to make: a resident who qualifies for a policy and does not receive it; open until its outcome."""

    __tablename__ = "people_outreach"

    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16), index=True)  # OUTCOMES; None: open
    reason: Mapped[str] = mapped_column(String(REASON_CHARS), default="")
    outcome_by: Mapped[str] = mapped_column(String(64), default="")
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def record(task: OutreachTask, resident: Resident) -> dict:
    policy = by_id().get(task.policy)
    return task.hit_record(resident, policy.name if policy else task.policy) | {
        "category": policy.category if policy else "",
        "urgency": policy.urgency if policy else "",
        "created_by": task.created_by,
        "created_at": task.created_at.isoformat(timespec="seconds"),
        "outcome": task.outcome,
        "reason": task.reason,
        "outcome_at": task.outcome_at.isoformat(timespec="seconds") if task.outcome_at else None,
    }


def tasks(session: Session) -> list[dict]:
    rows = session.execute(select(OutreachTask, Resident).join(Resident, Resident.id == OutreachTask.resident_id))
    return [record(t, r) for t, r in rows]


def current_hit(tx: Transaction, payload: dict) -> tuple[Resident, Policy, matching.Scan, list[str]]:
    """The resident (of the committee named, checked against the caller's unit before the handler runs) and the
    policy of a current hit, with the scan and the hit's reasons; refused when either is unknown or it is no hit."""
    policy = by_id().get(payload["policy"])
    if policy is None:
        raise Refused(f"no policy {payload['policy']!r}", {"reason": "not_found"}, code=ErrorCode.INVALID_PAYLOAD)
    r = get_or_refuse(tx.session, Resident, payload["person"], "resident")
    if r.committee != payload["committee"]:
        raise Refused("the resident is not of that committee", {"reason": "not_found"}, code=ErrorCode.INVALID_PAYLOAD)
    scan = matching.current(tx.session)
    hits = scan.hits[list(scan.policies).index(policy)]
    where = scan.index.get_indexer(pd.Index([r.id]))[0]
    found = (hits.positions == where).nonzero()[0] if where >= 0 else []
    if not len(found):
        raise Refused(
            "the resident does not qualify for it, or receives it already",
            {"reason": "not_a_hit"},
            code=ErrorCode.REFUSED,
        )
    return r, policy, scan, hits.reasons(int(found[0]))


def create(tx: Transaction, payload: dict) -> dict:
    """A visit task from a current hit: the resident qualifies for the policy and does not receive it; one open
    task per resident and policy."""
    r, policy, _scan, reasons = current_hit(tx, payload)
    open_task = tx.session.scalar(
        select(OutreachTask).where(
            OutreachTask.resident_id == r.id, OutreachTask.policy == policy.id, OutreachTask.outcome.is_(None)
        )
    )
    if open_task is not None:
        raise Refused("a visit is already planned for it", {"reason": "already_open"}, code=ErrorCode.REFUSED)
    task = OutreachTask(
        resident_id=r.id,
        policy=policy.id,
        committee=r.committee,
        subdistrict=r.subdistrict,
        reasons="\n".join(reasons)[:1_000],
        created_by=tx.caller.username or "",
        created_at=utcnow(),
    )
    tx.session.add(task)
    tx.session.flush()
    tx.put(OUTREACH, record(task, r))
    return {"task": task.id}


def outcome(tx: Transaction, payload: dict) -> dict:
    """A task's outcome; ``not_eligible`` says why (the rules are corrected from these)."""
    task = get_or_refuse(tx.session, OutreachTask, payload["task"], "outreach task")
    said, reason = payload["outcome"], (payload.get("reason") or "").strip()
    if said == "not_eligible" and len(reason) < 4:
        raise Refused("say why they are not eligible", {"reason": "reason_needed"}, code=ErrorCode.INVALID_PAYLOAD)
    if len(reason) > REASON_CHARS:
        raise Refused(f"a reason is at most {REASON_CHARS} characters", code=ErrorCode.INVALID_PAYLOAD)
    if task.outcome is not None:
        raise Refused("its outcome is recorded already", {"reason": "closed"}, code=ErrorCode.REFUSED)
    task.outcome, task.reason, task.outcome_by, task.outcome_at = said, reason, tx.caller.username or "", utcnow()
    tx.session.flush()
    tx.put(OUTREACH, record(task, get_or_refuse(tx.session, Resident, task.resident_id, "resident")))
    return {"task": task.id, "outcome": said}
