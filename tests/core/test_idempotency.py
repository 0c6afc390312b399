"""Idempotent commands (docs/protocol.md, "Idempotent commands"): a repeated request_id gets the first outcome and
writes nothing again, across a kill -9 between the commit and the reply."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import crash_plugin
import sqlalchemy as sa
from raw_peer import RawPeer

from citybrain.core.client import FeedClient
from citybrain.core.storage.engine import sqlite_url
from citybrain.core.testing import PASSWORDS
from citybrain.core.testing.process import DaemonProcess

HERE = Path(__file__).parent


def rows(daemon, sql):
    engine = sa.create_engine(daemon.daemon.config.database_url or sqlite_url(daemon.data_dir))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()


def test_a_repeat_gets_the_first_outcome_and_writes_nothing(citybrain_daemon_factory, citybrain_database_url):
    daemon = citybrain_daemon_factory(
        plugins={"crash": crash_plugin}, demo=False, database_url=citybrain_database_url
    ).add_demo_operators()
    peer = RawPeer(daemon.endpoint, "desk-retry")
    try:
        peer.login("operator", PASSWORDS["operator"])

        def send(rid, text):
            body = {
                "name": "crash.add",
                "payload": {"text": text, "die": False},
                "auth": peer.auth,
                "desk": peer.desk,
                "request_id": rid,
            }
            return peer.request("command", body)[:2]

        first = send("r-1", "漏水")
        again = send("r-1", "漏水")
        assert first[0] == again[0] == "ok" and again[1]["result"] == first[1]["result"]
        assert again[1]["repeated"] is True and "repeated" not in first[1]
        reused = send("r-1", "另一件事")  # the same id with another payload: a client's mistake, said so
        assert reused[0] == "error"
        assert (reused[1]["code"], reused[1]["details"]) == ("invalid_payload", {"request_id": "r-1"})
        refused = send("r-2", "refuse me")
        assert refused[0] == "error" and refused[1]["code"] == "refused"
        assert send("r-2", "refuse me") == refused  # the refusal is the outcome, kept too
        assert send("r-3", "漏水")[1]["result"] != first[1]["result"]  # another id: another command
        assert rows(daemon, "select text from crash_note order by id") == [("漏水",), ("漏水",)]
        audited = rows(daemon, "select result, error_code from cb_audit where command = 'crash.add' order by id")
        assert audited.count(("ok", None)) == 2 and audited.count(("error", "refused")) == 1
        other = RawPeer(daemon.endpoint, "desk-other")  # another operator's r-1 is theirs
        other.login("duty", PASSWORDS["duty"])
        body = {"name": "crash.add", "payload": {"text": "值班", "die": False}, "auth": other.auth, "request_id": "r-1"}
        assert "repeated" not in other.ok("command", body)
        other.close()
    finally:
        peer.close()


def test_the_reference_client_sends_an_unanswered_command_again_and_it_is_done_once(citybrain_daemon_factory):
    """No reply within a third of its timeout: the client sends the same frame again; the daemon, finding the
    first run's outcome, does nothing the second time."""
    daemon = citybrain_daemon_factory(plugins={"crash": crash_plugin}, demo=False).add_demo_operators()
    client = daemon.client()
    client.login("operator", PASSWORDS["operator"], timeout=60)
    writer, runs, retried, answered = daemon.daemon.commits.writer, [], threading.Event(), threading.Event()
    first_run = writer.run

    async def run(fn, *args, **kwargs):  # each transaction asked of the one writer, counted
        runs.append(fn)
        second = len(runs) == 2
        if second:
            retried.set()
        try:
            return await first_run(fn, *args, **kwargs)
        finally:
            if second:
                answered.set()

    writer.run = run
    crash_plugin.GATE.clear()
    try:
        future = client.command("crash.add", {"text": "wait for the gate", "die": False}, timeout=30)
        assert retried.wait(30)  # the same command again, queued behind its first run
    finally:
        crash_plugin.GATE.set()
    reply = future.result(60)
    assert answered.wait(30)  # the retry's turn in the writer: it found the first outcome
    assert rows(daemon, "select text from crash_note") == [("wait for the gate",)]
    assert daemon.call(lambda: daemon.daemon.health.counters["commands_repeated"]) == 1
    assert "repeated" not in reply  # the first run's own reply came first


def test_a_command_committed_by_a_daemon_killed_before_replying_is_answered_once(tmp_path):
    """The worst moment of a kill -9: the command committed, no reply sent. The reference client sends it again
    with its request_id once the restarted daemon is live, and gets the first outcome; the row is there once."""
    data_dir = tmp_path / "daemon"
    daemon = DaemonProcess(data_dir, plugins={"crash": "crash_plugin"}, pythonpath=(str(HERE),)).start()
    client = FeedClient(daemon.endpoint, desk_id="desk-crash").start()
    try:
        client.wait_for(lambda s: s.state == "live", timeout=30)
        client.login("operator", PASSWORDS["operator"])
        epoch = client.status.epoch
        future = client.command("crash.add", {"text": "一次", "die": True}, timeout=120)
        daemon.proc.wait(60)  # killed itself right after the commit
        client.wait_for(lambda s: s.state == "stale", timeout=30)
        assert not future.done()  # held: the outcome is not known yet
        daemon.start()
        reply = future.result(120)
        assert reply["repeated"] is True and client.status.epoch != epoch
        with sqlite3.connect(data_dir / "citybrain.db") as db:
            assert [t for (t,) in db.execute("select text from crash_note")] == ["一次"]
            assert db.execute("select count(*) from cb_request").fetchone() == (1,)
        assert (
            client.command("crash.add", {"text": "又一次", "die": False}).result(30)["result"]["id"]
            == reply["result"]["id"] + 1
        )
    finally:
        client.stop()
        daemon.stop()
