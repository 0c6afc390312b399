"""Tags, the shared capability platform's labels on people, households, enterprises and compounds.

A tag is defined once (:class:`TagDef`): its name, the kind of entity it labels, its source (a ``rule`` over the
entity's attributes and other tags, an ``import`` or a ``manual`` mark), the department that owns it and how long
it holds (``refresh`` for a rule, ``valid_days`` for a mark).  Definitions are TOML (:func:`load_tags`)::

    [[tags]]
    name = "独居老人"
    entity = "person"
    source = "rule"
    rule = "age(birth_date) >= 60 and living_alone"
    owner = "民政"
    refresh = "daily"

A rule is a small expression language (:mod:`.rules`, parsed, never handed to ``eval``): comparisons, ``in``,
``between``, ``and``/``or``/``not``, a bare attribute, and three functions: ``age(COLUMN)`` (whole years from a
birth date to the day of evaluation), ``has(COLUMN, "word")`` (a ``;``-separated list holds the word) and
``tag("name")`` (the entity carries another tag of its kind).  Definitions are made and checked in
:mod:`.definitions`; :func:`evaluate` (:mod:`.evaluation`) computes every tag of a kind over all entities at once
and keeps, per tag, which criteria held for whom: a tag explains itself (:meth:`TagResult.explain`:
"age(birth_date) >= 60", "living_alone").  No Qt here: the daemon and any plugin use it through
:mod:`citybrain.core.api`.
"""

from citybrain.core.tags.definitions import ENTITIES, REFRESH, SOURCES, TagDef, catalogue, load_tags
from citybrain.core.tags.evaluation import Explanation, RuleValues, TagResult, evaluate
from citybrain.core.tags.rules import Node, Operand, TagError, columns_of, leaves, parse_rule, tags_of

__all__ = [
    "ENTITIES",
    "REFRESH",
    "SOURCES",
    "Explanation",
    "Node",
    "Operand",
    "RuleValues",
    "TagDef",
    "TagError",
    "TagResult",
    "catalogue",
    "columns_of",
    "evaluate",
    "leaves",
    "load_tags",
    "parse_rule",
    "tags_of",
]
