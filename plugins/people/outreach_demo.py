"""Demo outreach: three months of committees working their 应享未享 lists — visits planned for some of the hits
that need one, most with an outcome (an enrolment adds the benefit from that day), some still open; and some
no-visit services granted from the lists.  Written as the commands write them, so the KPIs and the lists follow."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.plugins.people import matching
from citybrain.plugins.people.grants import Grant
from citybrain.plugins.people.outreach import OUTCOMES, OutreachTask
from citybrain.plugins.people.tables import Benefit, Resident

DAYS = 90
VISITS = 80  # hits given an outreach visit
GRANTS = 25  # no-visit hits granted
OPEN = 0.25  # of the visits, still without an outcome
WEIGHTS = (15, 45, 10, 15, 15)  # OUTCOMES: applied, enrolled, not eligible, declined, unreachable
WHY_NOT = ("已迁出本市", "收入超过标准", "已在外区享受", "户籍不符")
STAFF = ("王敏", "李静", "张丽", "刘洋", "陈杰", "杨帆")


def seed(tx: Transaction, rng: random.Random) -> None:
    scan = matching.current(tx.session)
    hits = [
        (int(scan.index[hits.positions[k]]), policy, hits.reasons(k))
        for policy, hits in zip(scan.policies, scan.hits, strict=True)
        for k in range(len(hits.positions))
        if int(scan.index[hits.positions[k]]) not in scan.check
    ]
    rng.shuffle(hits)
    once: dict[tuple[int, str], tuple] = {}  # a resident's programme once (bands share one)
    for hit in hits:
        once.setdefault((hit[0], hit[1].benefit), hit)
    visits = [h for h in once.values() if not h[1].no_visit][:VISITS]
    grants = [h for h in once.values() if h[1].no_visit][:GRANTS]
    chosen = {h[0] for h in visits + grants}
    residents = {r.id: r for r in tx.session.scalars(select(Resident).where(Resident.id.in_(chosen)))}
    now = datetime.now(UTC)
    for person, policy, reasons in visits:
        r = residents[person]
        created = now - timedelta(days=rng.randint(8, DAYS), hours=rng.randint(0, 8))
        task = OutreachTask(
            resident_id=person,
            policy=policy.id,
            committee=r.committee,
            subdistrict=r.subdistrict,
            reasons="\n".join(reasons)[:1_000],
            created_by=rng.choice(STAFF),
            created_at=created,
        )
        if rng.random() > OPEN:
            task.outcome = rng.choices(OUTCOMES, WEIGHTS)[0]
            task.outcome_at = created + timedelta(days=rng.randint(1, 7))
            task.outcome_by = task.created_by
            task.reason = rng.choice(WHY_NOT) if task.outcome == "not_eligible" else ""
            if task.outcome == "enrolled":
                since = task.outcome_at.date()
                tx.session.add(Benefit(resident_id=person, programme=policy.benefit, since=since, source="outreach"))
        tx.session.add(task)
    for person, policy, reasons in grants:
        r = residents[person]
        day = scan.today - timedelta(days=rng.randint(1, DAYS))
        benefit = Benefit(resident_id=person, programme=policy.benefit, since=day, source="grant")
        tx.session.add(benefit)
        tx.session.flush()
        tx.session.add(
            Grant(
                resident_id=person,
                policy=policy.id,
                benefit_id=benefit.id,
                committee=r.committee,
                subdistrict=r.subdistrict,
                reasons="\n".join(reasons)[:1_000],
                granted_by=rng.choice(STAFF),
                granted_at=datetime.combine(day, time(10), UTC),
            )
        )
    tx.session.flush()
