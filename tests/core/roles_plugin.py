"""A daemon plugin for the read-role tests: one collection per kind of reader, volatile, written by one command."""

from __future__ import annotations

from citybrain.core.api import CollectionSpec, CommandSpec, QuerySpec, Restricted, Role, hookimpl

PUBLIC, WALL, PEOPLE, UNITS, CONTACTS = "roles.public", "roles.wall", "roles.people", "roles.units", "roles.contacts"


def put(tx, p):
    tx.put(p["collection"], {k: v for k, v in p.items() if k != "collection" and v is not None})
    return {}


@hookimpl
def citybrain_collections():
    return [
        CollectionSpec(PUBLIC, title="Anyone"),
        CollectionSpec(WALL, title="Any session", read_role=Role.VIEWER),
        CollectionSpec(PEOPLE, title="Operators", read_role=Role.OPERATOR),
        CollectionSpec(
            UNITS, title="Names for anyone, phones for operators", restricted=Restricted(CONTACTS, ("phone",))
        ),
    ]


@hookimpl
def citybrain_commands():
    return [CommandSpec("roles.put", put, payload={"collection": str, "id": int, "text": str, "phone": str | None})]


@hookimpl
def citybrain_queries():
    return [
        QuerySpec("roles.phones", lambda s, p, c: ["13900000009"], role=Role.OPERATOR, personal=True),
        QuerySpec("roles.count", lambda s, p, c: 4),
    ]
