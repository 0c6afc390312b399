"""The 15 no-visit services (免申即享, ``no_visit = true`` in configs/people/policies.toml): a resident who qualifies
for one and receives nothing is granted it from the 应享未享 list, with no outreach visit.  The grant records the
benefit at once (``people_benefits``, source ``grant``, running from today), so the next scan no longer lists the
hit; it is kept with the criteria that held (``people.grants``, placed by committee, operators only) and closes an
outreach visit planned for it as ``enrolled``.  A resident the sources disagree about is checked first, never
granted; a policy that needs a visit is refused."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, Transaction, UTCDateTime, utcnow
from citybrain.plugins.people import GRANTS, OUTREACH
from citybrain.plugins.people.outreach import AnsweredHit, OutreachTask, current_hit, record as task_record
from citybrain.plugins.people.tables import Benefit, Resident

FEED_DAYS = 120  # people.grants carries the last four months' grants, as people.visits does
FEED_MOST = 20_000


class Grant(AnsweredHit, Base):
    """A no-visit benefit granted from a hit: who, which policy, the benefit record it made, why they qualified."""

    __tablename__ = "people_grants"

    benefit_id: Mapped[int] = mapped_column(Integer)
    granted_by: Mapped[str] = mapped_column(String(64), default="")
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)


def record(g: Grant, r: Resident, policy_name: str, benefit: str) -> dict:
    return g.hit_record(r, policy_name) | {
        "key": f"{g.resident_id}:{g.policy}",  # the hit it answered (people.unmet's key)
        "benefit": benefit,
        "granted_by": g.granted_by,
        "granted_at": g.granted_at.isoformat(timespec="seconds"),
    }


def recent(session: Session) -> list[dict]:
    """The grants of the last FEED_DAYS, at most FEED_MOST (the newest)."""
    from citybrain.plugins.people.policies import by_id

    since = utcnow() - timedelta(days=FEED_DAYS)
    rows = session.execute(
        select(Grant, Resident, Benefit.programme)
        .join(Resident, Resident.id == Grant.resident_id)
        .join(Benefit, Benefit.id == Grant.benefit_id)
        .where(Grant.granted_at >= since)
        .order_by(Grant.id.desc())
        .limit(FEED_MOST)
    ).all()
    known = by_id()
    return [record(g, r, known[g.policy].name if g.policy in known else g.policy, code) for g, r, code in rows]


def grant(tx: Transaction, payload: dict) -> dict:
    """``people.grant``: a no-visit policy's benefit for a resident it lists as a hit (``committee`` checked against
    the desk's unit before this runs, and against the resident here)."""
    r, policy, scan, reasons = current_hit(tx, payload)
    if not policy.no_visit:
        raise Refused(
            f"{policy.name} needs an outreach visit: plan one",
            {"reason": "needs_visit", "policy": policy.id},
            code=ErrorCode.REFUSED,
        )
    if scan.check.get(r.id):
        raise Refused(
            "the sources disagree about this resident: check them before granting",
            {"reason": "check_sources", "kinds": scan.check[r.id]},
            code=ErrorCode.REFUSED,
        )
    now = utcnow()
    today = scan.today
    if tx.session.scalar(
        select(Benefit.id).where(
            Benefit.resident_id == r.id, Benefit.programme == policy.benefit, Benefit.since == today
        )
    ):  # one ended today: a benefit starts once a day (people_benefits' key)
        raise Refused("that benefit ended today: grant it tomorrow", {"reason": "ended_today"}, code=ErrorCode.REFUSED)
    benefit = Benefit(resident_id=r.id, programme=policy.benefit, since=today, until=None, source="grant")
    tx.session.add(benefit)
    tx.session.flush()
    g = Grant(
        resident_id=r.id,
        policy=policy.id,
        benefit_id=benefit.id,
        committee=r.committee,
        subdistrict=r.subdistrict,
        reasons="\n".join(reasons)[:1_000],
        granted_by=tx.caller.username or "",
        granted_at=now,
    )
    tx.session.add(g)
    r.changed_at = now  # the residents' cards and tags read the benefits
    for task in tx.session.scalars(
        select(OutreachTask).where(
            OutreachTask.resident_id == r.id, OutreachTask.policy == policy.id, OutreachTask.outcome.is_(None)
        )
    ):  # a visit planned before anyone saw it needs none: it ends enrolled
        task.outcome, task.reason, task.outcome_by, task.outcome_at = "enrolled", "granted, no visit", g.granted_by, now
        tx.put(OUTREACH, task_record(task, r))
    tx.session.flush()
    tx.put(GRANTS, record(g, r, policy.name, policy.benefit))
    return {"grant": g.id, "benefit": policy.benefit, "since": today.isoformat()}
