"""Storage on a real SQLite file and a real PostgreSQL database."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.operators import (
    Operator,
    PasswordCheck,
    Role,
    check_password,
    create_operator,
    hash_password,
    verify_password,
)
from citybrain.core.storage import audit
from citybrain.core.storage.engine import Base, UTCDateTime, make_engine, session_factory
from citybrain.core.storage.schema import CORE_SCHEMA, SchemaError, SchemaInfo, SchemaTooNew, prepare_schema


def versions(engine):
    with engine.connect() as conn:
        return dict(conn.execute(sa.text("select component, version from cb_schema_version")).all())


def test_sqlite_pragmas_are_set_on_every_connection(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x' / 'c.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("pragma foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("pragma synchronous").scalar() == 2  # FULL


def test_fresh_install_records_versions_and_upgrade_runs_migrations_in_order(database_url):
    engine = make_engine(database_url)
    done = prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 1)])
    assert done == [f"core: created at v{CORE_SCHEMA.version}", "thing: created at v1"]
    assert versions(engine) == {"core": CORE_SCHEMA.version, "thing": 1}
    steps = []
    migrations = {
        2: lambda c: (steps.append(2), c.exec_driver_sql("ALTER TABLE cb_audit ADD COLUMN note2 VARCHAR(10)")),
        3: lambda c: steps.append(3),
    }
    assert prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 3, migrations)]) == [
        "thing: migrated to v2",
        "thing: migrated to v3",
    ]
    assert steps == [2, 3] and versions(engine)["thing"] == 3
    assert "note2" in {c["name"] for c in sa.inspect(engine).get_columns("cb_audit")}
    engine.dispose()


def test_a_newer_database_is_refused_untouched(database_url):
    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 5, {i: lambda c: None for i in range(2, 6)})])
    with pytest.raises(SchemaTooNew, match="newer citybrain"):
        prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 4)])
    assert versions(engine)["thing"] == 5
    engine.dispose()


def test_a_failing_migration_rolls_everything_back(database_url):
    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 1)])

    def bad(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("migration bug")

    with pytest.raises(RuntimeError):
        prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 2, {2: bad})])
    assert versions(engine)["thing"] == 1
    assert "half_done" not in sa.inspect(engine).get_table_names()
    with pytest.raises(SchemaError, match="no migration to v3"):
        prepare_schema(engine, [CORE_SCHEMA, SchemaInfo("thing", 3, {2: lambda c: None})])
    engine.dispose()


class Stamp(Base):
    __tablename__ = "test_stamp"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def test_times_come_back_aware_utc(database_url):
    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    shanghai = datetime(2026, 11, 24, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    with session_factory(engine)() as s:
        s.add(Stamp(id=1, at=shanghai))
        s.commit()
    with session_factory(engine)() as s:
        at = s.get(Stamp, 1).at
    assert at == shanghai and at.tzinfo is not None and at.utcoffset() == timedelta(0)
    with session_factory(engine)() as s, pytest.raises(sa.exc.StatementError, match="naive"):
        s.add(Stamp(id=2, at=datetime(2026, 1, 1)))
        s.commit()
    engine.dispose()


def test_audit_tail_newest_first(database_url):
    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    with session_factory(engine)() as s:
        for i in range(5):
            audit.record(s, operator="duty", desk="d1", command=f"c{i}", payload=b"p", result="ok")
        s.commit()
        tail = audit.tail(s, 3)
    assert [r["command"] for r in tail] == ["c4", "c3", "c2"]
    assert tail[0]["at"].endswith("+00:00")
    engine.dispose()


def test_passwords_are_salted_slow_hashes():
    a, b = hash_password("correct horse"), hash_password("correct horse")
    assert a != b and a.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", a) and not verify_password("wrong", a)
    assert not verify_password("x", "garbage") and not verify_password("x", "scrypt$1$2$3$%%%$%%%")


def test_operators_and_authentication(database_url):
    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    with session_factory(engine)() as s:
        with pytest.raises(ValueError, match="at least 8"):
            create_operator(s, "li.wei", "short", Role.OPERATOR)
        with pytest.raises(ValueError, match="user name"):
            create_operator(s, "li wei", "long enough", Role.OPERATOR)
        create_operator(s, "li.wei", "long enough", Role.DUTY_LEADER, "李伟")
        s.commit()
        with pytest.raises(ValueError, match="exists"):
            create_operator(s, "li.wei", "long enough", Role.OPERATOR)
        li_wei = s.scalar(sa.select(Operator.id).where(Operator.username == "li.wei"))
        assert check_password(s, "li.wei", "long enough") == PasswordCheck(li_wei, True)
        assert check_password(s, "li.wei", "wrong one") == PasswordCheck(None, True)
        assert check_password(s, "nobody", "long enough") == PasswordCheck(None, False)
        s.execute(sa.text("update cb_operator set active = false"))
        assert check_password(s, "li.wei", "long enough").operator_id is None
    assert Role.parse("duty-leader") is Role.DUTY_LEADER and Role.DUTY_LEADER.label == "duty_leader"
    with pytest.raises(ValueError, match="unknown role"):
        Role.parse("boss")
    engine.dispose()


def test_append_rows_converts_like_the_orm(database_url):
    from citybrain.core.storage.bulk import append_columns, append_rows

    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    at = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    rows = [
        {
            "at": at + timedelta(seconds=i),
            "operator": None,
            "desk": "d",
            "command": f"c{i}",
            "payload_digest": "0" * 64,
            "result": "ok",
            "error_code": None,
            "detail": "事件",
        }
        for i in range(300)
    ]
    with session_factory(engine)() as s:
        assert append_rows(s, audit.AuditEntry, rows[:200]) == 200
        assert append_columns(s, audit.AuditEntry, {k: [r[k] for r in rows[200:]] for k in rows[0]}) == 100
        assert append_columns(s, audit.AuditEntry, {}) == append_rows(s, audit.AuditEntry, []) == 0
        s.commit()
    with session_factory(engine)() as s:
        back = s.scalars(sa.select(audit.AuditEntry).order_by(audit.AuditEntry.id)).all()
    assert [(r.at, r.command, r.detail) for r in back] == [(r["at"], r["command"], "事件") for r in rows]
    engine.dispose()


def test_read_frame_gives_what_the_orm_reads_converted_or_not_with_this_transaction_s_rows(database_url):
    """Plain columns come as the driver's rows, a converted one (an aware UTC time) through SQLAlchemy's: the same
    values either way, and rows this transaction added but did not flush yet are in the frame, as the ORM's own
    execution flushes them first."""
    from citybrain.core.storage.frames import read_frame

    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    at = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    entry = audit.AuditEntry
    with session_factory(engine)() as s:
        for i in range(3):
            s.add(entry(at=at + timedelta(seconds=i), desk="d", command=f"c{i}", payload_digest="0", result="ok"))
        plain = read_frame(s, sa.select(entry.id, entry.command).order_by(entry.id), ["id", "command"])
        timed = read_frame(s, sa.select(entry.command, entry.at).order_by(entry.id), ["command", "at"])
        textual = read_frame(s, sa.text("SELECT command FROM cb_audit ORDER BY id"), ["command"])
        orm = s.execute(sa.select(entry.id, entry.command, entry.at).order_by(entry.id)).all()
    assert plain.to_dict("records") == [{"id": i, "command": c} for i, c, _ in orm]
    assert list(timed["at"]) == [a for _, _, a in orm] == [at + timedelta(seconds=i) for i in range(3)]
    assert list(textual["command"]) == ["c0", "c1", "c2"]
    engine.dispose()


def test_a_long_read_stops_between_chunks_once_its_database_is_closing(database_url, monkeypatch):
    """A stopping daemon does not wait for a long read to finish: the read stops at the next chunk, with the
    BaseException a plugin's ``except Exception`` does not take for its own failure; either way of reading."""
    import threading

    from citybrain.core.storage import frames
    from citybrain.core.storage.engine import DatabaseClosing

    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    entry, closing = audit.AuditEntry, threading.Event()
    at = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    with session_factory(engine)() as s:
        s.add_all(entry(at=at, desk="d", command=f"c{i}", payload_digest="0", result="ok") for i in range(5))
        s.commit()
    monkeypatch.setattr(frames, "CHUNK", 2)
    plain, converted = sa.select(entry.id), sa.select(entry.id, entry.at)
    with session_factory(engine, closing)() as s:
        assert len(frames.read_frame(s, plain, ["id"])) == len(frames.read_frame(s, converted, ["id", "at"])) == 5
        closing.set()
        for statement in (plain, converted):
            with pytest.raises(DatabaseClosing):
                frames.read_frame(s, statement, ["id", "at"][: len(statement.selected_columns)])
            assert not issubclass(DatabaseClosing, Exception)
    engine.dispose()


def test_columns_a_model_gained_are_added_to_an_existing_table(database_url):
    """A database from the release before (no acked_at, no district on sensor alarms) opens with them added, its
    rows kept, the new flag reading its default."""
    from citybrain.plugins.sensors.alarms import Alarm

    engine = make_engine(database_url)
    prepare_schema(engine, [CORE_SCHEMA])
    table = Alarm.__table__.name
    with engine.begin() as conn:
        conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN district")
        conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN acked_at")
        conn.execute(
            sa.text(
                f"INSERT INTO {table} (id, device, condition, compound, scenario, priority, state, "
                "active, count, first_at, last_at, acked_by, comment, claimed_by) VALUES (1, 'D1', "
                "'smoke', 'C1', 'fire', 'urgent', 'unack', 1, 1, :t, :t, '', '', '')"
            ),
            {"t": datetime(2026, 1, 1, tzinfo=UTC).isoformat()},
        )
    done = prepare_schema(engine, [CORE_SCHEMA])
    assert sorted(done) == [f"{table}: column acked_at added", f"{table}: column district added"]
    with session_factory(engine)() as session:
        alarm = session.get(Alarm, 1)
        assert alarm.device == "D1" and alarm.district == 0 and alarm.acked_at is None
    assert prepare_schema(engine, [CORE_SCHEMA]) == []  # nothing more to add
    engine.dispose()
