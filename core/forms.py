"""Form definitions: one form, in TOML, that any plugin ships and the desk renders (``citybrain.widgets.FormView``).

A form has sections of fields.  Each field has a type (``text``, ``int``, ``number``, ``bool``, ``choice``,
``multi``, ``date``), its validation (``required``, ``min``/``max``, ``max_length``, ``choices``), the business
lines (条线) that need it, a condition (``show_when``: a rule in the tag language, evaluated by the tags'
``RuleValues``, over the form's answers and its ``context`` attributes) and where its default comes from:
``known`` names an attribute of the thing the form is about (a resident's ``living_alone``), so that what is
already known is filled in, never asked again; ``default`` is a fixed one.  A definition is checked whole when loaded
(:func:`load_form`): a mistake is refused with :class:`FormError` naming the section, the field and what is wrong.

:meth:`FormDef.check` validates answers (the daemon before it saves, the widget as they are typed): the clean
values of the fields shown, and per field an error code (``required``, ``type``, ``range``, ``length``,
``choice``) the desk words in its language.  No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from citybrain.core.catalogues import entries, read_catalogue
from citybrain.core.tags import Node, RuleValues, TagError, columns_of, parse_rule, tags_of

TYPES = ("text", "int", "number", "bool", "choice", "multi", "date")
MAX_SECTIONS = 40
MAX_FIELDS = 300  # in one form
MAX_CHOICES = 200  # of one field
MAX_TEXT = 2_000  # the longest a text field may allow
TEXT_DEFAULT = 200  # a text field's max_length when it names none
MAX_NUMBER = 1e12  # |min|, |max| and any answer
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,59}$")


class FormError(ValueError):
    """A definition that cannot be used: the message names the section or field and what is wrong."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    label_en: str = ""


@dataclass(frozen=True)
class FieldDef:
    """One question.  ``label_en`` is the English desk's wording (``label`` the Chinese desk's)."""

    key: str
    label: str
    type: str = "text"
    label_en: str = ""
    lines: tuple[str, ...] = ()
    required: bool = False
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    known: str = ""  # the attribute its default comes from (and a save may update)
    default: Any = None
    show_when: str = ""
    help: str = ""
    help_en: str = ""
    tree: Node | None = field(default=None, compare=False, repr=False)

    def choice_label(self, value: str, chinese: bool = True) -> str:
        for c in self.choices:
            if c.value == value:
                return c.label if chinese or not c.label_en else c.label_en
        return value


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    title_en: str = ""
    fields: tuple[FieldDef, ...] = ()


@dataclass(frozen=True)
class FormDef:
    id: str
    title: str
    title_en: str = ""
    lines: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # code: (Chinese, English)
    context: tuple[str, ...] = ()  # attributes conditions may read besides the answers (birth_date)
    sections: tuple[Section, ...] = ()

    @property
    def fields(self) -> list[FieldDef]:
        return [f for s in self.sections for f in s.fields]

    def field(self, key: str) -> FieldDef:
        return next(f for f in self.fields if f.key == key)

    def defaults(self, known: Mapping[str, Any]) -> dict[str, Any]:
        """Each field's starting answer: the known attribute's value where there is one, else its fixed default."""
        out: dict[str, Any] = {}
        for f in self.fields:
            value = known.get(f.known) if f.known else None
            if value is None or value == "":
                value = f.default
            if value is not None:
                clean, error = _clean(f, value)
                if error is None:
                    out[f.key] = clean
        return out

    def visible(self, answers: Mapping[str, Any], known: Mapping[str, Any], today: date | None = None) -> set[str]:
        """The fields shown for these answers: those without a condition, and those whose condition holds over the
        answers and the ``context`` attributes of ``known``."""
        return self.visible_each([(answers, known)], today)[0]

    def visible_each(
        self, sheets: list[tuple[Mapping[str, Any], Mapping[str, Any]]], today: date | None = None
    ) -> list[set[str]]:
        """:meth:`visible` for many (answers, known) at once: one frame, each condition evaluated once over it."""
        conditional = [f for f in self.fields if f.tree is not None]
        always = {f.key for f in self.fields if f.tree is None}
        if not conditional:
            return [set(always) for _ in sheets]
        import pandas as pd

        rows = [
            {name: known.get(name) for name in self.context}
            | {f.key: _for_rule(_valid(f, answers.get(f.key))) for f in self.fields}
            for answers, known in sheets
        ]
        frame = pd.DataFrame(rows)  # conditions read no tags (refused when loaded): none carried
        rules = RuleValues(frame, pd.DataFrame(index=frame.index), today or date.today())
        values = [rules.value(f.tree) for f in conditional if f.tree is not None]  # shared criteria computed once
        held = pd.concat(values, axis=1, keys=[f.key for f in conditional]).to_numpy(dtype=bool)
        return [always | {f.key for f, on in zip(conditional, row, strict=True) if on} for row in held]

    def check(
        self,
        answers: Mapping[str, Any],
        known: Mapping[str, Any] | None = None,
        today: date | None = None,
        shown: set[str] | None = None,
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The clean answers of the fields shown (a hidden field's answer is dropped), and per field that fails its
        error code: ``required``, ``type``, ``range``, ``length`` or ``choice``; an answer to no field is
        ``unknown``.  ``shown``: what :meth:`visible_each` found for these answers, when checked in bulk."""
        known = known or {}
        shown = self.visible(answers, known, today) if shown is None else shown
        clean: dict[str, Any] = {}
        errors: dict[str, str] = {key: "unknown" for key in answers if key not in {f.key for f in self.fields}}
        for f in self.fields:
            if f.key not in shown:
                continue
            value = answers.get(f.key)
            if _blank(value):
                if f.required:
                    errors[f.key] = "required"
                continue
            value, error = _clean(f, value)
            if error:
                errors[f.key] = error
            else:
                clean[f.key] = value
        return clean, errors


def _blank(value: Any) -> bool:
    """No answer: nothing, an empty list, or text of nothing but spaces."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, tuple)) and len(value) == 0)


def _valid(f: FieldDef, value: Any) -> Any:
    """The answer when it is valid, else None (a condition reads a wrong answer as no answer)."""
    if _blank(value):
        return None
    clean, error = _clean(f, value)
    return None if error else clean


def _for_rule(value: Any) -> Any:
    """An answer as a rule reads it: a multiple choice as ``a;b`` (``has(field, "a")``)."""
    return ";".join(value) if isinstance(value, (list, tuple)) else value


def _clean(f: FieldDef, value: Any) -> tuple[Any, str | None]:
    """``value`` as the field's type holds it, or the error code."""
    if f.type == "text":
        if not isinstance(value, str):
            return None, "type"
        value = value.strip()
        return (value, None) if len(value) <= (f.max_length or TEXT_DEFAULT) else (None, "length")
    if f.type in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, "type"
        if f.type == "int" and value != int(value):
            return None, "type"
        low = f.min if f.min is not None else -MAX_NUMBER
        high = f.max if f.max is not None else MAX_NUMBER
        if not low <= value <= high:
            return None, "range"
        return (int(value) if f.type == "int" else float(value)), None
    if f.type == "bool":
        return (value, None) if isinstance(value, bool) else (None, "type")
    if f.type == "date":
        try:
            return date.fromisoformat(value).isoformat(), None
        except (TypeError, ValueError):
            return None, "type"
    values = {c.value for c in f.choices}
    if f.type == "choice":
        if not isinstance(value, str):
            return None, "type"
        return (value, None) if value in values else (None, "choice")
    if isinstance(value, str):  # multi: a list, or the known attribute's ';'-separated text
        value = [v for v in value.split(";") if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return None, "type"
    if len(value) > MAX_CHOICES or any(v not in values for v in value):
        return None, "choice"
    return sorted(set(value), key=[c.value for c in f.choices].index), None


# -- loading --------------------------------------------------------------------------------------------------------

_FORM_KEYS = {"id", "title", "title_en", "context"}
_SECTION_KEYS = {"key", "title", "title_en", "fields"}
_FIELD_KEYS = set(FieldDef.__dataclass_fields__) - {"tree", "choices"} | {"choices"}
_CHOICE_KEYS = {"value", "label", "label_en"}


def _only(entry: Mapping, allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise FormError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def _text(entry: Mapping, name: str, where: str, needed: bool = False, most: int = 200) -> str:
    value = entry.get(name, "")
    if not isinstance(value, str) or len(value) > most or (needed and not value.strip()):
        raise FormError(f"{where}: {name} is {'a text of 1' if needed else 'a text of 0'} to {most} characters")
    return value


def _number(entry: Mapping, name: str, where: str) -> float | None:
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > MAX_NUMBER:
        raise FormError(f"{where}: {name} is a number (at most {MAX_NUMBER:g} either way), not {value!r}")
    return value


def _choices(entry: Mapping, where: str) -> tuple[Choice, ...]:
    raw = entry.get("choices", [])
    if not isinstance(raw, list) or len(raw) > MAX_CHOICES:
        raise FormError(f"{where}: choices is a list of at most {MAX_CHOICES}")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise FormError(f"{where}: each choice is a table {{value, label, label_en}}")
        _only(item, _CHOICE_KEYS, f"{where}, choice {item.get('value')!r}")
        out.append(
            Choice(
                _text(item, "value", where, needed=True, most=60),
                _text(item, "label", where, needed=True),
                _text(item, "label_en", where),
            )
        )
    if len({c.value for c in out}) != len(out):
        raise FormError(f"{where}: two choices share a value")
    return tuple(out)


def _field(entry: Mapping, where: str, lines: Mapping[str, tuple[str, str]]) -> FieldDef:
    if not isinstance(entry, dict):
        raise FormError(f"{where}: a field is a table")
    key = entry.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise FormError(f"{where}: a field's key is a name of letters, digits and _ (at most 60), not {key!r}")
    where = f"{where}, field {key!r}"
    _only(entry, _FIELD_KEYS, where)
    kind = entry.get("type", "text")
    if kind not in TYPES:
        raise FormError(f"{where}: type is one of {', '.join(TYPES)}, not {kind!r}")
    field_lines = entry.get("lines", [])
    if not isinstance(field_lines, list) or any(line not in lines for line in field_lines):
        raise FormError(f"{where}: lines are among the form's [lines] ({', '.join(lines) or 'none declared'})")
    if lines and not field_lines:
        raise FormError(f"{where}: names the business lines that need it (lines = [...])")
    choices = _choices(entry, where)
    if (kind in ("choice", "multi")) != bool(choices):
        raise FormError(f"{where}: a choice or multi field lists its choices, another type none")
    low, high = _number(entry, "min", where), _number(entry, "max", where)
    if (low is not None or high is not None) and kind not in ("int", "number"):
        raise FormError(f"{where}: min and max are for int and number fields")
    if low is not None and high is not None and low > high:
        raise FormError(f"{where}: min {low} is above max {high}")
    length = entry.get("max_length")
    if length is not None and (kind != "text" or not isinstance(length, int) or not 1 <= length <= MAX_TEXT):
        raise FormError(f"{where}: max_length is for text fields, 1 to {MAX_TEXT}")
    required = entry.get("required", False)
    if not isinstance(required, bool):
        raise FormError(f"{where}: required is true or false")
    known = entry.get("known", "")
    if known and (not isinstance(known, str) or not _KEY.match(known)):
        raise FormError(f"{where}: known names an attribute, not {known!r}")
    made = FieldDef(
        key=key,
        label=_text(entry, "label", where, needed=True),
        type=kind,
        label_en=_text(entry, "label_en", where),
        lines=tuple(field_lines),
        required=required,
        min=low,
        max=high,
        max_length=length,
        choices=choices,
        known=known,
        default=entry.get("default"),
        show_when=_text(entry, "show_when", where, most=2_000),
        help=_text(entry, "help", where, most=500),
        help_en=_text(entry, "help_en", where, most=500),
    )
    if made.default is not None and _clean(made, made.default)[1]:
        raise FormError(f"{where}: default {made.default!r} is not a valid answer ({_clean(made, made.default)[1]})")
    if made.show_when:
        try:
            tree = parse_rule(made.show_when)
        except TagError as exc:
            raise FormError(f"{where}: show_when: {exc}") from None
        object.__setattr__(made, "tree", tree)
    return made


def load_form(text: str) -> FormDef:
    """A form from TOML: ``[form]`` (id, title, title_en, context), ``[lines]`` (code = ["中文", "English"]),
    ``[[sections]]`` (key, title, title_en) each with ``[[sections.fields]]``.  :class:`FormError` on the first
    mistake: an unknown key, a bad type or bound, a choice field without choices, a line not declared, a condition
    that does not parse or reads what the form does not hold (or itself), two fields with one key."""
    raw = read_catalogue(text, FormError)
    _only(raw, {"form", "lines", "sections"}, "the file")
    head = raw.get("form", {})
    _only(head, _FORM_KEYS, "[form]")
    form_id = _text(head, "id", "[form]", needed=True, most=60)
    context = head.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) and _KEY.match(c) for c in context):
        raise FormError("[form]: context is a list of attribute names")
    lines: dict[str, tuple[str, str]] = {}
    for code, names in raw.get("lines", {}).items():
        if not _KEY.match(code) or not isinstance(names, list) or len(names) != 2:
            raise FormError(f'[lines]: {code} = ["中文", "English"]')
        lines[code] = (str(names[0]), str(names[1]))
    sections_raw = entries(raw, "sections", MAX_SECTIONS, _SECTION_KEYS, "section", FormError)
    if not sections_raw:
        raise FormError(f"a form has 1 to {MAX_SECTIONS} sections")
    sections: list[Section] = []
    seen: set[str] = set()
    for entry in sections_raw:
        where = f"section {entry.get('key')!r}"
        key = _text(entry, "key", where, needed=True, most=60)
        if key in {s.key for s in sections}:
            raise FormError(f"{where}: two sections share this key")
        fields = tuple(_field(f, where, lines) for f in entry.get("fields", []))
        if not fields:
            raise FormError(f"{where}: has no fields")
        for f in fields:
            if f.key in seen:
                raise FormError(f"{where}, field {f.key!r}: two fields share this key")
            seen.add(f.key)
        sections.append(
            Section(key, _text(entry, "title", where, needed=True), _text(entry, "title_en", where), fields)
        )
    if len(seen) > MAX_FIELDS:
        raise FormError(f"a form has at most {MAX_FIELDS} fields, this one {len(seen)}")
    readable = seen | set(context)
    for s in sections:
        for f in s.fields:
            if f.tree is None:
                continue
            where = f"section {s.key!r}, field {f.key!r}: show_when"
            if tags_of(f.tree):
                raise FormError(f"{where} reads answers, not tags")
            read = columns_of(f.tree)
            if f.key in read:
                raise FormError(f"{where} reads the field itself")
            if read - readable:
                raise FormError(
                    f"{where} reads {', '.join(sorted(read - readable))}, not a field nor in [form] context"
                )
    return FormDef(
        form_id,
        _text(head, "title", "[form]", needed=True),
        _text(head, "title_en", "[form]"),
        lines,
        tuple(context),
        tuple(sections),
    )


def bundled_form(plugin: str, name: str) -> FormDef:
    """A form shipped in the package's configs (``configs/<plugin>/<name>``): the daemon and the desk load the same."""
    from citybrain.core.config import bundled

    return load_form(bundled("citybrain.configs", plugin, name).read_text(encoding="utf-8"))
