"""A daemon plugin for the unit-scoping tests: one placed collection (with a companion of phones), the org tree
written by command, and commands and queries declaring what they act on."""

from __future__ import annotations

from sqlalchemy import select

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DistrictWide,
    QuerySpec,
    Restricted,
    Role,
    Within,
    hookimpl,
    in_unit,
    read_frame,
)
from citybrain.core.district import OrgUnit, save_units

ITEMS, PHONES, NOTES = "units.items", "units.phones", "units.notes"
ITEM = Within("id", ITEMS)


def org(tx, p):
    save_units(tx.session, p["units"])
    return {}


def put(tx, p):
    tx.put(ITEMS, {k: v for k, v in p.items() if v is not None})
    return {}


@hookimpl
def citybrain_collections():
    return [
        CollectionSpec(ITEMS, title="Placed in a unit", place="unit", restricted=Restricted(PHONES, ("phone",))),
        CollectionSpec(NOTES, title="For every desk", place=DistrictWide("the test's notice board")),
    ]


def kinds(session, p, caller) -> dict[str, int]:
    """An aggregate of placed rows: the org units of each kind, in the caller's unit."""
    frame = read_frame(session, select(OrgUnit.code, OrgUnit.kind), ["code", "kind"])
    return in_unit(frame, "code", caller)["kind"].value_counts().to_dict()


@hookimpl
def citybrain_commands():
    return [
        CommandSpec("units.org", org, role=Role.ADMIN, payload={"units": list[dict]}),
        CommandSpec(
            "units.put",
            put,
            payload={"id": int, "unit": str, "text": str, "phone": str | None},
            within=(ITEM, Within("unit")),
        ),
        CommandSpec("units.touch", lambda tx, p: {"touched": p["id"]}, payload={"id": int}, within=(ITEM,)),
        CommandSpec("units.note", lambda tx, p: tx.put(NOTES, p) or {}, payload={"id": int, "text": str}),
    ]


@hookimpl
def citybrain_queries():
    return [
        QuerySpec(
            "units.places", lambda s, p, c: [{"unit": code} for code in s.scalars(select(OrgUnit.code))], place="unit"
        ),
        QuerySpec("units.one", lambda s, p, c: {"id": p["id"]}, params={"id": int}, within=(ITEM,)),
        QuerySpec("units.kinds", kinds, params={}, scoped=True),
    ]
