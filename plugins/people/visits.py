"""Resident visits on one form (化百表为一表): the visit form (configs/people/visit_form.toml, or a district's own
given as ``[plugins.people] visit_form``), a visit saved with its answers checked against it, the resident's
attributes updated from the answers (so their tags change at once), and the recent visits on the feed, each with the
tags its resident carries after it.

What a visit saves, counted when it is saved: ``fields_entered`` (answers on the one form) against
``ledger_cells`` (the columns every line's ledger it feeds would have had someone write, :mod:`.ledgers`)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from sqlalchemy import Date, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import (
    Base,
    Configured,
    ErrorCode,
    FieldDef,
    FormDef,
    FormError,
    Refused,
    Transaction,
    UTCDateTime,
    columns_of,
    get_or_refuse,
    load_form,
    utcnow,
)
from citybrain.plugins.people import VISITS, tagging
from citybrain.plugins.people.residents import masked
from citybrain.plugins.people.tables import Resident

UPDATABLE = ("living_alone", "hukou", "income_band", "disability_grade", "disability_kind", "employment", "veteran")


def _visit_form(text: str) -> FormDef:
    """A visit form: any form, whose ``known`` fields name only attributes a visit may update."""
    made = load_form(text)
    if unknown := {f.known for f in made.fields if f.known} - set(UPDATABLE):
        raise FormError(f"known names an attribute a visit may not update: {', '.join(sorted(unknown))}")
    return made


form = Configured("people", "visit_form.toml", _visit_form, FormError)  # [plugins.people] visit_form
# A shown field that knows an attribute, answered blank (None, "", []), clears it to what the population base holds
# for "not known" (docs/people.md, "A blank answer"); a bool has no such value and is left as it is; a field left
# out of the answers changes nothing.
CLEARED: dict[str, object] = {"choice": "", "text": "", "multi": "", "int": None, "number": None, "date": None}
MAX_ANSWERS = 20_000  # characters of a visit's answers as JSON
BACK_DAYS = 366  # a visit is recorded within a year of it
FEED_DAYS = 120  # the feed carries the last four months' visits (the desk's list; ledgers read the table)
FEED_MOST = 20_000  # and at most this many, the newest: a district's four months are ~250,000 (docs/people.md)
DAY_MOST = 200  # visits one staff member records for one day: a day's rounds are a few dozen at most


class Visit(Base):
    __tablename__ = "people_visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people_residents.id"), index=True)
    committee: Mapped[str | None] = mapped_column(String(32), index=True)
    subdistrict: Mapped[str | None] = mapped_column(String(32), index=True)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    visitor: Mapped[str] = mapped_column(String(64))
    form: Mapped[str] = mapped_column(String(60))
    answers: Mapped[str] = mapped_column(Text)  # JSON: field key -> clean answer
    changed: Mapped[str] = mapped_column(Text, default="{}")  # JSON: attribute -> [before, after]
    lines: Mapped[str] = mapped_column(String(200), default="")  # the lines the answers feed, ';'-separated
    fields_entered: Mapped[int] = mapped_column(Integer, default=0)
    ledger_cells: Mapped[int] = mapped_column(Integer, default=0)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


def known_of(r: Resident, today: date) -> dict:
    """What the form starts from: the resident as any view shows them (masked), with ``age`` for conditions."""
    return masked(r, [], today)


def _record(v: Visit, r: Resident, tags: list[str]) -> dict:
    return {
        "id": v.id,
        "person": r.id,
        "name": r.name,
        "committee": v.committee,
        "compound": r.compound,
        "visited_on": v.visited_on.isoformat(),
        "visitor": v.visitor,
        "lines": [line for line in v.lines.split(";") if line],
        "fields": v.fields_entered,
        "cells": v.ledger_cells,
        "changed": json.loads(v.changed),
        "follow_up": bool(json.loads(v.answers).get("follow_up")),
        "tags": tags,
    }


def recent(session: Session) -> list[dict]:
    """The visits of the last FEED_DAYS, at most FEED_MOST (the newest), each with its resident's tags now."""
    since = date.today() - timedelta(days=FEED_DAYS)
    rows = session.execute(
        select(Visit, Resident)
        .join(Resident, Resident.id == Visit.resident_id)
        .where(Visit.visited_on >= since)
        .order_by(Visit.visited_on.desc(), Visit.id.desc())
        .limit(FEED_MOST)
    ).all()
    result = tagging.tags(session) if rows else None
    return [_record(v, r, result.tags_of(r.id) if result else []) for v, r in rows]


def save(
    tx: Transaction,
    r: Resident,
    visited_on: date,
    answers: dict,
    visitor: str,
    shown: set[str] | None = None,
    flush: bool = True,
) -> Visit:
    """Check the answers against the form, update the resident's attributes from them and keep the visit; a refusal
    names each wrong field (``details.fields``: field -> error code).  ``shown``: the fields the form shows for these
    answers, when many visits are checked at once (``form().visible_each``); ``flush`` False when many are saved in
    one transaction (the demo's): the caller flushes them all at once (one UPDATE per residents' row a visit, and a
    round trip, otherwise)."""
    from citybrain.plugins.people import ledgers  # the ledgers read this module's table

    if r.death_date is not None:
        raise Refused("this resident is recorded as deceased", {"reason": "deceased"}, code=ErrorCode.REFUSED)
    known, visit_form = known_of(r, visited_on), form()
    shown = visit_form.visible(answers, known, visited_on) if shown is None else shown
    clean, errors = visit_form.check(answers, known, visited_on, shown)
    if errors:
        listed = ", ".join(f"{k}: {e}" for k, e in sorted(errors.items())[:10])
        raise Refused(
            f"answers not valid ({listed})",
            {"reason": "invalid_answers", "fields": dict(sorted(errors.items())[:50])},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    changed = {}
    for f in visit_form.fields:
        if not f.known:
            continue
        if f.key in clean:
            after = clean[f.key]
        elif f.type in CLEARED and (f.key in answers if f.key in shown else _hidden_by(f, answers)):
            after = CLEARED[f.type]  # answered blank, or its condition is false for what this visit answered
        else:
            continue
        if getattr(r, f.known) != after:
            changed[f.known] = [getattr(r, f.known), after]
            setattr(r, f.known, after)
    now = utcnow()
    if changed:
        r.changed_at = now  # the tags' cache is stamped by the residents' latest change
    fed = ledgers.lines_fed(clean)
    visit = Visit(
        resident_id=r.id,
        committee=r.committee,
        subdistrict=r.subdistrict,
        visited_on=visited_on,
        visitor=visitor[:64],
        form=visit_form.id,
        answers=json.dumps(clean, ensure_ascii=False),
        changed=json.dumps(changed, ensure_ascii=False),
        lines=";".join(fed),
        fields_entered=len(clean),
        ledger_cells=ledgers.cells_asked(fed),
        recorded_at=now,
    )
    tx.session.add(visit)
    if flush:
        tx.session.flush()
    return visit


def _hidden_by(f: FieldDef, answers: dict) -> bool:
    """Whether the answers themselves hide ``f``: it has a condition, and every field the condition reads was
    answered (a cleared disability grade hides the kind; a script that did not ask the grade hides nothing)."""
    return f.tree is not None and columns_of(f.tree) & {g.key for g in form().fields} <= set(answers)


def _day(text: str | None) -> date:
    today = date.today()
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Refused(
            f"visited_on is a date like 2026-12-01, not {text[:20]!r}", code=ErrorCode.INVALID_PAYLOAD
        ) from None
    if not today - timedelta(days=BACK_DAYS) <= day <= today:
        raise Refused(
            f"a visit is recorded on its day, within {BACK_DAYS} days back, never ahead",
            {"reason": "visit_day"},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    return day


def record_visit(tx: Transaction, payload: dict) -> dict:
    """``people.visit``: one resident's visit, by the committee that holds them (``committee`` is checked against
    the desk's unit before this runs, and against the resident here)."""
    answers = payload["answers"]
    if len(json.dumps(answers, ensure_ascii=False, default=str)) > MAX_ANSWERS:
        raise Refused(f"a visit's answers are at most {MAX_ANSWERS} characters", code=ErrorCode.INVALID_PAYLOAD)
    r = get_or_refuse(tx.session, Resident, payload["person"], "resident")
    if r.committee != payload["committee"]:
        raise Refused(
            "this resident is not of that committee",
            {"reason": "outside_unit", "field": "committee", "unit": payload["committee"]},
            code=ErrorCode.FORBIDDEN,
        )
    day, visitor = _day(payload.get("visited_on")), tx.caller.username or ""
    done = tx.session.scalar(select(func.count(Visit.id)).where(Visit.visitor == visitor[:64], Visit.visited_on == day))
    if (done or 0) >= DAY_MOST:
        raise Refused(
            f"{visitor} has recorded {DAY_MOST} visits for {day.isoformat()}, the most for one staff member's day",
            {"reason": "visit_cap", "most": DAY_MOST},
            code=ErrorCode.REFUSED,
        )
    visit = save(tx, r, day, answers, visitor)
    record = _record(visit, r, tagging.tags(tx.session).tags_of(r.id))
    tx.put(VISITS, record)
    return record
