"""Every criterion a policy can give as a reason is worded for the desk: no rule syntax reaches an operator."""

from __future__ import annotations

import re

import pytest

from citybrain.plugins.people.matching import shown
from citybrain.plugins.people.policies import catalogue
from citybrain.plugins.people.words import policy_criterion_text

RULE_SYNTAX = re.compile(r'tag\(|age\(|has\(|==|!=|"')


def _criteria() -> list[str]:
    out: list[str] = []
    for policy in catalogue():
        out += [shown(c.text) for c in policy.conjuncts()]
    return sorted(set(out))


@pytest.mark.parametrize("criterion", _criteria())
def test_a_criterion_is_worded_without_rule_syntax(criterion: str) -> None:
    worded = policy_criterion_text(criterion)
    assert not RULE_SYNTAX.search(worded), f"{criterion!r} is shown as {worded!r}"


def test_two_tags_either_of_which_holds_are_both_named() -> None:
    worded = policy_criterion_text('tag("老年人") or tag("残疾人")')
    assert "老年人" in worded and "残疾人" in worded and "tag(" not in worded
