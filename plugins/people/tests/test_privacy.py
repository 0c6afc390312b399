"""Privacy on a real daemon: residents only for a session allowed to read them, masked in every answer and export;
a reveal needs the duty leader's role and a typed reason, answers that request alone and is kept; the PUB feed
carries nothing of a resident to a peer without a session."""

from __future__ import annotations

import io
import itertools

import msgpack
import pytest
import zmq
from openpyxl import load_workbook
from sqlalchemy import select

from citybrain.core.client import RequestError
from citybrain.core.storage.audit import AuditEntry
from citybrain.plugins.people import CONFLICTS
from citybrain.plugins.people.tables import Resident, Reveal
from citybrain.plugins.people.tests.conftest import HEADER, MAN_1988, WOMAN_1950, csv_bytes, send_import

SHEET = csv_bytes(
    HEADER,
    f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,13812345678,low,yes,no,",
    f"{MAN_1988},李强,M,1988-11-30,H2,曲阳坊,,local,13987654321,middle,no,no,",
)
SECRETS = (WOMAN_1950.encode(), MAN_1988.encode(), b"13812345678", b"13987654321", "陈桂英".encode(), "李强".encode())


def _rows(daemon, model, *where) -> list:
    with daemon.daemon.database.sessions() as session:
        return list(session.scalars(select(model).where(*where)))


class PubListener:
    """A peer without a session, from docs/protocol.md alone: a DEALER for hello, a SUB on the PUB port."""

    def __init__(self, endpoint: str) -> None:
        ctx: zmq.Context = zmq.Context.instance()
        self.dealer, self.sub = ctx.socket(zmq.DEALER), ctx.socket(zmq.SUB)
        self.dealer.connect(endpoint)
        self.corr = itertools.count(1)
        hello = self.ask("hello", {"desk": "raw"})
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(endpoint.rsplit(":", 1)[0] + f":{hello['pub_port']}")
        assert self.sub.poll(30_000), "the feed is silent"
        self.frames = [self.sub.recv_multipart()[1]]

    def ask(self, kind: str, body: dict) -> dict:
        n = next(self.corr)
        self.dealer.send(msgpack.packb([1, kind, n, body]))
        assert self.dealer.poll(30_000)
        _, reply_kind, m, reply = msgpack.unpackb(self.dealer.recv_multipart()[0], strict_map_key=False)
        assert (m, reply_kind) == (n, "ok"), reply
        return reply

    def until(self, seq: int) -> list:
        """The PUB changes up to a heartbeat at ``seq`` or later (None: withheld)."""
        changes = []
        while True:
            assert self.sub.poll(30_000), "the feed went silent"
            frame = self.sub.recv_multipart()[1]
            self.frames.append(frame)
            _, kind, _, body = msgpack.unpackb(frame, strict_map_key=False)
            if kind == "upd":
                changes += body
            elif body and kind == "hb" and msgpack.unpackb(frame, strict_map_key=False)[2] >= seq:
                return changes

    def close(self) -> None:
        self.dealer.close(linger=0)
        self.sub.close(linger=0)


def test_no_resident_data_reaches_a_peer_without_a_session_nor_a_viewer(district, leader) -> None:
    listener = PubListener(district.endpoint)
    try:
        send_import(leader, "people.civil", "civil.csv", SHEET)
        reply = leader.command(
            "import",
            {
                "kind": "people.employment",
                "filename": "人社.csv",
                "data": csv_bytes("公民身份号码,姓名,居住小区,就业状态", f"{MAN_1988},李强,大连新村,失业"),
            },
        ).result(60)
        changes = listener.until(reply["seq"])
        assert None in changes  # the conflict's change was numbered and withheld
        assert not any(secret in frame for frame in listener.frames for secret in SECRETS)
        assert all(change is None or change[0] != CONFLICTS for change in changes)
        with pytest.raises(AssertionError, match="unauthenticated"):
            listener.ask("query", {"name": "people.residents", "params": {}})
    finally:
        listener.close()
    wall = district.client(login="wall")
    assert wall.replica.records(CONFLICTS) == []
    for name, params in (("people.residents", {}), ("people.person", {"person": 1}), ("people.export", {})):
        with pytest.raises(RequestError) as refused:
            wall.query(name, params).result(30)
        assert refused.value.code == "forbidden"


def test_every_answer_masks_and_a_reveal_needs_a_role_a_reason_and_is_kept(district, leader) -> None:
    send_import(leader, "people.civil", "civil.csv", SHEET)
    operator = district.client(login="operator")
    [chen] = operator.query("people.residents", {"text": "陈"}).result(30)["result"]
    assert (chen["id_masked"], chen["phone_masked"]) == ("310***********002X", "138****5678")
    [card] = operator.query("people.person", {"person": chen["id"]}).result(30)["result"]
    exported = operator.query("people.export", {"text": "310109"}).result(30)["result"]
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    assert sheet.max_row == 3
    for answer in (str(card).encode(), exported, str(chen).encode()):
        assert not any(secret in answer for secret in SECRETS[:4])
    with pytest.raises(RequestError) as forbidden:
        operator.command("people.reveal", {"person": chen["id"], "reason": "核对低保申请"}).result(30)
    assert forbidden.value.code == "forbidden"
    with pytest.raises(RequestError) as no_reason:
        leader.command("people.reveal", {"person": chen["id"], "reason": "  x "}).result(30)
    assert no_reason.value.details == {"reason": "reason_needed"}
    revealed = leader.command("people.reveal", {"person": chen["id"], "reason": "核对低保申请材料"}).result(30)[
        "result"
    ]
    assert revealed == {"person": chen["id"], "id_number": WOMAN_1950, "phone": "13812345678", "health": ""}
    [kept] = _rows(district, Reveal)
    assert (kept.resident_id, kept.operator, kept.reason) == (chen["id"], "duty", "核对低保申请材料")
    audited = [
        (e.operator, e.command, e.result)
        for e in _rows(
            district,
            AuditEntry,
            AuditEntry.command.in_(("people.reveal", "query people.export", "query people.person")),
        )
    ]
    assert ("duty", "people.reveal", "ok") in audited and ("operator", "people.reveal", "error") in audited
    assert ("operator", "query people.export", "ok") in audited and ("operator", "query people.person", "ok") in audited
    assert operator.query("people.person", {"person": chen["id"]}).result(30)["result"][0]["reveals"] == 1
    with pytest.raises(Exception, match="kept as it was made"), district.daemon.database.sessions() as session:
        session.get(Reveal, kept.id).reason = "changed"
        session.commit()
    assert _rows(district, Resident, Resident.id == chen["id"])[0].id_number == WOMAN_1950


def test_a_card_says_why_a_person_carries_each_tag(demo) -> None:
    client = demo.client(login="operator")
    alone = client.query("people.residents", {"tag": "独居老人", "limit": 5000}).result(30)["result"]
    assert alone and all(
        "独居老人" in r["tags"] and "老年人" in r["tags"] and r["age"] >= 60 and r["living_alone"] for r in alone
    )
    everyone = client.query("people.residents", {"limit": 5000}).result(30)["result"]
    assert len(alone) == sum(r["age"] >= 60 and r["living_alone"] and not r["deceased"] for r in everyone)
    [card] = client.query("people.person", {"person": alone[0]["id"]}).result(30)["result"]
    why = {t["tag"]: t for t in card["tags"]}
    assert why["独居老人"] == {
        "tag": "独居老人",
        "carried": True,
        "source": "rule",
        "owner": "民政",
        "reasons": ['tag("老年人")', "living_alone"],
    }
    assert why["老年人"]["reasons"] == ["age(birth_date) >= 60", "not deceased"]
    assert {s["source"] for s in card["sources"]} >= {"civil"}
    with pytest.raises(RequestError) as unknown:
        client.query("people.residents", {"tag": "不存在"}).result(30)
    assert unknown.value.code == "invalid_payload"


def test_a_committee_s_desk_finds_its_own_residents_and_conflicts_only(district, leader) -> None:
    send_import(leader, "people.civil", "civil.csv", SHEET)
    send_import(
        leader,
        "people.employment",
        "人社.csv",
        csv_bytes("公民身份号码,姓名,居住小区,就业状态", f"{MAN_1988},李强,大连新村,失业"),
    )  # 李强: 曲阳坊, committee 002
    admin = district.client(login="admin")
    admin.command("operators.unit", {"username": "operator", "unit": "310109009001"}).result(30)
    committee = district.client(login="operator")
    assert [r["name"] for r in committee.query("people.residents", {}).result(30)["result"]] == ["陈桂英"]
    assert committee.replica.records(CONFLICTS) == []  # 李强's conflict is committee 002's
    leader.wait_for(lambda _: len(leader.replica.records(CONFLICTS)) == 1, timeout=30)
    assert [c["name"] for c in leader.replica.records(CONFLICTS)] == ["李强"]
    li = next(r for r in leader.query("people.residents", {}).result(30)["result"] if r["name"] == "李强")
    assert committee.query("people.person", {"person": li["id"]}).result(30)["result"] == []  # not their resident
    with pytest.raises(RequestError) as outside:
        committee.query("people.residents", {"unit": "310109009002"}).result(30)
    assert outside.value.code == "forbidden"
