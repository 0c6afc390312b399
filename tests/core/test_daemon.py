"""The daemon end to end: real sockets, a real database file, real clients."""

from __future__ import annotations

import re

import broken_plugins
import pytest
import sample_plugin
import sqlalchemy as sa
import zmq

from citybrain.core import protocol as P
from citybrain.core.client import RequestError
from citybrain.core.testing import PASSWORDS, live

PLUGINS = {"system": "citybrain.plugins.system.daemon", "sample": sample_plugin}


@pytest.fixture
def daemon(citybrain_daemon_factory, database_url):
    """The daemon on SQLite and on PostgreSQL: the same code proven on both."""
    return citybrain_daemon_factory(plugins=PLUGINS, database_url=database_url)


def rows(daemon, sql):
    engine = sa.create_engine(daemon.daemon.config.database_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()


def test_a_committed_command_reaches_every_desk_and_the_database(daemon):
    writer = daemon.client(login="operator")
    watcher = daemon.client()
    reply = writer.command("sample.add", {"text": "水管爆裂"}).result(10)
    note_id = reply["result"]["id"]
    watcher.wait_for(lambda s: watcher.replica.seq >= reply["seq"])
    assert watcher.replica.get("sample.notes", note_id) == {"id": note_id, "text": "水管爆裂"}
    assert rows(daemon, "select text from sample_note") == [("水管爆裂",)]
    audit = rows(daemon, "select operator, command, result from cb_audit where command='sample.add'")
    assert audit == [("operator", "sample.add", "ok")]


def test_refused_and_failing_commands_write_nothing_but_are_audited(daemon, caplog):
    client = daemon.client(login="operator")
    with pytest.raises(RequestError) as refused:
        client.command("sample.add", {"text": "refuse me"}).result(10)
    assert refused.value.code == "refused" and refused.value.details == {"field": "text"}
    with pytest.raises(RequestError) as failed:
        client.command("sample.add", {"text": "crash me"}).result(10)
    assert failed.value.code == P.E_FAILED and "handler bug" not in failed.value.message  # the log's, not the peer's
    ref = re.search(r"ref ([0-9a-f]{8})", failed.value.message)[1]
    logged = next(r for r in caplog.records if f"ref {ref}" in r.getMessage())
    assert "handler bug" in str(logged.exc_info[1])
    with pytest.raises(RequestError) as invalid:
        client.command("sample.add", {"txt": 1}).result(10)
    assert invalid.value.code == P.E_INVALID_PAYLOAD
    assert invalid.value.details == ["payload.text: required", "payload.txt: unknown field"]
    with pytest.raises(RequestError) as unknown:
        client.command("nope.nothing", {}).result(10)
    assert unknown.value.code == P.E_UNKNOWN_COMMAND
    assert rows(daemon, "select count(*) from sample_note") == [(0,)]
    codes = rows(daemon, "select error_code from cb_audit where result='error' order by id")
    assert codes == [("refused",), ("failed",), ("invalid_payload",), ("unknown_command",)]


def test_commands_need_a_session_with_the_right_role(daemon):
    anonymous = daemon.client()
    with pytest.raises(RequestError) as info:
        anonymous.command("sample.add", {"text": "x"}).result(10)
    assert info.value.code == P.E_UNAUTHENTICATED
    viewer = daemon.client(login="wall")
    with pytest.raises(RequestError) as info:
        viewer.command("sample.add", {"text": "x"}).result(10)
    assert info.value.code == P.E_FORBIDDEN and "operator" in info.value.message
    with pytest.raises(RequestError) as info:
        daemon.client().login("operator", "wrong password")
    assert info.value.code == P.E_UNAUTHENTICATED
    assert rows(daemon, "select count(*) from sample_note") == [(0,)]
    # the password is never stored or logged in clear
    stored = rows(daemon, "select * from cb_operator") + rows(daemon, "select * from cb_audit")
    assert "operator-demo" not in repr(stored)


def test_queries_answer_from_the_database(daemon):
    client = daemon.client(login="operator")
    client.command("sample.add", {"text": "a"}).result(10)
    assert client.query("sample.count").result(10) == {"result": 1}
    with pytest.raises(RequestError) as info:
        client.query("sample.nothing").result(10)
    assert info.value.code == P.E_UNKNOWN_QUERY


def test_a_request_made_before_the_client_starts_is_sent_when_it_starts(daemon):
    """A desk logs in before its feed starts (the feed starts at the first paint): the login waits in the outbox."""
    from citybrain.core.client import FeedClient

    client = FeedClient(daemon.endpoint, subscribe=False)
    try:
        login = client.request(P.LOGIN, {"username": "operator", "password": PASSWORDS["operator"], "desk": "d"})
        assert not login.done()
        client.start()
        assert login.result(10)["role"] == "operator"
    finally:
        client.stop()


def test_an_import_is_all_or_nothing_with_a_row_report(daemon):
    client = daemon.client(login="operator")
    data = b"text\nfirst\nsecond\n"
    with pytest.raises(RequestError) as info:
        client.command("import", {"kind": "sample.notes", "filename": "n.csv", "data": b"text\nok\n,\n"}).result(10)
    assert info.value.code == "import_refused"
    assert info.value.details["errors"] == [{"row": 3, "column": "text", "message": "empty text"}]
    assert rows(daemon, "select count(*) from sample_note") == [(0,)]
    reply = client.command("import", {"kind": "sample.notes", "filename": "n.csv", "data": data}).result(10)
    assert reply["result"]["imported"] == 2
    assert rows(daemon, "select text from sample_note order by id") == [("first",), ("second",)]


def test_malformed_frames_are_counted_and_the_daemon_keeps_serving(daemon):
    ctx = zmq.Context.instance()
    raw = ctx.socket(zmq.DEALER)
    raw.connect(daemon.endpoint)
    try:
        raw.send(b"\xc1garbage")  # dropped
        raw.send_multipart([b"two", b"frames"])  # dropped
        raw.send(P.pack([9, "ping", 41, {}]))  # wrong version: error reply
        reply = P.unpack(raw.recv())
        assert reply[1] == P.ERROR and reply[2] == 41 and reply[3]["code"] == P.E_BAD_VERSION
        raw.send(P.encode("launch", 42, {}))
        reply = P.decode(raw.recv())
        assert reply.type == P.ERROR and reply.body["code"] == P.E_UNKNOWN_TYPE
        raw.send(P.encode(P.PING, 43, {"desk": "raw"}))
        reply = P.decode(raw.recv())
        assert reply.type == P.OK and reply.n == 43
    finally:
        raw.close(linger=0)
    dropped = daemon.call(lambda: daemon.daemon.health.stats()["dropped"])
    assert dropped == {"bad_frame": 2, "bad_version": 1, "unknown_type": 1}


def test_oversized_requests_are_dropped_and_counted(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, max_request_bytes=100_000)
    raw = zmq.Context.instance().socket(zmq.DEALER)
    raw.connect(daemon.endpoint)
    try:
        raw.send(P.encode(P.COMMAND, 1, {"name": "sample.add", "payload": {"text": "x" * 120_000}}))
        raw.send(P.encode(P.PING, 2, {"desk": "raw"}))
        assert P.decode(raw.recv()).n == 2  # the big one got no reply; the daemon went on
    finally:
        raw.close(linger=0)
    assert daemon.call(lambda: daemon.daemon.health.stats()["dropped"]) == {"too_large": 1}


def test_a_gap_makes_desks_resync_by_themselves(daemon):
    client = daemon.client(login="operator")
    before = client.status.resyncs

    def lose_two_updates():
        daemon.daemon.live.seq += 2  # as if two frames never reached anyone

    daemon.call(lose_two_updates)
    client.command("sample.add", {"text": "after the gap"}).result(10)
    status = client.wait_for(lambda s: s.resyncs > before and s.state == "live")
    assert "gap" in status.reason or "missed" in status.reason
    assert [r["text"] for r in client.replica.records("sample.notes")] == ["after the gap"]


def test_a_restarted_daemon_is_noticed_and_desks_resync(citybrain_daemon_factory, tmp_path):
    first = citybrain_daemon_factory(plugins=PLUGINS, data_dir=tmp_path / "d")
    client = first.client(login="operator")
    client.command("sample.add", {"text": "before"}).result(10)
    port, pub = first.daemon.router_port, first.daemon.pub_port
    first.clients.remove(client)
    first.stop()
    client.wait_for(lambda s: s.state == "stale")
    second = citybrain_daemon_factory(plugins=PLUGINS, data_dir=tmp_path / "d", port=port, pub_port=pub)
    status = client.wait_for(lambda s: s.state == "live" and s.epoch == second.daemon.live.epoch, timeout=30)
    assert status.resyncs >= 1
    assert [r["text"] for r in client.replica.records("sample.notes")] == ["before"]
    # the session survived the restart: no new login needed
    client.command("sample.add", {"text": "after"}).result(10)
    client.stop()


def test_a_failing_plugin_is_switched_off_and_nothing_else_stops(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={
            **PLUGINS,
            "collections_fail": broken_plugins.FailsInCollections(),
            "schedule_fails": broken_plugins.FailsInSchedule(),
            "typo": broken_plugins.UnknownHook(),
            "squatter": broken_plugins.NamesAnotherPlugin(),
            "odd": broken_plugins.DeclaresSomethingElse(),
        }
    )
    client = daemon.client(login="operator")

    def states():
        return {r["name"]: r for r in client.replica.records("system.plugins")}

    client.wait_for(lambda s: states().get("schedule_fails", {}).get("state") == "failed")
    found = states()
    assert found["collections_fail"]["where"] == "citybrain_collections"
    assert "cannot declare" in found["collections_fail"]["error"]
    assert "schedule exploded" in found["schedule_fails"]["error"]
    assert found["typo"]["state"] == "failed" and "citybrain_colections" in found["typo"]["error"]
    assert found["squatter"]["where"] == "citybrain_commands"
    assert "'sample.steal' is not named after its plugin: squatter." in found["squatter"]["error"]
    assert "not a CollectionSpec" in found["odd"]["error"]
    assert found["sample"]["state"] == found["system"]["state"] == "loaded"
    assert client.command("sample.add", {"text": "still works"}).result(10)["result"]["id"] == 1


def test_system_plugin_publishes_live_health(daemon, database_url):
    client = daemon.client(login="duty")
    client.command("sample.add", {"text": "x"}).result(10)
    health = client.wait_for(lambda s: (client.replica.get("system.health", "daemon") or {}).get("commands_ok", 0) >= 1)
    record = client.replica.get("system.health", "daemon")
    assert (
        record["seq"] > 0
        and record["database"] == database_url.split(":")[0].split("+")[0]
        and record["desks_connected"] >= 1
    )
    client.wait_for(lambda s: any(r["command"] == "sample.add" for r in client.replica.records("system.audit")))
    assert health.state == "live"
    assert live(client.status)
