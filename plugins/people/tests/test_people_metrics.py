"""应享未享 counted through ``citybrain_metrics``: the metrics plugin computes the hits (all, by category) and the
outreach outcomes from the people plugin's data, the same figures the people queries give."""

from __future__ import annotations

from collections import Counter

import pytest

from citybrain.core.district import Tree
from citybrain.plugins.metrics.tests.conftest import kpi
from citybrain.plugins.people.tests.conftest import PLUGINS


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins=PLUGINS | {"metrics": "citybrain.plugins.metrics.daemon"}, plugin_config={"metrics": {"refresh": 0.2}}
    )


def test_hits_and_outcomes_are_counted_on_the_dashboards(citybrain_daemon) -> None:
    client = citybrain_daemon.client(login="operator")
    hits = client.query("people.unmet", {"limit": 5000}).result(60)["result"]
    assert kpi(client, "people.unmet/all")["values"] == [len(hits)]
    ready = [h for h in hits if not h["check"]]
    assert kpi(client, "people.unmet_actionable/all")["values"] == [len(ready)]
    by_category = kpi(client, "people.unmet/category")
    counted = {g: v for g, v in zip(by_category["groups"], by_category["values"], strict=True)}
    assert counted["elderly_care"] == sum(h["category"] == "elderly_care" for h in hits)
    planned = kpi(client, "people.outreach/all")["values"][0]  # the demo's outreach of the last months
    closed = kpi(client, "people.outreach_enrolled/all")
    assert planned > 0 and kpi(client, "people.granted/all")["values"][0] > 0
    first, second = [h for h in ready if h["task"] is None][:2]
    for hit, outcome in ((first, "enrolled"), (second, "declined")):
        plan = {"person": hit["person"], "policy": hit["policy"], "committee": hit["committee"]}
        task = client.command("people.outreach_plan", plan).result(60)["result"]["task"]
        client.command("people.outreach_outcome", {"task": task, "outcome": outcome}).result(60)
    more = planned + 2
    assert kpi(client, "people.outreach/all", lambda r: r["values"] == [more])["values"] == [more]
    enrolled = kpi(
        client, "people.outreach_enrolled/all", lambda r: r["denominators"] == [closed["denominators"][0] + 2]
    )
    assert enrolled["numerators"] == [closed["numerators"][0] + 1]


def test_a_committee_s_and_its_subdistrict_s_desks_get_their_own_hits(citybrain_daemon) -> None:
    """The people KPIs are placed by the resident's committee: a committee's desk and its subdistrict's get the
    hits of their own residents (``metrics.unit_values``), counted by hand from the district's list."""
    district = citybrain_daemon.client(login="operator")
    hits = district.query("people.unmet", {"limit": 5000}).result(60)["result"]
    tree = Tree({u["code"]: u for u in district.replica.records("org.units")})
    committee = Counter(h["committee"] for h in hits).most_common(1)[0][0]
    subdistrict = tree.subdistrict_of(committee)
    assert subdistrict is not None
    for unit, mine in (
        (committee, [h for h in hits if h["committee"] == committee]),
        (subdistrict, [h for h in hits if tree.subdistrict_of(h["committee"]) == subdistrict]),
    ):
        desk = citybrain_daemon.desk_in(unit)
        own = kpi(desk, f"people.unmet/all@{unit}", collection="metrics.unit_values")
        assert own["values"] == [len(mine)] and len(mine) > 0, unit
        by_category = kpi(desk, f"people.unmet/category@{unit}", collection="metrics.unit_values")
        assert dict(zip(by_category["groups"], by_category["values"], strict=True)) == Counter(
            h["category"] for h in mine
        )
    assert len([h for h in hits if h["committee"] == committee]) < len(hits)  # a committee's, not the district's
