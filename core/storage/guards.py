"""Rows the database itself refuses to change: triggers on SQLite and PostgreSQL alike, so no code path — ours, a
plugin's or a SQL console's — can rewrite them."""

from __future__ import annotations

from sqlalchemy import DDL, Table, event


def refuse_changes(table: Table, message: str, when: str | None = None) -> None:
    """Refuse UPDATE and DELETE on ``table`` (only of rows matching ``when``, a condition on ``OLD``), with
    ``message``; installed when the table is created."""
    name, text = table.name, message.replace("'", "''")
    for verb in ("UPDATE", "DELETE"):
        event.listen(table, "after_create", DDL(
            f"CREATE TRIGGER {name}_no_{verb.lower()} BEFORE {verb} ON {name} {f'WHEN {when} ' if when else ''}"
            f"BEGIN SELECT RAISE(ABORT, '{text}'); END").execute_if(dialect="sqlite"))
    event.listen(table, "after_create", DDL(
        f"CREATE FUNCTION {name}_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF {when or 'TRUE'} THEN RAISE EXCEPTION '{text}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$; "
        f"CREATE TRIGGER {name}_guard BEFORE UPDATE OR DELETE ON {name} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}_guard()").execute_if(dialect="postgresql"))
