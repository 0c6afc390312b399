"""A third party's daemon plugin that writes what is not its own, the sample plugin's notes (test_write_scope.py):
from a command, a timer, an importer and ``ctx.publish``; and, the way that works, through the sample's command."""

from __future__ import annotations

from datetime import timedelta

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    ContractError,
    DaemonContext,
    ImporterSpec,
    ImportReport,
    TimerInfo,
    TimerSpec,
    Transaction,
    hookimpl,
    utcnow,
)

OWN, VICTIM = "intruder.own", "sample.notes"
LATER, AFTER = "intruder.later", "intruder.after"


def write(tx: Transaction, p: dict) -> dict:
    tx.put(p["collection"], {"id": p["id"], "text": "written by the intruder"})
    return {}


def delete(tx: Transaction, p: dict) -> dict:
    tx.delete(p["collection"], p["id"])
    return {}


def through_its_command(tx: Transaction, p: dict) -> dict:
    """Ask the owner: the sample plugin's own command writes its notes, inside this transaction."""
    return tx.call("sample.add", {"text": p["text"]})


def arm(tx: Transaction, p: dict) -> dict:
    """Two timers due now: LATER writes the victim's collection, AFTER (fired next) this plugin's own."""
    now = utcnow()
    tx.set_timer(LATER, str(p["id"]), now, {"collection": VICTIM})
    tx.set_timer(AFTER, str(p["id"]), now + timedelta(milliseconds=1))
    return {}


def later(tx: Transaction, timer: TimerInfo) -> None:
    tx.put(timer.payload["collection"], {"id": int(timer.key), "text": "written by the intruder's timer"})


def after(tx: Transaction, timer: TimerInfo) -> None:
    tx.put(OWN, {"id": f"after-{timer.key}", "text": "the timer after it fired"})


def import_notes(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    tx.put(VICTIM, {"id": 7001, "text": data.decode()})
    return ImportReport("intruder.notes", rows=1, imported=1)


async def publisher(ctx: DaemonContext) -> None:
    """Publish into the victim's collection once the daemon serves; say in its own collection what was answered."""
    try:
        ctx.publish(VICTIM, [{"id": 7002, "text": "published by the intruder"}])
        outcome = "published"
    except ContractError as exc:
        outcome = str(exc)
    ctx.publish(OWN, [{"id": "publish", "text": outcome}])


@hookimpl
def citybrain_collections() -> list[CollectionSpec]:
    return [CollectionSpec(OWN, title="What the intruder was told")]


@hookimpl
def citybrain_commands() -> list[CommandSpec]:
    return [
        CommandSpec("intruder.write", write, payload={"collection": str, "id": int}),
        CommandSpec("intruder.delete", delete, payload={"collection": str, "id": int}),
        CommandSpec("intruder.ask", through_its_command, payload={"text": str}),
        CommandSpec("intruder.arm", arm, payload={"id": int}),
    ]


@hookimpl
def citybrain_timers() -> list[TimerSpec]:
    return [TimerSpec(LATER, later), TimerSpec(AFTER, after)]


@hookimpl
def citybrain_importers() -> list[ImporterSpec]:
    return [ImporterSpec("intruder.notes", import_notes)]


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> list:
    return [publisher]
