"""Long values from peers, on SQLite and PostgreSQL (where ``varchar(n)`` refuses overlong text): an identifier
longer than its column is refused before use, a payload field longer than its column is refused by field, an audit
row never fails for a long value, and the audit log cannot be changed or deleted, even from a SQL console."""

from __future__ import annotations

import pytest
import sample_plugin
import sqlalchemy as sa
import zmq

from citybrain.core import protocol as P
from citybrain.core.client import RequestError
from citybrain.core.storage import audit
from citybrain.core.storage.engine import make_engine
from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema

PLUGINS = {"system": "citybrain.plugins.system.daemon", "sample": sample_plugin}


@pytest.fixture
def daemon(citybrain_daemon_factory, database_url):
    return citybrain_daemon_factory(plugins=PLUGINS, database_url=database_url)


def _sql(url: str, sql: str, **params) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(sa.text(sql), params)
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def _ask(raw: zmq.Socket, n: int, type_: str, body: dict) -> P.Envelope:
    raw.send(P.encode(type_, n, body))
    return P.decode(raw.recv())


def test_overlong_identifiers_are_refused_before_use(daemon):
    raw = zmq.Context.instance().socket(zmq.DEALER)
    raw.connect(daemon.endpoint)
    try:
        for n, (type_, body) in enumerate(
            [
                (P.HELLO, {"desk": "d" * 5000}),
                (P.LOGIN, {"username": "u" * 5000, "password": "x", "desk": "raw"}),
                (P.COMMAND, {"name": "sample.add", "payload": {"text": "ok"}, "desk": "d" * 129}),
                (P.QUERY, {"name": "q" * 500, "params": {}}),
            ],
            start=1,
        ):
            reply = _ask(raw, n, type_, body)
            assert reply.type == P.ERROR and reply.body["code"] == P.E_INVALID_PAYLOAD, (type_, reply.body)
            assert "too long" in reply.body["message"]
        assert _ask(raw, 9, P.PING, {"desk": "d" * 128}).type == P.OK  # the column's length fits
    finally:
        raw.close(linger=0)
    desks = daemon.call(lambda: [d["desk"] for d in daemon.daemon.health.stats()["desks"]])
    assert desks == ["d" * 128]
    url = daemon.daemon.config.database_url
    assert _sql(url, "select count(*) from cb_audit where length(desk) > 128 or length(operator) > 64") == [(0,)]


def test_a_long_payload_field_is_refused_by_field_not_failed(daemon):
    client = daemon.client(login="operator")
    with pytest.raises(RequestError) as refused:
        client.command("sample.add", {"text": "水" * 201}).result(10)
    assert refused.value.code == P.E_INVALID_PAYLOAD
    assert refused.value.details == ["payload.text: too long (201 characters, at most 200)"]
    assert client.command("sample.add", {"text": "水" * 200}).result(10)["result"]["id"]


def test_an_audit_row_never_fails_for_a_long_value(daemon):
    async def write():
        await daemon.daemon.write(
            lambda tx: audit.record(
                tx.session,
                operator="o" * 500,
                desk="d" * 5000,
                command="c" * 300,
                payload=b"",
                result="error",
                error_code="e" * 100,
                detail="x" * 10_000,
            )
        )

    daemon.call(write)
    url = daemon.daemon.config.database_url
    ((operator, desk, command, detail),) = _sql(
        url, "select operator, desk, command, detail from cb_audit where result = 'error' and command like 'ccc%'"
    )
    assert (len(operator), len(desk), len(command), len(detail)) == (64, 128, 128, 500)
    assert desk.endswith("…")


def test_the_audit_log_is_append_only_in_the_database(daemon):
    client = daemon.client(login="operator")
    client.command("sample.add", {"text": "audited"}).result(10)
    url = daemon.daemon.config.database_url
    (before,) = _sql(url, "select count(*) from cb_audit")
    for sql in ("update cb_audit set operator = 'nobody'", "delete from cb_audit"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            _sql(url, sql)
    assert _sql(url, "select count(*) from cb_audit") == [before]
    assert _sql(url, "select count(*) from cb_audit where operator = 'nobody'") == [(0,)]


def test_an_older_database_gets_its_audit_log_guarded(database_url):
    engine = make_engine(database_url)
    try:
        prepare_schema(engine, [CORE_SCHEMA])
        with engine.begin() as conn:  # as a v1 database was: no triggers on cb_audit
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("DROP TRIGGER cb_audit_no_update")
                conn.exec_driver_sql("DROP TRIGGER cb_audit_no_delete")
            else:
                conn.exec_driver_sql("DROP TRIGGER cb_audit_guard ON cb_audit")
                conn.exec_driver_sql("DROP FUNCTION cb_audit_guard()")
            conn.exec_driver_sql("UPDATE cb_schema_version SET version = 1 WHERE component = 'core'")
            conn.exec_driver_sql(
                "INSERT INTO cb_audit (at, command, payload_digest, result) VALUES (CURRENT_TIMESTAMP, 'old', '', 'ok')"
            )
        assert prepare_schema(engine, [CORE_SCHEMA])[0] == "core: migrated to v2"  # then on to the current version
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM cb_audit")
    finally:
        engine.dispose()
