"""Seekers are personal: no answer without a session, every answer audited, a subdistrict's desk reads and acts on
its own seekers only; nothing of a seeker on the PUB feed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.core.storage.audit import AuditEntry
from citybrain.plugins.jobs import MATCHES, PUSH, SEARCHES, SEEKERS
from citybrain.plugins.jobs.tests.conftest import MAN_1995, SEEKER_HEADER, WOMAN_1980, csv_bytes
from citybrain.plugins.people.tests.test_privacy import PubListener

OUYANG = "310109009000"
SHEET = csv_bytes(
    SEEKER_HEADER,
    f"{WOMAN_1980},王秀英,13800001111,大连新村,4-10-01-05,,junior,5000,full,15,no,,,2024-01-10",
    f"{MAN_1995},张伟,13900002222,北外滩小区,4-01-02-04,,bachelor,,any,15,no,,,2024-02-01",
)


def test_a_subdistrict_s_desk_reads_its_own_seekers_and_pub_carries_none(district, leader):
    peer = PubListener(district.endpoint)
    try:
        reply = leader.command("import", {"kind": "jobs.seekers", "filename": "s.csv", "data": SHEET}).result(60)
        changes = peer.until(reply["seq"])
        assert None in changes  # the open searches' changes were numbered and withheld
        for secret in (WOMAN_1980.encode(), "王秀英".encode(), b"13800001111"):
            assert not any(secret in frame for frame in peer.frames)
        with pytest.raises(AssertionError, match="unauthenticated"):
            peer.ask("query", {"name": SEEKERS, "params": {}})
    finally:
        peer.close()
    leader.wait_for(lambda s: len(leader.replica.records(SEARCHES)) == 2)
    ids = {r["committee"]: r["id"] for r in leader.replica.records(SEARCHES)}

    async def create():
        await district.daemon.write(lambda tx: create_operator(tx.session, "ouyang", "ouyang-desk", Role.OPERATOR))

    district.call(create)
    admin = district.client(login="admin")
    admin.command("operators.unit", {"username": "ouyang", "unit": OUYANG}).result(10)
    desk = district.client()
    desk.login("ouyang", "ouyang-desk")
    found = desk.query(SEEKERS, {}).result(30)["result"]
    assert [s["name"] for s in found] == ["王秀英"] and found[0]["phone_masked"] == "138****1111"
    assert [r["id"] for r in desk.replica.records(SEARCHES)] == [ids["310109009001"]]
    with pytest.raises(RequestError) as refused:
        desk.query(MATCHES, {"seeker": ids["310109018001"]}).result(10)
    assert refused.value.code == "forbidden"
    with pytest.raises(RequestError) as refused:
        desk.command(PUSH, {"seeker": ids["310109018001"]}).result(10)
    assert refused.value.code == "forbidden"
    with pytest.raises(RequestError) as refused:
        desk.command(PUSH, {"subdistrict": "310109018000"}).result(10)
    assert refused.value.code == "forbidden"
    with district.daemon.database.sessions() as session:
        audited = list(session.scalars(select(AuditEntry.command).where(AuditEntry.command.like("query jobs.%"))))
    assert "query jobs.seekers" in audited and "query jobs.matches" in audited
