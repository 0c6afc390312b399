"""Operators in their org units (issue 21): a session sees and acts within its unit's subtree, on the snapshot, the
feed, queries and commands alike; a record that moves leaves one desk and reaches another; the admin moves an
operator and the desk's view follows at once, audited.  A real daemon, real sockets."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import partial

import pytest
import sqlalchemy as sa
import units_plugin as U
from test_read_roles import Raw

from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.core.storage.engine import sqlite_url

PLUGINS = {"units": U}
PASSWORD = "unit-desk-pw"
# the district D; subdistricts S1, S2; committees C1 (S1), C2 (S2); grid G1 (C1); compounds K1 (C1), K2 (G1), both
# managed by property company P1 (under D), K3 (C2) by P2 (under S2); a department DEP
TREE = [
    ("D", "district", None, None),
    ("S1", "subdistrict", "D", None),
    ("S2", "subdistrict", "D", None),
    ("C1", "committee", "S1", None),
    ("C2", "committee", "S2", None),
    ("G1", "grid", "C1", None),
    ("P1", "property_company", "D", None),
    ("P2", "property_company", "S2", None),
    ("K1", "compound", "C1", "P1"),
    ("K2", "compound", "G1", "P1"),
    ("K3", "compound", "C2", "P2"),
    ("DEP", "department", "D", None),
]
SUBTREES = {  # what a desk in each kind of unit sees
    "D": {code for code, *_ in TREE},
    "S1": {"S1", "C1", "G1", "K1", "K2"},
    "C1": {"C1", "G1", "K1", "K2"},
    "G1": {"G1", "K2"},
    "P1": {"P1", "K1", "K2"},
    "S2": {"S2", "C2", "K3", "P2"},
    "DEP": {"DEP"},
}
ID = {code: n for n, (code, *_) in enumerate(TREE, start=1)}  # one item placed in each unit


@pytest.fixture
def daemon(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False).add_demo_operators()

    def create(tx):
        for unit in SUBTREES:
            create_operator(tx.session, f"desk-{unit.lower()}", PASSWORD, Role.OPERATOR)

    async def write():
        await daemon.daemon.write(create)

    daemon.call(write)
    admin = daemon.client(login="admin")
    admin.command(
        "units.org",
        {
            "units": [
                {"code": code, "name": code, "kind": kind, "parent": parent, "property_company": company}
                for code, kind, parent, company in TREE
            ]
        },
    ).result(10)
    for code in ID:
        put(admin, ID[code], code)
    for unit in SUBTREES:
        admin.command("operators.unit", {"username": f"desk-{unit.lower()}", "unit": unit}).result(10)
    daemon.admin = admin
    return daemon


def put(client, id_: int, unit: str, text: str = "件") -> int:
    return client.command("units.put", {"id": id_, "unit": unit, "text": text, "phone": f"1390000{id_:04d}"}).result(
        10
    )["seq"]


def desk(daemon, unit: str):
    client = daemon.client()
    client.login(f"desk-{unit.lower()}", PASSWORD)
    return client


def places(client, collection: str = U.ITEMS) -> set[str]:
    return (
        {r["unit"] for r in client.replica.records(collection)}
        if collection == U.ITEMS
        else {r["id"] for r in client.replica.records(collection)}
    )


@pytest.mark.parametrize("unit", sorted(SUBTREES))
def test_a_desk_sees_exactly_its_unit_s_subtree_on_snapshot_feed_and_queries(daemon, unit):
    client = desk(daemon, unit)
    assert places(client) == SUBTREES[unit]  # the snapshot
    assert places(client, U.PHONES) == {ID[c] for c in SUBTREES[unit]}  # the companion is cut the same way
    assert {r["unit"] for r in client.query("units.places").result(10)["result"]} == SUBTREES[unit]

    for code in ID:  # a second item in every unit, on the feed
        put(daemon.admin, 100 + ID[code], code, "新")
    put(daemon.admin, 999, unit, "最后")  # private updates keep commit order: with this one, every earlier one is in
    client.wait_for(lambda s: client.replica.get(U.ITEMS, 999) is not None)
    fresh = {r["unit"] for r in client.replica.records(U.ITEMS) if 100 < r["id"] < 999}
    assert fresh == SUBTREES[unit]


@pytest.mark.parametrize("unit", sorted(SUBTREES))
def test_a_desk_is_refused_commands_and_queries_outside_its_subtree(daemon, unit):
    client = desk(daemon, unit)
    for code, id_ in ID.items():
        inside = code in SUBTREES[unit]
        for ask in (
            partial(client.command, "units.touch", {"id": id_}),
            partial(client.query, "units.one", {"id": id_}),
        ):
            if inside:
                ask().result(10)
                continue
            with pytest.raises(RequestError) as refused:
                ask().result(10)
            assert refused.value.code == "forbidden"
            assert refused.value.details == {"reason": "outside_unit", "field": "id", "unit": unit}
    if unit == "D":
        return
    with pytest.raises(RequestError) as moved_out:  # nor may it place a record outside, even one of its own
        client.command("units.put", {"id": ID[unit], "unit": "D", "text": "x"}).result(10)
    assert moved_out.value.code == "forbidden" and moved_out.value.details["field"] == "unit"


@pytest.mark.parametrize("unit", sorted(SUBTREES))
def test_an_aggregate_counts_only_what_lies_in_the_desk_s_unit(daemon, unit):
    kinds = dict(Counter(kind for code, kind, *_ in TREE if code in SUBTREES[unit]))
    assert desk(daemon, unit).query("units.kinds", {}).result(10)["result"] == kinds


def test_a_scoped_aggregate_needs_a_session_and_a_district_wide_collection_reaches_every_desk(daemon):
    with pytest.raises(RequestError) as anonymous:
        daemon.client().query("units.kinds", {}).result(10)
    assert anonymous.value.code == "unauthenticated"
    desks = [desk(daemon, unit) for unit in ("D", "G1", "DEP")]
    daemon.admin.command("units.note", {"id": 1, "text": "全区通知"}).result(10)
    for client in desks + [daemon.client()]:  # public: on PUB, to every desk whatever its unit
        client.wait_for(lambda s, c=client: c.replica.get(U.NOTES, 1) is not None)
    raw = Raw(daemon.endpoint)
    try:
        described = {c["name"]: c for c in raw.ask("describe", {})["collections"]}
    finally:
        raw.close()
    assert (described[U.NOTES]["place"], described[U.NOTES]["district_wide"]) == (None, "the test's notice board")
    assert (described[U.ITEMS]["place"], described[U.ITEMS]["district_wide"]) == ("unit", None)


def test_a_record_moved_up_leaves_the_lower_desk_and_reaches_the_upper_one(daemon):
    company, committee, grid = desk(daemon, "P1"), desk(daemon, "S2"), desk(daemon, "G1")  # committee C2's is S2
    assert company.replica.get(U.ITEMS, ID["K2"]) is not None and grid.replica.get(U.ITEMS, ID["K2"]) is not None
    assert committee.replica.get(U.ITEMS, ID["K2"]) is None
    put(daemon.admin, ID["K2"], "C2", "升级")  # from a compound of P1's (in grid G1) to committee C2, in S2
    for n, (client, unit) in enumerate(((company, "K1"), (committee, "S2"), (grid, "G1")), start=991):
        put(daemon.admin, n, unit, "最后")  # a last change each desk reads: the move came before it
        client.wait_for(lambda s, c=client, n=n: c.replica.get(U.ITEMS, n) is not None)
    assert company.replica.get(U.ITEMS, ID["K2"]) is None and grid.replica.get(U.ITEMS, ID["K2"]) is None
    assert company.replica.get(U.PHONES, ID["K2"]) is None
    assert committee.replica.get(U.ITEMS, ID["K2"])["text"] == "升级"
    assert committee.replica.get(U.PHONES, ID["K2"]) == {"id": ID["K2"], "phone": f"1390000{ID['K2']:04d}"}


def test_the_admin_moves_an_operator_and_the_desk_s_view_follows_at_once_audited(daemon):
    client = desk(daemon, "C1")
    resyncs = client.status.resyncs
    daemon.admin.command("operators.unit", {"username": "desk-c1", "unit": "S2"}).result(10)
    client.wait_for(lambda s: places(client) == SUBTREES["S2"])
    assert client.status.resyncs == resyncs  # by the private stream, no new snapshot
    client.command("units.touch", {"id": ID["K3"]}).result(10)  # acts in the new unit at once
    with pytest.raises(RequestError):
        client.command("units.touch", {"id": ID["K1"]}).result(10)

    daemon.admin.command("operators.unit", {"username": "desk-c1", "unit": None}).result(10)  # the whole district
    client.wait_for(lambda s: places(client) == SUBTREES["D"])
    with pytest.raises(RequestError) as unknown:
        daemon.admin.command("operators.unit", {"username": "desk-c1", "unit": "NOPE"}).result(10)
    assert unknown.value.code == "invalid_payload" and unknown.value.details["reason"] == "unknown_unit"
    with pytest.raises(RequestError) as not_admin:
        client.command("operators.unit", {"username": "desk-c1", "unit": "C1"}).result(10)
    assert not_admin.value.code == "forbidden"

    engine = sa.create_engine(sqlite_url(daemon.data_dir))
    try:
        with engine.connect() as conn:
            rows = [
                tuple(r)
                for r in conn.execute(
                    sa.text(
                        "select operator, command, detail, note, parts from cb_audit where detail like 'desk-c1:%' "
                        "order by id"
                    )
                )
            ]
    finally:
        engine.dispose()
    assert rows == [
        ("admin", "operator unit", "desk-c1: district -> C1", "unit_moved", moved(None, "C1")),
        ("admin", "operator unit", "desk-c1: C1 -> S2", "unit_moved", moved("C1", "S2")),
        ("admin", "operator unit", "desk-c1: S2 -> district", "unit_moved", moved("S2", None)),
    ]
    listed = {o["username"]: o["unit"] for o in daemon.admin.query("operators.list").result(10)["result"]}
    assert listed["desk-c1"] is None and listed["desk-p1"] == "P1"


def moved(before: str | None, after: str | None) -> str:
    """A unit move's parts as the audit stores them (desks word the move from them, in their language)."""
    return json.dumps({"user": "desk-c1", "before": before, "after": after})


def test_a_moved_session_is_told_its_new_unit_before_its_records_follow(daemon):
    """The wire: ``[1, "unit", p, {"unit": …}]`` on the private sequence, then the deletes and upserts; the snapshot
    reply names the unit too; the reference client holds it (``Replica.unit``)."""
    client = desk(daemon, "C1")
    client.wait_for(lambda s: client.replica.unit == "C1")  # from the snapshot
    raw = Raw(daemon.endpoint)
    try:
        token = raw.ask("login", {"username": "desk-c1", "password": PASSWORD, "desk": "raw"})["token"]
        raw.snapshot(token)
        assert raw.unit == "C1" and raw.private_seq == 0
        daemon.admin.command("operators.unit", {"username": "desk-c1", "unit": "S2"}).result(10)
        client.wait_for(lambda s: client.replica.unit == "S2" and places(client) == SUBTREES["S2"])
        seq = raw.ask("ping", {"desk": "raw", "auth": token})["private_seq"]
        assert raw.units == [(1, {"unit": "S2"})]  # first, then what left and entered the view
        assert [m for m, _ in raw.private] == list(range(2, seq + 1)) and seq > 1
        daemon.admin.command("operators.unit", {"username": "desk-c1", "unit": None}).result(10)
        client.wait_for(lambda s: client.replica.unit is None and places(client) == SUBTREES["D"])
        raw.ask("ping", {"desk": "raw", "auth": token})
        assert raw.units[-1][1] == {"unit": None}
    finally:
        raw.close()


def test_a_new_unit_in_the_tree_reaches_the_desks_above_it(daemon):
    committee = desk(daemon, "C1")
    put(daemon.admin, 500, "G9", "新网格")  # placed in a unit the tree does not know yet: nobody scoped sees it
    put(daemon.admin, 501, "C1", "之后")
    committee.wait_for(lambda s: committee.replica.get(U.ITEMS, 501) is not None)
    assert committee.replica.get(U.ITEMS, 500) is None
    daemon.admin.command("units.org", {"units": [{"code": "G9", "name": "G9", "kind": "grid", "parent": "C1"}]}).result(
        10
    )
    committee.wait_for(lambda s: committee.replica.get(U.ITEMS, 500) is not None)


def test_placed_records_never_travel_on_pub_nor_reach_a_peer_without_a_session(daemon):
    raw = Raw(daemon.endpoint)
    try:
        last = put(daemon.admin, 900, "K1", "绝密")
        changes = raw.feed_until(last)
        assert [c for n, c in changes if n == last] == [None]  # withheld: the sequence keeps its slot
        assert not any("绝密".encode() in frame for frame in raw.frames)
        snapshot = raw.snapshot()  # one: a second asked while the first is still being sent is answered busy
        assert U.ITEMS not in snapshot and U.PHONES not in snapshot
        assert {c["name"]: (c["read_role"], c["place"]) for c in raw.hello["collections"]}[U.ITEMS] == (
            "viewer",
            "unit",
        )
        with pytest.raises(RequestError) as anonymous:
            raw.ask("query", {"name": "units.places", "params": {}})
        assert anonymous.value.code == "unauthenticated"
        token = raw.ask("login", {"username": "desk-dep", "password": PASSWORD, "desk": "raw"})["token"]
        assert {r["unit"] for r in raw.snapshot(token)[U.ITEMS]} == {"DEP"}
        put(daemon.admin, 901, "DEP", "部门")
        put(daemon.admin, 902, "K3", "别处")
        assert raw.ask("ping", {"desk": "raw", "auth": token})["private_seq"] == 1  # the DEP item, with its phone
        assert [[c[0], c[1]] for c in raw.private[0][1]] == [[U.ITEMS, 901], [U.PHONES, 901]]
    finally:
        raw.close()


def test_the_cli_places_an_operator_and_a_running_daemon_follows(daemon):
    client = desk(daemon, "P1")
    cli = [
        sys.executable,
        "-m",
        "citybrain.core.cli",
        "operator",
        "unit",
        "desk-p1",
        "DEP",
        "--data-dir",
        str(daemon.data_dir),
    ]
    done = subprocess.run(cli, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "operator desk-p1 is now in DEP (was in P1)" in done.stdout
    client.wait_for(lambda s: places(client) == {"DEP"} and client.replica.unit == "DEP", timeout=30)  # next ping
    wrong = subprocess.run(
        cli[:6] + ["NOPE"] + cli[7:], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert wrong.returncode == 1 and "no org unit 'NOPE'" in wrong.stderr


def test_one_loop_turn_s_commits_reach_pub_and_each_desk_in_one_frame(daemon):
    """The feed is sent once a loop turn: ten changes published in one turn (a source's batches) go out on PUB as
    one frame and to a desk in its unit as one private frame, every record in it (each commit was a frame of its
    own: 40 desks in their units were sent 4,000 frames for 100 batches)."""
    c1 = desk(daemon, "C1")
    feed = daemon.daemon.feed

    def peer_seqs() -> dict[bytes, int]:
        return {identity: peer.seq for identity, peer in feed.private.peers.items()}

    def ten_batches() -> tuple[int, dict[bytes, int]]:
        before = (feed.publisher.frames_sent, peer_seqs())
        for n in range(10):
            feed.publish_volatile(U.ITEMS, [{"id": 1000 + n, "unit": "G1", "text": f"批{n}", "phone": None}])
        return before

    frames_before, seqs_before = daemon.call(ten_batches)
    c1.wait_for(lambda s: {1000 + n for n in range(10)} <= {r["id"] for r in c1.replica.records(U.ITEMS)})
    frames_after, seqs_after = daemon.call(lambda: (feed.publisher.frames_sent, peer_seqs()))
    assert frames_after - frames_before == 1  # the nil slots of all ten, in one frame
    streams = [seqs_after[i] - seqs_before[i] for i in seqs_before if i in seqs_after]
    assert streams and all(sent <= 1 for sent in streams), streams  # C1's desk (and the admin's): one frame each
