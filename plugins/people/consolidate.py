"""One resident from every source's facts, and the conflicts between sources, found and listed, never merged silently.

Each field has its owner (the source that keeps it: disability grades are the 残联's, employment the 人社's, health
the 卫健's, the rest civil affairs'); the shared ones (name, compound, phone) come from the first source in
:data:`SOURCES` order that gives them.  Where sources disagree the resident keeps that value and a conflict is
listed: ``name`` (two names), ``moved`` (two compounds), ``dead_alive`` (a death in one, listed alive in another),
and ``twice`` (two ID numbers, one name, sex and birth date: probably one person)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from citybrain.core.api import ErrorCode, Refused, Transaction, append_rows, utcnow
from citybrain.core.district import Tree
from citybrain.plugins.people import CONFLICTS, SOURCES, idnumber, privacy
from citybrain.plugins.people.imports import Row
from citybrain.plugins.people.tables import Benefit, Conflict, Household, Resident, SourceFacts

OWNED = {
    "household": "civil",
    "address": "civil",
    "hukou": "civil",
    "income_band": "civil",
    "living_alone": "civil",
    "veteran": "civil",
    "disability_grade": "disability",
    "disability_kind": "disability",
    "employment": "employment",
    "health": "health",
}
SHARED = ("name", "compound", "phone")
DEFAULTS = {
    "hukou": "",
    "income_band": "",
    "living_alone": False,
    "veteran": False,
    "disability_grade": None,
    "disability_kind": "",
    "employment": "",
    "health": "",
    "phone": "",
    "household": None,
}
CHUNK = 500  # ID numbers per IN (...) list


def _residents(tx: Transaction, numbers: list[str]) -> dict[str, Resident]:
    out: dict[str, Resident] = {}
    for i in range(0, len(numbers), CHUNK):
        out |= {
            r.id_number: r
            for r in tx.session.scalars(select(Resident).where(Resident.id_number.in_(numbers[i : i + CHUNK])))
        }
    return out


def save_source(tx: Transaction, source: str, filename: str, rows: list[Row], tree: Tree) -> list[int]:
    """Each row's facts as ``source``'s latest word on the person (a new person created from the ID number), its
    benefits replacing the source's earlier ones; the residents consolidated. Returns the residents' ids."""
    now = utcnow()
    numbers = [r.facts["id_number"] for r in rows]
    known = _residents(tx, numbers)
    new = [r for r in rows if r.facts["id_number"] not in known]
    append_rows(
        tx.session,
        Resident,
        [  # one INSERT for every new person (thousands in a sheet)
            {
                "id_number": n,
                "name": r.facts["name"],
                "sex": idnumber.sex(n),
                "birth_date": idnumber.birth_date(n),
                "changed_at": now,
                "sources": "",
            }
            | DEFAULTS
            for r in new
            for n in (r.facts["id_number"],)
        ],
    )
    known |= _residents(tx, [r.facts["id_number"] for r in new])
    ids = [known[n].id for n in numbers]
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        tx.session.execute(delete(SourceFacts).where(SourceFacts.source == source, SourceFacts.resident_id.in_(chunk)))
        tx.session.execute(delete(Benefit).where(Benefit.source == source, Benefit.resident_id.in_(chunk)))
    _households(tx, rows, tree)
    append_rows(
        tx.session,
        SourceFacts,
        [
            {
                "resident_id": rid,
                "source": source,
                "facts": json.dumps(row.facts, ensure_ascii=False),
                "filename": filename[:200],
                "row": row.number,
                "imported_at": now,
            }
            for row, rid in zip(rows, ids, strict=True)
        ],
    )
    append_rows(
        tx.session,
        Benefit,
        [
            {"resident_id": rid, "programme": code, "since": since, "until": until, "source": source}
            for row, rid in zip(rows, ids, strict=True)
            for code, since, until in row.benefits
        ],
    )
    consolidate(tx, [known[r.facts["id_number"]] for r in rows], tree)
    return ids


def _households(tx: Transaction, rows: list[Row], tree: Tree) -> None:
    """The households the rows name, placed at their compound (the last row of a household says where)."""
    said = {
        row.facts["household"]: row.facts for row in rows if row.facts.get("household") and row.facts.get("compound")
    }
    codes = list(said)
    known: dict[str, Household] = {}
    for i in range(0, len(codes), CHUNK):
        known |= {
            h.code: h for h in tx.session.scalars(select(Household).where(Household.code.in_(codes[i : i + CHUNK])))
        }
    for code, facts in said.items():
        household = known.get(code) or Household(code=code)
        household.compound = facts["compound"]
        committee, subdistrict = _place(tree, facts["compound"])
        if committee is None or subdistrict is None:  # the import checked the compound is in the org tree
            raise Refused(
                f"compound {facts['compound']} is not under a committee and a subdistrict in the org tree",
                code=ErrorCode.INVALID_PAYLOAD,
            )
        household.committee, household.subdistrict = committee, subdistrict
        household.address = facts.get("address", household.address or "")
        tx.session.add(household)
    tx.session.flush()


def _place(tree: Tree, compound: str | None) -> tuple[str | None, str | None]:
    """A compound's committee and subdistrict."""
    if not compound:
        return None, None
    committee = tree.units.get(compound, {}).get("parent")
    return committee, tree.subdistrict_of(compound)


def consolidate(tx: Transaction, residents: list[Resident], tree: Tree) -> None:
    """Recompute ``residents`` from their sources' facts and list their conflicts anew."""
    ids = [r.id for r in residents]
    facts: dict[int, dict[str, dict]] = {}
    for i in range(0, len(ids), CHUNK):
        for f in tx.session.scalars(select(SourceFacts).where(SourceFacts.resident_id.in_(ids[i : i + CHUNK]))):
            facts.setdefault(f.resident_id, {})[f.source] = json.loads(f.facts)
    now = utcnow()
    conflicts: list[Conflict] = []
    for resident in residents:
        rid = resident.id
        said = dict(sorted(facts.get(rid, {}).items(), key=lambda kv: SOURCES.index(kv[0])))
        for name, value in DEFAULTS.items():
            owner = OWNED.get(name)
            given = said.get(owner, {}).get(name) if owner else None
            setattr(resident, name, value if given is None else _typed(name, given))
        for name in SHARED:
            values = {source: f[name] for source, f in said.items() if f.get(name)}
            if values:
                setattr(resident, name, next(iter(values.values())))
            if name in ("name", "compound") and len(set(values.values())) > 1:
                conflicts.append(_conflict(resident, "name" if name == "name" else "moved", values, now))
        deaths = {source: f.get("death_date") for source, f in said.items()}
        died = sorted(d for d in deaths.values() if d)
        resident.death_date = date.fromisoformat(died[0]) if died else None
        if died and not all(deaths.values()):
            conflicts.append(_conflict(resident, "dead_alive", {s: d or "alive" for s, d in deaths.items()}, now))
        resident.committee, resident.subdistrict = _place(tree, resident.compound)
        resident.sources = ";".join(said)
        resident.changed_at = now
    tx.session.flush()
    conflicts += _twice(tx, ids, now)
    _replace_conflicts(tx, ids, conflicts)


def _typed(name: str, value: str | int | float) -> str | int | float:
    """A source's word as its column holds it (facts are JSON: a grade may come as text)."""
    return int(value) if name == "disability_grade" else value


def _conflict(resident: Resident, kind: str, values: dict, now: object, other: Resident | None = None) -> Conflict:
    return Conflict(
        kind=kind,
        resident_id=resident.id,
        other_id=other.id if other else 0,
        committee=resident.committee,
        detail=json.dumps(values, ensure_ascii=False),
        found_at=now,
    )


def _twice(tx: Transaction, ids: list[int], now: object) -> list[Conflict]:
    """Pairs of records with one name, sex and birth date under two ID numbers, where one of them is in ``ids``."""
    same = (
        select(Resident.name, Resident.sex, Resident.birth_date)
        .group_by(Resident.name, Resident.sex, Resident.birth_date)
        .having(func.count() > 1)
    ).subquery()
    doubles = tx.session.scalars(
        select(Resident)
        .join(
            same,
            (Resident.name == same.c.name) & (Resident.sex == same.c.sex) & (Resident.birth_date == same.c.birth_date),
        )
        .order_by(Resident.id)
    ).all()
    groups: dict[tuple, list[Resident]] = {}
    for r in doubles:
        groups.setdefault((r.name, r.sex, r.birth_date), []).append(r)
    wanted, out = set(ids), []
    for group in groups.values():
        if not wanted & {r.id for r in group}:
            continue
        first = group[0]
        for other in group[1:]:
            out.append(
                _conflict(
                    first,
                    "twice",
                    {"records": [first.id, other.id], "sources": [first.sources, other.sources]},
                    now,
                    other,
                )
            )
    return out


def _replace_conflicts(tx: Transaction, ids: list[int], found: list[Conflict]) -> None:
    """The residents' conflicts replaced by ``found``; the live collection told what went and what came."""
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        stale = tx.session.scalars(
            select(Conflict).where(Conflict.resident_id.in_(chunk) | Conflict.other_id.in_(chunk))
        ).all()
        for c in stale:
            tx.delete(CONFLICTS, c.id)
            tx.session.delete(c)
    tx.session.flush()
    tx.session.add_all(found)
    tx.session.flush()
    for c in found:
        tx.put(CONFLICTS, conflict_record(c, tx.session.get_one(Resident, c.resident_id)))


def conflict_record(c: Conflict, resident: Resident) -> dict:
    """What the conflicts list shows: the resident by name and masked ID number, each source's value."""
    return {
        "id": c.id,
        "kind": c.kind,
        "resident": c.resident_id,
        "other": c.other_id or None,
        "name": resident.name,
        "id_masked": privacy.id_number(resident.id_number),
        "committee": c.committee,
        "compound": resident.compound,
        "detail": json.loads(c.detail),
        "found_at": c.found_at.isoformat(timespec="seconds"),
    }


def open_conflicts(session: Session) -> list[dict]:
    rows = session.execute(select(Conflict, Resident).join(Resident, Resident.id == Conflict.resident_id))
    return [conflict_record(c, r) for c, r in rows]
