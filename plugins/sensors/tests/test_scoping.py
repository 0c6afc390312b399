"""Alarms in their compounds (issue 21): a property company's desk gets the alarms of the compounds it manages and
no other, and may not acknowledge another's.  Over the real MQTT path."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.plugins.sensors.tests.test_alarms import alarms_of, event


def test_a_property_company_s_desk_has_its_compounds_alarms_only(setup):
    daemon, client, devices, publisher = setup
    companies = {
        u["code"]: u["property_company"] for u in client.replica.records("org.units") if u["kind"] == "compound"
    }
    smoke = [d for d in devices if d["type"] == "SMK"]
    ours = smoke[0]
    theirs = next(d for d in smoke if companies[d["compound"]] != companies[ours["compound"]])
    for device in (ours, theirs):
        event(publisher, device, "smoke")
    client.wait_for(lambda s: alarms_of(client, ours) and alarms_of(client, theirs))

    async def create():
        await daemon.daemon.write(lambda tx: create_operator(tx.session, "company", "company-desk", Role.OPERATOR))

    daemon.call(create)
    admin = daemon.client(login="admin")
    company = companies[ours["compound"]]
    admin.command("operators.unit", {"username": "company", "unit": company}).result(10)
    desk = daemon.client()
    desk.login("company", "company-desk")
    assert alarms_of(desk, ours) and not alarms_of(desk, theirs)
    assert {companies[a["compound"]] for a in desk.replica.records("sensors.alarms")} == {company}
    with pytest.raises(RequestError) as refused:
        desk.command("sensors.ack", {"alarm": alarms_of(client, theirs)[0]["id"], "comment": "不是我们的"}).result(10)
    assert refused.value.code == "forbidden" and refused.value.details["reason"] == "outside_unit"
    desk.command("sensors.claim", {"alarm": alarms_of(desk, ours)[0]["id"]}).result(10)
