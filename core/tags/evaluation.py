"""Tags and rules evaluated over all entities at once with pandas (one boolean column per criterion, never a
loop over entities), keeping per tag which criteria held for whom and which failed, so that a tag explains itself
(:meth:`TagResult.explain`).  :class:`RuleValues` evaluates any rule of the language over one frame; :func:`evaluate`
is the tags' own use of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from citybrain.core.tags.definitions import TagDef, catalogue
from citybrain.core.tags.rules import Node, Operand, TagError

if TYPE_CHECKING:  # pandas is imported where a tag is evaluated: the desk imports core.api and never evaluates one
    import pandas as pd


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
