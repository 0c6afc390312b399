"""Tags (core/tags/): the rule language parsed safely, evaluated over all entities at once, explaining itself."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from citybrain.core.api import TagDef, TagError, evaluate_tags, load_tags

TODAY = date(2026, 12, 4)
CATALOGUE = """
[[tags]]
name = "老年人"
entity = "person"
rule = "age(birth_date) >= 60"
owner = "民政"

[[tags]]
name = "独居老人"
entity = "person"
rule = 'tag("老年人") and living_alone and not has(health, "dementia")'
owner = "民政"

[[tags]]
name = "重残"
entity = "person"
rule = 'disability_grade in [1, 2] or (income_band == "low" and employment != "employed")'
owner = "残联"

[[tags]]
name = "中年"
entity = "person"
rule = "age(birth_date) between 45 and 59"

[[tags]]
name = "低保边缘"
entity = "person"
source = "import"
valid_days = 30
owner = "民政"
"""


def people() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "birth_date": ["1950-05-01", "1990-01-01", None, "1966-12-05", "1966-12-04"],
            "living_alone": [True, True, True, False, True],
            "health": ["diabetes;dementia", "", None, "hypertension", ""],
            "disability_grade": [1, None, 3, 2, None],
            "income_band": ["low", "mid", "low", None, "low"],
            "employment": ["retired", "employed", "employed", None, "unemployed"],
        },
        index=["a", "b", "c", "d", "e"],
    )


def marks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tag": ["低保边缘", "低保边缘"],
            "key": ["b", "c"],
            "note": ["民政 低保边缘户.xlsx row 3", "民政 2025 sheet row 9"],
            "at": [pd.Timestamp("2026-12-01", tz="UTC"), pd.Timestamp("2025-01-01", tz="UTC")],
        }
    )


def test_rules_are_evaluated_over_every_entity_and_explain_themselves() -> None:
    result = evaluate_tags(load_tags(CATALOGUE), people(), marks=marks(), today=TODAY)
    assert list(result.carriers("老年人")) == ["a", "e"]  # e turns 60 today; d is 59 until tomorrow
    assert list(result.carriers("中年")) == ["d"]
    assert list(result.carriers("独居老人")) == ["e"]  # a has dementia recorded: not counted as living alone well
    assert list(result.carriers("重残")) == ["a", "d", "e"]
    assert result.tags_of("e") == ["老年人", "独居老人", "重残"]
    why = result.explain("e", "独居老人")
    assert why.carried and why.source == "rule" and why.owner == "民政"
    assert why.reasons == ('tag("老年人")', "living_alone", 'not has(health, "dementia")')
    assert result.explain("a", "独居老人").reasons == ('has(health, "dementia")',)  # why not: what failed
    assert result.explain("e", "重残").reasons == ('income_band == "low"', 'employment != "employed"')
    assert result.explain("c", "老年人").reasons == ("not age(birth_date) >= 60",)  # no birth date: not counted


def test_imported_marks_carry_their_note_and_expire() -> None:
    result = evaluate_tags(load_tags(CATALOGUE), people(), marks=marks(), today=TODAY)
    assert list(result.carriers("低保边缘")) == ["b"]  # c's mark is older than the tag's 30 days
    assert result.explain("b", "低保边缘").reasons == ("import: 民政 低保边缘户.xlsx row 3",)
    assert result.counts()["低保边缘"] == 1


def test_a_large_population_is_evaluated_in_one_pass() -> None:
    n = 200_000
    frame = pd.DataFrame(
        {
            "birth_date": pd.date_range("1930-01-01", periods=n, freq="6h").strftime("%Y-%m-%d"),
            "living_alone": [i % 3 == 0 for i in range(n)],
            "health": "",
            "disability_grade": None,
            "income_band": "mid",
            "employment": "employed",
        }
    )
    result = evaluate_tags(load_tags(CATALOGUE), frame, today=TODAY)
    born = pd.to_datetime(frame["birth_date"])
    sixty = (TODAY.year - born.dt.year > 60) | (
        (TODAY.year - born.dt.year == 60) & (born.dt.strftime("%m-%d") <= "12-04")
    )
    assert result.counts()["老年人"] == int(sixty.sum()) > 0
    assert result.counts()["独居老人"] == int((sixty & frame["living_alone"]).sum())


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("__import__('os').system('x')", "expected"),
        ("age >= ", "expected a number"),
        ("living_alone and", "expected name"),
        ("size == large", "expected a number, a quoted text"),
        ("eval(x)", "unknown function 'eval'"),
        ("a in [1, 2", "expected ]"),
        ("a ; b", "unexpected '; b' at character 3"),
        ("(" * 40 + "a" + ")" * 40, "nests at most"),
        ("a == 1" + " or a == 1" * 300, "at most 2000 characters"),
    ],
)
def test_a_rule_that_is_not_the_language_is_refused_saying_where(rule: str, says: str) -> None:
    with pytest.raises(TagError, match="^tag 'x': .*" + says.replace("(", r"\(").replace("[", r"\[")):
        TagDef("x", "person", rule=rule)


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('[[tags]]\nname = "x"\nentity = "planet"\nrule = "a"', "entity is one of"),
        ('[[tags]]\nname = "x"\nentity = "person"\nsource = "guess"', "source is one of"),
        ('[[tags]]\nname = "x"\nentity = "person"', "a rule tag has a rule"),
        ('[[tags]]\nname = "x"\nentity = "person"\nsource = "manual"\nrule = "a"', "an manual tag none"),
        ('[[tags]]\nname = "x"\nentity = "person"\nrule = "a"\ncolour = "red"', "unknown field"),
        (
            '[[tags]]\nname = "x"\nentity = "person"\nrule = "a"\n[[tags]]\nname = "x"\nentity = "person"\nrule = "b"',
            "defined twice",
        ),
        (
            '[[tags]]\nname = "x"\nentity = "person"\nrule = \'tag("y")\'\n'
            '[[tags]]\nname = "y"\nentity = "person"\nrule = \'tag("x")\'',
            "in a circle",
        ),
        (
            '[[tags]]\nname = "x"\nentity = "person"\nrule = \'tag("y")\'\n'
            '[[tags]]\nname = "y"\nentity = "enterprise"\nrule = "a"',
            "not a person tag",
        ),
        ("[[tags]\n", "not TOML"),
    ],
)
def test_a_catalogue_that_cannot_be_used_is_refused(toml: str, says: str) -> None:
    with pytest.raises(TagError, match=says):
        load_tags(toml)


def test_an_attribute_the_entities_lack_is_named() -> None:
    with pytest.raises(TagError, match="no attribute 'shoe_size'"):
        evaluate_tags([TagDef("x", "person", rule="shoe_size > 40")], people(), today=TODAY)
