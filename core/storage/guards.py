"""Rows the database itself refuses to change: triggers on SQLite and PostgreSQL alike, so no code path — ours, a
plugin's or a SQL console's — can rewrite them."""

from __future__ import annotations

from sqlalchemy import DDL, Connection, Table, event


def _statements(table: Table, message: str, when: str | None) -> dict[str, list[str]]:
    """The trigger definitions per dialect."""
    name, text = table.name, message.replace("'", "''")
    sqlite = [
        f"CREATE TRIGGER {name}_no_{verb.lower()} BEFORE {verb} ON {name} {f'WHEN {when} ' if when else ''}"
        f"BEGIN SELECT RAISE(ABORT, '{text}'); END"
        for verb in ("UPDATE", "DELETE")
    ]
    postgresql = [
        f"CREATE FUNCTION {name}_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF {when or 'TRUE'} THEN RAISE EXCEPTION '{text}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
        f"CREATE TRIGGER {name}_guard BEFORE UPDATE OR DELETE ON {name} FOR EACH ROW EXECUTE FUNCTION {name}_guard()",
    ]
    return {"sqlite": sqlite, "postgresql": postgresql}


def refuse_changes(table: Table, message: str, when: str | None = None) -> None:
    """Refuse UPDATE and DELETE on ``table`` (only of rows matching ``when``, a condition on ``OLD``), with
    ``message``; installed when the table is created (an existing table: :func:`guard_existing` in a migration)."""
    for dialect, statements in _statements(table, message, when).items():
        for sql in statements:
            event.listen(table, "after_create", DDL(sql).execute_if(dialect=dialect))


def guard_existing(conn: Connection, table: Table, message: str, when: str | None = None) -> None:
    """What :func:`refuse_changes` installs, on a table created before it was guarded (a schema migration)."""
    for sql in _statements(table, message, when).get(conn.dialect.name, []):
        conn.exec_driver_sql(sql)
