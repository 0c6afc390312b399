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

A rule is a small expression language, parsed here and never handed to ``eval``: comparisons (``== != < <= > >=``)
of an attribute with a literal (number, quoted string, ``true``/``false``), ``in [..]`` and ``not in [..]``,
``between A and B`` (both ends included), ``and``/``or``/``not`` and parentheses, a bare attribute (true when
truthy), and three functions: ``age(COLUMN)`` (whole years from a birth date to the day of evaluation),
``has(COLUMN, "word")`` (a ``;``-separated list holds the word) and ``tag("name")`` (the entity carries another
tag of its kind).  :func:`evaluate` computes every tag of a kind over all entities at once with pandas (one boolean
column per criterion, never a loop over entities) and keeps, per tag, which criteria held for whom: a tag explains
itself (:meth:`TagResult.explain`: "age(birth_date) >= 60", "living_alone").  No Qt here: the daemon and any
plugin use it through :mod:`citybrain.core.api`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where a tag is evaluated: the desk imports core.api and never evaluates one
    import pandas as pd

ENTITIES = ("person", "household", "enterprise", "compound")
SOURCES = ("rule", "import", "manual")
REFRESH = ("on_change", "daily", "weekly", "monthly")
MAX_RULE = 2_000  # characters of one rule
MAX_DEPTH = 32  # nesting of one rule
MAX_TAGS = 1_000  # definitions in one catalogue
MAX_LIST = 200  # items of one ``in [..]`` list


class TagError(ValueError):
    """A definition or a rule that cannot be used: the message names the tag and, for a rule, the position."""


# -- the rule language ----------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>"[^"\\]*"|'[^'\\]*')
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
)""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "between", "true", "false"}
_FUNCTIONS = {"age", "has", "tag"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # number, string, op, name, keyword, end
    text: str
    at: int


def _tokens(rule: str) -> list[_Tok]:
    out, at = [], 0
    while at < len(rule):
        if rule[at:].strip() == "":
            break
        m = _TOKEN.match(rule, at)
        if m is None or m.end() == at:
            rest = rule[at:].lstrip()
            raise TagError(f"unexpected {rest[:20]!r} at character {len(rule) - len(rest) + 1}")
        kind = m.lastgroup or ""
        text, start = m.group(kind), m.start(kind)
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        out.append(_Tok(kind, text, start))
        at = m.end()
    out.append(_Tok("end", "", len(rule)))
    return out


@dataclass(frozen=True)
class Node:
    """A parsed rule: ``op`` is and, or, not, cmp, in, not_in, between, truthy, tag; ``text`` is how it reads."""

    op: str
    text: str
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Operand:
    """An attribute (``column``), ``age(column)`` or ``has(column, word)``."""

    func: str  # "" for a plain attribute
    column: str
    word: str = ""

    def __str__(self) -> str:
        if self.func == "has":
            return f'has({self.column}, "{self.word}")'
        return f"{self.func}({self.column})" if self.func else self.column


class _Parser:
    def __init__(self, rule: str) -> None:
        if len(rule) > MAX_RULE:
            raise TagError(f"a rule is at most {MAX_RULE} characters, this one {len(rule)}")
        self.rule, self.toks, self.i, self.depth = rule, _tokens(rule), 0, 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self, kind: str | None = None, text: str | None = None) -> _Tok:
        tok = self.peek()
        if (kind and tok.kind != kind) or (text and tok.text != text):
            want = text or kind
            found = tok.text or "the end"
            raise TagError(f"expected {want} at character {tok.at + 1}, found {found!r}")
        self.i += 1
        return tok

    def accept(self, text: str) -> bool:
        if self.peek().text == text and self.peek().kind in ("keyword", "op"):
            self.i += 1
            return True
        return False

    def parse(self) -> Node:
        node = self.disjunction()
        self.take("end")
        return node

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TagError(f"a rule nests at most {MAX_DEPTH} deep")

    def disjunction(self) -> Node:
        parts = [self.conjunction()]
        while self.accept("or"):
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Node("or", " or ".join(_wrap(p) for p in parts), tuple(parts))

    def conjunction(self) -> Node:
        parts = [self.negation()]
        while self.accept("and"):
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else Node("and", " and ".join(_wrap(p) for p in parts), tuple(parts))

    def negation(self) -> Node:
        if self.accept("not"):
            self._nest()
            inner = self.negation()
            self.depth -= 1
            return Node("not", f"not {_wrap(inner)}", (inner,))
        return self.atom()

    def atom(self) -> Node:
        if self.accept("("):
            self._nest()
            inner = self.disjunction()
            self.take("op", ")")
            self.depth -= 1
            return inner
        tok = self.peek()
        if tok.kind == "name" and tok.text == "tag":
            self.take()
            self.take("op", "(")
            name = _unquote(self.take("string").text)
            self.take("op", ")")
            return Node("tag", f'tag("{name}")', (name,))
        operand = self.operand()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            value = self.literal()
            return Node("cmp", f"{operand} {tok.text} {_show(value)}", (operand, tok.text, value))
        if self.accept("in"):
            values = self.values()
            return Node("in", f"{operand} in {_show(values)}", (operand, values))
        if tok.kind == "keyword" and tok.text == "not":
            self.take()
            self.take("keyword", "in")
            values = self.values()
            return Node("not_in", f"{operand} not in {_show(values)}", (operand, values))
        if self.accept("between"):
            low = self.literal()
            self.take("keyword", "and")
            high = self.literal()
            return Node("between", f"{operand} between {_show(low)} and {_show(high)}", (operand, low, high))
        return Node("truthy", str(operand), (operand,))

    def operand(self) -> Operand:
        tok = self.take("name")
        if self.peek().text != "(":
            return Operand("", tok.text)
        if tok.text not in _FUNCTIONS:
            raise TagError(f"unknown function {tok.text!r} at character {tok.at + 1} (age, has, tag)")
        self.take("op", "(")
        column = self.take("name").text
        word = ""
        if tok.text == "has":
            self.take("op", ",")
            word = _unquote(self.take("string").text)
        self.take("op", ")")
        return Operand(tok.text, column, word)

    def literal(self) -> Any:
        tok = self.peek()
        if tok.kind == "number":
            self.take()
            return float(tok.text) if "." in tok.text else int(tok.text)
        if tok.kind == "string":
            self.take()
            return _unquote(tok.text)
        if tok.kind == "keyword" and tok.text in ("true", "false"):
            self.take()
            return tok.text == "true"
        raise TagError(
            f"expected a number, a quoted text, true or false at character {tok.at + 1}, "
            f"found {tok.text or 'the end'!r}"
        )

    def values(self) -> tuple[Any, ...]:
        self.take("op", "[")
        items = [self.literal()]
        while self.accept(","):
            items.append(self.literal())
            if len(items) > MAX_LIST:
                raise TagError(f"a list holds at most {MAX_LIST} values")
        self.take("op", "]")
        return tuple(items)


def _unquote(text: str) -> str:
    return text[1:-1]


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _wrap(node: Node) -> str:
    return f"({node.text})" if node.op in ("and", "or") else node.text


def parse_rule(rule: str) -> Node:
    """The rule's syntax tree; :class:`TagError` saying where it goes wrong."""
    return _Parser(rule).parse()


def leaves(node: Node) -> Iterable[Node]:
    """The rule's criteria: its comparisons, truth tests and ``tag("x")``, left to right."""
    if node.op in ("and", "or", "not"):
        for child in node.args:
            yield from leaves(child)
    else:
        yield node


def columns_of(node: Node) -> set[str]:
    """The attributes a rule reads."""
    return {leaf.args[0].column for leaf in leaves(node) if leaf.op != "tag"}


def tags_of(node: Node) -> set[str]:
    """The other tags a rule reads."""
    return {leaf.args[0] for leaf in leaves(node) if leaf.op == "tag"}


# -- definitions ----------------------------------------------------------------------------------------------------


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
    try:
        raw = tomllib.loads(text).get("tags", [])
    except tomllib.TOMLDecodeError as exc:
        raise TagError(f"not TOML: {exc}") from None
    if len(raw) > MAX_TAGS:
        raise TagError(f"at most {MAX_TAGS} tags in one file")
    known = {f for f in TagDef.__dataclass_fields__ if f not in ("tree", "plugin")}
    out: list[TagDef] = []
    for entry in raw:
        unknown = set(entry) - known
        if unknown:
            raise TagError(f"tag {entry.get('name')!r}: unknown field(s) {', '.join(sorted(unknown))}")
        out.append(TagDef(**entry, plugin=plugin))
    return catalogue(out)


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


# -- evaluation -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """Why an entity carries a tag (or not): the tag's source, and the criteria that held ("age(birth_date) >= 60")
    or the marks that put it there."""

    tag: str
    carried: bool
    source: str
    owner: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "tag": self.tag,
            "carried": self.carried,
            "source": self.source,
            "owner": self.owner,
            "reasons": list(self.reasons),
        }


@dataclass
class TagResult:
    """Every tag of one entity kind over all entities: ``carried`` (index: entity keys, one bool column per tag)
    and, per tag, ``support``: one bool column per criterion, true where that criterion held, and ``against``: one
    per criterion, true where it failed (a tag not carried says which criteria it missed)."""

    defs: dict[str, TagDef]
    carried: pd.DataFrame
    support: dict[str, pd.DataFrame]
    against: dict[str, pd.DataFrame]
    marks: dict[str, pd.Series]  # per marked tag: the mark's note by entity key

    def tags_of(self, key: Any) -> list[str]:
        """The tags ``key`` carries, in definition order."""
        if key not in self.carried.index:
            return []
        row = self.carried.loc[key]
        return [name for name in self.carried.columns if bool(row[name])]

    def carriers(self, tag: str) -> pd.Index:
        """The keys of every entity carrying ``tag``."""
        column = self.carried[tag]
        return self.carried.index[column.to_numpy()]

    def counts(self) -> dict[str, int]:
        return {name: int(self.carried[name].sum()) for name in self.carried.columns}

    def explain(self, key: Any, tag: str) -> Explanation:
        """Why ``key`` carries ``tag`` (the criteria that held), or why not (the criteria that failed)."""
        import pandas as pd

        d = self.defs[tag]
        carried = bool(self.carried.at[key, tag]) if key in self.carried.index else False
        if d.source != "rule":
            note = self.marks.get(tag, pd.Series(dtype=object)).get(key)
            reasons = (f"{d.source}: {note}",) if carried and note else ()
            return Explanation(tag, carried, d.source, d.owner, reasons)
        frame = (self.support if carried else self.against)[tag]
        row = frame.loc[key] if key in frame.index else pd.Series(dtype=bool)
        return Explanation(tag, carried, d.source, d.owner, tuple(str(c) for c in frame.columns if bool(row.get(c))))


def _age(values: pd.Series, today: date) -> pd.Series:
    import pandas as pd

    born = pd.to_datetime(values, errors="coerce")
    years = today.year - born.dt.year
    before = (born.dt.month > today.month) | ((born.dt.month == today.month) & (born.dt.day > today.day))
    return (years - before.astype("Int64")).astype("Float64")


def _operand(frame: pd.DataFrame, operand: Operand, today: date, memo: dict) -> pd.Series:
    key = ("operand", str(operand))  # age(birth_date) read by several rules is parsed once
    if key not in memo:
        memo[key] = _operand_values(frame, operand, today, memo)
    return memo[key]


def _operand_values(frame: pd.DataFrame, operand: Operand, today: date, memo: dict) -> pd.Series:
    if operand.column not in frame.columns:
        raise TagError(f"no attribute {operand.column!r} (the entities have {', '.join(map(str, frame.columns))})")
    values = frame[operand.column]
    if operand.func == "age":
        return _age(values, today)
    if operand.func == "has":
        listed = ("listed", operand.column)  # the column's ";a;b;" text, made once for every word looked for
        if listed not in memo:
            memo[listed] = ";" + values.fillna("").astype(str).str.replace(" ", "", regex=False) + ";"
        return memo[listed].str.contains(f";{operand.word};", regex=False)
    return values


def _truth(series: pd.Series) -> pd.Series:
    """Comparisons with a missing value are false, never missing."""
    return series.fillna(False).astype(bool)


def _leaf(node: Node, frame: pd.DataFrame, carried: pd.DataFrame, today: date, memo: dict) -> pd.Series:
    """A criterion's value, computed once per evaluation (rules share criteria; the why-not pass reads them again)."""
    if node.op == "tag":
        return carried[node.args[0]]
    key = ("leaf", node.text)
    if key not in memo:
        memo[key] = _criterion(node, _operand(frame, node.args[0], today, memo)).reindex(frame.index, fill_value=False)
    return memo[key]


def _criterion(node: Node, values: pd.Series) -> pd.Series:
    import pandas as pd

    if node.op == "truthy":
        if values.dtype == object:
            return values.map(lambda v: bool(v) and v == v and str(v).casefold() not in ("0", "no", "false", "否"))
        return _truth(values.astype("boolean"))
    if node.op == "cmp":
        _, op, value = node.args
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values = pd.to_numeric(values, errors="coerce")
        result = {"==": values.eq, "!=": values.ne, "<": values.lt, "<=": values.le, ">": values.gt, ">=": values.ge}[
            op
        ](value)
        if op == "!=":
            result = result & values.notna()
        return _truth(result)
    if node.op in ("in", "not_in"):
        options = list(node.args[1])
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in options):
            values = pd.to_numeric(values, errors="coerce")
        inside = _truth(values.isin(options))
        return inside if node.op == "in" else ~inside & values.notna()
    _, low, high = node.args
    return _truth(pd.to_numeric(values, errors="coerce").between(low, high))


def _support(
    node: Node,
    want: bool,
    frame: pd.DataFrame,
    carried: pd.DataFrame,
    today: date,
    out: dict[str, pd.Series],
    memo: dict,
) -> pd.Series:
    """The node's value, recording in ``out`` each criterion that speaks for ``want`` (negation flips it)."""
    if node.op == "not":
        return ~_support(node.args[0], not want, frame, carried, today, out, memo)
    if node.op in ("and", "or"):
        values = [_support(child, want, frame, carried, today, out, memo) for child in node.args]
        result = values[0]
        for v in values[1:]:
            result = (result & v) if node.op == "and" else (result | v)
        return result
    value = _leaf(node, frame, carried, today, memo)
    label = node.text if want else f"not {node.text}"
    out[label] = value if want else ~value
    return value


class RuleValues:
    """Any rules of this language over one frame of entities that already carry ``carried`` (a :class:`TagResult`'s
    frame, for ``tag("x")``): each criterion computed once and shared by every rule that reads it.  What another
    catalogue written in the tags' language (the people plugin's policies) evaluates with; :func:`evaluate` is the
    tags' own use of it."""

    def __init__(self, frame: pd.DataFrame, carried: pd.DataFrame, today: date, memo: dict | None = None) -> None:
        self.frame, self.carried, self.today = frame, carried, today
        self.memo: dict = {} if memo is None else memo

    def criterion(self, leaf: Node) -> pd.Series:
        """One criterion's truth for every entity (missing values false)."""
        return _leaf(leaf, self.frame, self.carried, self.today, self.memo)

    def value(self, node: Node) -> pd.Series:
        """The rule's truth for every entity."""
        if node.op == "not":
            return ~self.value(node.args[0])
        if node.op in ("and", "or"):
            values = [self.value(child) for child in node.args]
            result = values[0]
            for v in values[1:]:
                result = (result & v) if node.op == "and" else (result | v)
            return result
        return self.criterion(node)


def evaluate(
    defs: Iterable[TagDef], frame: pd.DataFrame, *, marks: pd.DataFrame | None = None, today: date | None = None
) -> TagResult:
    """Every tag in ``defs`` (one entity kind) over ``frame`` (one row per entity, indexed by its key; its columns
    are the attributes the rules read).  ``marks`` holds the imported and manual marks: columns ``tag``, ``key``,
    ``note`` and ``at`` (a datetime, or None); a mark older than its tag's ``valid_days`` no longer counts.
    ``today`` is the day ages are counted to."""
    import pandas as pd

    ordered = catalogue(defs)
    kinds = {d.entity for d in ordered}
    if len(kinds) > 1:
        raise TagError(f"evaluate one entity kind at a time, not {', '.join(sorted(kinds))}")
    today = today or date.today()
    carried = pd.DataFrame(index=frame.index)
    support: dict[str, pd.DataFrame] = {}
    against: dict[str, pd.DataFrame] = {}
    noted: dict[str, pd.Series] = {}
    memo: dict = {}  # criteria and operands computed in this evaluation
    marks = marks if marks is not None else pd.DataFrame(columns=["tag", "key", "note", "at"])
    for d in ordered:
        if d.source == "rule" and d.tree is not None:
            held: dict[str, pd.Series] = {}
            failed: dict[str, pd.Series] = {}
            value = _support(d.tree, True, frame, carried, today, held, memo)
            _support(d.tree, False, frame, carried, today, failed, memo)
            carried[d.name] = value.to_numpy(dtype=bool)
            support[d.name] = pd.DataFrame(held, index=frame.index).astype(bool)
            against[d.name] = pd.DataFrame(failed, index=frame.index).astype(bool)
            continue
        mine = marks[marks["tag"] == d.name]
        if d.valid_days is not None and len(mine):
            since = datetime.combine(today, datetime.min.time()) - timedelta(days=d.valid_days)
            at = pd.to_datetime(mine["at"], errors="coerce", utc=True).dt.tz_localize(None)
            mine = mine[at.isna() | (at >= since)]
        note = mine.drop_duplicates("key", keep="last").set_index("key")["note"]
        noted[d.name] = note
        carried[d.name] = frame.index.isin(note.index)
    return TagResult({d.name: d for d in ordered}, carried, support, against, noted)
