"""Pushes and what comes of them: a seeker's top matches pushed (one seeker, or every looking seeker of a subdistrict
in one click), sent by the notifier, then the seeker's answer, an interview, a hire.  A hire closes the seeker's
search and fills one opening of the vacancy (the vacancy closes with its last opening)."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

from sqlalchemy import ColumnElement, select

from citybrain.core.api import DaemonContext, ErrorCode, Refused, Transaction, append_rows, get_or_refuse, utcnow
from citybrain.plugins.jobs import matching, subsidies
from citybrain.plugins.jobs.matches import looking_side, open_vacancy_side
from citybrain.plugins.jobs.notifier import configured
from citybrain.plugins.jobs.publish import vacancy_record
from citybrain.plugins.jobs.tables import Push, Seeker, Vacancy

PUSHED_PER_SEEKER = (1, 10)  # how many vacancies one push sends a seeker: 3 unless the operator says
SEND_BATCH = 2_000


def _pushed_before(tx: Transaction, who: ColumnElement[bool]) -> list[tuple[int, int]]:
    """The (seeker, vacancy) pairs pushed before to the looking seekers ``who``."""
    rows = tx.session.execute(
        select(Push.seeker, Push.vacancy).join(Seeker, Seeker.id == Push.seeker).where(Seeker.state == "looking", who)
    )
    return [(s, v) for s, v in rows]


def matched(tx: Transaction, who: ColumnElement[bool], k: int, at: datetime, by: str) -> list[dict]:
    """The push rows (not yet stored) of the looking seekers ``who``: each one's ``k`` best matches among the open
    vacancies, leaving out those pushed to them before, with the reasons and the subsidies a hire would bring as
    of ``at``.  The command and the demo's year both push through it."""
    side = looking_side(tx.session, who)
    if not len(side.ids):
        return []
    found = matching.top_matches(side, open_vacancy_side(tx.session), k, exclude=_pushed_before(tx, who))
    places = {
        i: (sd, c)
        for i, sd, c in tx.session.execute(
            select(Seeker.id, Seeker.subdistrict, Seeker.committee).where(Seeker.state == "looking", who)
        )
    }
    brought = subsidies.codes(subsidies.tags(tx.session, at.date()))
    rows = []
    for matches in found:
        for m in matches:
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
                    "subsidy": brought.get(m.seeker, ""),
                    "by": by,
                    "pushed_at": at,
                    "sent_at": None,
                    "response": None,
                    "responded_at": None,
                    "interview_at": None,
                    "hired_at": None,
                }
            )
    return rows


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
    rows = matched(tx, who, k, utcnow(), tx.caller.username or "system")
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
    fill(tx, seeker, vacancy, now)
    return {"push": p.id, "vacancy_filled": vacancy.filled >= vacancy.openings, "subsidies": subsidy}


def fill(tx: Transaction, seeker: Seeker, vacancy: Vacancy, at: datetime) -> None:
    """What a hire does besides its push: the seeker's search closes, the vacancy fills one opening (and is marked
    filled with its last: it stays listed)."""
    seeker.state, seeker.hired_on, seeker.changed_at = "hired", at.date(), at
    vacancy.filled += 1
    vacancy.changed_at = at
    tx.delete("jobs.searches", seeker.id)
    if vacancy.filled >= vacancy.openings:
        vacancy.filled_on = at.date()
    tx.put("jobs.vacancies", vacancy_record(vacancy))


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
    notifier = configured(ctx.config, ctx.folder)
    try:
        await asyncio.to_thread(notifier.send, messages)
    except Exception:  # noqa: BLE001 - a gateway down must not switch the plugin off: the pushes wait for the next round
        ctx.log.exception("the notifier (%s) failed: %d pushes stay unsent", notifier.channel, len(messages))
        return
    await ctx.transact(_mark_sent, [m["push"] for m in messages], notifier.channel)
