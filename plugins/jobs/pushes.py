"""Pushes and what comes of them: a seeker's top matches pushed (one seeker, or every looking seeker of a subdistrict
in one click), sent by the notifier, then the seeker's answer, an interview, a hire.  A hire closes the seeker's
search and fills one opening of the vacancy (the vacancy closes with its last opening)."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime

from sqlalchemy import select

from citybrain.core.api import DaemonContext, ErrorCode, Refused, Transaction, append_rows, get_or_refuse, utcnow
from citybrain.plugins.jobs import matching, subsidies
from citybrain.plugins.jobs.matches import looking_side, open_vacancy_side
from citybrain.plugins.jobs.notifier import configured
from citybrain.plugins.jobs.publish import vacancy_record
from citybrain.plugins.jobs.tables import Push, Seeker, Vacancy

PUSHED_PER_SEEKER = (1, 10)  # how many vacancies one push sends a seeker: 3 unless the operator says
SEND_BATCH = 2_000


def _pushed_before(tx: Transaction, seeker_ids: list[int]) -> set[tuple[int, int]]:
    rows = tx.session.execute(select(Push.seeker, Push.vacancy).where(Push.seeker.in_(seeker_ids)))
    return {(s, v) for s, v in rows}


def push(tx: Transaction, payload: dict) -> dict:
    """Push the top matches (``limit``, 3 by default) of one seeker or of every looking seeker of a subdistrict,
    leaving out vacancies pushed to them before; ``{"pushes": n, "seekers": m}``."""
    if (payload.get("seeker") is None) == (payload.get("subdistrict") is None):
        raise Refused("push to one seeker or to one subdistrict", {"reason": "seeker_or_subdistrict"})
    k = payload.get("limit") or 3
    if not PUSHED_PER_SEEKER[0] <= k <= PUSHED_PER_SEEKER[1]:
        raise Refused(
            f"a push sends {PUSHED_PER_SEEKER[0]} to {PUSHED_PER_SEEKER[1]} vacancies", code=ErrorCode.INVALID_PAYLOAD
        )
    if payload.get("seeker") is not None:
        get_or_refuse(tx.session, Seeker, payload["seeker"], "looking seeker", only=lambda s: s.state == "looking")
        who = Seeker.id == payload["seeker"]
    else:
        who = Seeker.subdistrict == payload["subdistrict"]
    side = looking_side(tx.session, who)
    vacancies = open_vacancy_side(tx.session)
    before = _pushed_before(tx, [int(i) for i in side.ids])
    # ask for more than k: vacancies pushed before are skipped
    found = matching.top_matches(side, vacancies, k + min(len(before), 20))
    places = dict(
        (i, (sd, c))
        for i, sd, c in tx.session.execute(
            select(Seeker.id, Seeker.subdistrict, Seeker.committee).where(Seeker.id.in_([int(i) for i in side.ids]))
        )
    )
    result = subsidies.tags(tx.session)
    now, rows = utcnow(), []
    for matches in found:
        fresh = [m for m in matches if (m.seeker, m.vacancy) not in before][:k]
        for m in fresh:
            subdistrict, committee = places[m.seeker]
            rows.append(
                {
                    "seeker": m.seeker,
                    "vacancy": m.vacancy,
                    "subdistrict": subdistrict,
                    "committee": committee,
                    "channel": "",
                    "score": m.score,
                    "reasons": json.dumps(m.reasons, ensure_ascii=False),
                    "subsidy": ";".join(s["code"] for s in subsidies.brought(result, m.seeker)),
                    "by": tx.caller.username or "system",
                    "pushed_at": now,
                    "sent_at": None,
                    "response": None,
                    "responded_at": None,
                    "interview_at": None,
                    "hired_at": None,
                }
            )
    if rows:
        append_rows(tx.session, Push, rows)
    return {"pushes": len(rows), "seekers": len({r["seeker"] for r in rows})}


def _push_of(tx: Transaction, payload: dict) -> Push:
    """The payload's push, which must be the payload's seeker's (the seeker is what the unit check placed)."""
    found = get_or_refuse(tx.session, Push, payload["push"], "push")
    if found.seeker != payload["seeker"]:
        raise Refused(
            f"push {found.id} was not made to seeker {payload['seeker']}",
            {"reason": "not_this_seekers"},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    return found


def respond(tx: Transaction, payload: dict) -> dict:
    p = _push_of(tx, payload)
    p.response, p.responded_at = payload["response"], utcnow()
    return {"push": p.id, "response": p.response}


def interview(tx: Transaction, payload: dict) -> dict:
    p = _push_of(tx, payload)
    if p.response != "interested":
        raise Refused("an interview follows a seeker's interest in the push", {"reason": "not_interested"})
    try:
        at = datetime.fromisoformat(payload["at"])
    except ValueError:
        raise Refused(f"not a time: {payload['at']!r}", code=ErrorCode.INVALID_PAYLOAD) from None
    if at.tzinfo is None:
        raise Refused("an interview's time names its time zone", code=ErrorCode.INVALID_PAYLOAD)
    p.interview_at = at
    return {"push": p.id}


def hire(tx: Transaction, payload: dict) -> dict:
    """The seeker is hired through this push: their search closes, the vacancy fills one opening."""
    p = _push_of(tx, payload)
    seeker = get_or_refuse(tx.session, Seeker, p.seeker, "looking seeker", only=lambda s: s.state == "looking")
    vacancy = get_or_refuse(
        tx.session, Vacancy, p.vacancy, "open vacancy", only=lambda v: v.filled < v.openings, reason="filled"
    )
    now = utcnow()
    subsidy = [s for s in p.subsidy.split(";") if s]
    if p.response is None:
        p.response, p.responded_at = "interested", now
    p.hired_at = now
    seeker.state, seeker.hired_on, seeker.changed_at = "hired", date.today(), now
    vacancy.filled += 1
    vacancy.changed_at = now
    tx.delete("jobs.searches", seeker.id)
    if vacancy.filled >= vacancy.openings:
        vacancy.filled_on = date.today()
    tx.put("jobs.vacancies", vacancy_record(vacancy))  # a filled vacancy stays listed, marked filled
    return {"push": p.id, "vacancy_filled": vacancy.filled >= vacancy.openings, "subsidies": subsidy}


def _unsent(session) -> list[dict]:  # noqa: ANN001 - a reader's session
    rows = session.execute(
        select(Push.id, Push.seeker, Push.vacancy, Seeker.phone, Seeker.name, Vacancy.title, Vacancy.employer)
        .join(Seeker, Seeker.id == Push.seeker)
        .join(Vacancy, Vacancy.id == Push.vacancy)
        .where(Push.sent_at.is_(None))
        .order_by(Push.id)
        .limit(SEND_BATCH)
    )
    return [
        {"push": i, "seeker": s, "vacancy": v, "phone": phone, "name": name, "title": title, "employer": employer}
        for i, s, v, phone, name, title, employer in rows
    ]


def _mark_sent(tx: Transaction, ids: list[int], channel: str) -> None:
    now = utcnow()
    for p in tx.session.scalars(select(Push).where(Push.id.in_(ids))):
        p.sent_at, p.channel = now, channel


async def send(ctx: DaemonContext) -> None:
    """The pushes not yet sent, through the configured notifier, then marked sent with its channel."""
    messages = await ctx.read(_unsent)
    if not messages:
        return
    notifier = configured(ctx.config)
    try:
        await asyncio.to_thread(notifier.send, messages)
    except Exception:  # noqa: BLE001 - a gateway down must not switch the plugin off: the pushes wait for the next round
        ctx.log.exception("the notifier (%s) failed: %d pushes stay unsent", notifier.channel, len(messages))
        return
    await ctx.transact(_mark_sent, [m["push"] for m in messages], notifier.channel)
