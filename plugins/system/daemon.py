"""System plugin, daemon half: publishes the daemon's health as live collections.

``system.health`` (one record, id ``daemon``), ``system.desks``,
``system.plugins`` (daemon side; each desk adds its own) and ``system.audit``
(the newest audit rows).  All but the audit tail are volatile: rebuilt from
the running daemon, never stored.

``system.silence``: a desk silenced its alarm sound.  The command changes
nothing; the daemon's command path writes it to the audit log (who, which
desk, which priority was sounding), so silencing is on record like any
acknowledgement.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Literal

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    Record,
    Role,
    ScheduleSpec,
    Transaction,
    audit_tail,
    hookimpl,
)
from citybrain.plugins.system.fields import declared

HEALTH = "system.health"
DESKS = "system.desks"
PLUGINS = "system.plugins"
AUDIT = "system.audit"
DEFAULT_AUDIT_TAIL = 200


def _audit_tail(session, n: int = DEFAULT_AUDIT_TAIL) -> list[Record]:  # noqa: ANN001 - a SQLAlchemy Session
    return audit_tail(session, n)


SYSTEM = DistrictWide("the daemon itself: one system for the whole district")


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(HEALTH, key="id", title="Daemon health", place=SYSTEM),
        CollectionSpec(DESKS, key="desk", title="Connected desks", read_role=Role.OPERATOR, place=SYSTEM),
        CollectionSpec(PLUGINS, key="id", title="Plugins", place=SYSTEM),
        CollectionSpec(
            AUDIT, key="id", title="Audit log (newest)", load=_audit_tail, read_role=Role.DUTY_LEADER, place=SYSTEM
        ),
    ]


def sync(ctx: DaemonContext, collection: str, wanted: Mapping[Hashable, Record]) -> None:
    """Publish only what differs between ``wanted`` and the live collection."""
    current = ctx.records(collection)
    put = [r for k, r in wanted.items() if current.get(k) != r]
    gone = [k for k in current if k not in wanted]
    if put or gone:
        ctx.publish(collection, put=put, delete=gone)


async def refresh(ctx: DaemonContext) -> None:
    stats = ctx.stats()
    health = {k: v for k, v in stats.items() if k not in ("desks", "plugins", "collections")}
    health["id"] = "daemon"
    health["collections"] = len(stats["collections"])
    health["records"] = sum(stats["collections"].values())
    sync(ctx, HEALTH, {"daemon": health})
    sync(ctx, DESKS, {d["desk"]: d for d in stats["desks"]})
    sync(ctx, PLUGINS, {f"daemon:{p['name']}": {"id": f"daemon:{p['name']}", **p} for p in stats["plugins"]})
    n = int(ctx.config.get("audit_tail", DEFAULT_AUDIT_TAIL))
    sync(ctx, AUDIT, {r["id"]: r for r in await ctx.read(_audit_tail, n)})


def silenced(tx: Transaction, payload: dict) -> dict:
    """Nothing to change: the audit row the command path writes is the record."""
    return {"desk": payload["desk"], "priority": payload["priority"]}


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "system.silence",
            silenced,
            role=Role.VIEWER,
            title="Log that a desk silenced its alarm sound",
            payload={"desk": str, "priority": Literal["urgent", "high"], "reason": str | None},
        )
    ]


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [ScheduleSpec("system.refresh", every=1.0, handler=refresh)]
