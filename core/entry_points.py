"""The entry points of one group, read from the installed distributions' own files.

``importlib.metadata.entry_points`` gives the same answer, but importing it (and the ``email`` package it reads
metadata with), scanning every distribution and parsing a plugin's METADATA for its version cost a desk start ~12 ms
of ~0.3 s.  A plugin host needs less: the ``entry_points.txt`` of each ``*.dist-info`` / ``*.egg-info`` folder in
the folders on ``sys.path``, in ``sys.path`` order, the first distribution of a name winning (importlib.metadata's
rules), and a distribution's version only when asked.  Where importlib.metadata would look further (a file on
``sys.path``: a wheel in a plugin folder, a frozen build's library archive; an egg; an import finder of its own
that finds distributions), the whole answer is importlib.metadata's.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from importlib.machinery import PathFinder
from typing import Any

METADATA_FOLDERS = (".dist-info", ".egg-info")


class Distribution:
    """An installed distribution as its entry points know it: its version, read once when first asked."""

    def __init__(self, read_version: Callable[[], str | None]) -> None:
        self._read_version = read_version

    @cached_property
    def version(self) -> str | None:
        return self._read_version()


@dataclass(frozen=True)
class EntryPoint:
    name: str
    value: str  # "module" or "module:attribute.path", extras ("[...]") allowed after it
    dist: Distribution | None

    def load(self) -> Any:
        """The module, or the object it names (as importlib.metadata's ``EntryPoint.load``)."""
        module, _, attribute = self.value.split("[", 1)[0].partition(":")
        loaded: Any = importlib.import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def entry_points(group: str) -> list[EntryPoint]:
    """Every installed entry point of ``group``, in importlib.metadata's order."""
    folders = [path or "." for path in sys.path]
    if not _folders_say_all(folders):
        return _from_importlib(group)
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for folder in folders:
        for name, metadata in _distributions(folder):
            if name in seen:
                continue
            seen.add(name)
            dist = Distribution(partial(_version, metadata))
            found.extend(EntryPoint(n, v, dist) for n, v in _group(os.path.join(metadata, "entry_points.txt"), group))
    return found


def _folders_say_all(folders: list[str]) -> bool:
    """Whether the metadata folders in ``folders`` are all importlib.metadata would find."""
    others = [finder for finder in sys.meta_path if finder is not PathFinder]
    if any(hasattr(finder, "find_distributions") for finder in others):
        return False
    return not any(folder.lower().endswith(".egg") or os.path.isfile(folder) for folder in folders)


def _distributions(folder: str) -> Iterator[tuple[str, str]]:
    """(normalised name, metadata folder) of each distribution in ``folder``, in the order the folder lists them
    (importlib.metadata's ``FastPath``: ``Foo_Bar-1.0.dist-info`` is ``foo_bar``)."""
    try:
        children = os.listdir(folder)
    except OSError:  # not a folder (a path hook's name, a folder gone)
        return
    for child in children:
        if child.lower().endswith(METADATA_FOLDERS):
            name = child.lower().rpartition(".")[0].partition("-")[0]
            yield re.sub(r"[-_.]+", "_", name), os.path.join(folder, child)


def _group(path: str, group: str) -> Iterator[tuple[str, str]]:
    """(name, value) of each entry in ``group``'s section of an ``entry_points.txt`` (none when there is none)."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:
        return
    section = None
    for line in map(str.strip, lines):
        if not line or line.startswith("#"):  # importlib.metadata's comments
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _version(metadata: str) -> str | None:
    """The ``Version:`` header of a distribution's METADATA (PKG-INFO in an egg-info folder)."""
    for file in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(metadata, file), encoding="utf-8") as headers:
                for line in headers:
                    if not line.strip():
                        break  # the headers end at the first empty line; the description follows
                    if line.lower().startswith("version:"):
                        return line.partition(":")[2].strip()
        except OSError:
            continue
    return None


def _from_importlib(group: str) -> list[EntryPoint]:
    from importlib import metadata

    dists: dict[int, Distribution] = {}
    found = []
    for ep in metadata.entry_points(group=group):
        dist = None
        if ep.dist is not None:
            dist = dists.setdefault(id(ep.dist), Distribution(partial(getattr, ep.dist, "version")))
        found.append(EntryPoint(ep.name, ep.value, dist))
    return found
