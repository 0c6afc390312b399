"""The tags' rule language, parsed here and never handed to ``eval``: comparisons (``== != < <= > >=``) of an
attribute with a literal (number, quoted string, ``true``/``false``), ``in [..]`` and ``not in [..]``, ``between A
and B`` (both ends included), ``and``/``or``/``not`` and parentheses, a bare attribute (true when truthy), and three
functions: ``age(COLUMN)``, ``has(COLUMN, "word")`` and ``tag("name")``.  :func:`parse_rule` makes a rule's tree
(:class:`Node`); :func:`leaves`, :func:`columns_of` and :func:`tags_of` read it.  Plain Python: the desk parses
rules (a policy's words) without pandas."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MAX_RULE = 2_000  # characters of one rule
MAX_DEPTH = 32  # nesting of one rule
MAX_LIST = 200  # items of one ``in [..]`` list


class TagError(ValueError):
    """A definition or a rule that cannot be used: the message names the tag and, for a rule, the position."""


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
