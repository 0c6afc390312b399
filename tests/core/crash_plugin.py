"""A daemon plugin for the idempotency tests: a command that can kill its daemon right after its commit."""

from __future__ import annotations

import os
import signal
import threading

from sqlalchemy import Integer, String, event, select
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, CollectionSpec, CommandSpec, Refused, Role, fits, hookimpl

GATE = threading.Event()  # "wait for the gate": the handler holds the writer until a test opens it


class CrashNote(Base):
    __tablename__ = "crash_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


def add(tx, payload):
    if payload["text"] == "refuse me":
        raise Refused("that text is not allowed")
    if payload["text"] == "wait for the gate":
        GATE.wait(120)
    note = CrashNote(text=payload["text"])
    tx.session.add(note)
    tx.session.flush()
    tx.put("crash.notes", {"id": note.id, "text": note.text})
    if payload["die"]:  # committed, and the daemon gone before it could reply: what kill -9 does at the worst moment
        event.listen(tx.session, "after_commit", lambda session: os.kill(os.getpid(), signal.SIGKILL), once=True)
    return {"id": note.id}


@hookimpl
def citybrain_collections():
    return [
        CollectionSpec(
            "crash.notes", load=lambda s: [{"id": n.id, "text": n.text} for n in s.scalars(select(CrashNote))]
        )
    ]


@hookimpl
def citybrain_commands():
    return [CommandSpec("crash.add", add, payload={"text": fits(CrashNote.text), "die": bool}, role=Role.OPERATOR)]
