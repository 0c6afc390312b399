"""What a daemon offers, machine-readable: every command, query, collection and importer with its fields.

The ``describe`` request answers :func:`describe`; ``citybrain describe --json`` prints it and ``--markdown``
renders docs/reference.md from it (:func:`markdown`), so the reference is never written by hand. Fields are read
from the declarations plugins already make (a command's ``payload``, a query's ``params``, a collection's
``fields``) in :mod:`citybrain.core.validation`'s notation, and told in the protocol's own terms (``str``,
``int``, ``bin``, ``map``, ``list[str]``...).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from citybrain.core.api import CollectionSpec, CommandSpec, QuerySpec
from citybrain.core.operators import Role
from citybrain.core.validation import MaxLen, PayloadSpec, optional_type

DESCRIBE = "describe"  # the request type: body {} (any admitted peer), reply the description
WIRE_NAMES = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    bytes: "bin",
    dict: "map",
    list: "list",
    type(None): "nil",
    Any: "any",
}

Registry = Mapping[str, tuple[str, Any]]  # name -> (plugin, spec), as the daemon keeps them


def type_of(tp: Any) -> dict[str, Any]:
    """A declared type as the wire sees it: ``{"type": "str", "values": [...], "max_length": n}`` (the last two
    only when declared)."""
    origin = typing.get_origin(tp)
    if origin is Annotated:
        base, *marks = typing.get_args(tp)
        out = type_of(base)
        for mark in marks:
            if isinstance(mark, MaxLen):
                out["max_length"] = mark.n
        return out
    if origin is Literal:
        values = list(typing.get_args(tp))
        return {"type": WIRE_NAMES.get(type(values[0]), "any") if values else "any", "values": values}
    if origin in (list, tuple):
        (item,) = typing.get_args(tp)[:1] or (Any,)
        return {"type": f"list[{type_of(item)['type']}]"}
    if origin is dict:
        _, item = typing.get_args(tp) or (str, Any)
        return {"type": f"map[str, {type_of(item)['type']}]"}
    if origin in (typing.Union, types.UnionType):
        optional, inner = optional_type(tp)
        if optional:
            return type_of(inner)
        return {"type": " | ".join(type_of(a)["type"] for a in typing.get_args(tp))}
    return {"type": WIRE_NAMES.get(tp, getattr(tp, "__name__", str(tp)))}


def fields_of(spec: PayloadSpec | None) -> list[dict[str, Any]] | None:
    """Each declared field: name, type, required (a field that may be absent or nil is optional), values, max
    length; None when nothing is declared (anything is taken)."""
    if spec is None:
        return None
    out = []
    for name, tp in spec.items():
        optional, inner = optional_type(tp)
        out.append({"name": name, **type_of(inner), "required": not optional})
    return out


def _role(role: Role | None) -> str | None:
    return role.label if role is not None else None


def describe(
    collections: Registry, commands: Registry, queries: Registry, importers: Registry, wires: list[dict]
) -> dict[str, Any]:
    """The whole description. ``wires`` is what ``hello`` lists of the collections (companions included)."""
    specs: dict[str, tuple[str, CollectionSpec]] = dict(collections)
    described = []
    for wire in wires:
        source = wire["part_of"] or wire["name"]
        plugin, spec = specs.get(source, ("", None))
        declared = fields_of(spec.fields) if spec is not None else None
        if spec is not None and declared is not None and spec.restricted is not None:
            split = set(spec.restricted.fields)
            if wire["part_of"]:
                declared = [f for f in declared if f["name"] in split or f["name"] == spec.key]
            else:
                declared = [f for f in declared if f["name"] not in split]
        described.append({**wire, "plugin": plugin, "fields": declared})
    return {
        "roles": [role.label for role in Role],
        "commands": [_request(name, plugin, spec, spec.payload) for name, (plugin, spec) in sorted(commands.items())],
        "queries": [
            {**_request(name, plugin, spec, spec.params), "personal": spec.personal, "place": spec.place}
            for name, (plugin, spec) in sorted(queries.items())
        ],
        "collections": sorted(described, key=lambda c: c["name"]),
        "importers": [
            {
                "kind": kind,
                "plugin": plugin,
                "title": spec.title,
                "role": _role(spec.role),
                "extensions": list(spec.extensions),
            }
            for kind, (plugin, spec) in sorted(importers.items())
        ],
    }


def _request(name: str, plugin: str, spec: CommandSpec | QuerySpec, declared: PayloadSpec | None) -> dict:
    return {
        "name": name,
        "plugin": plugin,
        "title": spec.title,
        "role": _role(spec.role),
        "fields": fields_of(declared),
        "within": [{"field": w.field, "collection": w.collection} for w in spec.within],
    }


def local() -> dict[str, Any]:
    """The description of the plugins installed here, without a daemon (what ``citybrain describe`` prints)."""
    from citybrain.core.daemon.contributions import Contributions
    from citybrain.core.daemon.server import daemon_plugin_host
    from citybrain.core.live import LiveState

    host = daemon_plugin_host()
    host.discover()
    return Contributions(host, LiveState()).describe()  # the registries a daemon builds at start, nothing opened


# -- docs/reference.md ------------------------------------------------------


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _type_cell(field: dict) -> str:
    text = f"`{field['type']}`"
    if "values" in field:
        text += ": " + ", ".join(f"`{v}`" for v in field["values"])
    if "max_length" in field:
        text += f" (at most {field['max_length']} characters)"
    return _cell(text)


def _heading(item: dict, name: str, *facts: str) -> list[str]:
    title = _cell(item["title"] or "(no description)")
    title += "" if title.endswith((".", "?", "!", ")")) else "."
    return [f"### `{name}`", "", title, "", " · ".join((f"plugin `{item['plugin']}`", *facts)), ""]


def _readers(read_role: str | None) -> str:
    return "read by every peer" if read_role is None else f"read by `{read_role}` and above"


def _within(item: dict) -> list[str]:
    """Where a request's targets must lie for a session in a unit (docs/protocol.md, "Units")."""
    return [
        f"within the session's unit: `{w['field']}`"
        + (f" (a record of `{w['collection']}`)" if w["collection"] else " (a unit)")
        for w in item["within"]
    ]


def _fields_table(fields: list[dict] | None, what: str) -> list[str]:
    if fields is None:
        return [f"No {what} declared: any map is taken.", ""]
    if not fields:
        return [f"No {what}: send `{{}}`.", ""]
    lines = ["| field | type | required |", "|---|---|---|"]
    lines += [f"| `{f['name']}` | {_type_cell(f)} | {'yes' if f['required'] else 'no (may be nil)'} |" for f in fields]
    return lines + [""]


def markdown(description: dict[str, Any]) -> str:
    """docs/reference.md: generated, never edited by hand (``make reference``)."""
    out = [
        "# Reference: what the daemon offers",
        "",
        "Generated by `citybrain describe --markdown` (`make reference`) from the installed plugins' "
        "declarations; do not edit by hand. The same, machine-readable, is the `describe` request "
        "(docs/protocol.md) and `citybrain describe --json`. Roles, least to most: "
        + ", ".join(f"`{r}`" for r in description["roles"])
        + ".",
        "",
    ]
    out += [
        "## Commands",
        "",
        "Sent with `command` (payload: the fields below). *Role*: the least role that may send it.",
        "",
    ]
    for c in description["commands"]:
        out += _heading(c, c["name"], f"role `{c['role']}`", *_within(c)) + _fields_table(c["fields"], "payload fields")
    out += [
        "## Queries",
        "",
        "Sent with `query` (params: the fields below). A *personal* query is answered only to a session and audited.",
        "",
    ]
    for q in description["queries"]:
        facts = [f"role `{q['role']}`"] + (["personal (a session only; audited)"] if q["personal"] else []) + _within(q)
        facts += [f"rows cut to the session's unit by `{q['place']}`"] if q["place"] else []
        out += _heading(q, q["name"], *facts) + _fields_table(q["fields"], "params")
    out += [
        "## Collections",
        "",
        'Replicated to every peer that may read them (docs/protocol.md, "Read roles"); the fields of each record:',
        "",
    ]
    for c in description["collections"]:
        part = [f"part of `{c['part_of']}`"] if c["part_of"] else []
        placed = [f"cut to the session's unit by `{c['place']}`"] if c["place"] else []
        facts = [f"key `{c['key']}`", _readers(c["read_role"]), *part, *placed]
        out += _heading(c, c["name"], *facts) + _fields_table(c["fields"], "record fields")
    out += [
        "## Importers",
        "",
        "Sent with the command `import` (`kind`, `filename`, `data`).",
        "",
        "| kind | title | role | file types | plugin |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| `{i['kind']}` | {_cell(i['title'])} | `{i['role']}` | {', '.join(i['extensions'])} | `{i['plugin']}` |"
        for i in description["importers"]
    ]
    return "\n".join(out) + "\n"
