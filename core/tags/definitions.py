"""Tag definitions (:class:`TagDef`), read from TOML (:func:`load_tags`) and checked together
(:func:`catalogue`): a bad rule, an unknown field, a name defined twice, a ``tag("x")`` naming no tag of its kind
or rules depending on each other in a circle never load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from citybrain.core.catalogues import entries, read_catalogue
from citybrain.core.tags.rules import Node, TagError, parse_rule, tags_of

ENTITIES = ("person", "household", "enterprise", "compound")
SOURCES = ("rule", "import", "manual")
REFRESH = ("on_change", "daily", "weekly", "monthly")
MAX_TAGS = 1_000  # definitions in one catalogue


@dataclass(frozen=True)
class TagDef:
    """One tag, defined once.  ``rule`` is parsed when the definition is made (a bad rule never loads)."""

    name: str
    entity: str
    source: str = "rule"
    rule: str = ""
    owner: str = ""
    refresh: str = "daily"
    valid_days: int | None = None  # how long an imported or manual mark holds (None: until withdrawn)
    description: str = ""
    plugin: str = ""  # who defined it: filled in by the catalogue's user
    tree: Node | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.name or len(self.name) > 60:
            raise TagError(f"a tag's name is 1 to 60 characters: {self.name!r}")
        if self.entity not in ENTITIES:
            raise TagError(f"tag {self.name!r}: entity is one of {', '.join(ENTITIES)}, not {self.entity!r}")
        if self.source not in SOURCES:
            raise TagError(f"tag {self.name!r}: source is one of {', '.join(SOURCES)}, not {self.source!r}")
        if self.refresh not in REFRESH:
            raise TagError(f"tag {self.name!r}: refresh is one of {', '.join(REFRESH)}, not {self.refresh!r}")
        if (self.source == "rule") != bool(self.rule):
            raise TagError(f"tag {self.name!r}: a rule tag has a rule, an {self.source} tag none")
        if self.rule:
            try:
                object.__setattr__(self, "tree", parse_rule(self.rule))
            except TagError as exc:
                raise TagError(f"tag {self.name!r}: {exc}") from None

    def as_record(self) -> dict:
        """What a desk is told of the definition (no rule tree)."""
        return {
            "name": self.name,
            "entity": self.entity,
            "source": self.source,
            "rule": self.rule,
            "owner": self.owner,
            "refresh": self.refresh,
            "valid_days": self.valid_days,
            "description": self.description,
            "plugin": self.plugin,
        }


def load_tags(text: str, plugin: str = "") -> list[TagDef]:
    """Definitions from TOML (``[[tags]]`` tables with the fields of :class:`TagDef`); :class:`TagError` on the
    first that cannot be used, and when two share a name."""
    known = {f for f in TagDef.__dataclass_fields__ if f not in ("tree", "plugin")}
    rows = entries(read_catalogue(text, TagError), "tags", MAX_TAGS, known, "tag", TagError)
    return catalogue([TagDef(**entry, plugin=plugin) for entry in rows])


def catalogue(defs: Iterable[TagDef]) -> list[TagDef]:
    """The definitions checked together: names unique per entity kind, every ``tag("x")`` naming a tag of the same
    kind, no rule depending on itself; returned in an order where each rule comes after the tags it reads."""
    by_key: dict[tuple[str, str], TagDef] = {}
    for d in defs:
        if (d.entity, d.name) in by_key:
            raise TagError(f"tag {d.name!r} ({d.entity}) is defined twice")
        by_key[(d.entity, d.name)] = d
    ordered: list[TagDef] = []
    state: dict[tuple[str, str], str] = {}

    def visit(d: TagDef, path: tuple[str, ...]) -> None:
        key = (d.entity, d.name)
        if state.get(key) == "done":
            return
        if state.get(key) == "visiting":
            raise TagError(f"tags depend on each other in a circle: {' -> '.join(path + (d.name,))}")
        state[key] = "visiting"
        for name in sorted(tags_of(d.tree)) if d.tree else ():
            other = by_key.get((d.entity, name))
            if other is None:
                raise TagError(f"tag {d.name!r} reads tag {name!r}, which is not a {d.entity} tag")
            visit(other, path + (d.name,))
        state[key] = "done"
        ordered.append(d)

    for d in by_key.values():
        visit(d, ())
    return ordered
