"""Enterprises in their subdistricts (issue 21): a subdistrict's desk gets its own enterprises and their contacts,
and may not act on or read another subdistrict's.  A real daemon with the cases and enterprise plugins."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.plugins.enterprise import CONTACTS, ENTERPRISES
from citybrain.plugins.enterprise.tests.conftest import VALID, csv_bytes, send_import

HEADER = "credit_code,name,industry,subdistrict,size,key_enterprise,contacts,officer"
OUYANG, NORTH_BUND = "310109009000", "310109018000"


def test_a_subdistrict_s_desk_has_its_own_enterprises_and_no_other(district, leader):
    send_import(
        leader,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes(
            HEADER,
            f"{VALID[0]},上海华信制造有限公司,3411,{OUYANG},small,yes,王经理:13900001111:总经理,王敏",
            f"{VALID[1]},上海鑫达商贸有限公司,F51,{NORTH_BUND},micro,,赵经理:13900002222,李强",
        ),
    )
    leader.wait_for(lambda s: len(leader.replica.records(ENTERPRISES)) == 2)
    ids = {r["subdistrict"]: r["id"] for r in leader.replica.records(ENTERPRISES)}

    async def create():
        await district.daemon.write(lambda tx: create_operator(tx.session, "ouyang", "ouyang-desk", Role.OPERATOR))

    district.call(create)
    admin = district.client(login="admin")
    admin.command("operators.unit", {"username": "ouyang", "unit": OUYANG}).result(10)
    desk = district.client()
    desk.login("ouyang", "ouyang-desk")
    assert [r["id"] for r in desk.replica.records(ENTERPRISES)] == [ids[OUYANG]]
    assert [r["id"] for r in desk.replica.records(CONTACTS)] == [ids[OUYANG]]  # the companion is cut the same way
    desk.query("enterprise.card", {"enterprise": ids[OUYANG]}).result(10)
    with pytest.raises(RequestError) as refused:
        desk.query("enterprise.card", {"enterprise": ids[NORTH_BUND]}).result(10)
    assert refused.value.code == "forbidden" and refused.value.details["reason"] == "outside_unit"
    with pytest.raises(RequestError) as raised:
        desk.command(
            "enterprise.demand.raise", {"enterprise": ids[NORTH_BUND], "category": "financing", "title": "融资"}
        ).result(10)
    assert raised.value.code == "forbidden"
