"""Cases in their units (issue 21): a case is placed by its owner, so a property company's desk has the cases
assigned to it, and what it escalates leaves its desk and reaches the committee's, by feed; it may not act on a
case of another unit.  The demo district on a real daemon."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from citybrain.core.cases import OPEN
from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.plugins.cases.daemon import UNITS

PASSWORD = "unit-desk-pw"


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins={"cases": "citybrain.plugins.cases.daemon"})


def desk_in(daemon, admin, unit: str):
    """A new operator placed in ``unit`` by the admin, logged in on a desk of their own."""
    username = f"desk-{unit}"

    async def create():
        await daemon.daemon.write(lambda tx: create_operator(tx.session, username, PASSWORD, Role.OPERATOR))

    daemon.call(create)
    admin.command("operators.unit", {"username": username, "unit": unit}).result(10)
    client = daemon.client()
    client.login(username, PASSWORD)
    return client


def test_an_escalated_case_leaves_the_company_s_desk_and_reaches_the_committee_s(daemon):
    admin = daemon.client(login="admin")
    compound = next(u for u in admin.replica.records(UNITS) if u["kind"] == "compound")
    case = admin.command(
        "cases.open",
        {"source": "hotline", "type": "XQ-02", "unit": compound["code"], "priority": "high", "title": "楼道堆物"},
    ).result(10)["result"]
    company, upper = case["chain"][0], case["chain"][1]
    ours, theirs = desk_in(daemon, admin, company), desk_in(daemon, admin, upper)
    assert ours.replica.get(OPEN, case["id"])["owner"] == company
    assert {c["owner"] for c in ours.replica.records(OPEN)} == {company}  # the cases assigned to it, no other
    assert theirs.replica.get(OPEN, case["id"]) is None

    ours.command("cases.act", {"case": case["id"], "action": "accept"}).result(10)
    ours.command("cases.act", {"case": case["id"], "action": "escalate", "reason": "物业无法处置"}).result(10)
    ours.wait_for(lambda s: ours.replica.get(OPEN, case["id"]) is None)
    theirs.wait_for(lambda s: (theirs.replica.get(OPEN, case["id"]) or {}).get("owner") == upper)
    with pytest.raises(RequestError) as refused:  # no longer its case to act on
        ours.command("cases.act", {"case": case["id"], "action": "accept"}).result(10)
    assert refused.value.code == "forbidden" and refused.value.details["reason"] == "outside_unit"
    theirs.command("cases.act", {"case": case["id"], "action": "accept"}).result(10)
    kinds = {u["code"]: u["kind"] for u in admin.replica.records(UNITS)}
    other = next(
        c
        for c in admin.replica.records(OPEN)  # owned above any committee: outside the upper desk's unit
        if kinds.get(c["owner"]) in ("district", "department", "subdistrict") and c["owner"] != upper
    )
    with pytest.raises(RequestError) as elsewhere:
        theirs.query("cases.history", {"case": other["id"]}).result(10)
    assert elsewhere.value.code == "forbidden"


def test_a_subdistrict_desk_s_statistics_are_of_its_own_cases(daemon):
    """Counted over cases opened before the hour began: the demo's cases go on escalating and resolving while the
    test runs, but which cases were opened, and where, stays."""
    admin = daemon.client(login="admin")
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    ever = {"start": "2000-01-01T00:00:00+00:00", "end": hour.isoformat()}
    rows = admin.query("cases.stats", {**ever, "by": "subdistrict"}).result(30)["result"]
    by_subdistrict = {r["group"]: r for r in rows}
    district = admin.query("cases.stats", ever).result(30)["result"][0]
    subdistrict = max((g for g in by_subdistrict if g), key=lambda g: by_subdistrict[g]["cases"])
    desk = desk_in(daemon, admin, subdistrict)
    ours = desk.query("cases.stats", ever).result(30)["result"][0]
    assert 0 < ours["cases"] == by_subdistrict[subdistrict]["cases"] < district["cases"]  # the district's row for it
    drill = {"metric": "cases.volume", "by": ["subdistrict"], "group": [subdistrict], "limit": 1}
    elsewhere = next(g for g in by_subdistrict if g and g != subdistrict)
    assert desk.query("cases.kpi_records", drill).result(30)["result"]["total"] >= ours["cases"]
    behind = desk.query("cases.kpi_records", {**drill, "group": [elsewhere]}).result(30)["result"]
    assert behind == {"total": 0, "records": []}  # another subdistrict's cases are not counted, nor shown
