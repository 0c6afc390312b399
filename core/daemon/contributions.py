"""What the plugins contribute, by name: collections, commands, queries, importers and timers.

Built once at start from the hooks (``citybrain_collections``…), with the core's own commands and queries. A name
two plugins contribute is kept by the first and the second plugin fails with both names; a command or query whose
``within`` names a collection that is not placed is left out, its plugin failed. ``policy`` is the read policy of
the collections (``core/daemon/access.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from citybrain.core.api import CollectionSpec, CommandSpec, ImporterSpec, QuerySpec, Record
from citybrain.core.daemon import builtins
from citybrain.core.daemon.access import ReadPolicy
from citybrain.core.describe import describe as describe_all
from citybrain.core.live import LiveState
from citybrain.core.plugins import CORE, PluginHost, check_name
from citybrain.core.timers import TimerSpec

log = logging.getLogger("citybrain.daemon")

Request = TypeVar("Request", CommandSpec, QuerySpec)


def contributed(host: PluginHost, hook: str, **kwargs: Any) -> Iterable[tuple[str, Any]]:
    """Each spec the loaded plugins return from ``hook``, with its plugin's name."""
    for plugin, specs in host.call(hook, **kwargs):
        for spec in specs or ():
            yield plugin, spec


# The names of the shared capabilities that docs/plugins.md describes as the platform's (the org tree, the event
# catalogue, the grids), which the cases plugin hosts: kept as clients know them, the one exception to the rule
# that a contribution is named after its plugin
SHARED_NAMES = {"cases": frozenset({"org.units", "org_units", "event_types", "grids"})}


def _checked(spec: Any, kind: type, hook: str) -> Any:
    if not isinstance(spec, kind):
        raise TypeError(f"{hook} returned {spec!r}, not a {kind.__name__}")
    return spec


class Contributions:
    """name -> (plugin, spec) for each kind; the writer finds commands and queries, and each collection's owner,
    here (``writer.Registry``)."""

    def __init__(self, host: PluginHost, live: LiveState) -> None:
        self.host = host
        self.collections: dict[str, tuple[str, CollectionSpec]] = {}
        self.commands: dict[str, tuple[str, CommandSpec]] = {}
        self.queries: dict[str, tuple[str, QuerySpec]] = {}
        self.importers: dict[str, tuple[str, ImporterSpec]] = {}
        self.timers: dict[str, tuple[str, TimerSpec]] = {}
        self._collect()
        self.owners = {name: plugin for name, (plugin, _) in self.collections.items()}  # who may write each
        for name, (plugin, spec) in self.collections.items():
            live.declare(name, spec.key)
            if spec.place is None:  # taken as district-wide, as before places were declared
                log.warning("%s: collection %s declares no place (a field, or DistrictWide(why))", plugin, name)
        self.policy = ReadPolicy([spec for _, spec in self.collections.values()], live)
        self._leave_out_unplaced(self.commands, "citybrain_commands")
        self._leave_out_unplaced(self.queries, "citybrain_queries")

    def _collect(self) -> None:
        tables: list[tuple[str, dict, type, str]] = [
            ("citybrain_collections", self.collections, CollectionSpec, "name"),
            ("citybrain_commands", self.commands, CommandSpec, "name"),
            ("citybrain_queries", self.queries, QuerySpec, "name"),
            ("citybrain_importers", self.importers, ImporterSpec, "kind"),
            ("citybrain_timers", self.timers, TimerSpec, "kind"),
        ]
        self.commands[builtins.IMPORT] = (CORE, builtins.import_command(self.importers))
        self.commands.update({spec.name: (CORE, spec) for spec in builtins.OPERATOR_COMMANDS})
        self.queries.update({spec.name: (CORE, spec) for spec in builtins.OPERATOR_QUERIES})
        for hook, registry, kind, attr in tables:
            for plugin, specs in self.host.call(hook):
                try:
                    named = [(getattr(_checked(spec, kind, hook), attr), spec) for spec in specs or ()]
                    for name, _ in named:
                        if name not in SHARED_NAMES.get(plugin, ()):
                            check_name(plugin, name, attr)
                        if name in registry and registry[name][0] != plugin:
                            raise ValueError(f"{name!r} is already contributed by {registry[name][0]!r}")
                except (TypeError, ValueError) as exc:
                    self.host.fail(plugin, hook, exc)
                    continue
                registry.update((name, (plugin, spec)) for name, spec in named)

    def _leave_out_unplaced(self, registry: dict[str, tuple[str, Request]], hook: str) -> None:
        for name, (plugin, spec) in list(registry.items()):
            unplaced = [w.collection for w in spec.within if w.collection not in (None, *self.policy.places)]
            if unplaced:
                del registry[name]
                self.host.fail(
                    plugin, hook, ValueError(f"{name}: within names {unplaced[0]!r}, not a placed collection")
                )

    def load(self, live: LiveState, sessions: sessionmaker[Session]) -> None:
        """Fill the live collections from the database (each a loaded plugin's ``load``); a plugin whose load
        fails is switched off."""
        for name, (plugin, spec) in self.collections.items():
            if spec.load is None or not self.host.loaded(plugin):
                continue
            try:
                with sessions() as session:
                    live.load(name, spec.load(session))
            except Exception as exc:
                self.host.fail(plugin, f"load {name}", exc)

    def placed(self, live: LiveState) -> dict[str, tuple[str, dict[Hashable, Record]]]:
        """Each placed collection: the field that places its records, and its live records."""
        return {name: (field, live.collections[name]) for name, field in self.policy.places.items()}

    def describe(self) -> dict[str, Any]:
        """The machine-readable description of all of it (``describe``)."""
        return describe_all(self.collections, self.commands, self.queries, self.importers, self.policy.describe())
