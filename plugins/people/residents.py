"""Reading the population base: residents found by a search, a person's card, the audited reveal, the export.

Everything here masks before it answers (:mod:`.privacy`): the ID number, the phone and the health conditions leave
the daemon only through ``people.reveal``, one person at a time, for a typed reason kept in ``people_reveals``."""

from __future__ import annotations

import io
import json
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from citybrain.core.api import Caller, ErrorCode, Refused, Transaction, append_row, get_or_refuse, limit_of, utcnow
from citybrain.plugins.people import privacy, tagging
from citybrain.plugins.people.tables import Benefit, Conflict, Resident, Reveal, SourceFacts

REASON_CHARS = (4, 500)  # a reveal's reason: typed words, not a click
EXPORT_COLUMNS = (
    "id",
    "name",
    "sex",
    "age",
    "id_masked",
    "phone_masked",
    "health_masked",
    "compound",
    "committee",
    "subdistrict",
    "household",
    "hukou",
    "disability_grade",
    "disability_kind",
    "income_band",
    "living_alone",
    "employment",
    "veteran",
    "deceased",
    "tags",
)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def masked(r: Resident, tags: list[str], today: date) -> dict:
    """A resident as any view or export shows them: the ID number, phone and health masked."""
    return {
        "id": r.id,
        "name": r.name,
        "sex": r.sex,
        "age": _age(r.birth_date, today),
        "id_masked": privacy.id_number(r.id_number),
        "phone_masked": privacy.phone(r.phone),
        "health_masked": privacy.health(r.health),
        "compound": r.compound,
        "committee": r.committee,
        "subdistrict": r.subdistrict,
        "household": r.household,
        "hukou": r.hukou,
        "disability_grade": r.disability_grade,
        "disability_kind": r.disability_kind,
        "income_band": r.income_band,
        "living_alone": r.living_alone,
        "employment": r.employment,
        "veteran": r.veteran,
        "deceased": r.death_date is not None,
        "sources": r.sources.split(";"),
        "tags": tags,
    }


def _found(session: Session, params: dict) -> list[Resident]:
    """Residents matching the search: ``text`` (a name, part of one, or an ID number's start), ``committee`` (or
    compound, subdistrict: any org unit), ``tag``; at most ``limit``, by name."""
    query = select(Resident)
    text = (params.get("text") or "").strip()
    if len(text) > 50:
        raise Refused("a search is at most 50 characters", code=ErrorCode.INVALID_PAYLOAD)
    if text:
        query = query.where(
            Resident.id_number.startswith(text.upper()) if text[:1].isdigit() else Resident.name.contains(text)
        )
    if unit := params.get("unit"):
        query = query.where(or_(Resident.committee == unit, Resident.compound == unit, Resident.subdistrict == unit))
    if tag := params.get("tag"):
        result = tagging.tags(session)
        if tag not in result.defs:
            raise Refused(f"no tag {tag!r}", {"reason": "not_found", "key": tag}, code=ErrorCode.INVALID_PAYLOAD)
        query = query.where(Resident.id.in_([int(k) for k in result.carriers(tag)]))
    return list(session.scalars(query.order_by(Resident.name, Resident.id).limit(limit_of(params, 200, 5_000))))


def search(session: Session, params: dict, caller: Caller) -> list[dict]:
    today, result = date.today(), tagging.tags(session)
    return [masked(r, result.tags_of(r.id), today) for r in _found(session, params)]


def card(session: Session, params: dict, caller: Caller) -> list[dict]:
    """One resident: the masked record, each tag they carry with its reasons, benefits, which source said what
    (where and when, not the values), open conflicts, how often their fields were revealed.  A list of one card
    placed by its ``committee``: the daemon answers a desk scoped to another unit with none."""
    r = get_or_refuse(session, Resident, params["person"], "resident")
    result, today = tagging.tags(session), date.today()
    carried = result.tags_of(r.id)
    return [
        {
            "committee": r.committee,
            "resident": masked(r, carried, today),
            "tags": [result.explain(r.id, name).as_dict() for name in carried],
            "benefits": [
                {
                    "programme": b.programme,
                    "since": b.since.isoformat(),
                    "source": b.source,
                    "until": b.until.isoformat() if b.until else None,
                }
                for b in session.scalars(select(Benefit).where(Benefit.resident_id == r.id).order_by(Benefit.since))
            ],
            "sources": [
                {
                    "source": f.source,
                    "filename": f.filename,
                    "row": f.row,
                    "imported_at": f.imported_at.isoformat(timespec="seconds"),
                }
                for f in session.scalars(select(SourceFacts).where(SourceFacts.resident_id == r.id))
            ],
            "conflicts": [
                {"kind": c.kind, "detail": json.loads(c.detail)}
                for c in session.scalars(
                    select(Conflict).where(or_(Conflict.resident_id == r.id, Conflict.other_id == r.id))
                )
            ],
            "reveals": session.scalar(select(func.count(Reveal.id)).where(Reveal.resident_id == r.id)),
        }
    ]


def reveal(tx: Transaction, payload: dict) -> dict:
    """One resident's masked fields, to this request alone, for the reason typed; the reveal kept for good."""
    reason = payload["reason"].strip()
    low, high = REASON_CHARS
    if not low <= len(reason) <= high:
        raise Refused(
            f"say why in {low} to {high} characters", {"reason": "reason_needed"}, code=ErrorCode.INVALID_PAYLOAD
        )
    r = get_or_refuse(tx.session, Resident, payload["person"], "resident")
    tx.session.add(
        Reveal(
            resident_id=r.id,
            operator=tx.caller.username or "",
            desk=(tx.caller.desk or "")[:64],
            reason=reason,
            at=utcnow(),
        )
    )
    return {"person": r.id, "id_number": r.id_number, "phone": r.phone, "health": r.health}


def export(session: Session, params: dict, caller: Caller) -> bytes:
    """The residents a search finds, masked, as an Excel workbook (the query is personal: every export audited)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "residents"
    append_row(sheet, EXPORT_COLUMNS)
    for record in search(session, params, caller):
        record["tags"] = ";".join(record["tags"])
        append_row(sheet, [record[c] for c in EXPORT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
