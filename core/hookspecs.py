"""The daemon's hooks: what a plugin's ``daemon.py`` may implement.

Register a module under the entry-point group ``citybrain.daemon``; mark its
functions with :data:`citybrain.core.api.hookimpl`.  Every hook is optional.
A hook that raises disables its plugin (reported in ``citybrain plugins`` and
the system view); the daemon and the other plugins keep running.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from citybrain.core.api import (
        CollectionSpec,
        CommandSpec,
        DaemonContext,
        ImporterSpec,
        MetricSpec,
        OpenItem,
        QuerySpec,
        ScheduleSpec,
        SchemaInfo,
        Sources,
        TimerSpec,
        Transaction,
    )

PROJECT = "citybrain_daemon"  # pluggy's project name: hookimpl (citybrain.core.api) marks hooks of this project
GROUP = "citybrain.daemon"  # the entry-point group a plugin registers its daemon half under
hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def citybrain_requires() -> Iterable[str]:
    """The plugins (their entry-point names) this one cannot work without: it reads their tables or imports their
    modules.  A plugin whose required plugin is not loaded (absent, disabled, failed) is switched off, saying which;
    its hooks are called after theirs (its demo data seeded after theirs, say)."""


@hookspec
def citybrain_configure(config: Mapping[str, Any]) -> None:
    """Read the plugin's ``[plugins.NAME]`` section of daemon.toml (``config``, read-only; empty when there is
    none): a district's own files and settings over the shipped ones.  Called first, once the plugins are loaded and
    before anything else (the demo seed, the collections' loading), so all of it sees the configuration in force.
    A bad file or value should raise naming it: the plugin is switched off with that reason."""


@hookspec
def citybrain_schema() -> SchemaInfo:
    """The plugin's schema version and migrations, for the tables it declares on ``api.Base``.

    Without it, the plugin's tables are still created, but never upgraded.
    """


@hookspec
def citybrain_collections() -> Iterable[CollectionSpec]:
    """Live collections this plugin owns (names prefixed with the plugin's name, ``duty.roster``)."""


@hookspec
def citybrain_commands() -> Iterable[CommandSpec]:
    """Write requests desks may send; each runs in the one writer and is audited."""


@hookspec
def citybrain_queries() -> Iterable[QuerySpec]:
    """Read requests answered from the database (history, aggregates): never replicated."""


@hookspec
def citybrain_importers() -> Iterable[ImporterSpec]:
    """File importers (``citybrain import KIND FILE``): all-or-nothing with a row-by-row report."""


@hookspec
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    """Periodic jobs on the daemon's loop."""


@hookspec
def citybrain_timers() -> Iterable[TimerSpec]:
    """Handlers for durable timers this plugin sets with ``tx.set_timer(kind, ...)`` (kinds prefixed with its name)."""


@hookspec
def citybrain_open_items(session: Session, now: datetime) -> Iterable[OpenItem]:
    """What this plugin has still waiting for someone at ``now``: open incidents and their next deadline, overdue
    cases, unacknowledged or shelved alarms, reminders due.  Read-only; a handover compiles them from every plugin
    (``tx.open_items(now)``), so keep it to what the next shift must know, not every record.
    """


@hookspec
def citybrain_sources(ctx: DaemonContext) -> Sources:
    """Long-running async producers (``async def source(ctx)``), started once the daemon serves."""


@hookspec
def citybrain_start(ctx: DaemonContext) -> None:
    """Called once the schema is ready and collections are loaded, before the daemon serves."""


@hookspec
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    """Seed demo data into a fresh database (``--demo``, first run only); one transaction for all plugins."""


@hookspec
def citybrain_metrics() -> Iterable[MetricSpec]:
    """KPIs this plugin contributes (ids prefixed with its name, ``cases.volume``): computed in the daemon by the
    ``metrics`` plugin when their inputs change, published to desks, kept as history for trends."""
