"""The policy catalogue: 82 policies in every category, each rule in the tags' language, real criteria cited or
the policy marked illustrative; a catalogue naming an unknown attribute, tag or category is refused at load, naming
the policy.  And the scan itself over a small frame: hits, reasons, receiving, exclusions, near misses."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from citybrain.core.api import evaluate_tags
from citybrain.plugins.people import matching, tagging
from citybrain.plugins.people.policies import CATEGORIES, PolicyError, catalogue, load_policies

GOOD = """
[[policies]]
id = "x-one"
name = "测试"
department = "民政"
category = "relief"
eligibility = 'income_band == "low" and tag("老年人")'
benefit = "X1"
urgency = "high"
illustrative = true
"""


def test_the_catalogue_ships_82_policies_in_every_category() -> None:
    assert len(catalogue()) == 82
    assert {p.category for p in catalogue()} == set(CATEGORIES)
    cited = [p for p in catalogue() if not p.illustrative]
    assert {"relief-dibao", "elder-allowance-80", "dis-living", "dis-nursing"} <= {p.id for p in cited}
    assert all(p.source for p in cited)
    assert sum(p.no_visit for p in catalogue()) == 15


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("income_band", "salary"), "policy 'x-one', eligibility: no attribute salary"),
        (('tag("老年人")', 'tag("富人")'), "policy 'x-one', eligibility: no person tag 富人"),
        (('category = "relief"', 'category = "leisure"'), "policy 'x-one': category is one of relief"),
        (('urgency = "high"', 'urgency = "soon"'), "policy 'x-one': urgency is one of high"),
        (("illustrative = true", ""), "policy 'x-one': cite the source"),
        (('benefit = "X1"', 'benefit = "x 1"'), "policy 'x-one': benefit is a programme code"),
        (("and tag", "and and tag"), "policy 'x-one', eligibility: expected"),
        (('id = "x-one"', 'id = "x-one"\nbudget = 3'), "policy 'x-one': unknown field(s) budget"),
    ],
)
def test_a_policy_that_cannot_be_used_is_refused_naming_it(change: tuple[str, str], says: str) -> None:
    with pytest.raises(PolicyError) as refused:
        load_policies(GOOD.replace(*change))
    assert says in str(refused.value)


def test_a_catalogue_with_one_id_twice_is_refused() -> None:
    assert len(load_policies(GOOD)) == 1
    with pytest.raises(PolicyError, match="'x-one' is defined twice"):
        load_policies(GOOD + GOOD)


def _frame() -> pd.DataFrame:
    people = {
        1: ("1940-01-01", "local", "low", True, "", ""),  # 86, alone, low income, nothing received
        2: ("1940-01-01", "local", "low", True, "", "GAOLING;DIBAO"),  # the same, receiving two
        3: ("1990-01-01", "local", "low", False, "", ""),  # young
        4: ("1940-01-01", "local", "low", True, "2025-01-01", ""),  # dead
        5: ("1962-06-01", "local", "middle", False, "", ""),  # 64
    }
    frame = pd.DataFrame.from_dict(
        people, orient="index", columns=["birth_date", "hukou", "income_band", "living_alone", "death_date", "benefits"]
    )
    for name in tagging.ATTRIBUTES:
        if name not in frame and name != "id":
            frame[name] = None
    frame["birth_date"] = pd.to_datetime(frame["birth_date"]).dt.date
    frame["deceased"] = frame["death_date"] != ""
    return frame.fillna({"employment": "", "health": "", "disability_kind": "", "sex": "F", "veteran": False})


def test_the_scan_finds_who_qualifies_and_receives_nothing_with_reasons() -> None:
    today = date(2026, 12, 1)
    frame = _frame()
    result = matching.scan(frame, evaluate_tags(tagging.definitions(), frame, today=today), today, {3: ["moved"]})
    j = [p.id for p in catalogue()].index("elder-allowance-80")
    hits = result.hits[j]
    assert list(frame.index[hits.positions]) == [1]  # 2 receives it, 4 is dead, 3 and 5 too young
    assert hits.reasons(0) == ["age(birth_date) between 80 and 89", 'hukou == "local"']
    assert result.eligible[1, j] and result.receives[1, j]  # person 2: eligible and receiving, not a hit
    low = [p.id for p in catalogue()].index("relief-low-income")  # excludes 低保 recipients
    assert not result.eligible[1, low] and result.eligible[0, low]
    table = result.table()
    assert set(table[table["flagged"]]["person"]) == {3}
    states = {s["policy"]: s for s in matching.one(frame.loc[[5]], _tags_of(frame, today, 5), today)}
    assert states["elder-allowance-65"]["state"] == "near"  # one criterion short: the age band
    assert states["elder-allowance-65"]["missing"] == ["age(birth_date) between 65 and 69"]
    assert states["elder-allowance-65"]["reasons"] == ['hukou == "local"']
    assert "elder-allowance-80" not in states  # one programme's bands answer once
    assert "housing-public-rent" not in states  # far from it: left out
    answered = {s["policy"]: s["state"] for s in matching.one(frame.loc[[2]], _tags_of(frame, today, 2), today)}
    assert answered["elder-allowance-80"] == "receives" and answered["elder-alone-care"] == "qualifies"
    assert "elder-allowance-65" not in answered


def _tags_of(frame: pd.DataFrame, today: date, key: int):  # noqa: ANN202 - a TagResult of one
    result = evaluate_tags(tagging.definitions(), frame, today=today)
    return type(result)(result.defs, result.carried.loc[[key]], {}, {}, {})


def test_a_daemon_configured_with_its_own_catalogue_uses_it_and_the_next_the_shipped_one(
    citybrain_daemon_factory, tmp_path
) -> None:
    """Nothing is read at import: ``[plugins.people] policies`` replaces the shipped catalogue at start."""
    from citybrain.plugins.people import POLICIES
    from citybrain.plugins.people.tests.conftest import PLUGINS

    own = tmp_path / "policies.toml"
    own.write_text(GOOD, encoding="utf-8")
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False, plugin_config={"people": {"policies": str(own)}})
    client = daemon.client()
    client.wait_for(lambda _: len(client.replica.records(POLICIES)) == 1, timeout=30)
    assert [p["id"] for p in client.replica.records(POLICIES)] == ["x-one"]
    daemon.stop()
    shipped = citybrain_daemon_factory(plugins=PLUGINS, demo=False).client()
    shipped.wait_for(lambda _: len(shipped.replica.records(POLICIES)) == 82, timeout=30)
