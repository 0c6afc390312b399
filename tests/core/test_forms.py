"""Form definitions (core/forms.py): the shipped visit form loads, every kind of mistake is refused by name,
conditions use the tag language, answers are checked field by field."""

from __future__ import annotations

from datetime import date

import pytest

from citybrain.core.api import FormError, bundled, load_form

HEAD = """
[form]
id = "t"
title = "测试"
context = ["birth_date"]
[lines]
civil = ["民政", "Civil affairs"]
"""


def form(fields: str, head: str = HEAD) -> str:
    return head + '[[sections]]\nkey = "s"\ntitle = "节"\n' + fields


def field(body: str) -> str:
    return form('[[sections.fields]]\nkey = "a"\nlabel = "甲"\nlines = ["civil"]\n' + body)


def test_the_resident_visit_form_loads_with_a_line_on_every_field() -> None:
    visit = load_form(bundled("citybrain.configs", "people", "visit_form.toml").read_text(encoding="utf-8"))
    assert len(visit.fields) >= 20 and len(visit.lines) == 8
    assert all(f.lines for f in visit.fields)
    assert {line for f in visit.fields for line in f.lines} == set(visit.lines)  # every line asks something


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not = [toml", "not TOML"),
        (HEAD, "1 to 40 sections"),
        (field('type = "colour"'), "type is one of"),
        (field('colour = "red"'), "unknown key(s) colour"),
        (field('type = "choice"'), "lists its choices"),
        (field('type = "text"\nchoices = [{ value = "x", label = "X" }]'), "lists its choices"),
        (
            field('type = "choice"\nchoices = [{ value = "x", label = "X" }, { value = "x", label = "Y" }]'),
            "share a value",
        ),
        (field('type = "int"\nmin = 5\nmax = 1'), "min 5 is above max 1"),
        (field('type = "text"\nmin = 1'), "min and max are for int and number"),
        (field('type = "int"\nmax_length = 3'), "max_length is for text"),
        (field('type = "text"\nmax_length = 99999'), "max_length is for text"),
        (field('type = "int"\nmax = 3\ndefault = 9'), "default 9 is not a valid answer (range)"),
        (field('type = "bool"\nrequired = "yes"'), "required is true or false"),
        (field('show_when = "age(birth_date) >="'), "show_when: "),
        (field('show_when = "income == 1"'), "reads income, not a field nor in [form] context"),
        (field('show_when = "a"'), "reads the field itself"),
        (field("show_when = 'tag(\"老年人\")'"), "reads answers, not tags"),
        (form('[[sections.fields]]\nkey = "a"\nlabel = "甲"\nlines = ["army"]\n'), "lines are among the form's"),
        (form('[[sections.fields]]\nkey = "a"\nlabel = "甲"\n'), "names the business lines"),
        (form('[[sections.fields]]\nkey = "a b"\nlabel = "甲"\n'), "a field's key is a name"),
        (form('[[sections.fields]]\nkey = "a"\nlines = ["civil"]\n'), "label is a text of 1"),
        (
            form('[[sections.fields]]\nkey = "a"\nlabel = "甲"\nlines = ["civil"]\n' * 2),
            "field 'a': two fields share this key",
        ),
        (form(""), "section 's': has no fields"),
    ],
)
def test_a_definition_with_a_mistake_is_refused_saying_what(text: str, says: str) -> None:
    with pytest.raises(FormError) as refused:
        load_form(text)
    assert says in str(refused.value)


def test_too_many_fields_is_refused() -> None:
    many = "".join(f'[[sections.fields]]\nkey = "f{i}"\nlabel = "甲"\nlines = ["civil"]\n' for i in range(301))
    with pytest.raises(FormError, match="at most 300 fields"):
        load_form(form(many))


def test_conditions_defaults_and_answers() -> None:
    f = load_form(
        form(
            """
[[sections.fields]]
key = "alone"
label = "独居"
type = "bool"
known = "living_alone"
lines = ["civil"]
[[sections.fields]]
key = "care"
label = "照护"
type = "multi"
required = true
lines = ["civil"]
show_when = "age(birth_date) >= 60 and alone"
choices = [{ value = "meals", label = "助餐" }, { value = "bath", label = "助浴" }]
[[sections.fields]]
key = "size"
label = "人数"
type = "int"
min = 1
max = 20
lines = ["civil"]
"""
        )
    )
    old, young = {"birth_date": "1950-05-01", "living_alone": True}, {"birth_date": "2000-05-01"}
    assert f.defaults(old) == {"alone": True}  # known: not asked again
    today = date(2026, 12, 1)
    assert "care" in f.visible({"alone": True}, old, today)
    assert "care" not in f.visible({"alone": False}, old, today)
    assert "care" not in f.visible({"alone": True}, young, today)
    assert f.check({"alone": True}, old, today)[1] == {"care": "required"}
    assert f.check({"alone": True, "care": "  "}, old, today)[1] == {"care": "required"}  # spaces are no answer
    assert f.check({"alone": True, "care": ["bath", "meals"], "size": 2}, old, today) == (
        {"alone": True, "care": ["meals", "bath"], "size": 2},
        {},
    )
    clean, errors = f.check({"alone": False, "care": ["meals"], "size": 40, "x": 1}, old, today)
    assert clean == {"alone": False}  # the hidden field's answer is dropped
    assert errors == {"size": "range", "x": "unknown"}
    assert f.check({"alone": "yes", "size": 1.5}, old, today)[1] == {"alone": "type", "size": "type"}
