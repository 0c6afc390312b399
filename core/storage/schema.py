"""Versioned schema: created and upgraded on start, refused when newer than the code."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, Integer, String, inspect, select
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from citybrain.core.storage.engine import Base, UTCDateTime, utcnow


@dataclass(frozen=True)
class SchemaInfo:
    """A component's schema version; ``migrations[n]`` upgrades a database from n-1 to n."""

    component: str
    version: int
    migrations: Mapping[int, Callable[[Connection], None]] = field(default_factory=dict)


def _core_v2(conn: Connection) -> None:
    from citybrain.core.storage import audit

    audit.guard(conn)


def _core_v3(conn: Connection) -> None:
    from citybrain.core.daemon import idempotency

    idempotency.create_table(conn)


# v2: the audit log append-only in the database; v3: commands' first outcomes by request_id (cb_request)
CORE_SCHEMA = SchemaInfo("core", 3, {2: _core_v2, 3: _core_v3})


class SchemaVersion(Base):
    __tablename__ = "cb_schema_version"

    component: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    upgraded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SchemaError(RuntimeError):
    pass


class SchemaTooNew(SchemaError):
    def __init__(self, component: str, stored: int, known: int):
        super().__init__(
            f"the database was written by a newer citybrain (schema {component} v{stored}, "
            f"this code knows v{known}); refusing to start"
        )
        self.component, self.stored, self.known = component, stored, known


def prepare_schema(engine: Engine, components: Sequence[SchemaInfo]) -> list[str]:
    """Create missing tables and run pending migrations, all in one transaction; say what was done."""
    done: list[str] = []
    table = SchemaVersion.__table__
    with engine.begin() as conn:
        table.create(conn, checkfirst=True)
        stored = {c: v for c, v in conn.execute(select(table.c.component, table.c.version))}
        for info in components:  # refuse before touching anything
            if stored.get(info.component, 0) > info.version:
                raise SchemaTooNew(info.component, stored[info.component], info.version)
        for info in components:
            have = stored.get(info.component)
            if have is None or have == info.version:
                continue
            for step in range(have + 1, info.version + 1):
                migrate = info.migrations.get(step)
                if migrate is None:
                    raise SchemaError(f"schema {info.component}: no migration to v{step} (database has v{have})")
                migrate(conn)
                done.append(f"{info.component}: migrated to v{step}")
        Base.metadata.create_all(conn)
        done += add_new_columns(conn)
        now = utcnow()
        for info in components:
            have = stored.get(info.component)
            if have is None:
                conn.execute(table.insert().values(component=info.component, version=info.version, upgraded_at=now))
                done.append(f"{info.component}: created at v{info.version}")
            elif have != info.version:
                conn.execute(
                    table.update()
                    .where(table.c.component == info.component)
                    .values(version=info.version, upgraded_at=now)
                )
    return done


def add_new_columns(conn: Connection) -> list[str]:
    """Columns a model gained since its table was created, added to the table (a release that records who
    acknowledged an alarm and when).

    Decision: an additive column needs no versioned migration, as a new table needs none (``create_all``): it is
    added nullable, and a scalar default becomes the column's server default so existing rows read it.  Anything
    else (a rename, a new type, a constraint) is a migration in the component's ``SchemaInfo``.
    """
    inspector, done = inspect(conn), []
    preparer = conn.dialect.identifier_preparer
    for table in Base.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            default = column.default.arg if isinstance(column.default, ScalarElementColumnDefault) else None
            sql = f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {preparer.format_column(column)} {kind}"
            if isinstance(default, (bool, int, float)):
                sql += f" DEFAULT {int(default) if isinstance(default, bool) else default}"
            elif isinstance(default, str):
                sql += " DEFAULT '" + default.replace("'", "''") + "'"
            conn.exec_driver_sql(sql)
            done.append(f"{table.name}: column {column.name} added")
    return done
