"""Sessions in their org units: the subtree a unit sees, and the check of what a request acts on.

An operator belongs to an org unit (``cb_operator.unit``); nil, or the district at the root, sees everything.  A unit
sees its subtree: the units under it by ``parent`` and, for a property company, the compounds it manages (which hang
under their committee, not under it).  A subtree is a set of unit codes computed once per unit per org tree, so the
per-record check (the record's place in the set) is one lookup.  docs/protocol.md, "Units".
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from citybrain.core.api import Record, Within, outside_unit
from citybrain.core.district import DISTRICT, Tree


@dataclass(frozen=True)
class Scope:
    """The units a session sees: ``unit`` and every code under it (``generation``: the org tree it was made from)."""

    unit: str
    units: frozenset[str]
    generation: int = 0

    def has(self, place: Any) -> bool:
        return place in self.units


@dataclass
class OrgScopes:
    """Each unit's :class:`Scope` in the current org tree, made when first asked for and kept until the tree changes."""

    tree: Tree = field(default_factory=lambda: Tree({}))
    generation: int = 0
    _made: dict[str, Scope] = field(default_factory=dict)
    _children: dict[str, list[str]] | None = None

    def replace(self, tree: Tree) -> None:
        """The org tree changed (an import, the demo): every scope is made again from it."""
        self.tree, self.generation, self._made, self._children = tree, self.generation + 1, {}, None

    def of(self, unit: str | None) -> Scope | None:
        """The scope of a session in ``unit``; None (everything) without a unit or for the district at the root.
        A unit the tree does not know sees nothing placed (fail closed)."""
        if unit is None:
            return None
        info = self.tree.units.get(unit)
        if info is not None and info["kind"] == DISTRICT and not info.get("parent"):
            return None
        scope = self._made.get(unit)
        if scope is None:
            scope = self._made[unit] = Scope(
                unit, self._subtree(unit) if info is not None else frozenset(), self.generation
            )
        return scope

    def _subtree(self, unit: str) -> frozenset[str]:
        children = self._children
        if children is None:
            children = self._children = self.tree.under()  # a property company's compounds included
        found, todo = {unit}, [unit]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return frozenset(found)


def check_within(
    scope: Scope | None,
    within: tuple[Within, ...],
    payload: Mapping[str, Any],
    places: Mapping[str, tuple[str, Mapping[Hashable, Record]]],
    what: str,
) -> None:
    """Refuse (``forbidden``) a request whose declared targets lie outside ``scope`` (a list field: each item);
    ``places`` gives each placed collection's place field and live records."""
    if scope is None:
        return
    for target in within:
        value = payload.get(target.field)
        for item in value if isinstance(value, list) else () if value is None else (value,):
            if target.collection is None:
                place = item
            else:
                field_name, records = places[target.collection]
                record = records.get(item)
                place = record.get(field_name) if record is not None else None
            if not scope.has(place):
                raise outside_unit(target.field, item, scope.unit, what)
