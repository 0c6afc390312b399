"""Whose collections a write may change: the plugin whose code runs, or a platform service acting for the platform.

Every collection has an owner, the plugin whose ``citybrain_collections`` declared it (one nobody declared, a test's
or the core's own, is the core's). A transaction carries a :class:`WriteScope`: the core sets it to the plugin whose
code it runs (a command, an importer, a timer, demo data, ``ctx.transact``) and ``tx.put``/``tx.delete`` check it,
as ``ctx.publish`` checks its plugin's name. A write outside it raises :class:`ContractError` at the write.

A platform service (the shared case loop in ``core/cases``) writes its collections for whichever plugin called it:
it enters :func:`for_platform` around those writes, naming them. Only core code does: the module is not part of
the plugin API (``tests/test_plugin_api.py`` refuses a plugin importing it or touching ``_write_scope``).
docs/architecture.md, "A plugin writes only its own collections".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import NamedTuple, Protocol, cast

from citybrain.core.plugins import CORE


class ContractError(RuntimeError):
    """A plugin broke the plugin contract while running: it wrote a collection another plugin owns. A defect in
    the writing plugin, not a refusal of the operator's request; raised at the write, so its transaction rolls back
    and nothing of it is written or published."""

    def __init__(self, writer: str, owner: str, collection: str) -> None:
        asked = "the core" if owner == CORE else f"plugin {owner!r}"
        super().__init__(
            f"{writer} may not write {collection!r}: it is {asked}'s collection"
            + ("" if owner == CORE else f" (ask {owner!r} through one of its commands: tx.call)")
        )
        self.writer, self.owner, self.collection = writer, owner, collection


class WriteScope(NamedTuple):
    """The plugin whose code runs (``CORE`` for the daemon's own), and, while a platform service writes for it,
    that service's name and the collections it writes. A tuple: one is made per transaction and per ``tx.call``,
    at a tenth of a frozen dataclass's cost."""

    plugin: str
    service: str | None = None
    collections: frozenset[str] = frozenset()

    def who(self) -> str:
        if self.service is not None:
            return f"the platform's {self.service} (called by {self.plugin!r})"
        return "the core" if self.plugin == CORE else f"plugin {self.plugin!r}"

    def check(self, owners: Mapping[str, str], collection: str) -> None:
        """Raise :class:`ContractError` unless this scope may write ``collection``."""
        owner = owners.get(collection, CORE)
        if owner != self.plugin and collection not in self.collections:
            raise ContractError(self.who(), owner, collection)


class Scoped(Protocol):
    """A transaction that carries its write scope (the writer's ``Tx``)."""

    _write_scope: WriteScope


@contextmanager
def _scoped(tx: object, scope: WriteScope) -> Iterator[None]:
    scoped = cast(Scoped, tx)
    before, scoped._write_scope = scoped._write_scope, scope
    try:
        yield
    finally:
        scoped._write_scope = before


def acting_for(tx: object, plugin: str) -> AbstractContextManager[None]:
    """The core runs ``plugin``'s code in ``tx`` (its command through ``tx.call``, its importer, its timer, its
    demo data): that plugin's collections only, until the block ends."""
    return _scoped(tx, WriteScope(plugin))


def for_platform(tx: object, service: str, collections: frozenset[str]) -> AbstractContextManager[None]:
    """A platform service (core code) writes ``collections`` for the plugin whose code called it; nothing more."""
    plugin = cast(Scoped, tx)._write_scope.plugin
    return _scoped(tx, WriteScope(plugin, service, collections))
