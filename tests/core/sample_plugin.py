"""A small daemon plugin used by the daemon tests: a table, a collection, a command, a query, an importer."""

from __future__ import annotations

import csv
import io

from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import (
    Base,
    CollectionSpec,
    CommandSpec,
    ImporterSpec,
    ImportReport,
    QuerySpec,
    Refused,
    Role,
    RowError,
    fits,
    hookimpl,
    limit_of,
)


class Note(Base):
    __tablename__ = "sample_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


def _record(note: Note) -> dict:
    return {"id": note.id, "text": note.text}


def add(tx, payload):
    if payload["text"] == "refuse me":
        raise Refused("that text is not allowed", details={"field": "text"})
    if payload["text"] == "crash me":
        raise RuntimeError("handler bug")
    note = Note(text=payload["text"])
    tx.session.add(note)
    tx.session.flush()
    tx.put("sample.notes", _record(note))
    return {"id": note.id}


def import_notes(tx, filename, data):
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    report = ImportReport("sample.notes", rows=len(rows))
    for i, row in enumerate(rows, start=2):
        if not row.get("text"):
            report.errors.append(RowError(i, "text", "empty text"))
    if report.errors:
        return report
    for row in rows:
        note = Note(text=row["text"])
        tx.session.add(note)
        tx.session.flush()
        tx.put("sample.notes", _record(note))
    report.imported = len(rows)
    return report


@hookimpl
def citybrain_collections():
    return [CollectionSpec("sample.notes", load=lambda s: [_record(n) for n in s.scalars(select(Note))])]


@hookimpl
def citybrain_commands():
    return [CommandSpec("sample.add", add, payload={"text": fits(Note.text)}, role=Role.OPERATOR)]


@hookimpl
def citybrain_queries():
    return [
        QuerySpec("sample.count", lambda s, params, caller: s.scalar(select(func.count(Note.id)))),
        QuerySpec(
            "sample.notes",
            lambda s, params, caller: [
                _record(n) for n in s.scalars(select(Note).order_by(Note.id).limit(limit_of(params)))
            ],
            params={"limit": int | None},
        ),
    ]


@hookimpl
def citybrain_importers():
    return [ImporterSpec("sample.notes", import_notes, extensions=(".csv",))]
