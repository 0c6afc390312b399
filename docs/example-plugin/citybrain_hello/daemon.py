"""The daemon half: a table, a live collection, a command, a query and a CSV importer. No Qt here."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import (
    Base,
    CollectionSpec,
    CommandSpec,
    DistrictWide,
    ErrorCode,
    ImporterSpec,
    ImportReport,
    QuerySpec,
    Refused,
    Role,
    RowError,
    SchemaInfo,
    UTCDateTime,
    hookimpl,
    utcnow,
)
from citybrain_hello import COLLECTION


class Greeting(Base):
    __tablename__ = "hello_greeting"  # prefix tables with the plugin's name

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    by: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


def as_record(g: Greeting) -> dict:
    return {"id": g.id, "name": g.name, "by": g.by, "at": g.at.isoformat(timespec="seconds")}


def greet(tx, payload: dict) -> dict:
    name = payload["name"].strip()
    if not name:
        raise Refused("a greeting needs a name", code=ErrorCode.INVALID_PAYLOAD)
    g = Greeting(name=name, by=tx.caller.username, at=utcnow())
    tx.session.add(g)
    tx.session.flush()  # assigns g.id
    tx.put(COLLECTION, as_record(g))  # published only after the commit
    return {"id": g.id}


def import_names(tx, filename: str, data: bytes) -> ImportReport:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    report = ImportReport("hello.names", rows=len(rows))
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        if not (row.get("name") or "").strip():
            report.errors.append(RowError(n, "name", "empty name"))
    if report.errors:
        return report  # refused whole: nothing is written
    for row in rows:
        greet(tx, {"name": row["name"]})
    report.imported = len(rows)
    return report


@hookimpl
def citybrain_schema() -> SchemaInfo:
    return SchemaInfo("hello", 1)


@hookimpl
def citybrain_collections():
    return [
        CollectionSpec(
            COLLECTION,
            key="id",
            title="Greetings",
            load=lambda s: [as_record(g) for g in s.scalars(select(Greeting))],
            place=DistrictWide("greetings are for every desk"),  # or place="unit": the field placing each in the tree
        )
    ]


@hookimpl
def citybrain_commands():
    return [CommandSpec("hello.greet", greet, payload={"name": str}, role=Role.OPERATOR, title="Greet someone")]


@hookimpl
def citybrain_queries():
    return [QuerySpec("hello.count", lambda s, params, caller: s.scalar(select(func.count(Greeting.id))))]


@hookimpl
def citybrain_importers():
    return [
        ImporterSpec(
            "hello.names", import_names, title="Names to greet (CSV with a 'name' column)", extensions=(".csv",)
        )
    ]


@hookimpl
def citybrain_demo_data(tx, rng):
    for name in ("虹口", "North Bund", "四川北路"):
        greet(tx, {"name": name})
