"""KPIs per unit on a real daemon (issue 21): a subdistrict's and a committee's desk get the placed KPIs computed
over their subtree (``metrics.unit_values``), equal to a hand count in the database; a desk the admin moves gets
its new unit's figures by feed and loses the old; the district's desk keeps the district's."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from citybrain.core.cases import Case
from citybrain.core.client import FeedClient
from citybrain.core.district import Tree
from citybrain.plugins.metrics import UNIT_VALUES, VALUES
from citybrain.plugins.metrics.tables import Ticket

PLUGINS = {"cases": "citybrain.plugins.cases.daemon", "metrics": "citybrain.plugins.metrics.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS, plugin_config={"metrics": {"refresh": 0.2}})


def places(daemon, column) -> Counter:  # noqa: ANN001 - a RunningDaemon, a mapped column
    """How many rows the database holds at each place (``column``'s value), read on the daemon's reader."""

    async def read() -> Counter:
        return await daemon.daemon.database.read(lambda s: Counter(s.scalars(select(column))))

    return daemon.call(read)


def subtree(tree: Tree, unit: str) -> set[str]:
    """The unit and everything under it, walked down from it (``Tree.under``)."""
    children, found, todo = tree.under(), {unit}, [unit]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def figure(client: FeedClient, collection: str, record_id: str) -> float | None:
    """The no-breakdown value of ``record_id`` once the client holds it."""
    client.wait_for(lambda s: client.replica.get(collection, record_id) is not None, timeout=60)
    record = client.replica.get(collection, record_id)
    assert record is not None
    return record["values"][0]


def test_unit_desks_get_their_subtree_s_figures_and_follow_a_move(daemon):
    district = daemon.client(login="operator")
    district.wait_for(lambda s: district.replica.records("org.units"))
    tree = Tree({u["code"]: u for u in district.replica.records("org.units")})
    cases, tickets = places(daemon, Case.unit), places(daemon, Ticket.subdistrict)
    assert figure(district, VALUES, "cases.volume/all") == sum(cases.values())
    assert figure(district, VALUES, "hotline.volume/all") == sum(tickets.values())

    def busiest(kind: str, among: set[str] | None = None) -> str:
        """The unit of ``kind`` whose subtree holds the most cases (so that a figure can tell units apart)."""
        units = [c for c, u in tree.units.items() if u["kind"] == kind and (among is None or c in among)]
        return max(sorted(units), key=lambda u: sum(n for place, n in cases.items() if place in subtree(tree, u)))

    subdistrict = busiest("subdistrict")
    committee = busiest("committee", subtree(tree, subdistrict))
    other = next(c for c in sorted(tree.units) if tree.units[c]["kind"] == "subdistrict" and c != subdistrict)
    username, password = daemon.operator_in(subdistrict)
    desks = {subdistrict: daemon.client(), committee: daemon.desk_in(committee)}
    desks[subdistrict].login(username, password)
    for unit, desk in desks.items():
        mine = subtree(tree, unit)
        own_cases = sum(n for place, n in cases.items() if place in mine)
        own_tickets = sum(n for place, n in tickets.items() if place in mine)
        assert 0 < own_cases < sum(cases.values()), unit
        assert figure(desk, UNIT_VALUES, f"cases.volume/all@{unit}") == own_cases, unit
        assert figure(desk, UNIT_VALUES, f"hotline.volume/all@{unit}") == own_tickets, unit  # 0: a committee's
        held = {r["unit"] for r in desk.replica.records(UNIT_VALUES)}
        assert unit in held and held <= mine  # its own, and those of desks under it: no other unit's figures
        assert desk.replica.get(UNIT_VALUES, "governance.satisfaction/all@" + unit) is None  # not placed
        assert figure(desk, VALUES, "cases.volume/all") == sum(cases.values())  # the district's stay readable
    assert 0 < figure(desks[subdistrict], UNIT_VALUES, f"hotline.volume/all@{subdistrict}") < sum(tickets.values())
    by_type = desks[committee].replica.get(UNIT_VALUES, f"cases.volume/type@{committee}")
    assert sum(by_type["values"]) == sum(n for place, n in cases.items() if place in subtree(tree, committee))

    admin = daemon.client(login="admin")
    admin.command("operators.unit", {"username": username, "unit": other}).result(10)
    moved = desks[subdistrict]
    moved.wait_for(
        lambda s: (
            moved.replica.get(UNIT_VALUES, f"cases.volume/all@{other}") is not None
            and moved.replica.get(UNIT_VALUES, f"cases.volume/all@{subdistrict}") is None
        ),
        timeout=60,
    )
    assert figure(moved, UNIT_VALUES, f"cases.volume/all@{other}") == sum(
        n for place, n in cases.items() if place in subtree(tree, other)
    )
    assert {r["unit"] for r in moved.replica.records(UNIT_VALUES)} == {other}  # the committee's left with the old
    # the district's desk sees every unit's figures (its subtree is everything), and no district one among them
    district.wait_for(lambda s: district.replica.get(UNIT_VALUES, f"cases.volume/all@{other}") is not None)
    assert tree.root() not in {r["unit"] for r in district.replica.records(UNIT_VALUES)}
