"""Payload validation for commands and queries, declared with plain Python types.

A command declares ``payload={"unit": str, "count": int, "note": str | None}``;
the daemon checks a payload against it before the handler sees it and
replies with its problems at once (``payload.count: expected int, got str``), at most
:data:`MAX_PROBLEMS` of them, each naming a field by at most :data:`FIELD_CHARS` characters:
a hostile payload's reply and the work to make it stay small.
Supported: str, int, float (ints accepted), bool, bytes, dict, list, ``X | None``
(optional: may be missing), ``list[X]``, ``dict[str, X]``, ``Literal[...]``
(``one_of(values)`` for a set named elsewhere) and ``Annotated[str, MaxLen(n)]`` — written
``fits(Table.column)`` for text stored in a column, so a value the database would refuse
(PostgreSQL's ``varchar(n)``) is refused here first, by field, and the same bound serves inputs that are not payloads
(:func:`too_long`: device messages, envelope identifiers).
"""

from __future__ import annotations

import functools
import operator
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

PayloadSpec = Mapping[str, Any]
MAX_PROBLEMS = 10  # validation stops there: the reply lists these and says more were found
FIELD_CHARS = 40  # a field name longer than this is cut in a problem's path


class PayloadError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class MaxLen:
    """At most ``n`` characters (``Annotated[str, MaxLen(n)]``)."""

    n: int


def max_length(column: Any) -> int:
    """How many characters a ``String(n)`` column (a mapped attribute or a ``Column``) holds."""
    column = getattr(column, "expression", column)
    length = getattr(column.type, "length", None)
    if not isinstance(length, int):
        raise TypeError(f"{column} has no length: bound it with MaxLen explicitly")
    return length


def fits(column: Any) -> Any:
    """The spec type of text stored in ``column``: a str no longer than the column holds."""
    return Annotated[str, MaxLen(max_length(column))]


def one_of(values: Iterable[str]) -> Any:
    """The spec type of a value from a set known when the module runs (``one_of(STATES)``): ``Literal[...]`` of
    them, for the validator and ``describe``; a run-time type, which a static checker cannot read."""
    return Literal.__getitem__(tuple(values))


def too_long(value: Any, column: Any) -> bool:
    """Whether ``value`` is text longer than ``column`` holds (for inputs that are not validated payloads)."""
    return isinstance(value, str) and len(value) > max_length(column)


def optional_type(tp: Any) -> tuple[bool, Any]:
    """Whether ``tp`` admits None, and ``tp`` without it (``int | None`` -> ``(True, int)``)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != len(typing.get_args(tp)):
            return True, functools.reduce(operator.or_, args)
    return False, tp


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _field(key: Any) -> str:
    text = str(key)
    return text if len(text) <= FIELD_CHARS else text[:FIELD_CHARS] + "…"


def _check(value: Any, tp: Any, where: str, problems: list[str]) -> None:
    if len(problems) > MAX_PROBLEMS:  # one more than listed: enough to say there are more
        return
    optional, tp = optional_type(tp)
    if value is None:
        if not optional:
            problems.append(f"{where}: must not be null")
        return
    origin = typing.get_origin(tp)
    if origin is Annotated:
        base, *marks = typing.get_args(tp)
        before = len(problems)
        _check(value, base, where, problems)
        for mark in marks:
            if len(problems) == before and isinstance(mark, MaxLen) and len(value) > mark.n:
                problems.append(f"{where}: too long ({len(value)} characters, at most {mark.n})")
        return
    if origin is Literal:
        if value not in typing.get_args(tp):
            problems.append(f"{where}: must be one of {', '.join(map(repr, typing.get_args(tp)))}")
        return
    if origin in (list, tuple):
        if not isinstance(value, list):
            problems.append(f"{where}: expected list, got {type(value).__name__}")
            return
        (item,) = typing.get_args(tp)[:1] or (Any,)
        for i, v in enumerate(value):
            if len(problems) > MAX_PROBLEMS:
                return
            _check(v, item, f"{where}[{i}]", problems)
        return
    if origin is dict:
        if not isinstance(value, dict):
            problems.append(f"{where}: expected map, got {type(value).__name__}")
            return
        _, item = typing.get_args(tp) or (str, Any)
        for k, v in value.items():
            if len(problems) > MAX_PROBLEMS:
                return
            _check(v, item, f"{where}.{_field(k)}", problems)
        return
    if tp is Any:
        return
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, tp)
    if not ok:
        problems.append(f"{where}: expected {_type_name(tp)}, got {type(value).__name__}")


def validate(spec: PayloadSpec | None, payload: Any, name: str = "payload") -> dict:
    """Return the payload if it matches ``spec``; raise :class:`PayloadError` listing its problems (at most
    :data:`MAX_PROBLEMS`, then one saying more were found)."""
    if spec is None:
        return payload if isinstance(payload, dict) else {}
    if not isinstance(payload, dict):
        raise PayloadError([f"{name}: expected a map, got {type(payload).__name__}"])
    problems: list[str] = []
    for field, tp in spec.items():
        if field not in payload:
            if not optional_type(tp)[0]:
                problems.append(f"{name}.{field}: required")
            continue
        _check(payload[field], tp, f"{name}.{field}", problems)
    for field in payload:  # stops early: a payload of a million unknown keys costs eleven problems
        if len(problems) > MAX_PROBLEMS:
            break
        if field not in spec:
            problems.append(f"{name}.{_field(field)}: unknown field")
    if problems:
        listed = sorted(problems[:MAX_PROBLEMS])
        raise PayloadError(listed + [f"{name}: more problems not listed"] if len(problems) > MAX_PROBLEMS else listed)
    return payload
